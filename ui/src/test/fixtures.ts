// Sample records for component tests (synthetic, like the demo vault).
import type { AdvisorDetails, Category, Dossier, IpcError, Organisation, PartyOverview, ValidationCode } from '$lib/types';

export const organisations: Organisation[] = [
  { id: 1, name: 'Bakkerij De Korst', employee_count: 24, arrangement: 'collectief', contact_label: 'HR', archived: false },
  { id: 2, name: 'Zorggroep Noord', employee_count: 180, arrangement: 'maatwerk', contact_label: '', archived: false },
];

export const categories: Category[] = [
  { code: 'pesten', label_nl: 'Pesten', label_en: 'Bullying', group: 'omgangsvormen', active: true },
  { code: 'discriminatie', label_nl: 'Discriminatie', label_en: 'Discrimination', group: 'omgangsvormen', active: true },
  { code: 'fraude_diefstal', label_nl: 'Fraude, diefstal of verduistering', label_en: 'Fraud', group: 'integriteit', active: true },
  { code: 'oud', label_nl: 'Oude categorie', label_en: 'Old category', group: 'overig', active: false },
];

export function dossier(overrides: Partial<Dossier> = {}): Dossier {
  return {
    id: 7,
    number: '2026-0007',
    organisation_id: 1,
    contact_type: 'melding_omgangsvormen',
    status: 'open',
    opened_on: '2026-02-02',
    closed_on: null,
    reporter_role: 'medewerker',
    relation: 'collega',
    outcome: 'onbekend',
    categories: ['pesten'],
    actions: ['luisterend_oor'],
    consent_on: '2026-02-02',
    consent_scope: 'dossier',
    destroy_by: null,
    legal_hold: false,
    legal_hold_reason: '',
    gender: null,
    notes: '',
    conversations: [{ id: 3, dossier_id: 7, held_on: '2026-02-02', minutes: 45, mode: 'persoonlijk' }],
    ...overrides,
  };
}

export function ipcError(code: IpcError['code'], fields: [string, ValidationCode][] = []): IpcError {
  return { code, message: 'backend fallback text', fields: fields.map(([field, c]) => ({ field, code: c })) };
}

/** A promise with its resolve/reject exposed, to hold a call "in flight". */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A dossier's Betrokkenen overview (synthetic names), with nothing to decide. */
export function partyOverview(overrides: Partial<PartyOverview> = {}): PartyOverview {
  return {
    dossier_id: 7,
    supports: 'melder',
    parties: [{ id: 11, dossier_id: 7, role: 'melder', name: 'Piet Verzonnen', function: '' }],
    matches: [],
    undecided: false,
    decisions: [],
    links: [],
    ...overrides,
  };
}

/** The advisor's invoicing details as a fresh vault has them (synthetic). */
export function advisorDetails(overrides: Partial<AdvisorDetails> = {}): AdvisorDetails {
  return {
    name: '',
    address: { street: '', postcode: '', city: '', country: 'NL' },
    kvk: '',
    vat_number: '',
    iban: '',
    payment_term_days: 30,
    number_pattern: 'F{jaar}-{volgnummer:4}',
    ...overrides,
  };
}
