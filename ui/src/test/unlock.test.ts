import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import * as ipc from '$lib/ipc';
import { session } from '$lib/session.svelte';
import { setLanguage } from '$lib/i18n/index.svelte';
import Unlock from '../screens/Unlock.svelte';
import { deferred, ipcError } from './fixtures';

vi.mock('$lib/ipc');

describe('unlock screen', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
    session.phase = 'unlock';
    session.vaultPath = '/home/vp/advies.kluis';
    session.demoPassphrase = null;
    session.lockedNote = false;
  });

  it('disables the button while the key is derived and shows the Dutch message for a wrong passphrase', async () => {
    const call = deferred<never>();
    vi.mocked(ipc.vaultUnlock).mockReturnValue(call.promise);
    render(Unlock);

    await fireEvent.input(screen.getByLabelText('Wachtwoordzin'), { target: { value: 'verkeerde zin' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Ontgrendelen' }));

    const busy = await screen.findByRole('button', { name: 'Bezig met ontgrendelen...' });
    expect(busy).toBeDisabled();
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
    expect(ipc.vaultUnlock).toHaveBeenCalledWith('/home/vp/advies.kluis', 'verkeerde zin', 'passphrase');

    call.reject(ipcError('wrong_passphrase'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Deze wachtwoordzin klopt niet. Probeer het opnieuw of gebruik je herstelsleutel.',
    );
    expect(alert).not.toHaveTextContent('backend fallback text');
    expect(screen.getByRole('button', { name: 'Ontgrendelen' })).toBeEnabled();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it.each([
    ['damaged', 'beschadigd'],
    ['unsupported_version', 'nieuwere versie'],
    ['locked_elsewhere', 'al geopend'],
    ['not_a_vault', 'geen kluis'],
  ] as const)('shows a specific message for %s', async (code, text) => {
    vi.mocked(ipc.vaultUnlock).mockRejectedValue(ipcError(code));
    render(Unlock);
    await fireEvent.input(screen.getByLabelText('Wachtwoordzin'), { target: { value: 'iets' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Ontgrendelen' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(text);
  });

  it('unlocks with the recovery key', async () => {
    vi.mocked(ipc.vaultUnlock).mockRejectedValue(ipcError('malformed_recovery_key'));
    render(Unlock);
    await fireEvent.click(screen.getByRole('button', { name: /Gebruik je herstelsleutel/ }));
    await fireEvent.input(screen.getByLabelText('Herstelsleutel'), { target: { value: 'ABCD-EFGH' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Ontgrendelen' }));
    await waitFor(() => expect(ipc.vaultUnlock).toHaveBeenCalledWith('/home/vp/advies.kluis', 'ABCD-EFGH', 'recovery_key'));
    expect(await screen.findByRole('alert')).toHaveTextContent('geen geldige herstelsleutel');
  });

  it('pre-fills the demo passphrase and says the data is synthetic', () => {
    session.demoPassphrase = 'demo demo demo';
    render(Unlock);
    expect(screen.getByLabelText('Wachtwoordzin')).toHaveValue('demo demo demo');
    expect(screen.getByText(/demokluis met verzonnen gegevens/)).toBeInTheDocument();
  });
});
