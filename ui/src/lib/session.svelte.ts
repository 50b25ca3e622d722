// Application state: which phase the window is in (start, create, unlock, app), the current
// route inside the unlocked app, the save state, and the vault-bound data shared by screens.
// Everything vault-bound is emptied by resetVaultState() when the vault locks.
import type {
  AppInfo,
  Category,
  ContactType,
  DossierStatus,
  Language,
  Narrative,
  Organisation,
  ReportProfile,
  UiSaveState,
  Settings,
  VaultStatus,
} from './types';

export type Phase = 'loading' | 'start' | 'create' | 'unlock' | 'app';

export type Route =
  | { name: 'overview' }
  | { name: 'dossiers' }
  | { name: 'dossier'; id: number | null }
  | { name: 'destroy'; numbers: string[] }
  | { name: 'import' }
  | { name: 'organisations' }
  | { name: 'hours' }
  | { name: 'invoices' }
  | { name: 'reports' }
  | { name: 'settings' };

/** Which part of the year a report covers. */
export type PeriodPart = 'two' | 'year' | 'H1' | 'H2' | 'Q1' | 'Q2' | 'Q3' | 'Q4';

/** The report screen's choices and text; kept while the vault is open so a trip to another
 * screen loses nothing, and dropped on lock like all vault data. */
export interface ReportForm {
  pooled: boolean;
  organisationId: number | null;
  pooledIds: number[];
  pooledTitle: string;
  /** A joint report of the one organisation with the colleagues' contributions. */
  joint: boolean;
  year: number | null;
  part: PeriodPart;
  profile: ReportProfile;
  lang: Language | null;
  narrative: Narrative;
  recipient: string;
  pdfPath: string;
  csvPath: string;
  csvDialect: 'csv' | 'csv_excel_nl';
}

export function emptyReportForm(): ReportForm {
  return {
    pooled: false,
    organisationId: null,
    pooledIds: [],
    pooledTitle: '',
    joint: false,
    year: null,
    part: 'year',
    profile: 'standaard',
    lang: null,
    narrative: { activities: '', signals: '', recommendations: '' },
    recipient: '',
    pdfPath: '',
    csvPath: '',
    csvDialect: 'csv',
  };
}

export interface DossierListState {
  search: string;
  organisation_id: number | null;
  status: DossierStatus | null;
  year: number | null;
  contact_type: ContactType | null;
  category: string | null;
  /** Deadline filter: overdue, overdue or due within 3 days, or any open deadline. */
  deadlines: DeadlineFilter | null;
  sort: SortKey;
  descending: boolean;
  scrollTop: number;
}

/** The dossier list's deadline filter (the core takes a "due on or before" day). */
export type DeadlineFilter = 'overdue' | 'soon' | 'open';

export type SortKey =
  | 'number'
  | 'organisation_name'
  | 'contact_type'
  | 'status'
  | 'opened_on'
  | 'closed_on'
  | 'conversation_count'
  | 'destroy_by';

export function emptyListState(): DossierListState {
  return {
    search: '',
    organisation_id: null,
    status: null,
    year: null,
    contact_type: null,
    category: null,
    deadlines: null,
    sort: 'number',
    descending: true,
    scrollTop: 0,
  };
}

/** Window-level state that survives locking (it holds no dossier data). */
export const session = $state({
  phase: 'loading' as Phase,
  appInfo: null as AppInfo | null,
  /** The vault file the unlock screen opens. */
  vaultPath: null as string | null,
  /** Shown on the unlock screen after opening the demo vault. */
  demoPassphrase: null as string | null,
  /** Why we are on the unlock screen (for example after auto-lock). */
  lockedNote: false,
  /** The vault locked with a change it could not save; the change is kept until unlock. */
  changeKept: false,
  startError: null as string | null,
});

/** Vault-bound state: reset to empty on lock. */
export const vault = $state({
  status: null as VaultStatus | null,
  saveState: 'saved' as UiSaveState,
  organisations: [] as Organisation[],
  categories: [] as Category[],
  settings: null as Settings | null,
  route: { name: 'overview' } as Route,
  list: emptyListState(),
  report: emptyReportForm(),
  /** Set by Ctrl+F outside the dossier list: the list focuses its search box when it mounts. */
  focusSearch: false,
  /** Number of open modal dialogs (global shortcuts pause while one is open). */
  modals: 0,
  /** Locking failed (the backend could not even seal the unsaved change): still open. */
  lockError: null as string | null,
  /** This unlock brought back a change kept at lock: saved now, or still not saved. */
  keptChange: null as 'saved' | 'not_saved' | null,
});

export function navigate(route: Route): void {
  vault.route = route;
}

/** Drops every piece of vault data: stores are set to empty, not merely hidden. */
export function resetVaultState(): void {
  vault.status = null;
  vault.saveState = 'saved';
  vault.organisations = [];
  vault.categories = [];
  vault.settings = null;
  vault.route = { name: 'overview' };
  vault.list = emptyListState();
  vault.report = emptyReportForm();
  vault.focusSearch = false;
  vault.modals = 0;
  vault.lockError = null;
  vault.keptChange = null;
}

/** File name without folders and extension, for display when the backend gave no name. */
export function vaultNameFromPath(path: string | null | undefined): string {
  if (!path) return '';
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.kluis$/i, '');
}
