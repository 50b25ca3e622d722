import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import * as ipc from '$lib/ipc';
import { setLanguage } from '$lib/i18n/index.svelte';
import { vault } from '$lib/session.svelte';
import DossierPage from '../screens/DossierPage.svelte';
import { categories, dossier, ipcError, organisations, sleep } from './fixtures';

vi.mock('$lib/ipc');

describe('dossier page', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
    vault.organisations = organisations;
    vault.categories = categories;
    vault.settings = { retention_months: 12, backups_recent: 10, backups_days: 14, autolock_minutes: 5 };
  });

  it('saves edits debounced through dossier_update', async () => {
    vi.mocked(ipc.dossierGet).mockResolvedValue(dossier());
    vi.mocked(ipc.dossierUpdate).mockImplementation(async (_id, input) => ({ ...dossier(), ...input }));
    render(DossierPage, { props: { id: 7 } });

    const notes = await screen.findByLabelText('Notities');
    expect(screen.getByRole('heading', { name: 'Dossier 2026-0007' })).toBeInTheDocument();
    await fireEvent.input(notes, { target: { value: 'E' } });
    await fireEvent.input(notes, { target: { value: 'Eerste' } });
    await fireEvent.input(notes, { target: { value: 'Eerste gesprek' } });
    await sleep(200);
    expect(ipc.dossierUpdate).not.toHaveBeenCalled();
    expect(vault.saveState).toBe('saving');

    await waitFor(() => expect(ipc.dossierUpdate).toHaveBeenCalledTimes(1), { timeout: 2000 });
    const [id, input] = vi.mocked(ipc.dossierUpdate).mock.calls[0];
    expect(id).toBe(7);
    expect(input.notes).toBe('Eerste gesprek');
    expect(input.categories).toEqual(['pesten']);
    expect(input).not.toHaveProperty('conversations');
    await sleep(700);
    expect(ipc.dossierUpdate).toHaveBeenCalledTimes(1);
  });

  it('saves at once on blur', async () => {
    vi.mocked(ipc.dossierGet).mockResolvedValue(dossier());
    vi.mocked(ipc.dossierUpdate).mockImplementation(async (_id, input) => ({ ...dossier(), ...input }));
    render(DossierPage, { props: { id: 7 } });
    const notes = await screen.findByLabelText('Notities');
    await fireEvent.input(notes, { target: { value: 'x' } });
    await fireEvent.focusOut(notes);
    await waitFor(() => expect(ipc.dossierUpdate).toHaveBeenCalledTimes(1), { timeout: 300 });
  });

  it('shows a validation message from the core under its field', async () => {
    vi.mocked(ipc.dossierGet).mockResolvedValue(dossier());
    vi.mocked(ipc.dossierUpdate).mockRejectedValue(ipcError('validation', [['legal_hold_reason', 'hold_needs_reason']]));
    render(DossierPage, { props: { id: 7 } });
    await fireEvent.click(await screen.findByLabelText('Juridische blokkade (bewaarplicht)'));
    const reason = await screen.findByLabelText('Reden voor de blokkade');
    await waitFor(() => expect(reason).toHaveAccessibleDescription('Geef een reden voor de juridische blokkade.'), {
      timeout: 2000,
    });
  });

  it('shows a closing-date validation message under the closing date', async () => {
    vi.mocked(ipc.dossierGet).mockResolvedValue(dossier());
    vi.mocked(ipc.dossierClose).mockRejectedValue(ipcError('validation', [['closed_on', 'closed_before_opened']]));
    render(DossierPage, { props: { id: 7 } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Dossier sluiten' }));
    const dialog = screen.getByRole('dialog', { name: 'Dossier sluiten' });
    expect(dialog).toBeInTheDocument();
    const closedOn = screen.getByLabelText('Sluitdatum');
    await fireEvent.input(closedOn, { target: { value: '2026-01-01' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sluiten' }));
    await waitFor(() =>
      expect(ipc.dossierClose).toHaveBeenCalledWith(7, { closed_on: '2026-01-01', outcome: 'onbekend', destroy_by: null }),
    );
    await waitFor(() =>
      expect(screen.getByLabelText('Sluitdatum')).toHaveAccessibleDescription('De sluitdatum ligt voor de openingsdatum.'),
    );
  });

  it('creates a new dossier on the first valid save', async () => {
    vi.mocked(ipc.dossierCreate).mockImplementation(async (input) => ({ ...dossier({ id: 9, number: '2026-0009', conversations: [] }), ...input }));
    vi.mocked(ipc.dossierUpdate).mockImplementation(async (_id, input) => ({ ...dossier({ id: 9, number: '2026-0009' }), ...input }));
    vi.mocked(ipc.dossiersList).mockResolvedValue([]);
    render(DossierPage, { props: { id: null } });
    expect(screen.getByRole('heading', { name: 'Nieuw dossier' })).toBeInTheDocument();
    // typing notes without an organisation creates nothing yet
    await fireEvent.input(screen.getByLabelText('Notities'), { target: { value: 'Belde over pesten' } });
    await sleep(800);
    expect(ipc.dossierCreate).not.toHaveBeenCalled();

    const org = screen.getByLabelText('Organisatie') as HTMLSelectElement;
    await fireEvent.change(org, { target: { value: org.options[1].value } });
    await waitFor(() => expect(ipc.dossierCreate).toHaveBeenCalledTimes(1), { timeout: 2000 });
    expect(vi.mocked(ipc.dossierCreate).mock.calls[0][0]).toMatchObject({ organisation_id: 1, notes: 'Belde over pesten' });
    expect(await screen.findByRole('heading', { name: 'Dossier 2026-0009' })).toBeInTheDocument();

    await fireEvent.input(screen.getByLabelText('Notities'), { target: { value: 'Belde over pesten op het werk' } });
    await waitFor(() => expect(ipc.dossierUpdate).toHaveBeenCalledTimes(1), { timeout: 2000 });
    expect(ipc.dossierCreate).toHaveBeenCalledTimes(1);
    expect(vi.mocked(ipc.dossierUpdate).mock.calls[0][0]).toBe(9);
  });

  it('shows only active categories plus the ones already on the dossier', async () => {
    vi.mocked(ipc.dossierGet).mockResolvedValue(dossier({ categories: ['oud'] }));
    render(DossierPage, { props: { id: 7 } });
    expect(await screen.findByLabelText('Oude categorie (niet meer in gebruik)')).toBeChecked();
    expect(screen.getByLabelText('Pesten')).not.toBeChecked();

    vi.mocked(ipc.dossierGet).mockResolvedValue(dossier({ categories: [] }));
    render(DossierPage, { props: { id: 7 } });
    await waitFor(() => expect(screen.getAllByLabelText('Pesten')).toHaveLength(2));
    expect(screen.getAllByText(/Oude categorie/)).toHaveLength(1);
  });

  it('asks before deleting a conversation', async () => {
    vi.mocked(ipc.dossierGet).mockResolvedValue(dossier());
    vi.mocked(ipc.conversationDelete).mockResolvedValue(undefined);
    render(DossierPage, { props: { id: 7 } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Gesprek van 2 feb 2026 verwijderen' }));
    expect(ipc.conversationDelete).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog', { name: 'Gesprek verwijderen?' })).toHaveTextContent('definitief verwijderd');
    await fireEvent.click(screen.getByRole('button', { name: 'Verwijderen' }));
    await waitFor(() => expect(ipc.conversationDelete).toHaveBeenCalledWith(3));
    await waitFor(() => expect(screen.getByText('Nog geen gesprekken vastgelegd.')).toBeInTheDocument());
  });

  it('shows a failed save and retries it', async () => {
    vi.mocked(ipc.dossierGet).mockResolvedValue(dossier());
    vi.mocked(ipc.dossierUpdate)
      .mockRejectedValueOnce(ipcError('io'))
      .mockImplementation(async (_id, input) => ({ ...dossier(), ...input }));
    render(DossierPage, { props: { id: 7 } });
    const notes = await screen.findByLabelText('Notities');
    await fireEvent.input(notes, { target: { value: 'Na het gesprek' } });
    await fireEvent.focusOut(notes);
    expect(await screen.findByText(/Opslaan is mislukt/)).toBeInTheDocument();
    expect(vault.saveState).toBe('error');
    await fireEvent.click(screen.getByRole('button', { name: 'Nu opnieuw proberen' }));
    await waitFor(() => expect(ipc.dossierUpdate).toHaveBeenCalledTimes(2));
    expect(vi.mocked(ipc.dossierUpdate).mock.calls[1][1].notes).toBe('Na het gesprek');
    await waitFor(() => expect(screen.queryByText(/Opslaan is mislukt/)).not.toBeInTheDocument());
  });

  it('does not create a second dossier when only writing the file failed', async () => {
    vi.mocked(ipc.dossiersList)
      .mockResolvedValueOnce([]) // before creating
      .mockResolvedValueOnce([{ ...summary, id: 12 }]); // after the failed write: it exists in memory
    vi.mocked(ipc.dossierCreate).mockRejectedValueOnce(ipcError('io'));
    vi.mocked(ipc.dossierUpdate).mockImplementation(async (_id, input) => ({ ...dossier({ id: 12, number: '2026-0012' }), ...input }));
    render(DossierPage, { props: { id: null } });
    const org = screen.getByLabelText('Organisatie') as HTMLSelectElement;
    await fireEvent.change(org, { target: { value: org.options[1].value } });
    await fireEvent.focusOut(org);
    expect(await screen.findByText(/Opslaan is mislukt/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Nu opnieuw proberen' }));
    await waitFor(() => expect(ipc.dossierUpdate).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.dossierUpdate).mock.calls[0][0]).toBe(12);
    expect(ipc.dossierCreate).toHaveBeenCalledTimes(1);
  });
});

const summary = {
  id: 1,
  number: '2026-0001',
  organisation_id: 1,
  organisation_name: 'Bakkerij De Korst',
  contact_type: 'consult' as const,
  status: 'open' as const,
  opened_on: '2026-01-05',
  closed_on: null,
  destroy_by: null,
  legal_hold: false,
  categories: [],
  conversation_count: 0,
  conversation_minutes: 0,
};
