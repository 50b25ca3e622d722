// Flows that span screens: entering the app after unlocking, locking, and loading the shared
// vault data (organisations, categories, settings).
import * as ipc from './ipc';
import { errorText } from './i18n/index.svelte';
import { resetVaultState, session, vault } from './session.svelte';
import type { IpcError, VaultStatus } from './types';

/** Shows the app for an unlocked vault and loads the shared data. */
export async function enterApp(status: VaultStatus): Promise<void> {
  resetVaultState();
  vault.status = status;
  vault.saveState = status.save_state;
  vault.keptChange = status.kept_change === 'saved' || status.kept_change === 'not_saved' ? status.kept_change : null;
  session.vaultPath = status.path ?? session.vaultPath;
  session.demoPassphrase = null;
  session.lockedNote = false;
  session.changeKept = false;
  session.phase = 'app';
  await Promise.allSettled([loadOrganisations(), loadCategories(), loadSettings()]);
}

export async function loadOrganisations(): Promise<void> {
  vault.organisations = await ipc.organisationsList(true);
}

export async function loadCategories(): Promise<void> {
  vault.categories = await ipc.categoriesList();
}

export async function loadSettings(): Promise<void> {
  vault.settings = await ipc.settingsGet();
}

/** After any lock (button, shortcut, auto-lock, `not_unlocked`): forget everything, show unlock. */
export function afterLocked(): void {
  const path = vault.status?.path ?? session.vaultPath;
  resetVaultState();
  session.vaultPath = path;
  session.demoPassphrase = null;
  session.lockedNote = true;
  session.phase = path ? 'unlock' : 'start';
}

// Forms with debounced autosave register a flush here, so locking sends pending edits first.
const flushers = new Set<() => Promise<void>>();

export function registerFlush(flush: () => Promise<void>): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

async function flushAll(): Promise<void> {
  const pending = [...flushers].map((f) => f().catch(() => undefined));
  // Never let a hanging save keep the vault open.
  await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, 3000))]);
}

let locking = false;

/** Locks the vault now: pending edits are sent first, then the backend saves and locks, and
 * every piece of vault state is dropped. If the backend cannot save, it locks all the same and
 * keeps the change encrypted until the next unlock (the unlock screen says so); only if it
 * cannot even do that does the vault stay open, with the error shown. */
export async function lockVault(): Promise<void> {
  if (locking) return;
  locking = true;
  vault.lockError = null;
  try {
    await flushAll();
    await ipc.vaultLock();
    afterLocked();
  } catch (e) {
    const err = e as IpcError;
    if (err.code === 'not_unlocked') afterLocked();
    else vault.lockError = errorText(err);
  } finally {
    locking = false;
  }
}

let lastTouch = 0;

/** Tells the backend about user activity, at most every 10 s. */
export function touch(now: number = Date.now()): void {
  // The vault is unlocked in the app and while the new vault's recovery key is shown.
  if (session.phase !== 'app' && session.phase !== 'create') return;
  if (now - lastTouch < 10_000) return;
  lastTouch = now;
  ipc.vaultTouch().catch(() => {
    // not_unlocked already triggers the lock listeners; nothing else to do here.
  });
}
