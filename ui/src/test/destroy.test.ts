import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/svelte';
import * as ipc from '$lib/ipc';
import { setLanguage } from '$lib/i18n/index.svelte';
import { resetVaultState, vault } from '$lib/session.svelte';
import Destroy from '../screens/Destroy.svelte';
import Overview from '../screens/Overview.svelte';
import { categories, dossier, ipcError, organisations } from './fixtures';
import DossierPage from '../screens/DossierPage.svelte';
import type { DestroyedCopies, DestructionBlock, DestructionItem, DestructionPlan, DossierSummary } from '$lib/types';

vi.mock('$lib/ipc');

function item(number: string, blocks: DestructionBlock[] = []): DestructionItem {
  return {
    dossier_id: Number(number.slice(-4)),
    number,
    organisation_id: 1,
    organisation_name: organisations[0].name,
    opened_on: '2024-02-01',
    closed_on: '2024-05-31',
    destroy_by: '2025-05-31',
    report_key: blocks.includes('niet_gerapporteerd') ? null : '2024@1/standaard',
    blocks,
    conversations: 2,
    conversation_minutes: 105,
    categories: 1,
    actions: 2,
    has_notes: true,
  };
}

function plan(items: DestructionItem[]): DestructionPlan {
  const hard = ['juridische_blokkade', 'open'];
  return {
    items,
    refused: items.some((i) => i.blocks.some((b) => hard.includes(b))),
    needs_override: items.some((i) => i.blocks.length > 0),
  };
}

const copies: DestroyedCopies = {
  destroyed_at: '2026-12-02T09:00:00Z',
  backups: 3,
  kept_until_purged: 0,
  until: '2026-12-16',
  copies_elsewhere: [
    {
      id: 4,
      exported_at: '2026-11-20T10:00:00Z',
      kind: 'backup',
      organisations: [],
      period: '',
      recipient: '',
      sha256: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
    },
  ],
};

describe('Vernietigen screen', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
    resetVaultState();
    vault.organisations = organisations;
  });

  it('shows what goes and what stays, and asks a batch to type VERNIETIG', async () => {
    vi.mocked(ipc.destructionPlan).mockResolvedValue(plan([item('2024-0001'), item('2024-0002')]));
    vi.mocked(ipc.dossiersDestroy).mockResolvedValue({
      destroyed: ['2024-0001', '2024-0002'],
      destroyed_at: '2026-12-02T09:00:00Z',
    });
    vi.mocked(ipc.destroyedCopiesGet).mockResolvedValue(copies);
    vi.mocked(ipc.destroyedBackupsPurge).mockResolvedValue({ ...copies, backups: 0, until: null });
    render(Destroy, { props: { numbers: ['2024-0001', '2024-0002'] } });

    expect(await screen.findByText('2024-0001')).toBeInTheDocument();
    expect(screen.getByText(/4 gesprekken \(3 u 30 min\)|4 gesprekken/)).toBeInTheDocument();
    expect(screen.getByText(/woorden in de zoekindex/)).toBeInTheDocument();
    expect(screen.getByText(/termijnen en inzageverzoeken van het dossier/)).toBeInTheDocument();
    expect(screen.getByText(/anonieme tellingen in gepubliceerde rapportages/)).toBeInTheDocument();
    const submit = screen.getByRole('button', { name: '2 dossiers vernietigen' });
    expect(submit, 'a batch cannot go without the typed confirmation').toBeDisabled();
    const confirm = screen.getByLabelText('Typ VERNIETIG om 2 dossiers definitief te vernietigen');
    await fireEvent.input(confirm, { target: { value: 'vernietig' } });
    expect(submit, 'the word must be typed exactly').toBeDisabled();
    await fireEvent.input(confirm, { target: { value: 'VERNIETIG' } });
    expect(submit).toBeEnabled();
    await fireEvent.click(submit);

    await screen.findByText('Vernietigd: 2024-0001, 2024-0002.');
    expect(ipc.dossiersDestroy).toHaveBeenCalledWith({
      numbers: ['2024-0001', '2024-0002'],
      reason: '',
      override_blocks: false,
    });
    expect(screen.getByText('Nog in 3 back-ups tot 16 dec 2026. Daarna ruimt Kluis ze vanzelf op.')).toBeInTheDocument();
    expect(screen.getByText(/Back-up van 20 nov 2026 \(controlegetal ab12cd34ef56ab12/)).toBeInTheDocument();

    await fireEvent.click(screen.getByRole('button', { name: 'Back-ups nu wissen...' }));
    const dialog = await screen.findByRole('dialog');
    expect(ipc.destroyedBackupsPurge, 'purging asks first').not.toHaveBeenCalled();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Ja, back-ups wissen' }));
    await screen.findByText('De back-ups met vernietigde dossiers zijn gewist.');
    expect(ipc.destroyedBackupsPurge).toHaveBeenCalledTimes(1);
  });

  it('refuses a dossier under legal hold until it is taken out of the selection', async () => {
    vi.mocked(ipc.destructionPlan)
      .mockResolvedValueOnce(plan([item('2024-0001'), item('2024-0003', ['juridische_blokkade'])]))
      .mockResolvedValueOnce(plan([item('2024-0001')]));
    render(Destroy, { props: { numbers: ['2024-0001', '2024-0003'] } });

    expect(await screen.findByText('Juridische blokkade')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('juridische blokkade');
    expect(screen.getByRole('button', { name: '2 dossiers vernietigen' }), 'a held dossier blocks the batch').toBeDisabled();
    expect(screen.queryByLabelText(/Typ VERNIETIG/), 'no confirmation is asked while refused').toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: '2024-0003 uit de selectie halen' }));
    await waitFor(() => expect(ipc.destructionPlan).toHaveBeenLastCalledWith(['2024-0001']));
    const submit = await screen.findByRole('button', { name: 'Dossier vernietigen' });
    expect(submit).toBeEnabled();
    expect(ipc.dossiersDestroy).not.toHaveBeenCalled();
  });

  it('shows the core refusal in Dutch when the held dossier is destroyed anyway', async () => {
    vi.mocked(ipc.destructionPlan).mockResolvedValue(plan([item('2024-0001')]));
    vi.mocked(ipc.dossiersDestroy).mockRejectedValue(ipcError('legal_hold'));
    render(Destroy, { props: { numbers: ['2024-0001'] } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Dossier vernietigen' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/Dossier 2024-0001 wordt definitief vernietigd/)).toBeInTheDocument();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Ja, vernietigen' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'Een dossier met een juridische blokkade kan niet worden vernietigd.',
      ),
    );
    expect(screen.queryByText(/Vernietigd:/), 'nothing is reported as destroyed').toBeNull();
  });

  it('needs an override with a reason for a dossier no report counted', async () => {
    vi.mocked(ipc.destructionPlan).mockResolvedValue(plan([item('2024-0001', ['niet_gerapporteerd'])]));
    vi.mocked(ipc.dossiersDestroy).mockResolvedValue({ destroyed: ['2024-0001'], destroyed_at: '2026-12-02T09:00:00Z' });
    vi.mocked(ipc.destroyedCopiesGet).mockResolvedValue({ ...copies, backups: 0, copies_elsewhere: [] });
    render(Destroy, { props: { numbers: ['2024-0001'] } });
    const submit = await screen.findByRole('button', { name: 'Dossier vernietigen' });
    expect(submit).toBeDisabled();
    await fireEvent.click(screen.getByLabelText('Ik vernietig deze dossiers toch'));
    expect(submit, 'an override needs a reason').toBeDisabled();
    await fireEvent.input(screen.getByLabelText('Reden'), { target: { value: 'Contract beëindigd' } });
    expect(submit).toBeEnabled();
    await fireEvent.click(submit);
    const dialog = await screen.findByRole('dialog');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Ja, vernietigen' }));
    await screen.findByText('Vernietigd: 2024-0001.');
    expect(ipc.dossiersDestroy).toHaveBeenCalledWith({
      numbers: ['2024-0001'],
      reason: 'Contract beëindigd',
      override_blocks: true,
    });
  });
});

describe('overview overdue list', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
    resetVaultState();
  });

  it('takes the selected overdue dossiers to the Vernietigen screen', async () => {
    const overdue: DossierSummary[] = ['2024-0001', '2024-0002', '2024-0003'].map((number, i) => ({
      id: i + 1,
      number,
      organisation_id: 1,
      organisation_name: organisations[0].name,
      contact_type: 'consult',
      status: 'gesloten',
      opened_on: '2024-02-01',
      closed_on: '2024-05-31',
      destroy_by: '2025-05-31',
      legal_hold: false,
      categories: [],
      conversation_count: 1,
      conversation_minutes: 30,
    }));
    vi.mocked(ipc.overviewGet).mockResolvedValue({ organisations: [], overdue, overdue_total: 3, deadlines: [], breaches: [] });
    render(Overview);
    const destroy = await screen.findByRole('button', { name: '0 dossiers vernietigen...' });
    expect(destroy, 'nothing selected, nothing to destroy').toBeDisabled();
    await fireEvent.click(screen.getByLabelText('Dossier 2024-0003 selecteren om te vernietigen'));
    await fireEvent.click(screen.getByLabelText('Dossier 2024-0001 selecteren om te vernietigen'));
    await fireEvent.click(screen.getByRole('button', { name: '2 dossiers vernietigen...' }));
    expect(vault.route).toEqual({ name: 'destroy', numbers: ['2024-0001', '2024-0003'] });
  });
});

describe('retention settings', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
    resetVaultState();
    vault.organisations = organisations;
  });

  it('explains the term in plain Dutch and saves an organisation its own term', async () => {
    const { default: RetentionSettings } = await import('$lib/components/RetentionSettings.svelte');
    vi.mocked(ipc.retentionGet).mockResolvedValue({ default_months: 12, organisations: [] });
    vi.mocked(ipc.destructionLogGet).mockResolvedValue([]);
    vi.mocked(ipc.retentionSetOrganisation).mockResolvedValue({
      default_months: 12,
      organisations: [{ organisation_id: 2, organisation_name: 'Zorggroep Noord', months: 6 }],
    });
    render(RetentionSettings);
    expect(await screen.findByText(/31 januari plus 1 maand is 28 februari/)).toBeInTheDocument();
    expect(screen.getByText(/gepubliceerde rapportage van zijn periode het heeft geteld/)).toBeInTheDocument();
    expect(screen.getByText('Alle organisaties volgen de standaard bewaartermijn.')).toBeInTheDocument();
    await fireEvent.change(screen.getByLabelText('Organisatie'), { target: { value: '2' } });
    await fireEvent.input(screen.getByLabelText('Maanden na sluiten'), { target: { value: '6' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Eigen termijn opslaan' }));
    await waitFor(() => expect(ipc.retentionSetOrganisation).toHaveBeenCalledWith(2, 6));
    expect(await screen.findByText('6 maanden')).toBeInTheDocument();
  });
});

describe('dossier page', () => {
  it('offers Vernietigen for a closed dossier past its date, and not under legal hold', async () => {
    vi.resetAllMocks();
    setLanguage('nl');
    resetVaultState();
    vault.organisations = organisations;
    vault.categories = categories;
    vault.settings = { retention_months: 12, backups_recent: 10, backups_days: 14, autolock_minutes: 5 };
    const closed = { status: 'gesloten' as const, closed_on: '2024-05-31', destroy_by: '2025-05-31' };
    vi.mocked(ipc.dossierGet).mockResolvedValueOnce(dossier({ ...closed, legal_hold: true, legal_hold_reason: 'Procedure' }));
    const held = render(DossierPage, { props: { id: 7 } });
    await screen.findByLabelText('Notities');
    expect(screen.queryByRole('button', { name: 'Vernietigen...' }), 'a held dossier offers no destruction').toBeNull();
    held.unmount();

    vi.mocked(ipc.dossierGet).mockResolvedValueOnce(dossier(closed));
    render(DossierPage, { props: { id: 7 } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Vernietigen...' }));
    expect(vault.route).toEqual({ name: 'destroy', numbers: ['2026-0007'] });
  });
});
