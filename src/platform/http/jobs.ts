import { randomBytes } from 'node:crypto';

// Long writes the server runs for a client (imports, syncs, the demo) are jobs: each has an id
// and a status the client can follow, can be cancelled (the import's transaction rolls back),
// and is awaited (then cancelled) by a graceful shutdown. Jobs live in the server's memory: a
// restart forgets them, and what they wrote is either committed whole or rolled back.

/** After the grace, how long cancelled jobs get to roll back before the database closes under them. */
const CANCEL_WAIT_MS = 5000;

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobView {
  id: string;
  kind: string;
  status: JobStatus;
  started_at: string;
  finished_at: string | null;
  /** Files read so far, of how many, and the one being read. */
  progress: { done: number; total: number; item: string } | null;
  /** What the job returned (an import report) once it succeeded. */
  result: unknown;
  /** Why it failed or was cancelled, and the HTTP status that reason maps to. */
  error: string | null;
  error_status: number | null;
  errors: string[];
}

export interface JobContext {
  signal: AbortSignal;
  progress(done: number, total: number, item: string): void;
}

export class JobCancelledError extends Error {
  readonly status = 409;
  constructor(reason: string) {
    super(`The job was cancelled (${reason}); nothing it was writing was kept.`);
  }
}

interface Job {
  view: JobView;
  controller: AbortController;
  done: Promise<void>;
}

export class Jobs {
  private readonly jobs = new Map<string, Job>();
  /** Writing jobs run one at a time (one import transaction at a time; DuckDB has one writer). */
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly describeError: (err: unknown) => { status: number; message: string; errors?: string[] } = (err) => ({
      status: 500,
      message: (err as Error).message,
    }),
    private readonly keep = 100,
  ) {}

  start(kind: string, run: (ctx: JobContext) => Promise<unknown>): JobView {
    if (this.closed) throw Object.assign(new Error('The server is shutting down: no new jobs'), { status: 503 });
    const id = `job_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const controller = new AbortController();
    const view: JobView = {
      id,
      kind,
      status: 'queued',
      started_at: new Date().toISOString(),
      finished_at: null,
      progress: null,
      result: null,
      error: null,
      error_status: null,
      errors: [],
    };
    const execute = async () => {
      if (controller.signal.aborted) throw controller.signal.reason;
      view.status = 'running';
      view.result = await run({
        signal: controller.signal,
        progress: (done, total, item) => {
          view.progress = { done, total, item };
        },
      });
    };
    const done = this.queue.then(execute).then(
      () => {
        view.status = 'succeeded';
      },
      (err) => {
        if (controller.signal.aborted) {
          view.status = 'cancelled';
          view.error = new JobCancelledError(String(controller.signal.reason?.message ?? controller.signal.reason)).message;
          view.error_status = 409;
          return;
        }
        const d = this.describeError(err);
        view.status = 'failed';
        view.error = d.message;
        view.error_status = d.status;
        view.errors = d.errors ?? [];
      },
    );
    const finished = done.then(() => {
      view.finished_at = new Date().toISOString();
    });
    this.queue = finished;
    this.jobs.set(id, { view, controller, done: finished });
    this.prune();
    return view;
  }

  /** Waits for a job and returns its outcome, throwing its error as the synchronous routes do. */
  async wait(id: string): Promise<JobView> {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`No job ${id}`);
    await job.done;
    return job.view;
  }

  get(id: string): JobView | undefined {
    return this.jobs.get(id)?.view;
  }

  list(): JobView[] {
    return [...this.jobs.values()].map((j) => j.view).reverse();
  }

  cancel(id: string, reason = 'cancelled by the client'): JobView | undefined {
    const job = this.jobs.get(id);
    if (job && (job.view.status === 'queued' || job.view.status === 'running')) job.controller.abort(new Error(reason));
    return job?.view;
  }

  get running(): number {
    return [...this.jobs.values()].filter((j) => j.view.status === 'queued' || j.view.status === 'running').length;
  }

  /**
   * Graceful shutdown: no new jobs; running ones get until `deadline` (ms since epoch) to finish,
   * then they are cancelled (rolled back) and awaited.
   */
  async drain(deadline: number): Promise<void> {
    this.closed = true;
    const pending = [...this.jobs.values()].filter((j) => j.view.status === 'queued' || j.view.status === 'running');
    if (!pending.length) return;
    const all = Promise.all(pending.map((j) => j.done));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((res) => (timer = setTimeout(() => res('late'), Math.max(0, deadline - Date.now()))));
    if ((await Promise.race([all.then(() => 'done' as const), late])) === 'late') {
      for (const j of pending) this.cancel(j.view.id, 'the server is shutting down');
      // A cancelled import stops at its next file; a job that cannot be cancelled (a sync) is
      // cut off when the database closes under it. Either way, wait no longer than this.
      const cutOff = new Promise<void>((res) => (timer = setTimeout(res, CANCEL_WAIT_MS)));
      await Promise.race([all, cutOff]);
    }
    clearTimeout(timer);
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.view.finished_at);
    for (const j of finished.slice(0, Math.max(0, this.jobs.size - this.keep))) this.jobs.delete(j.view.id);
  }
}
