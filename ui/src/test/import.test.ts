import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import * as ipc from '$lib/ipc';
import { setLanguage } from '$lib/i18n/index.svelte';
import { acceptSuggestions, missingRequired, setColumnField, valuesWithoutCode } from '$lib/importMapping';
import type { DryRun, ImportInspection, Mapping, ValueReview } from '$lib/types';
import Import from '../screens/Import.svelte';
import { categories, organisations } from './fixtures';

vi.mock('$lib/ipc');

const empty: Mapping = {
  header_row: 1,
  date_order: 'dmy',
  conversation_mode: 'persoonlijk',
  columns: {},
  defaults: {},
  values: {},
};

const draft: Mapping = {
  ...empty,
  sheet: 'Registratie',
  columns: { organisation: ['A'], opened_on: ['B'], contact_type: ['C'], categories: ['D'] },
  defaults: { relation: 'onbekend', outcome: 'onbekend', reporter_role: 'medewerker' },
  // The CLI's draft fills suggestions in; the screen starts without them.
  values: { categories: { Pesterij: 'pesten' } },
};

const inspection: ImportInspection = {
  kind: 'xlsx',
  sheets: [{ name: 'Registratie', rows: 3 }],
  columns: [
    { letter: 'A', header: 'Organisatie', samples: ['Zorggroep De Linde'], suggested: 'organisation' },
    { letter: 'B', header: 'Datum melding', samples: ['2024-03-05'], suggested: 'opened_on' },
    { letter: 'C', header: 'Soort', samples: ['consult'], suggested: 'contact_type' },
    { letter: 'D', header: 'Categorie', samples: ['Pesterij', 'Parkeren'], suggested: 'categories' },
  ],
  draft,
};

const reviews: ValueReview[] = [
  { field: 'categories', value: 'Pesterij', rows: 2, first_row: 2, suggestion: 'pesten' },
  { field: 'categories', value: 'Parkeren', rows: 1, first_row: 3 },
];

function dryRun(errors: DryRun['plan']['errors']): DryRun {
  return {
    plan: {
      sheet: 'Registratie',
      data_rows: 3,
      empty_rows: 0,
      ready: 3 - errors.length,
      rows_with_errors: errors.length,
      errors,
      errors_total: errors.length,
      warnings: [],
      preview: [],
      per_organisation: [{ organisation: 'Zorggroep De Linde', dossiers: 3 - errors.length }],
    },
  };
}

describe('editing an import mapping', () => {
  it('moves a single field to the column chosen last, and keeps several category columns', () => {
    let m = setColumnField(empty, 'A', 'organisation');
    m = setColumnField(m, 'C', 'organisation');
    expect(m.columns.organisation).toEqual(['C']);
    m = setColumnField(m, 'D', 'categories');
    m = setColumnField(m, 'E', 'categories');
    expect(m.columns.categories).toEqual(['D', 'E']);
    m = setColumnField(m, 'D', '');
    expect(m.columns.categories).toEqual(['E']);
  });

  it('names the required fields that have neither a column nor a default', () => {
    expect(missingRequired(empty)).toEqual(['organisation', 'opened_on', 'contact_type']);
    const m = { ...setColumnField(empty, 'B', 'opened_on'), defaults: { organisation: 'Zorggroep De Linde' } };
    expect(missingRequired(m)).toEqual(['contact_type']);
  });

  it('accepts only suggestions, and counts what is left without a code', () => {
    const m = acceptSuggestions(empty, reviews);
    expect(m.values.categories).toEqual({ Pesterij: 'pesten' });
    expect(valuesWithoutCode(m, reviews)).toBe(1);
  });
});

describe('the import screen', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
    vi.mocked(ipc.organisationsList).mockResolvedValue(organisations);
    vi.mocked(ipc.categoriesList).mockResolvedValue(categories);
    vi.mocked(ipc.importInspect).mockResolvedValue(inspection);
    vi.mocked(ipc.importValues).mockResolvedValue(reviews);
  });

  it('goes from file to columns to values to a dry run with errors, and imports nothing then', async () => {
    vi.mocked(ipc.importDryRun).mockResolvedValue(
      dryRun([{ row: 3, column: 'D', field: 'categories', code: 'unknown_value', value: 'Parkeren' }]),
    );
    const user = userEvent.setup();
    render(Import);
    await user.type(screen.getByLabelText('Bestand om in te lezen'), '/tmp/registratie.xlsx');
    await user.click(screen.getByRole('button', { name: 'Bestand lezen' }));
    expect(await screen.findByText(/Excel-werkmap, 1 blad/)).toBeInTheDocument();
    expect(ipc.importInspect).toHaveBeenCalledWith('/tmp/registratie.xlsx', null, 1);
    await user.click(screen.getByRole('button', { name: 'Volgende' }));

    // Columns: the suggestions from the headers are chosen.
    expect(screen.getByLabelText('Veld van kolom A')).toHaveValue('organisation');
    expect(screen.getByLabelText('Veld van kolom D')).toHaveValue('categories');
    await user.click(screen.getByRole('button', { name: 'Volgende' }));

    // Values: a suggestion is offered, not applied.
    const select = await screen.findByLabelText('Code voor Pesterij');
    expect(select).toHaveValue('');
    expect(screen.getByText('Nog 2 waarden zonder code.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Alle 1 voorstellen overnemen' }));
    expect(select).toHaveValue('pesten');
    await user.click(screen.getByRole('button', { name: 'Proefdraai' }));

    const sent = vi.mocked(ipc.importDryRun).mock.calls[0][1];
    expect(sent.values.categories).toEqual({ Pesterij: 'pesten' });
    const errors = await screen.findByRole('heading', { name: '1 fout in 1 rij' });
    const table = within(errors.closest('section') as HTMLElement);
    expect(table.getByText('Aan deze waarde is nog geen code gekoppeld.')).toBeInTheDocument();
    expect(table.getByText('Parkeren')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '2 dossiers inlezen' })).toBeDisabled();
    expect(ipc.importCommit).not.toHaveBeenCalled();
  });

  it('imports after a clean dry run and a confirmation, then offers to remove the source', async () => {
    vi.mocked(ipc.importDryRun).mockResolvedValue(dryRun([]));
    vi.mocked(ipc.importCommit).mockResolvedValue({
      created: 3,
      first_number: '2024-0001',
      last_number: '2024-0003',
      per_organisation: [{ organisation: 'Zorggroep De Linde', dossiers: 3 }],
    });
    vi.mocked(ipc.importRemoveSource).mockResolvedValue(undefined);
    const user = userEvent.setup();
    render(Import);
    await user.type(screen.getByLabelText('Bestand om in te lezen'), '/tmp/registratie.xlsx{Enter}');
    await screen.findByText(/Excel-werkmap/);
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    await screen.findByLabelText('Code voor Parkeren');
    await user.click(screen.getByRole('button', { name: 'Proefdraai' }));
    await user.click(await screen.findByRole('button', { name: '3 dossiers inlezen' }));
    await user.click(await screen.findByRole('button', { name: 'Inlezen' }));
    expect(ipc.importCommit).toHaveBeenCalledWith('/tmp/registratie.xlsx', expect.any(Object), false);
    expect(await screen.findByText('3 dossiers ingelezen (2024-0001 – 2024-0003).')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Bronbestand verwijderen' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Bronbestand verwijderen' }));
    expect(ipc.importRemoveSource).toHaveBeenCalled();
    expect(await screen.findByText('Het bronbestand is verwijderd.')).toBeInTheDocument();
  });
});
