// The closed vocabularies as runtime lists, in display order (the order of `ALL` in
// src/model/codes.rs). Each list is built from a Record over the union type, so adding or
// removing a code on the Rust side breaks the type check here until the list follows.
import type {
  Action,
  Activity,
  Arrangement,
  CategoryGroup,
  ConsentScope,
  ContactType,
  ConversationMode,
  DeadlineKind,
  DeadlineUrgency,
  DestructionBlock,
  DocumentKind,
  LetterField,
  LetterKind,
  LetterVia,
  DossierStatus,
  ErrorCode,
  Gender,
  IdentityCheck,
  Outcome,
  Relation,
  ReporterRole,
  ValidationCode,
} from './types';

function list<T extends string>(order: Record<T, number>): T[] {
  return (Object.keys(order) as T[]).sort((a, b) => order[a] - order[b]);
}

export const CONTACT_TYPES = list<ContactType>({
  consult: 0,
  melding_omgangsvormen: 1,
  melding_integriteit: 2,
  vermoeden_misstand: 3,
  overig: 4,
});
export const DOSSIER_STATUSES = list<DossierStatus>({ open: 0, gesloten: 1 });
export const REPORTER_ROLES = list<ReporterRole>({
  medewerker: 0,
  leidinggevende: 1,
  flexibel: 2,
  oud_medewerker: 3,
  extern: 4,
});
export const RELATIONS = list<Relation>({
  leidinggevende: 0,
  collega: 1,
  ondergeschikte: 2,
  extern: 3,
  onbekend: 4,
});
export const ACTIONS = list<Action>({
  luisterend_oor: 0,
  advies_informatie: 1,
  verwijzing: 2,
  begeleiding_gesprek: 3,
  bemiddeling_derde: 4,
  formele_klacht: 5,
  interne_melding: 6,
});
export const OUTCOMES = list<Outcome>({
  informeel_opgelost: 0,
  formele_klacht: 1,
  geen_vervolg: 2,
  doorverwezen: 3,
  onbekend: 4,
});
export const CONVERSATION_MODES = list<ConversationMode>({ persoonlijk: 0, telefoon: 1, video: 2, email: 3 });
export const ACTIVITIES = list<Activity>({
  voorlichting: 0,
  advies_organisatie: 1,
  overleg: 2,
  rapportage: 3,
  overig: 4,
});
export const ARRANGEMENTS = list<Arrangement>({ collectief: 0, maatwerk: 1 });
export const GENDERS = list<Gender>({ vrouw: 0, man: 1, anders: 2 });
export const CONSENT_SCOPES = list<ConsentScope>({ dossier: 0, dossier_en_derden: 1 });
export const CATEGORY_GROUPS = list<CategoryGroup>({ omgangsvormen: 0, integriteit: 1, overig: 2 });
export const DESTRUCTION_BLOCKS = list<DestructionBlock>({
  juridische_blokkade: 0,
  open: 1,
  niet_gerapporteerd: 2,
  termijn_loopt: 3,
});
export const DEADLINE_KINDS = list<DeadlineKind>({
  wbk_ontvangstbevestiging: 0,
  wbk_terugkoppeling: 1,
  inzageverzoek: 2,
  vervolg: 3,
});
export const DEADLINE_URGENCIES = list<DeadlineUrgency>({ verlopen: 0, binnenkort: 1, later: 2, afgerond: 3 });
/** Kinds the law lets the advisor extend once (the core's `DeadlineKind::extension_months`). */
export const EXTENDABLE_KINDS: readonly DeadlineKind[] = ['wbk_terugkoppeling', 'inzageverzoek'];
/** Kinds of the Wet bescherming klokkenluiders (the core's `DeadlineKind::is_wbk`). */
export const WBK_KINDS: readonly DeadlineKind[] = ['wbk_ontvangstbevestiging', 'wbk_terugkoppeling'];

export const IDENTITY_CHECKS = list<IdentityCheck>({
  legitimatiebewijs: 0,
  videogesprek: 1,
  bekend_uit_gesprekken: 2,
  anders: 3,
});

export const DOCUMENT_KINDS = list<DocumentKind>({ pdf: 0, email: 1, image: 2, office: 3, text: 4, other: 5 });

export const LETTER_KINDS = list<LetterKind>({ toestemming: 0, wbk_bevestiging: 1, doorverwijzing: 2, afsluiting: 3, inzage: 4 });

export const LETTER_VIAS = list<LetterVia>({ pdf: 0, kopie: 1 });

export const LETTER_FIELDS = list<LetterField>({
  aan: 0,
  dossier: 1,
  organisatie: 2,
  datum: 3,
  eerste_contact: 4,
  toestemming_op: 5,
  laatste_gesprek: 6,
  afgesloten_op: 7,
  melding_ontvangen: 8,
  terugkoppeling_uiterlijk: 9,
  inzage_ontvangen: 10,
  inzage_uiterlijk: 11,
  bewaartermijn: 12,
  vernietigen_na: 13,
  doorverwezen_naar: 14,
  adviseur: 15,
  adviseur_plaats: 16,
});

/** Blocks that no override lifts (the core's `DestructionBlock::overridable` is false). */
export const HARD_BLOCKS: readonly DestructionBlock[] = ['juridische_blokkade', 'open'];

// The core's one list of error codes (`ErrorCode::ALL` in src/error.rs), shared with the CLI.
export const ERROR_CODES = list<ErrorCode>({
  not_unlocked: 0,
  wrong_passphrase: 1,
  wrong_recovery_key: 2,
  malformed_recovery_key: 3,
  weak_passphrase: 4,
  passphrase_required: 5,
  not_a_vault: 6,
  unsupported_version: 7,
  damaged: 8,
  locked_elsewhere: 9,
  already_exists: 10,
  not_found: 11,
  validation: 12,
  io: 13,
  database: 14,
  internal: 15,
  invalid_period: 16,
  pooled_too_few: 17,
  period_frozen: 18,
  profile_frozen: 19,
  legacy_ledger: 20,
  anonymisation_failed: 21,
  audit_failed: 22,
  lint_not_accepted: 23,
  nothing_chosen: 24,
  invalid_path: 25,
  file_exists: 26,
  same_file: 27,
  render_failed: 28,
  keyslot_damaged: 29,
  file_too_large: 30,
  database_altered: 31,
  key_mismatch: 32,
  foreign_database: 33,
  wal_database: 34,
  notes_on_command_line: 35,
  read_only: 36,
  legal_hold: 37,
  dossier_open: 38,
  not_reported: 39,
  not_confirmed: 40,
  retention_not_over: 41,
  change_kept: 42,
  already_extended: 43,
  not_extendable: 44,
  deadline_done: 45,
  wbk_not_applicable: 46,
  public_key_malformed: 47,
  signature_missing: 48,
  signature_malformed: 49,
  signature_other_key: 50,
  file_changed: 51,
  unreadable_file: 52,
  import_too_large: 53,
  too_many_rows: 54,
  sheet_missing: 55,
  mapping_invalid: 56,
  import_has_errors: 57,
  nothing_to_import: 58,
  already_imported: 59,
  conflict_undecided: 60,
  link_to_itself: 61,
  name_on_command_line: 62,
  invoice_not_final: 63,
  document_too_large: 64,
  documents_full: 65,
  document_exists: 66,
  document_empty: 67,
  document_on_hold: 68,
  not_a_handover: 69,
  handover_not_for_you: 70,
  deputy_expired: 71,
  not_a_contribution: 72,
  contribution_exists: 73,
  joint_pooled_history: 74,
  joint_unknown_organisation: 75,
  joint_unknown_category: 76,
  no_contributions: 77,
  not_a_receipt: 78,
  joint_not_published: 79,
});

export const VALIDATION_CODES = list<ValidationCode>({
  required: 0,
  too_long: 1,
  duplicate: 2,
  not_positive: 3,
  too_large: 4,
  closed_before_opened: 5,
  destroy_by_before_closed: 6,
  in_future: 7,
  before_opened: 8,
  unknown_organisation: 9,
  archived_organisation: 10,
  unknown_category: 11,
  inactive_category: 12,
  hold_needs_reason: 13,
  already_closed: 14,
  not_closed: 15,
  repeated: 16,
  control_characters: 17,
  not_in_text: 18,
  not_a_date: 19,
  impossible_date: 20,
  not_a_number: 21,
  unknown_value: 22,
  invalid_format: 23,
  invoice_final: 24,
  unfilled_field: 25,
  unknown_field: 26,
});

/** Every vocabulary with its codes, for tests and generic pickers. */
export const VOCABULARIES = {
  contact_type: CONTACT_TYPES,
  dossier_status: DOSSIER_STATUSES,
  reporter_role: REPORTER_ROLES,
  relation: RELATIONS,
  action: ACTIONS,
  outcome: OUTCOMES,
  conversation_mode: CONVERSATION_MODES,
  activity: ACTIVITIES,
  arrangement: ARRANGEMENTS,
  gender: GENDERS,
  consent_scope: CONSENT_SCOPES,
  category_group: CATEGORY_GROUPS,
  destruction_block: DESTRUCTION_BLOCKS,
  deadline_kind: DEADLINE_KINDS,
  deadline_urgency: DEADLINE_URGENCIES,
  identity_check: IDENTITY_CHECKS,
  document_kind: DOCUMENT_KINDS,
  letter_kind: LETTER_KINDS,
  letter_via: LETTER_VIAS,
  letter_field: LETTER_FIELDS,
} as const;

export type VocabularyName = keyof typeof VOCABULARIES;
