// One run at a time, the newest request wins: a request made while a run is in flight is
// coalesced into one more run when it ends (with the request as it is then), and the result of
// a run that a newer request overtook is dropped. The report screen prepares reports this way
// (each prepare holds the vault for a moment in the backend).

export interface LatestRunnerOptions<Req, Res> {
  /** The request as things are now; null when there is nothing to run. */
  build: () => Req | null;
  /** Runs one request. */
  run: (request: Req) => Promise<Res>;
  /** The result of the newest request. */
  onResult: (result: Res, request: Req) => void;
  /** The failure of the newest request. */
  onError: (error: unknown) => void;
  /** Whether a run is in flight or waiting. */
  onBusy: (busy: boolean) => void;
}

export interface LatestRunner {
  /** Asks for a run with the request as it is now. Returns false (and runs nothing, dropping
   * whatever was waiting) when there is nothing to run. */
  request(): boolean;
  /** Drops every result still to come (for a screen that goes away). */
  cancel(): void;
}

export function createLatestRunner<Req, Res>(o: LatestRunnerOptions<Req, Res>): LatestRunner {
  let seq = 0;
  let running = false;
  let queued = false;

  async function go(): Promise<void> {
    const request = o.build();
    if (request === null) {
      o.onBusy(false);
      return;
    }
    running = true;
    const mine = seq;
    try {
      const result = await o.run(request);
      if (mine === seq) o.onResult(result, request);
    } catch (e) {
      if (mine === seq) o.onError(e);
    } finally {
      running = false;
      if (queued) {
        queued = false;
        void go();
      } else if (mine === seq) {
        o.onBusy(false);
      }
    }
  }

  return {
    request() {
      seq++;
      if (o.build() === null) {
        queued = false;
        o.onBusy(false);
        return false;
      }
      o.onBusy(true);
      if (running) queued = true;
      else void go();
      return true;
    },
    cancel() {
      seq++;
      queued = false;
    },
  };
}
