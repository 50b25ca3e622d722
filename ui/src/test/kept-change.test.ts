// The lock fails closed (issue 9 item 5): a lock whose save failed still shows only the unlock
// screen, which says the change is kept; after unlock the window says whether it is saved now.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import * as ipc from '$lib/ipc';
import { resetVaultState, session, vault } from '$lib/session.svelte';
import { setLanguage } from '$lib/i18n/index.svelte';
import type { UiSaveState, VaultStatus } from '$lib/types';
import App from '../App.svelte';
import Unlock from '../screens/Unlock.svelte';
import { categories, ipcError, organisations } from './fixtures';

vi.mock('$lib/ipc');

const PATH = '/media/stick/usb.kluis';

function status(over: Partial<VaultStatus>): VaultStatus {
  return {
    unlocked: true,
    name: 'advies',
    path: PATH,
    recovery_key_used: false,
    save_state: 'saved',
    autolock_minutes: 5,
    kept_change: 'none',
    ...over,
  };
}

const lockedKept = status({ unlocked: true, save_state: 'error', kept_change: 'kept' });
lockedKept.unlocked = false;

describe('a lock whose save failed', () => {
  let locked: (() => void) | null = null;
  let saveState: ((s: UiSaveState) => void) | null = null;

  beforeEach(() => {
    vi.resetAllMocks();
    resetVaultState();
    setLanguage('nl');
    session.phase = 'loading';
    session.vaultPath = null;
    session.changeKept = false;
    locked = null;
    saveState = null;
    vi.mocked(ipc.onVaultLocked).mockImplementation((cb) => {
      locked = cb;
      return () => {};
    });
    vi.mocked(ipc.onSaveState).mockImplementation((cb) => {
      saveState = cb;
      return () => {};
    });
    vi.mocked(ipc.startEvents).mockResolvedValue(undefined);
    vi.mocked(ipc.appInfo).mockResolvedValue({ language: 'nl', recent: [], initial_vault: null, version: '0.1.0' });
    vi.mocked(ipc.vaultStatus).mockResolvedValue(status({ save_state: 'error' }));
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
    vi.mocked(ipc.vaultTouch).mockResolvedValue(undefined);
  });

  async function autoLockWithKeptChange() {
    render(App);
    await screen.findByText('Bakkerij De Korst');
    vi.mocked(ipc.vaultStatus).mockResolvedValue(lockedKept);
    locked?.();
    return screen.findByTestId('kept-note');
  }

  it('shows only the unlock screen, saying the change is kept', async () => {
    const note = await autoLockWithKeptChange();
    expect(note, 'the lock screen says the change is not lost').toHaveTextContent(
      'Je laatste wijziging kon niet worden opgeslagen',
    );
    expect(note).toHaveTextContent('versleuteld bewaard en wordt opgeslagen zodra je ontgrendelt');
    expect(screen.getByRole('heading', { name: 'Kluis ontgrendelen' })).toBeInTheDocument();
    expect(screen.queryByText('Bakkerij De Korst'), 'no vault data stays in the page').not.toBeInTheDocument();
    expect(vault.organisations, 'vault state is emptied, not hidden').toEqual([]);
    expect(session.vaultPath, 'the unlock screen opens the vault that holds the change').toBe(PATH);
  });

  it('says after unlock that the kept change is saved now', async () => {
    await autoLockWithKeptChange();
    vi.mocked(ipc.vaultUnlock).mockResolvedValue(status({ kept_change: 'saved' }));
    await fireEvent.input(screen.getByLabelText('Wachtwoordzin'), { target: { value: 'een goede zin' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Ontgrendelen' }));
    const banner = await screen.findByTestId('kept-banner');
    expect(banner, 'the advisor learns the change reached the disk').toHaveTextContent(
      'Ze was bewaard en is nu opgeslagen.',
    );
    expect(ipc.vaultUnlock).toHaveBeenCalledWith(PATH, 'een goede zin', 'passphrase');
  });

  it('says after unlock when the save failed again, until a retry succeeds', async () => {
    await autoLockWithKeptChange();
    vi.mocked(ipc.vaultUnlock).mockResolvedValue(status({ kept_change: 'not_saved', save_state: 'error' }));
    await fireEvent.input(screen.getByLabelText('Wachtwoordzin'), { target: { value: 'een goede zin' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Ontgrendelen' }));
    const banner = await screen.findByTestId('kept-banner');
    expect(banner, 'a second failure is said, not hidden').toHaveTextContent(
      'kan nog steeds niet worden opgeslagen. Ze blijft bewaard',
    );
    expect(banner).toHaveAttribute('role', 'alert');
    expect(screen.getByText('Opslaan mislukt'), 'and the save state agrees').toBeInTheDocument();
    saveState?.('saved');
    expect(
      await screen.findByText(/is nu opgeslagen/),
      'a later retry that works turns the message into the saved one',
    ).toBeInTheDocument();
  });

  it('refuses another vault with a message naming why', async () => {
    await autoLockWithKeptChange();
    vi.mocked(ipc.vaultUnlock).mockRejectedValue(ipcError('change_kept'));
    await fireEvent.input(screen.getByLabelText('Wachtwoordzin'), { target: { value: 'iets' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Ontgrendelen' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Ontgrendel eerst die kluis');
  });

  it('says it in English too, and on a fresh window after a reload', async () => {
    vi.mocked(ipc.appInfo).mockResolvedValue({ language: 'en', recent: [], initial_vault: null, version: '0.1.0' });
    vi.mocked(ipc.vaultStatus).mockResolvedValue(lockedKept);
    render(App);
    const note = await screen.findByTestId('kept-note');
    expect(note, 'the window starts at the unlock screen of the vault that holds the change').toHaveTextContent(
      'Your last change could not be saved',
    );
    expect(note).toHaveTextContent('It is not lost');
    expect(session.vaultPath).toBe(PATH);
  });

  it('turns the unlock screen of another vault (the demo) to the vault that holds the change', async () => {
    session.phase = 'unlock';
    session.vaultPath = '/tmp/kluis-demo/demo.kluis';
    session.demoPassphrase = 'openbare demo wachtwoordzin';
    vi.mocked(ipc.vaultStatus).mockResolvedValue(lockedKept);
    render(Unlock);
    await screen.findByTestId('kept-note');
    expect(session.vaultPath, 'only the vault that holds the change can be unlocked now').toBe(PATH);
    expect(screen.getByText('usb.kluis', { exact: false })).toBeInTheDocument();
    expect(screen.queryByText(/demokluis/), 'the demo note goes with the demo').not.toBeInTheDocument();
    expect(
      (screen.getByLabelText('Wachtwoordzin') as HTMLInputElement).value,
      "the demo's public passphrase is not offered for this vault",
    ).toBe('');
  });
});
