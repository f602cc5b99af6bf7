import { Job, Queue, QueueEvents } from 'bullmq';
import type { Example } from '../data/types';
import { WorkbenchError } from '../errors';
import type { RunJob } from '../experiments/runJob';
import type { ExperimentRun } from '../experiments/runStore';
import type { EpochProgress } from '../models';
import { cancelRuns, waitInactive } from './cancel';
import { putDatasets } from './dataStore';
import { openRedis, redisOptions } from './redis';
import { cancelKey, QUEUE_NAME, type QueueTarget } from './target';

/** Why a queued run failed: the error thrown in the worker (its last attempt). */
export interface RunFailure {
  message: string;
  stack?: string;
  /** True when the run was cancelled (Ctrl-C, `workbench sweep cancel`) rather than failed. */
  cancelled: boolean;
}

/** Options of `runOnQueue`. */
export interface RunOnQueueOptions {
  target: QueueTarget;
  /** The runs to train, one per run key (the key is the job id). */
  jobs: readonly RunJob[];
  /** Every example set the jobs name, by fingerprint (stored once per fingerprint). */
  data: ReadonlyMap<string, readonly Example[]>;
  /** Train again even when the queue holds a finished job of the same run. */
  force?: boolean;
  /** A worker started a run (again, after a lost worker). */
  onActive?: (job: RunJob) => void;
  onEpoch?: (job: RunJob, progress: EpochProgress) => void;
  /** A run's record came back (the caller writes it). */
  onRecord: (job: RunJob, record: ExperimentRun) => void;
  /** A run failed after its attempts, or was cancelled. */
  onFailure?: (job: RunJob, failure: RunFailure) => void;
  /** Notes for the user (no worker connected, cancellation). */
  log?: (line: string) => void;
  /** Aborting cancels the sweep's runs (as Ctrl-C does). */
  signal?: AbortSignal;
  /** Cancel the sweep's runs on SIGINT (default true). */
  handleSigint?: boolean;
  /** Milliseconds between state checks that back up the queue's events (default 3000). */
  pollMs?: number;
  /** Seconds finished jobs (and their records) stay in Redis for other coordinators (default 1 day). */
  keepSeconds?: number;
}

/**
 * Runs jobs on a BullMQ queue: stores their examples once per fingerprint, enqueues one job per run
 * key (a run already queued or finished by another coordinator is not trained again), reports each
 * run's start and epochs, and hands each record back through `onRecord`. Resolves once every run is
 * settled; failed runs are then an E905 error with their messages and stacks, a cancelled sweep an
 * E906 error.
 */
export async function runOnQueue(opts: RunOnQueueOptions): Promise<void> {
  const { target, jobs } = opts;
  if (jobs.length === 0) return;
  const log = opts.log ?? (() => {});
  const redis = await openRedis(target);
  const connection = redisOptions(target);
  const queue = new Queue(QUEUE_NAME, { connection, prefix: target.prefix });
  const events = new QueueEvents(QUEUE_NAME, { connection, prefix: target.prefix });
  const byId = new Map(jobs.map((j) => [j.runKey, j]));
  const outstanding = new Set(byId.keys());
  const failures: { job: RunJob; failure: RunFailure }[] = [];
  let finish!: () => void;
  const allSettled = new Promise<void>((resolve) => (finish = resolve));
  let timer: NodeJS.Timeout | undefined;
  let cancelling: Promise<void> | undefined;

  const settle = (id: string, outcome: { record: ExperimentRun } | { failure: RunFailure }): void => {
    if (!outstanding.delete(id)) return;
    const job = byId.get(id)!;
    if ('record' in outcome) opts.onRecord(job, outcome.record);
    else {
      failures.push({ job, failure: outcome.failure });
      opts.onFailure?.(job, outcome.failure);
    }
    if (outstanding.size === 0) finish();
  };
  // One state check per job at a time; events and the poll both lead here.
  const checking = new Set<string>();
  const check = async (id: string, retryFailed = false): Promise<void> => {
    if (!outstanding.has(id) || checking.has(id)) return;
    checking.add(id);
    try {
      const state = await queue.getJobState(id);
      if (state === 'completed') {
        const job = await Job.fromId(queue, id);
        const record = job?.returnvalue as ExperimentRun | undefined;
        if (record?.kind === 'run' && record.runKey === id) settle(id, { record });
        else settle(id, { failure: { message: `job ${id} finished without a run record`, cancelled: false } });
      } else if (state === 'failed') {
        const job = await Job.fromId(queue, id);
        if (retryFailed && job) {
          // A failure left by an earlier sweep: this sweep tries the run again.
          await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
          return;
        }
        const message = job?.failedReason ?? `job ${id} failed`;
        const stack = job?.stacktrace?.filter(Boolean).at(-1) ?? undefined;
        settle(id, { failure: { message, ...(stack ? { stack } : {}), cancelled: /\[E906\]/.test(message) } });
      } else if (state === 'unknown') {
        settle(id, { failure: { message: `[E906] Sweep cancelled: job ${id} was removed from the queue`, cancelled: true } });
      }
    } finally {
      checking.delete(id);
    }
  };
  const guard = (p: Promise<void>): void => void p.catch((err: Error) => log(`queue check failed: ${err.message}`));

  events.on('active', ({ jobId }) => {
    const job = byId.get(jobId);
    if (job && outstanding.has(jobId)) opts.onActive?.(job);
  });
  events.on('progress', ({ jobId, data }) => {
    const job = byId.get(jobId);
    const p = data as EpochProgress | undefined;
    if (job && outstanding.has(jobId) && p && typeof p === 'object' && p.type === 'epoch') opts.onEpoch?.(job, p);
  });
  for (const name of ['completed', 'failed', 'removed'] as const) events.on(name, ({ jobId }: { jobId: string }) => byId.has(jobId) && guard(check(jobId)));

  const cancel = (reason: string): Promise<void> =>
    (cancelling ??= (async () => {
      log(`cancelling the sweep (${reason})...`);
      const ids = [...outstanding];
      const { removed, stopped } = await cancelRuns(redis, queue, target, ids);
      const left = await waitInactive(queue, stopped, 30);
      log(`cancelled: ${removed.length} waiting run(s) removed, ${stopped.length} active run(s) stopped${left ? ` (${left} still active)` : ''}`);
      for (const id of ids) settle(id, { failure: { message: `[E906] Sweep cancelled: ${reason}`, cancelled: true } });
    })());
  const onSigint = (): void => guard(cancel('interrupted (SIGINT)'));
  const onAbort = (): void => guard(cancel(String(opts.signal?.reason ?? 'aborted')));

  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    const uploaded = await putDatasets(redis, target, opts.data);
    if (uploaded) log(`stored ${uploaded} example set(s) in ${target.display}`);
    // Runs enqueued again after a cancellation must not be refused by the workers.
    await redis.del(...jobs.map((j) => cancelKey(target, j.runKey)));
    if (opts.force) {
      for (const id of byId.keys()) {
        const state = await queue.getJobState(id);
        if (state === 'completed' || state === 'failed') await (await Job.fromId(queue, id))?.remove();
      }
    }
    const keep = { age: opts.keepSeconds ?? 24 * 3600 };
    await queue.addBulk(jobs.map((data) => ({ name: 'run', data, opts: { jobId: data.runKey, attempts: target.attempts, removeOnComplete: keep, removeOnFail: keep } })));
    if ((await queue.getWorkers()).length === 0) log(`no worker is connected to ${target.display} (prefix ${target.prefix}) yet: start \`workbench worker --queue URL\` on each machine`);
    if (opts.handleSigint !== false) process.once('SIGINT', onSigint);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.signal?.aborted) onAbort();
    // Jobs finished before this sweep (by another coordinator) settle here; failed ones are retried.
    for (const id of byId.keys()) await check(id, true);
    const poll = (): void => {
      timer = setTimeout(() => {
        guard(Promise.all([...outstanding].map((id) => check(id))).then(() => undefined));
        if (outstanding.size) poll();
      }, opts.pollMs ?? 3000);
    };
    poll();
    await allSettled;
    if (cancelling) await cancelling;
  } finally {
    clearTimeout(timer);
    process.removeListener('SIGINT', onSigint);
    opts.signal?.removeEventListener('abort', onAbort);
    await events.close();
    await queue.close();
    await redis.quit().catch(() => redis.disconnect());
  }
  if (failures.length === 0) return;
  const cancelled = failures.filter((f) => f.failure.cancelled);
  const failed = failures.filter((f) => !f.failure.cancelled);
  const describe = ({ job, failure }: { job: RunJob; failure: RunFailure }): string =>
    `${job.dataset} ${job.scheme} seed ${job.seed} (${job.runKey}): ${failure.message}${failure.stack && !failure.cancelled ? `\n${indent(failure.stack)}` : ''}`;
  if (failed.length) {
    throw new WorkbenchError('E905', `${failed.length} of ${jobs.length} run(s) failed after ${target.attempts} attempt(s)${cancelled.length ? `, ${cancelled.length} cancelled` : ''}; the others are in the run folder:\n${failed.map(describe).join('\n')}`);
  }
  throw new WorkbenchError('E906', `${cancelled.length} of ${jobs.length} run(s) cancelled; finished runs are in the run folder`);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
