// Application state: which phase the window is in (start, create, unlock, app), the current
// route inside the unlocked app, the save state, and the vault-bound data shared by screens.
// Everything vault-bound is emptied by resetVaultState() when the vault locks.
import type {
  AppInfo,
  Category,
  ContactType,
  DossierStatus,
  Organisation,
  UiSaveState,
  Settings,
  VaultStatus,
} from './types';

export type Phase = 'loading' | 'start' | 'create' | 'unlock' | 'app';

export type Route =
  | { name: 'overview' }
  | { name: 'dossiers' }
  | { name: 'dossier'; id: number | null }
  | { name: 'organisations' }
  | { name: 'hours' }
  | { name: 'settings' };

export interface DossierListState {
  search: string;
  organisation_id: number | null;
  status: DossierStatus | null;
  year: number | null;
  contact_type: ContactType | null;
  category: string | null;
  sort: SortKey;
  descending: boolean;
  scrollTop: number;
}

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
  /** Set by Ctrl+F outside the dossier list: the list focuses its search box when it mounts. */
  focusSearch: false,
  /** Number of open modal dialogs (global shortcuts pause while one is open). */
  modals: 0,
  /** Locking failed (the backend could not save first): the vault is still open. */
  lockError: null as string | null,
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
  vault.focusSearch = false;
  vault.modals = 0;
  vault.lockError = null;
}

/** File name without folders and extension, for display when the backend gave no name. */
export function vaultNameFromPath(path: string | null | undefined): string {
  if (!path) return '';
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.kluis$/i, '');
}
