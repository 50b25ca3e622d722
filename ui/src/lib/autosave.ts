// Debounced autosave for forms: every keystroke marks the form changed, a save follows after
// `debounce` ms of quiet (or at once on flush: blur, locking, leaving the page), one save at a
// time, and a save that fails is kept and tried again after `retry` ms, never swallowed.
// The form's own `save` decides what a failure means (a validation error shown under its
// field is not retried; a failed write is).

/** What a save reports back. */
export type SaveOutcome =
  /** Written (or nothing more to do). */
  | 'saved'
  /** Not written: keep the change and try again after `retry` ms. */
  | 'retry'
  /** Not written, and trying again will not help (a validation error is shown): wait for
   * the next change. */
  | 'stop';

export interface AutosaveOptions {
  /** Sends the form's current state. Resolving with nothing counts as 'saved'; a thrown
   * error counts as 'retry'. */
  save: () => Promise<SaveOutcome | void>;
  /** Quiet time after the last change before saving, in ms. */
  debounce: number;
  /** Wait before trying a failed save again, in ms. */
  retry: number;
  /** False while there is nothing that can be saved yet (a new dossier without its
   * organisation); the change stays pending until it is. */
  ready?: () => boolean;
}

export interface Autosave {
  /** Marks the form changed and (re)starts the debounce. */
  changed(): void;
  /** Saves now if anything changed; resolves when that save (and any change made while it
   * ran) is done. */
  flush(): Promise<void>;
  /** Marks the form changed and saves now (a "try again" button). */
  retryNow(): Promise<void>;
  /** Stops the timers; a pending change is still sent once. Later outcomes start nothing. */
  dispose(): void;
  /** Whether a change waits to be saved. */
  readonly pending: boolean;
}

export function createAutosave(options: AutosaveOptions): Autosave {
  const { save, debounce, retry, ready = () => true } = options;
  let dirty = false;
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | null = null;

  function clearTimers() {
    clearTimeout(timer);
    clearTimeout(retryTimer);
    timer = undefined;
    retryTimer = undefined;
  }

  async function run(): Promise<void> {
    dirty = false;
    let outcome: SaveOutcome;
    try {
      outcome = (await save()) ?? 'saved';
    } catch {
      outcome = 'retry';
    }
    if (outcome === 'retry') {
      dirty = true;
      if (!disposed) retryTimer = setTimeout(() => void flush(), retry);
    }
  }

  function flush(): Promise<void> {
    clearTimers();
    if (inFlight) {
      // One save at a time: a change made meanwhile is sent right after.
      return inFlight.then(() => (dirty && !retryTimer ? flush() : undefined));
    }
    if (!dirty || !ready()) return Promise.resolve();
    inFlight = run().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  return {
    changed() {
      dirty = true;
      if (disposed) return;
      clearTimers();
      timer = setTimeout(() => void flush(), debounce);
    },
    flush,
    retryNow() {
      dirty = true;
      return flush();
    },
    dispose() {
      const pending = dirty;
      clearTimers();
      disposed = true;
      if (pending) void flush();
    },
    get pending() {
      return dirty;
    },
  };
}
