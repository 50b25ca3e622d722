import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/svelte';
import * as ipc from '$lib/ipc';
import { setLanguage } from '$lib/i18n/index.svelte';
import { resetVaultState, vault } from '$lib/session.svelte';
import Dossiers from '../screens/Dossiers.svelte';
import { categories, organisations, sleep } from './fixtures';
import type { DossierSummary } from '$lib/types';

vi.mock('$lib/ipc');

function rows(n: number): DossierSummary[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    number: `${2020 + (i % 6)}-${String(i + 1).padStart(4, '0')}`,
    organisation_id: (i % 2) + 1,
    organisation_name: organisations[i % 2].name,
    contact_type: i % 3 === 0 ? 'consult' : 'melding_omgangsvormen',
    status: i % 4 === 0 ? 'gesloten' : 'open',
    opened_on: `${2020 + (i % 6)}-03-0${(i % 9) + 1}`,
    closed_on: i % 4 === 0 ? `${2020 + (i % 6)}-06-01` : null,
    destroy_by: i % 4 === 0 ? '2021-06-01' : null,
    legal_hold: false,
    categories: ['pesten'],
    conversation_count: i % 5,
    conversation_minutes: (i % 5) * 45,
  }));
}

describe('dossier list', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
    resetVaultState();
    vault.organisations = organisations;
    vault.categories = categories;
  });

  it('renders only the visible rows of 10,000 dossiers', async () => {
    vi.mocked(ipc.dossiersList).mockResolvedValue(rows(10_000));
    render(Dossiers);
    expect(await screen.findByText('10.000 dossiers')).toBeInTheDocument();
    const table = screen.getByRole('table');
    const bodyRows = within(table).getAllByRole('row').filter((r) => r.classList.contains('clickable'));
    expect(bodyRows.length).toBeGreaterThan(10);
    expect(bodyRows.length).toBeLessThan(100);
    expect(table).toHaveAttribute('aria-rowcount', '10001');
  });

  it('searches as you type, debounced, through the core', async () => {
    vi.mocked(ipc.dossiersList).mockResolvedValue(rows(3));
    render(Dossiers);
    await screen.findByText('3 dossiers');
    expect(ipc.dossiersList).toHaveBeenCalledTimes(1);
    const search = screen.getByLabelText('Zoeken');
    await fireEvent.input(search, { target: { value: 'p' } });
    await fireEvent.input(search, { target: { value: 'pe' } });
    await fireEvent.input(search, { target: { value: 'pes' } });
    await sleep(50);
    expect(ipc.dossiersList).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(ipc.dossiersList).toHaveBeenCalledTimes(2));
    expect(vi.mocked(ipc.dossiersList).mock.calls[1][0]).toMatchObject({ search: 'pes', organisation_id: null });

    const status = screen.getByLabelText('Status') as HTMLSelectElement;
    status.selectedIndex = [...status.options].findIndex((o) => o.textContent === 'Gesloten');
    await fireEvent.change(status);
    await waitFor(() => expect(ipc.dossiersList).toHaveBeenCalledTimes(3));
    expect(vi.mocked(ipc.dossiersList).mock.calls[2][0]).toMatchObject({ status: 'gesloten', search: 'pes' });
  });

  it('sorts by a column header', async () => {
    vi.mocked(ipc.dossiersList).mockResolvedValue(rows(5));
    render(Dossiers);
    await screen.findByText('5 dossiers');
    const header = screen.getByRole('button', { name: /Gesprekken/ });
    await fireEvent.click(header);
    expect(header.closest('th')).toHaveAttribute('aria-sort', 'descending');
    await fireEvent.click(header);
    expect(header.closest('th')).toHaveAttribute('aria-sort', 'ascending');
  });

  it('offers the first action when there are no dossiers', async () => {
    vi.mocked(ipc.dossiersList).mockResolvedValue([]);
    render(Dossiers);
    expect(await screen.findByText(/Nog geen dossiers/)).toBeInTheDocument();
  });
});
