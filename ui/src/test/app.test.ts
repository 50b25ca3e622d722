import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import * as ipc from '$lib/ipc';
import { resetVaultState, session, vault } from '$lib/session.svelte';
import App from '../App.svelte';
import { categories, organisations } from './fixtures';

vi.mock('$lib/ipc');

describe('app', () => {
  let locked: (() => void) | null = null;

  beforeEach(() => {
    vi.resetAllMocks();
    resetVaultState();
    session.phase = 'loading';
    locked = null;
    vi.mocked(ipc.onVaultLocked).mockImplementation((cb) => {
      locked = cb;
      return () => {};
    });
    vi.mocked(ipc.onSaveState).mockReturnValue(() => {});
    vi.mocked(ipc.startEvents).mockResolvedValue(undefined);
    vi.mocked(ipc.appInfo).mockResolvedValue({ language: 'nl', recent: [], initial_vault: null, version: '0.1.0' });
    vi.mocked(ipc.vaultStatus).mockResolvedValue({
      unlocked: true,
      name: 'advies',
      path: '/home/vp/advies.kluis',
      recovery_key_used: false,
      save_state: 'saved',
      autolock_minutes: 5,
      kept_change: 'none',
    });
    vi.mocked(ipc.organisationsList).mockResolvedValue(organisations);
    vi.mocked(ipc.categoriesList).mockResolvedValue(categories);
    vi.mocked(ipc.settingsGet).mockResolvedValue({ retention_months: 12, backups_recent: 10, backups_days: 14, autolock_minutes: 5 });
    vi.mocked(ipc.overviewGet).mockResolvedValue({
      organisations: [{ organisation_id: 1, name: 'Bakkerij De Korst', open_dossiers: 3, dossiers_this_year: 5, minutes_this_month: 135 }],
      overdue: [],
      overdue_total: 0,
      deadlines: [],
      breaches: [],
    });
    vi.mocked(ipc.vaultLock).mockResolvedValue(undefined);
    vi.mocked(ipc.dossiersList).mockResolvedValue([]);
    vi.mocked(ipc.vaultTouch).mockResolvedValue(undefined);
  });

  it('shows the overview with sidebar, save state and lock button', async () => {
    render(App);
    expect(await screen.findByRole('heading', { name: 'Overzicht' })).toBeInTheDocument();
    expect(await screen.findByText('Bakkerij De Korst')).toBeInTheDocument();
    expect(screen.getByText('2:15')).toBeInTheDocument();
    expect(screen.getByRole('status', { name: '' })).toBeDefined();
    expect(screen.getByText('Opgeslagen')).toBeInTheDocument();
    const lock = screen.getByRole('button', { name: 'Vergrendelen' });
    expect(lock).toHaveAttribute('title', 'Vergrendelen (Ctrl+L)');
    expect(screen.getByRole('button', { name: 'Rapportages' })).toBeEnabled();
  });

  it('drops all vault state and shows the unlock screen on vault-locked', async () => {
    render(App);
    await screen.findByText('Bakkerij De Korst');
    expect(vault.organisations).toHaveLength(2);
    locked?.();
    expect(await screen.findByRole('heading', { name: 'Kluis ontgrendelen' })).toBeInTheDocument();
    expect(vault.organisations).toEqual([]);
    expect(vault.categories).toEqual([]);
    expect(vault.status).toBeNull();
    expect(session.vaultPath).toBe('/home/vp/advies.kluis');
    expect(screen.queryByText('Bakkerij De Korst')).not.toBeInTheDocument();
  });

  it('locks with Ctrl+L and opens a new dossier with Ctrl+N', async () => {
    render(App);
    await screen.findByText('Bakkerij De Korst');
    await fireEvent.keyDown(window, { key: 'n', ctrlKey: true });
    expect(await screen.findByRole('heading', { name: 'Nieuw dossier' })).toBeInTheDocument();
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(await screen.findByRole('heading', { name: 'Dossiers' })).toBeInTheDocument();
    await fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
    await waitFor(() => expect(ipc.vaultLock).toHaveBeenCalled());
    expect(await screen.findByRole('heading', { name: 'Kluis ontgrendelen' })).toBeInTheDocument();
  });

  it('tells the backend about activity at most every 10 s', async () => {
    render(App);
    await screen.findByText('Bakkerij De Korst');
    await fireEvent.mouseDown(window);
    await fireEvent.keyDown(window, { key: 'a' });
    await fireEvent.mouseDown(window);
    expect(vi.mocked(ipc.vaultTouch).mock.calls.length).toBeLessThanOrEqual(1);
  });
});
