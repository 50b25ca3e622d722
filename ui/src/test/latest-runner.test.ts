import { describe, expect, it } from 'vitest';
import { createLatestRunner } from '$lib/latestRunner';
import { deferred } from './fixtures';

/** A runner over a request that the test changes, with every run held until released. */
function harness() {
  const state = { request: 'a' as string | null };
  const runs: { request: string; done: ReturnType<typeof deferred<string>> }[] = [];
  const results: string[] = [];
  const errors: unknown[] = [];
  const busy: boolean[] = [];
  const runner = createLatestRunner<string, string>({
    build: () => state.request,
    run: (request) => {
      const done = deferred<string>();
      runs.push({ request, done });
      return done.promise;
    },
    onResult: (r) => results.push(r),
    onError: (e) => errors.push(e),
    onBusy: (b) => busy.push(b),
  });
  return { state, runs, results, errors, busy, runner };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('one run at a time, the newest request wins', () => {
  it('runs at once when idle and reports the result', async () => {
    const h = harness();
    expect(h.runner.request()).toBe(true);
    expect(h.runs.map((r) => r.request)).toEqual(['a']);
    h.runs[0].done.resolve('A');
    await settle();
    expect(h.results).toEqual(['A']);
    expect(h.busy).toEqual([true, false]);
  });

  it('coalesces requests made during a run into one more run with the newest request', async () => {
    const h = harness();
    h.runner.request();
    h.state.request = 'b';
    h.runner.request();
    h.state.request = 'c';
    h.runner.request();
    expect(h.runs).toHaveLength(1);
    h.runs[0].done.resolve('A');
    await settle();
    expect(h.results, 'the overtaken result is dropped').toEqual([]);
    expect(h.runs.map((r) => r.request), 'one more run, with the newest request').toEqual(['a', 'c']);
    h.runs[1].done.resolve('C');
    await settle();
    expect(h.results).toEqual(['C']);
    expect(h.busy.at(-1)).toBe(false);
  });

  it('drops a failure that a newer request overtook, and reports the newest one', async () => {
    const h = harness();
    h.runner.request();
    h.runner.request();
    h.runs[0].done.reject(new Error('old'));
    await settle();
    expect(h.errors).toEqual([]);
    h.runs[1].done.reject(new Error('new'));
    await settle();
    expect(h.errors).toEqual([new Error('new')]);
  });

  it('runs nothing without a request, and drops what was waiting', async () => {
    const h = harness();
    h.runner.request();
    h.runner.request();
    h.state.request = null;
    expect(h.runner.request()).toBe(false);
    h.runs[0].done.resolve('A');
    await settle();
    expect(h.runs, 'the waiting run is dropped').toHaveLength(1);
    expect(h.results).toEqual([]);
    expect(h.busy.at(-1)).toBe(false);
  });

  it('drops every result after cancel', async () => {
    const h = harness();
    h.runner.request();
    h.runner.cancel();
    h.runs[0].done.resolve('A');
    await settle();
    expect(h.results).toEqual([]);
  });
});
