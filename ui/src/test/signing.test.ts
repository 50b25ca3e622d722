import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import * as ipc from '$lib/ipc';
import { setLanguage } from '$lib/i18n/index.svelte';
import SigningKeySettings from '$lib/components/SigningKeySettings.svelte';

vi.mock('$lib/ipc');

// A made-up key in minisign's format (never a real one).
const KEY = {
  public_key: 'RWQ1zM5B+5SzZmcd/NDK4kv1ZUXGOvjywhZuu8IGnG04lmkvJj5s8ECM',
  fingerprint: '66B394FB41CECC35',
  pub_file: 'untrusted comment: minisign public key 66B394FB41CECC35\nRWQ1zM5B+5SzZmcd/NDK4kv1ZUXGOvjywhZuu8IGnG04lmkvJj5s8ECM\n',
};

describe('the signing key in the settings', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
  });

  it('shows the public key and its fingerprint and copies the key', async () => {
    vi.mocked(ipc.signingKeyGet).mockResolvedValue(KEY);
    vi.mocked(ipc.clipboardCopy).mockResolvedValue(undefined);
    const user = userEvent.setup();
    render(SigningKeySettings);
    expect(screen.getByRole('heading', { name: 'Ondertekening' })).toBeInTheDocument();
    expect(await screen.findByLabelText('Sleutel-ID (vingerafdruk)')).toHaveValue(KEY.fingerprint);
    expect(screen.getByLabelText('Publieke sleutel')).toHaveValue(KEY.public_key);
    expect(screen.getByText(/minisign -Vm rapport\.pdf -P/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Kopiëren' }));
    expect(ipc.clipboardCopy).toHaveBeenCalledWith(KEY.public_key);
    expect(await screen.findByRole('status')).toHaveTextContent('Gekopieerd');
  });

  it('says so in English, and shows a failure without a key', async () => {
    setLanguage('en');
    vi.mocked(ipc.signingKeyGet).mockRejectedValue({ code: 'read_only', message: 'x' });
    render(SigningKeySettings);
    expect(screen.getByRole('heading', { name: 'Signing' })).toBeInTheDocument();
    expect(await screen.findByRole('alert')).toHaveTextContent(/read-only|read only/i);
    expect(screen.queryByLabelText('Public key')).not.toBeInTheDocument();
  });
});
