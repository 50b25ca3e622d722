import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import * as ipc from '$lib/ipc';
import { setLanguage } from '$lib/i18n/index.svelte';
import { vault } from '$lib/session.svelte';
import Settings from '../screens/Settings.svelte';

import { advisorDetails } from './fixtures';

vi.mock('$lib/ipc');

// A made-up key in the recovery key's format (never a real one).
const KEY = 'AGE-SECRET-KEY-1' + 'Q'.repeat(58);

describe('a new recovery key from the settings screen', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.invoiceDetailsGet).mockResolvedValue(advisorDetails());
    setLanguage('nl');
    vault.settings = { autolock_minutes: 5, retention_months: 24, backups_recent: 10, backups_days: 14 };
  });

  it('asks first, shows the new key once, copies it and forgets it when stored', async () => {
    vi.mocked(ipc.vaultNewRecoveryKey).mockResolvedValue(KEY);
    vi.mocked(ipc.clipboardCopy).mockResolvedValue(undefined);
    const user = userEvent.setup();
    render(Settings);

    await user.click(screen.getByRole('button', { name: 'Nieuwe herstelsleutel maken...' }));
    expect(ipc.vaultNewRecoveryKey).not.toHaveBeenCalled();
    expect(screen.getByText(/De huidige herstelsleutel werkt daarna niet meer/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Ja, nieuwe herstelsleutel maken' }));
    const shown = await screen.findByLabelText('Je nieuwe herstelsleutel');
    expect(shown).toHaveValue(KEY);
    expect(ipc.vaultNewRecoveryKey).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole('button', { name: 'Kopiëren' }));
    expect(ipc.clipboardCopy).toHaveBeenCalledWith(KEY);
    expect(await screen.findByText(/Het klembord wordt na 10 seconden gewist/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Ik heb de nieuwe herstelsleutel veilig opgeborgen' }));
    expect(screen.queryByLabelText('Je nieuwe herstelsleutel')).not.toBeInTheDocument();
    expect(screen.queryByDisplayValue(KEY)).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('de oude werkt niet meer voor deze kluis');
  });

  it('cancelling makes no key, and a failure is shown without a key', async () => {
    vi.mocked(ipc.vaultNewRecoveryKey).mockRejectedValue({ code: 'io', message: 'x' });
    const user = userEvent.setup();
    render(Settings);

    await user.click(screen.getByRole('button', { name: 'Nieuwe herstelsleutel maken...' }));
    await user.click(screen.getByRole('button', { name: 'Annuleren' }));
    expect(ipc.vaultNewRecoveryKey).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Nieuwe herstelsleutel maken...' }));
    await user.click(screen.getByRole('button', { name: 'Ja, nieuwe herstelsleutel maken' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.queryByLabelText('Je nieuwe herstelsleutel')).not.toBeInTheDocument();
  });

  it('says what a passphrase change does for copies made before it, in English too', () => {
    setLanguage('en');
    render(Settings);
    expect(screen.getByText(/Copies made before the change \(backups, a USB stick\) still open/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Make a new recovery key...' })).toBeInTheDocument();
  });
});
