// The ONLY module that talks to the Rust side: Tauri commands (invoke), events (listen) and the
// file dialogs. One typed function per command of docs/ipc.md. Every rejection is normalised to
// an IpcError so components branch on `code`, never on message strings.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { open as openDialog, save as saveDialog } from '@tauri-apps/plugin-dialog';
import { ERROR_CODES } from './vocab';
import type { ConflictDecisionInput, LinkKind, PartyInput, PartyOverview, SupportedSide } from './types';
import type { AdvisorDetails, Agreement, Invoice, InvoiceFile, InvoiceLine, TimelineEvent } from './types';
import type { DocumentAdded, DocumentCopy, DocumentsView } from './types';
import type { HandoverFile, HandoverImported, HandoverOptions, ReceiveKey } from './types';
import type { ContributionFile, ContributionImported, ContributionView, ReceiptFile, ReceiptImported } from './types';
import type { Lang, Letter, LetterCopied, LetterDraft, LetterFile, LetterInput, LetterKind, LetterTemplate } from './types';
import type {
  AboutInfo,
  AccessDocument,
  AccessFile,
  AccessRequest,
  AccessRequestInput,
  AppInfo,
  Breach,
  BreachInput,
  Category,
  CloseInput,
  Conversation,
  ConversationInput,
  Deadline,
  DeadlineInput,
  DemoVault,
  DestroyRequest,
  DestroyedCopies,
  DestructionLogEntry,
  DestructionOutcome,
  DestructionPlan,
  Dossier,
  DossierFilter,
  DossierInput,
  DossierSummary,
  DryRun,
  ErrorCode,
  ExportFormat,
  ExportOutcome,
  ExportTargetInput,
  LintView,
  Mapping,
  FieldError,
  ImportInspection,
  ImportOutcome,
  IpcError,
  Language,
  MonthHours,
  Organisation,
  OrganisationInput,
  Overview,
  ReportOptions,
  ReportRequestInput,
  ReportView,
  RetentionRule,
  UiSaveState,
  PublicKeyView,
  Settings,
  TimeEntry,
  TimeEntryInput,
  UnlockMethod,
  ValueReview,
  VaultStatus,
} from './types';

// ---------------------------------------------------------------------------------------------
// Errors

const KNOWN_CODES = new Set<string>(ERROR_CODES);

/** Whether a value already has the IpcError shape. */
export function isIpcError(e: unknown): e is IpcError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { code?: unknown }).code === 'string' &&
    KNOWN_CODES.has((e as { code: string }).code)
  );
}

/** Turns anything a command or plugin may reject with into an IpcError. */
export function toIpcError(e: unknown): IpcError {
  if (typeof e === 'string') {
    const s = e.trim();
    if (s.startsWith('{')) {
      try {
        return toIpcError(JSON.parse(s));
      } catch {
        // not JSON: fall through
      }
    }
    return { code: 'internal', message: e, fields: [] };
  }
  if (typeof e === 'object' && e !== null) {
    const o = e as { code?: unknown; message?: unknown; fields?: unknown };
    const code: ErrorCode =
      typeof o.code === 'string' && KNOWN_CODES.has(o.code) ? (o.code as ErrorCode) : 'internal';
    const message = typeof o.message === 'string' ? o.message : e instanceof Error ? e.message : '';
    const fields: FieldError[] = Array.isArray(o.fields)
      ? o.fields.filter(
          (f): f is FieldError =>
            typeof f === 'object' && f !== null && typeof f.field === 'string' && typeof f.code === 'string',
        )
      : [];
    return { code, message, fields };
  }
  return { code: 'internal', message: String(e), fields: [] };
}

// ---------------------------------------------------------------------------------------------
// Listeners: lock and save state

type LockListener = () => void;
type SaveListener = (state: UiSaveState) => void;

const lockListeners = new Set<LockListener>();
const saveListeners = new Set<SaveListener>();
let inFlight = 0;

function emitLocked(): void {
  for (const l of [...lockListeners]) l();
}

function emitSave(state: UiSaveState): void {
  for (const l of [...saveListeners]) l(state);
}

/**
 * Calls `cb` when the vault is locked behind the UI's back: the `vault-locked` event (auto-lock,
 * system lock) or a command answering `not_unlocked`. Returns a function that unsubscribes.
 */
export function onVaultLocked(cb: LockListener): () => void {
  lockListeners.add(cb);
  return () => lockListeners.delete(cb);
}

/** Calls `cb` with "saving" / "saved" / "error" for every mutating command and `save-state` event. */
export function onSaveState(cb: SaveListener): () => void {
  saveListeners.add(cb);
  return () => saveListeners.delete(cb);
}

let eventsStarted = false;

/** Subscribes to the backend events once (call at start-up). Safe outside Tauri (no-op). */
export async function startEvents(): Promise<void> {
  if (eventsStarted) return;
  eventsStarted = true;
  try {
    await listen('vault-locked', () => emitLocked());
    await listen<UiSaveState>('save-state', (e) => {
      if (e.payload === 'saving' || e.payload === 'saved' || e.payload === 'error') emitSave(e.payload);
    });
  } catch {
    // Not running inside Tauri (plain browser preview): there are no events to hear.
  }
}

// ---------------------------------------------------------------------------------------------
// Calls

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    const err = toIpcError(e);
    if (err.code === 'not_unlocked') emitLocked();
    throw err;
  }
}

/** A command that changes the vault: the save state follows it. */
async function mutate<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  inFlight += 1;
  emitSave('saving');
  try {
    const result = await call<T>(cmd, args);
    inFlight -= 1;
    if (inFlight === 0) emitSave('saved');
    return result;
  } catch (e) {
    inFlight -= 1;
    const err = e as IpcError;
    // A rejected input was not saved but nothing is lost either; anything else is a save error.
    if (err.code === 'validation' || err.code === 'not_unlocked') {
      if (inFlight === 0) emitSave('saved');
    } else {
      emitSave('error');
    }
    throw err;
  }
}

// App (no vault needed)
export const appInfo = () => call<AppInfo>('app_info');
export const appAbout = () => call<AboutInfo>('app_about');
export const appSetLanguage = (language: Language) => call<void>('app_set_language', { language });

// Vault
export const vaultStatus = () => call<VaultStatus>('vault_status');
export const passphraseStrength = (passphrase: string) => call<number>('passphrase_strength', { passphrase });
export const vaultCreate = (path: string, passphrase: string) => call<string>('vault_create', { path, passphrase });
export const vaultUnlock = (path: string, secret: string, method: UnlockMethod) =>
  call<VaultStatus>('vault_unlock', { path, secret, method });
export const vaultOpenDemo = () => call<DemoVault>('vault_open_demo');
export const vaultLock = () => call<void>('vault_lock');
export const vaultTouch = () => call<void>('vault_touch');
export const vaultChangePassphrase = (newPassphrase: string) =>
  mutate<void>('vault_change_passphrase', { newPassphrase });
export const vaultNewRecoveryKey = () => mutate<string>('vault_new_recovery_key');
export const vaultBackup = (dest: string) => call<string>('vault_backup', { dest });
export const clipboardCopy = (text: string) => call<void>('clipboard_copy', { text });

// Overview
export const overviewGet = () => call<Overview>('overview_get');

// Organisations and categories
export const organisationsList = (includeArchived: boolean) =>
  call<Organisation[]>('organisations_list', { includeArchived });
export const organisationCreate = (input: OrganisationInput) =>
  mutate<Organisation>('organisation_create', { input });
export const organisationUpdate = (id: number, input: OrganisationInput) =>
  mutate<Organisation>('organisation_update', { id, input });
export const organisationArchive = (id: number, archived: boolean) =>
  mutate<Organisation>('organisation_archive', { id, archived });
export const categoriesList = () => call<Category[]>('categories_list');

// Dossiers
export const dossiersList = (filter: DossierFilter) => call<DossierSummary[]>('dossiers_list', { filter });
export const dossierGet = (id: number) => call<Dossier>('dossier_get', { id });
export const dossierCreate = (input: DossierInput) => mutate<Dossier>('dossier_create', { input });
export const dossierUpdate = (id: number, input: DossierInput) => mutate<Dossier>('dossier_update', { id, input });
export const dossierClose = (id: number, input: CloseInput) => mutate<Dossier>('dossier_close', { id, input });
export const dossierReopen = (id: number) => mutate<Dossier>('dossier_reopen', { id });

// Conversations
export const conversationAdd = (dossierId: number, input: ConversationInput) =>
  mutate<Conversation>('conversation_add', { dossierId, input });
export const conversationUpdate = (id: number, input: ConversationInput) =>
  mutate<Conversation>('conversation_update', { id, input });
export const conversationDelete = (id: number) => mutate<void>('conversation_delete', { id });

// Hours
export const timeEntriesList = (organisationId: number | null, year: number, month: number) =>
  call<TimeEntry[]>('time_entries_list', { organisationId, year, month });
export const timeEntryAdd = (input: TimeEntryInput) => mutate<TimeEntry>('time_entry_add', { input });
export const timeEntryUpdate = (id: number, input: TimeEntryInput) =>
  mutate<TimeEntry>('time_entry_update', { id, input });
export const timeEntryDelete = (id: number) => mutate<void>('time_entry_delete', { id });
export const monthHours = (organisationId: number | null, year: number, month: number) =>
  call<MonthHours[]>('month_hours', { organisationId, year, month });

// Settings
export const settingsGet = () => call<Settings>('settings_get');
// The vault's public signing key (made by the core on first need in an older vault).
export const signingKeyGet = () => call<PublicKeyView>('signing_key_get');
export const settingsSet = (settings: Settings) => mutate<Settings>('settings_set', { settings });

// Retention and destruction. The core decides what may be destroyed; a refusal comes back as
// legal_hold, dossier_open, not_reported or retention_not_over.
export const retentionGet = () => call<RetentionRule>('retention_get');
export const retentionSetDefault = (months: number) => mutate<RetentionRule>('retention_set_default', { months });
export const retentionSetOrganisation = (organisationId: number, months: number | null) =>
  mutate<RetentionRule>('retention_set_organisation', { organisationId, months });
export const destructionPlan = (numbers: string[]) => call<DestructionPlan>('destruction_plan', { numbers });
export const dossiersDestroy = (request: DestroyRequest) =>
  mutate<DestructionOutcome>('dossiers_destroy', { request });
export const destructionLogGet = () => call<DestructionLogEntry[]>('destruction_log_get');
export const destroyedCopiesGet = () => call<DestroyedCopies>('destroyed_copies_get');
export const destroyedBackupsPurge = () => call<DestroyedCopies>('destroyed_backups_purge');

// Deadlines and the breach register. The core counts every due date; a refusal comes back as
// already_extended, not_extendable, deadline_done or wbk_not_applicable.
export const deadlinesList = (dossierId: number) => call<Deadline[]>('deadlines_list', { dossierId });
export const deadlineAdd = (dossierId: number, input: DeadlineInput) =>
  mutate<Deadline>('deadline_add', { dossierId, input });
export const deadlineComplete = (id: number, doneOn: string) =>
  mutate<Deadline[]>('deadline_complete', { id, doneOn });
export const deadlineExtend = (id: number, reason: string) => mutate<Deadline>('deadline_extend', { id, reason });
export const deadlineDelete = (id: number) => mutate<void>('deadline_delete', { id });
export const breachesList = () => call<Breach[]>('breaches_list');
export const breachAdd = (input: BreachInput) => mutate<Breach>('breach_add', { input });
export const breachUpdate = (id: number, input: BreachInput) => mutate<Breach>('breach_update', { id, input });

// Access requests (inzage). The core records the request and its deadline, redacts the passages
// about third parties (each must be in the text: validation `not_in_text`) and writes the files
// as reports are (never over an existing file: file_exists), logged in the export log.
export const accessRequestAdd = (dossierId: number, input: AccessRequestInput) =>
  mutate<AccessRequest>('access_request_add', { dossierId, input });
export const accessRequestsList = (dossierId: number) => call<AccessRequest[]>('access_requests_list', { dossierId });
export const accessPreview = (number: string, redactions: string[]) =>
  call<AccessDocument>('access_preview', { number, redactions });
export const accessExport = (
  number: string,
  redactions: string[],
  recipient: string,
  pdf: string | null,
  json: string | null,
) => call<AccessFile[]>('access_export', { number, redactions, recipient, pdf, json });

// Import of an existing registration. Each step reads the file again from its path (nothing of
// it stays in the app); the commit dry-runs again, imports all rows in one transaction and saves
// (the backend's save-state event follows it). A refusal comes back as import_has_errors,
// already_imported, unreadable_file, ...
export const importInspect = (path: string, sheet: string | null, headerRow: number) =>
  call<ImportInspection>('import_inspect', { path, sheet, headerRow });
export const importValues = (path: string, mapping: Mapping) =>
  call<ValueReview[]>('import_values', { path, mapping });
export const importDryRun = (path: string, mapping: Mapping) => call<DryRun>('import_dry_run', { path, mapping });
export const importCommit = (path: string, mapping: Mapping, again: boolean) =>
  call<ImportOutcome>('import_commit', { path, mapping, again });
export const importRemoveSource = () => call<void>('import_remove_source');

// Reports. Preparing runs the disclosure audit (a second or more) off the UI thread; the
// export records the release and the export log and saves the vault itself: the backend's
// `save-state` event follows it, so it is a plain call (a refused file is not a save error).
export const reportOptions = () => call<ReportOptions>('report_options');
export const reportPrepare = (request: ReportRequestInput) => call<ReportView>('report_prepare', { request });
export const reportLint = (request: ReportRequestInput, total: number) =>
  call<LintView[]>('report_lint', { request, total });
export const reportExport = (
  request: ReportRequestInput,
  targets: ExportTargetInput[],
  recipient: string,
  acceptLint: boolean,
) => call<ExportOutcome>('report_export', { request, targets, recipient, acceptLint });

// ---------------------------------------------------------------------------------------------
// File dialogs (the plugin only returns a path; the Rust side reads and writes the files)

const VAULT_FILTER = [{ name: 'Kluis', extensions: ['kluis'] }];

async function dialog<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw toIpcError(e);
  }
}

/** Asks for an existing vault file; null when cancelled. */
export async function pickVaultToOpen(title: string): Promise<string | null> {
  const picked = await dialog(openDialog({ title, multiple: false, directory: false, filters: VAULT_FILTER }));
  return typeof picked === 'string' ? picked : null;
}

/** Asks where a new vault file goes; null when cancelled. */
export async function pickNewVaultPath(title: string, defaultPath: string): Promise<string | null> {
  const picked = await dialog(saveDialog({ title, defaultPath, filters: VAULT_FILTER }));
  return picked ?? null;
}

/** Asks where an exported report goes; null when cancelled. */
export async function pickReportPath(title: string, defaultPath: string, format: ExportFormat): Promise<string | null> {
  const filters =
    format === 'pdf' ? [{ name: 'PDF', extensions: ['pdf'] }] : [{ name: 'CSV', extensions: ['csv'] }];
  const picked = await dialog(saveDialog({ title, defaultPath, filters }));
  return picked ?? null;
}

/** Asks where an invoice file (PDF, UBL XML, register CSV) goes; null when cancelled. */
export async function pickInvoicePath(title: string, defaultPath: string, kind: 'pdf' | 'xml' | 'csv'): Promise<string | null> {
  const names = { pdf: 'PDF', xml: 'UBL (XML)', csv: 'CSV' };
  const picked = await dialog(saveDialog({ title, defaultPath, filters: [{ name: names[kind], extensions: [kind] }] }));
  return picked ?? null;
}

/** Asks for documents to keep in a dossier (any kind, several at once); [] when cancelled. */
export async function pickDocuments(title: string): Promise<string[]> {
  const picked = await dialog(openDialog({ title, multiple: true, directory: false }));
  if (Array.isArray(picked)) return picked;
  return typeof picked === 'string' ? [picked] : [];
}

/** Asks where a copy of a document goes; null when cancelled. */
export async function pickDocumentCopyPath(title: string, defaultPath: string): Promise<string | null> {
  const picked = await dialog(saveDialog({ title, defaultPath }));
  return picked ?? null;
}

/**
 * Files dropped on the window: Tauri's drag-drop event gives their full paths (a web drop
 * would not). `hover` says when files are dragged over the window. Returns the unsubscribe.
 */
export async function onFilesDropped(cb: (paths: string[]) => void, hover: (on: boolean) => void): Promise<() => void> {
  return getCurrentWebview().onDragDropEvent((e) => {
    const p = e.payload;
    if (p.type === 'drop') {
      hover(false);
      cb(p.paths);
    } else hover(p.type === 'enter' || p.type === 'over');
  });
}

/** Asks where an access export's JSON goes; null when cancelled. */
export async function pickJsonPath(title: string, defaultPath: string): Promise<string | null> {
  const picked = await dialog(saveDialog({ title, defaultPath, filters: [{ name: 'JSON', extensions: ['json'] }] }));
  return picked ?? null;
}

/** Asks for a spreadsheet or CSV file to import; null when cancelled. */
export async function pickImportFile(title: string): Promise<string | null> {
  const filters = [{ name: 'Excel, OpenDocument, CSV', extensions: ['xlsx', 'xls', 'ods', 'csv', 'txt', 'tsv'] }];
  const picked = await dialog(openDialog({ title, multiple: false, directory: false, filters }));
  return typeof picked === 'string' ? picked : null;
}

/** Asks where a backup copy goes; null when cancelled. */
export async function pickBackupPath(title: string, defaultPath: string): Promise<string | null> {
  const picked = await dialog(saveDialog({ title, defaultPath, filters: VAULT_FILTER }));
  return picked ?? null;
}

// ---- parties (betrokkenen), the conflict check and links ----
// Every change answers with the dossier's whole overview (parties, matches, decisions, links).

export const partiesOverview = (dossierId: number) => call<PartyOverview>('parties_overview', { dossierId });
export const partyAdd = (dossierId: number, input: PartyInput) =>
  mutate<PartyOverview>('party_add', { dossierId, input });
export const partyRemove = (id: number) => mutate<PartyOverview>('party_remove', { id });
export const partySetSupport = (dossierId: number, side: SupportedSide) =>
  mutate<PartyOverview>('party_set_support', { dossierId, side });
export const conflictDecide = (dossierId: number, input: ConflictDecisionInput) =>
  mutate<PartyOverview>('conflict_decide', { dossierId, input });
export const linkAdd = (dossierId: number, otherNumber: string, kind: LinkKind) =>
  mutate<PartyOverview>('link_add', { dossierId, otherNumber, kind });
export const linkRemove = (dossierId: number, id: number) => mutate<PartyOverview>('link_remove', { dossierId, id });

/** A dossier's history (opened, conversations, parties, deadlines, ... closed), oldest first. */
export const dossierTimeline = (dossierId: number) => call<TimelineEvent[]>('dossier_timeline', { dossierId });

// ---------------------------------------------------------------------------------------------
// Invoicing. Drafts come from the registered time; a final invoice never changes (credit it);
// files are written by the core, never over an existing file, and logged.

export const invoiceDetailsGet = () => call<AdvisorDetails>('invoice_details_get');
export const invoiceDetailsSet = (details: AdvisorDetails) =>
  mutate<AdvisorDetails>('invoice_details_set', { details });
export const agreementGet = (organisationId: number) => call<Agreement | null>('agreement_get', { organisationId });
export const agreementSet = (organisationId: number, agreement: Agreement) =>
  mutate<Agreement>('agreement_set', { organisationId, agreement });
export const invoicesList = (organisationId: number | null) => call<Invoice[]>('invoices_list', { organisationId });
export const invoiceDraft = (organisationId: number, period: string) =>
  mutate<Invoice>('invoice_draft', { organisationId, period });
export const invoiceUpdateLines = (id: number, lines: InvoiceLine[]) =>
  mutate<Invoice>('invoice_update_lines', { id, lines });
export const invoiceDeleteDraft = (id: number) => mutate<null>('invoice_delete_draft', { id });
export const invoiceFinalize = (id: number, issuedOn: string) => mutate<Invoice>('invoice_finalize', { id, issuedOn });
export const invoiceCredit = (id: number, issuedOn: string) => mutate<Invoice>('invoice_credit', { id, issuedOn });
export const invoiceSetRegister = (id: number, sentOn: string | null, paidOn: string | null) =>
  mutate<Invoice>('invoice_set_register', { id, sentOn, paidOn });
export const invoiceExport = (id: number, pdf: string | null, ubl: string | null) =>
  call<InvoiceFile[]>('invoice_export', { id, pdf, ubl });
export const invoiceRegisterExport = (organisationId: number | null, excel: boolean, path: string) =>
  call<InvoiceFile[]>('invoice_register_export', { organisationId, excel, path });

// ---------------------------------------------------------------------------------------------
// Documents of a dossier, kept inside the vault. Reading a file (refused unread over 25 MB),
// the kind, the copy and its export-log entry are the core's; `path` is a full path from the
// open/save dialog or a drop. Adding, copying and removing save the whole vault themselves
// (the backend's `save-state` event follows), so they are plain calls: a refusal
// (`document_exists`, `document_too_large`, `file_exists`, `document_on_hold`) is no save error.

export const documentsList = (dossierId: number) => call<DocumentsView>('documents_list', { dossierId });
export const documentAdd = (dossierId: number, path: string, removeOriginal: boolean) =>
  call<DocumentAdded>('document_add', { dossierId, path, removeOriginal });
export const documentExport = (id: number, path: string) => call<DocumentCopy>('document_export', { id, path });
export const documentRemove = (id: number) => call<DocumentsView>('document_remove', { id });

// ---------------------------------------------------------------------------------------------
// Letters. Templates (Kluis's or the advisor's own per kind and language), a dossier's draft
// with its fields filled in, and the letter leaving the vault as a PDF or as copied text: both
// are checked by the core first (`unfilled_field` while a field is left in braces), kept with
// the dossier, logged and saved by the backend itself.

export const letterTemplates = () => call<LetterTemplate[]>('letter_templates');
export const letterTemplateSet = (kind: LetterKind, lang: Lang, subject: string, body: string) =>
  call<LetterTemplate>('letter_template_set', { kind, lang, subject, body });
export const letterTemplateReset = (kind: LetterKind, lang: Lang) => call<LetterTemplate>('letter_template_reset', { kind, lang });
export const letterDraft = (dossierId: number, kind: LetterKind, lang: Lang) =>
  call<LetterDraft>('letter_draft', { dossierId, kind, lang });
export const lettersList = (dossierId: number) => call<Letter[]>('letters_list', { dossierId });
export const letterExport = (dossierId: number, letter: LetterInput, path: string) =>
  call<LetterFile>('letter_export', { dossierId, letter, path });
export const letterCopy = (dossierId: number, letter: LetterInput) => call<LetterCopied>('letter_copy', { dossierId, letter });

/** Asks where a letter's PDF goes; null when cancelled. */
export async function pickLetterPath(title: string, defaultPath: string): Promise<string | null> {
  const picked = await dialog(saveDialog({ title, defaultPath, filters: [{ name: 'PDF', extensions: ['pdf'] }] }));
  return picked ?? null;
}

// ---------------------------------------------------------------------------------------------
// Handing dossiers over. This vault's receiving key (made and saved on first need), a handover
// file of chosen dossiers for a colleague's key, and the import of a file made for this vault
// (`handover_not_for_you`, `not_a_handover`). Export and import save the vault themselves.

export const handoverKey = () => call<ReceiveKey>('handover_key');
/** For `to` (a receiving key), or sealed with `passphrase` when one is given. */
export const handoverExport = (numbers: string[], options: HandoverOptions, to: string, passphrase: string | null, path: string) =>
  call<HandoverFile>('handover_export', { numbers, options, to, passphrase, path });
export const handoverImport = (path: string, passphrase: string | null) =>
  call<HandoverImported>('handover_import', { path, passphrase });

/** Asks where a handover file goes; null when cancelled. */
export async function pickHandoverPath(title: string): Promise<string | null> {
  const picked = await dialog(saveDialog({ title, defaultPath: 'overdracht.age' }));
  return picked ?? null;
}

/** Asks which handover file to read; null when cancelled. */
export async function pickHandoverFile(title: string): Promise<string | null> {
  const picked = await dialog(openDialog({ title, multiple: false, directory: false }));
  return typeof picked === 'string' ? picked : null;
}

// ---------------------------------------------------------------------------------------------
// Joint reports of several advisors for one organisation. A contribution for the coordinator's
// receiving key, the import of colleagues' contributions (`not_a_contribution`,
// `contribution_exists`, `joint_unknown_organisation`, `joint_unknown_category`), the signed
// receipts after the joint report was exported (`joint_not_published`) and the import of a
// receipt (`not_a_receipt`). The joint report itself is `reportPrepare` with `joint: true`.

export const jointContributions = (organisationId: number, period: string) =>
  call<ContributionView[]>('joint_contributions', { organisationId, period });
export const jointContribute = (organisationId: number, period: string, to: string, path: string) =>
  call<ContributionFile>('joint_contribute', { organisationId, period, to, path });
export const jointImport = (path: string) => call<ContributionImported>('joint_import', { path });
export const jointReceipts = (organisationId: number, period: string, dir: string) =>
  call<ReceiptFile[]>('joint_receipts', { organisationId, period, dir });
export const jointReceiptImport = (path: string) => call<ReceiptImported>('joint_receipt_import', { path });

/** Asks where a contribution goes; null when cancelled. */
export async function pickContributionPath(title: string): Promise<string | null> {
  const picked = await dialog(saveDialog({ title, defaultPath: 'bijdrage.age' }));
  return picked ?? null;
}

/** Asks for a folder; null when cancelled. */
export async function pickFolder(title: string): Promise<string | null> {
  const picked = await dialog(openDialog({ title, multiple: false, directory: true }));
  return typeof picked === 'string' ? picked : null;
}
