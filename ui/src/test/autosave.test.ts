import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave, type SaveOutcome } from '$lib/autosave';
import { deferred } from './fixtures';

describe('createAutosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves once after the debounce, however many changes came before', async () => {
    const save = vi.fn(async (): Promise<SaveOutcome> => 'saved');
    const a = createAutosave({ save, debounce: 600, retry: 5000 });
    a.changed();
    await vi.advanceTimersByTimeAsync(300);
    a.changed();
    await vi.advanceTimersByTimeAsync(599);
    expect(save, 'each change restarts the quiet time').not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save, 'one save for a burst of keystrokes').toHaveBeenCalledTimes(1);
    expect(a.pending, 'nothing waits after a save').toBe(false);
  });

  it('flush saves at once and does nothing when nothing changed', async () => {
    const save = vi.fn(async () => undefined);
    const a = createAutosave({ save, debounce: 600, retry: 5000 });
    await a.flush();
    expect(save, 'no change, no save (blur on an untouched form)').not.toHaveBeenCalled();
    a.changed();
    await a.flush();
    expect(save, 'blur saves without waiting for the debounce').toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(save, 'and the debounce timer no longer fires').toHaveBeenCalledTimes(1);
  });

  it('runs one save at a time and sends a change made meanwhile right after', async () => {
    const first = deferred<SaveOutcome>();
    const save = vi.fn().mockReturnValueOnce(first.promise).mockResolvedValue('saved');
    const a = createAutosave({ save, debounce: 600, retry: 5000 });
    a.changed();
    const flushing = a.flush();
    a.changed();
    const second = a.flush();
    expect(save, 'the second flush waits for the save in flight').toHaveBeenCalledTimes(1);
    first.resolve('saved');
    await flushing;
    await second;
    expect(save, 'the change made during the first save is sent after it').toHaveBeenCalledTimes(2);
  });

  it('keeps a failed save and tries again after the retry time', async () => {
    const save = vi
      .fn<() => Promise<SaveOutcome>>()
      .mockRejectedValueOnce(new Error('disk full'))
      .mockResolvedValueOnce('retry')
      .mockResolvedValue('saved');
    const a = createAutosave({ save, debounce: 600, retry: 5000 });
    a.changed();
    await a.flush();
    expect(a.pending, 'a thrown save is never swallowed: the change waits').toBe(true);
    await vi.advanceTimersByTimeAsync(4999);
    expect(save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(save, "retried after 5 s; it answered 'retry' again").toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(save, 'and again, until it is written').toHaveBeenCalledTimes(3);
    expect(a.pending).toBe(false);
  });

  it("does not retry a save that answered 'stop' (a validation error the user must fix)", async () => {
    const save = vi.fn(async (): Promise<SaveOutcome> => 'stop');
    const a = createAutosave({ save, debounce: 600, retry: 5000 });
    a.changed();
    await a.flush();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(save, 'the same invalid input would fail the same way').toHaveBeenCalledTimes(1);
  });

  it('waits while it is not ready and saves once it is', async () => {
    let ready = false;
    const save = vi.fn(async () => undefined);
    const a = createAutosave({ save, debounce: 600, retry: 5000, ready: () => ready });
    a.changed();
    await a.flush();
    expect(save, 'a new dossier without organisation cannot be created yet').not.toHaveBeenCalled();
    expect(a.pending, 'the change is kept').toBe(true);
    ready = true;
    await a.flush();
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('retryNow saves at once, and dispose sends a pending change once and stops retrying', async () => {
    const save = vi.fn(async (): Promise<SaveOutcome> => 'retry');
    const a = createAutosave({ save, debounce: 600, retry: 5000 });
    await a.retryNow();
    expect(save, 'the "try again" button does not wait').toHaveBeenCalledTimes(1);
    a.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(save, 'leaving the page sends the pending change').toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(save, 'but a left page retries nothing').toHaveBeenCalledTimes(2);
  });
});
