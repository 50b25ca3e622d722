import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import * as ipc from '$lib/ipc';
import { session } from '$lib/session.svelte';
import { setLanguage } from '$lib/i18n/index.svelte';
import CreateVault from '../screens/CreateVault.svelte';

vi.mock('$lib/ipc');

// A synthetic recovery key in the real format (never a real key).
const KEY = 'AGE-SECRET-KEY-1QQQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQ';

async function choosePath() {
  vi.mocked(ipc.pickNewVaultPath).mockResolvedValue('/home/vp/nieuw.kluis');
  await fireEvent.click(screen.getByRole('button', { name: 'Locatie kiezen...' }));
  await waitFor(() =>
    expect(screen.getByLabelText('Locatie van de nieuwe kluis')).toHaveValue('/home/vp/nieuw.kluis'),
  );
}

describe('create vault', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
    session.phase = 'create';
  });

  it('warns about a weak passphrase and does not create the vault', async () => {
    vi.mocked(ipc.passphraseStrength).mockResolvedValue(1);
    render(CreateVault);
    await choosePath();
    await fireEvent.input(screen.getByLabelText('Wachtwoordzin'), { target: { value: 'kort' } });
    expect((await screen.findAllByText(/Deze wachtwoordzin is te zwak/)).length).toBeGreaterThan(0);
    await fireEvent.input(screen.getByLabelText('Herhaal wachtwoordzin'), { target: { value: 'kort' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Kluis aanmaken' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Wachtwoordzin')).toHaveAccessibleDescription(/te zwak/),
    );
    expect(ipc.vaultCreate).not.toHaveBeenCalled();
  });

  it('says when the passphrases differ', async () => {
    vi.mocked(ipc.passphraseStrength).mockResolvedValue(4);
    render(CreateVault);
    await choosePath();
    await fireEvent.input(screen.getByLabelText('Wachtwoordzin'), { target: { value: 'paard batterij nietje correct' } });
    await fireEvent.input(screen.getByLabelText('Herhaal wachtwoordzin'), { target: { value: 'paard batterij nietje' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Kluis aanmaken' }));
    expect(await screen.findByText('De wachtwoordzinnen zijn niet gelijk.')).toBeInTheDocument();
    expect(screen.getByLabelText('Herhaal wachtwoordzin')).toHaveAccessibleDescription('De wachtwoordzinnen zijn niet gelijk.');
    expect(ipc.vaultCreate).not.toHaveBeenCalled();
  });

  it('accepts a typed location and adds the vault extension', async () => {
    vi.mocked(ipc.passphraseStrength).mockResolvedValue(4);
    vi.mocked(ipc.vaultCreate).mockResolvedValue('AGE-SECRET-KEY-1VERZONNEN');
    render(CreateVault);
    await fireEvent.input(screen.getByLabelText('Locatie van de nieuwe kluis'), {
      target: { value: '/home/vp/praktijk' },
    });
    await fireEvent.input(screen.getByLabelText('Wachtwoordzin'), { target: { value: 'paard batterij nietje correct' } });
    await fireEvent.input(screen.getByLabelText('Herhaal wachtwoordzin'), { target: { value: 'paard batterij nietje correct' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Kluis aanmaken' }));
    await waitFor(() => expect(ipc.vaultCreate).toHaveBeenCalledWith('/home/vp/praktijk.kluis', 'paard batterij nietje correct'));
  });

  it('asks for a location first', async () => {
    vi.mocked(ipc.passphraseStrength).mockResolvedValue(4);
    render(CreateVault);
    await fireEvent.input(screen.getByLabelText('Wachtwoordzin'), { target: { value: 'paard batterij nietje correct' } });
    await fireEvent.input(screen.getByLabelText('Herhaal wachtwoordzin'), { target: { value: 'paard batterij nietje correct' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Kluis aanmaken' }));
    expect(await screen.findByText('Kies eerst waar de kluis komt.')).toBeInTheDocument();
    expect(ipc.vaultCreate).not.toHaveBeenCalled();
  });

  it('shows the recovery key once and requires the checkbox before continuing', async () => {
    vi.mocked(ipc.passphraseStrength).mockResolvedValue(4);
    vi.mocked(ipc.vaultCreate).mockResolvedValue(KEY);
    vi.mocked(ipc.clipboardCopy).mockResolvedValue(undefined);
    vi.mocked(ipc.vaultStatus).mockResolvedValue({
      unlocked: true,
      name: 'nieuw',
      path: '/home/vp/nieuw.kluis',
      recovery_key_used: false,
      save_state: 'saved',
      autolock_minutes: 5,
      kept_change: 'none',
    });
    vi.mocked(ipc.organisationsList).mockResolvedValue([]);
    vi.mocked(ipc.categoriesList).mockResolvedValue([]);
    vi.mocked(ipc.settingsGet).mockResolvedValue({ retention_months: 12, backups_recent: 10, backups_days: 14, autolock_minutes: 5 });
    render(CreateVault);
    await choosePath();
    const pass = 'paard batterij nietje correct';
    await fireEvent.input(screen.getByLabelText('Wachtwoordzin'), { target: { value: pass } });
    await fireEvent.input(screen.getByLabelText('Herhaal wachtwoordzin'), { target: { value: pass } });
    await fireEvent.click(screen.getByRole('button', { name: 'Kluis aanmaken' }));

    const key = await screen.findByLabelText('Herstelsleutel');
    expect(ipc.vaultCreate).toHaveBeenCalledWith('/home/vp/nieuw.kluis', pass);
    expect(key).toHaveValue(
      'AGE-SECRET-KEY-1\nQQQSZQ GPQYQS ZQGPQY QSZQGP QYQSZQ\nGPQYQS ZQGPQY QSZQGP QYQSZQ GPQ',
    );

    await fireEvent.click(screen.getByRole('button', { name: 'Kopiëren' }));
    expect(ipc.clipboardCopy).toHaveBeenCalledWith(KEY);

    const next = screen.getByRole('button', { name: 'Doorgaan' });
    expect(next).toBeDisabled();
    await fireEvent.click(screen.getByLabelText('Ik heb de herstelsleutel veilig opgeborgen'));
    expect(next).toBeEnabled();
    await fireEvent.click(next);
    await waitFor(() => expect(session.phase).toBe('app'));
  });
});
