import { describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...a: unknown[]) => invoke(...a) }));
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(async () => () => {}) }));
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: vi.fn(), save: vi.fn() }));

const ipc = await import('$lib/ipc');

describe('ipc', () => {
  it('passes camelCase arguments to snake_case commands', async () => {
    invoke.mockResolvedValueOnce([]);
    await ipc.timeEntriesList(null, 2026, 3);
    expect(invoke).toHaveBeenLastCalledWith('time_entries_list', { organisationId: null, year: 2026, month: 3 });
    invoke.mockResolvedValueOnce(undefined);
    await ipc.vaultChangePassphrase('een lange zin');
    expect(invoke).toHaveBeenLastCalledWith('vault_change_passphrase', { newPassphrase: 'een lange zin' });
  });

  it('normalises rejections to IpcError', async () => {
    invoke.mockRejectedValueOnce({ code: 'wrong_passphrase', message: 'x', fields: [] });
    await expect(ipc.vaultUnlock('/a.kluis', 's', 'passphrase')).rejects.toEqual({
      code: 'wrong_passphrase',
      message: 'x',
      fields: [],
    });
    invoke.mockRejectedValueOnce('Command foo not found');
    await expect(ipc.appInfo()).rejects.toMatchObject({ code: 'internal', fields: [] });
    invoke.mockRejectedValueOnce({ code: 'something_new', message: 'y' });
    await expect(ipc.appInfo()).rejects.toMatchObject({ code: 'internal', message: 'y' });
  });

  it('reports not_unlocked to the lock listeners', async () => {
    const cb = vi.fn();
    const off = ipc.onVaultLocked(cb);
    invoke.mockRejectedValueOnce({ code: 'not_unlocked', message: '', fields: [] });
    await expect(ipc.overviewGet()).rejects.toMatchObject({ code: 'not_unlocked' });
    expect(cb).toHaveBeenCalledTimes(1);
    off();
  });

  it('tracks the save state of mutating commands', async () => {
    const states: string[] = [];
    const off = ipc.onSaveState((s) => states.push(s));
    invoke.mockResolvedValueOnce({});
    await ipc.organisationCreate({ name: 'A', employee_count: 3, arrangement: 'collectief', contact_label: '' });
    invoke.mockRejectedValueOnce({ code: 'io', message: '', fields: [] });
    await expect(ipc.dossierReopen(1)).rejects.toMatchObject({ code: 'io' });
    expect(states).toEqual(['saving', 'saved', 'saving', 'error']);
    off();
  });
});
