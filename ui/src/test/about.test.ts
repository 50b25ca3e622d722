import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import * as ipc from '$lib/ipc';
import { setLanguage } from '$lib/i18n/index.svelte';
import { vault } from '$lib/session.svelte';
import AboutDialog from '$lib/components/AboutDialog.svelte';
import Settings from '../screens/Settings.svelte';
import type { AboutInfo } from '$lib/types';

import { advisorDetails } from './fixtures';

vi.mock('$lib/ipc');

const open: AboutInfo = {
  version: '0.1.0',
  licence: 'EUPL-1.2',
  vault_key: '3f2a 9c1d 0b7e 44a1',
  recovery_key: '8e01 77c2 d4f0 1b9a',
};

describe('about dialog', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.invoiceDetailsGet).mockResolvedValue(advisorDetails());
    setLanguage('nl');
    vault.modals = 0;
  });

  it('shows the version, the licence, that Kluis stays offline and the key fingerprints', async () => {
    vi.mocked(ipc.appAbout).mockResolvedValue(open);
    const onclose = vi.fn();
    render(AboutDialog, { props: { onclose } });

    const dialog = screen.getByRole('dialog', { name: 'Over Kluis' });
    expect(await screen.findByTestId('about-version')).toHaveTextContent('0.1.0');
    expect(dialog).toHaveTextContent('EUPL-1.2 (European Union Public Licence, versie 1.2)');
    expect(dialog).toHaveTextContent('Kluis maakt geen netwerkverbinding');
    expect(dialog).toHaveTextContent('geen automatische update');
    expect(dialog).toHaveTextContent('er wordt eerst een back-up gemaakt');
    expect(screen.getByText('3f2a 9c1d 0b7e 44a1')).toBeInTheDocument();
    expect(screen.getByText('8e01 77c2 d4f0 1b9a')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sluiten' })).toHaveFocus();

    await userEvent.keyboard('{Enter}');
    expect(onclose).toHaveBeenCalledTimes(1);
  });

  it('says to unlock a vault for the fingerprints, in English too', async () => {
    setLanguage('en');
    vi.mocked(ipc.appAbout).mockResolvedValue({ ...open, vault_key: null, recovery_key: null });
    const onclose = vi.fn();
    render(AboutDialog, { props: { onclose } });

    expect(await screen.findByText('Unlock a vault to see the fingerprints of its keys.')).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'About Kluis' })).toHaveTextContent('no automatic update');
    expect(screen.queryByText(/fingerprint$/)).not.toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(onclose).toHaveBeenCalledTimes(1);
  });

  it('opens from the settings screen by keyboard and gives the focus back on Escape', async () => {
    vi.mocked(ipc.appAbout).mockResolvedValue(open);
    vault.settings = { autolock_minutes: 5, retention_months: 24, backups_recent: 10, backups_days: 14 };
    const user = userEvent.setup();
    render(Settings);

    const button = screen.getByRole('button', { name: 'Over Kluis' });
    button.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('dialog', { name: 'Over Kluis' })).toBeInTheDocument();
    expect(await screen.findByText('3f2a 9c1d 0b7e 44a1')).toBeInTheDocument();
    expect(ipc.appAbout).toHaveBeenCalledTimes(1);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });
});
