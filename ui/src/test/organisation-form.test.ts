import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import * as ipc from '$lib/ipc';
import { setLanguage } from '$lib/i18n/index.svelte';
import { vault } from '$lib/session.svelte';
import OrganisationForm from '../screens/OrganisationForm.svelte';
import Organisations from '../screens/Organisations.svelte';
import { ipcError, organisations } from './fixtures';

vi.mock('$lib/ipc');

describe('organisation form', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
    vault.organisations = [];
  });

  it('shows a duplicate name under the name field', async () => {
    vi.mocked(ipc.organisationCreate).mockRejectedValue(ipcError('validation', [['name', 'duplicate']]));
    const onsaved = vi.fn();
    render(OrganisationForm, { props: { onsaved, oncancel: vi.fn() } });
    await fireEvent.input(screen.getByLabelText('Naam'), { target: { value: 'Bakkerij De Korst' } });
    await fireEvent.input(screen.getByLabelText('Aantal medewerkers'), { target: { value: '24' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));

    const message = await screen.findByText('Deze naam is al in gebruik.');
    const name = screen.getByLabelText('Naam');
    expect(name).toHaveAccessibleDescription('Deze naam is al in gebruik.');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name.parentElement).toContainElement(message);
    expect(ipc.organisationCreate).toHaveBeenCalledWith({
      name: 'Bakkerij De Korst',
      employee_count: 24,
      arrangement: 'collectief',
      contact_label: '',
    });
    expect(onsaved).not.toHaveBeenCalled();
    // no generic banner when every error has its own field
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a positive-number message under the employees field', async () => {
    vi.mocked(ipc.organisationCreate).mockRejectedValue(ipcError('validation', [['employee_count', 'not_positive']]));
    render(OrganisationForm, { props: { onsaved: vi.fn(), oncancel: vi.fn() } });
    await fireEvent.input(screen.getByLabelText('Naam'), { target: { value: 'X' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Aantal medewerkers')).toHaveAccessibleDescription('Vul een getal groter dan 0 in.'),
    );
  });

  it('shows the empty state and archives only after confirmation', async () => {
    vi.mocked(ipc.organisationsList).mockResolvedValueOnce([]);
    const { unmount } = render(Organisations);
    expect(await screen.findByText('Nog geen organisaties. Voeg de eerste toe.')).toBeInTheDocument();
    unmount();

    vi.mocked(ipc.organisationsList).mockResolvedValue(organisations);
    vi.mocked(ipc.organisationArchive).mockResolvedValue({ ...organisations[0], archived: true });
    render(Organisations);
    await fireEvent.click(await screen.findByRole('button', { name: 'Bakkerij De Korst archiveren' }));
    const dialog = screen.getByRole('dialog', { name: 'Bakkerij De Korst archiveren?' });
    expect(dialog).toHaveTextContent('De dossiers van deze organisatie blijven bewaard');
    expect(ipc.organisationArchive).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: 'Archiveren' }));
    await waitFor(() => expect(ipc.organisationArchive).toHaveBeenCalledWith(1, true));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});
