import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Example } from '../data/types';
import { WorkbenchError } from '../errors';
import { runName, type RunJob } from '../experiments/runJob';
import type { ExperimentRun } from '../experiments/runStore';
import { runInChild } from './childRunner';
import { getDataset } from './dataStore';
import { checkRunJob } from './jobCheck';
import { openRedis, redisOptions } from './redis';
import { cancelChannel, cancelKey, parseQueueTarget, QUEUE_NAME, type QueueOption } from './target';

/** Options of `startWorker`. */
export interface RunWorkerOptions {
  queue: QueueOption;
  /** Runs trained at once, each in its own child process (default 1: one core per run). */
  concurrency?: number;
  /**
   * Milliseconds a worker's hold on a job lasts without renewal (default 60 000; renewed every half).
   * A worker lost for longer has its job handed to another worker at the next stalled check.
   */
  lockDuration?: number;
  /** Milliseconds between checks for jobs of lost workers (default 30 000). */
  stalledInterval?: number;
  /** Times a run may be recovered from a lost worker before it fails (default 2). */
  maxStalledCount?: number;
  /** Where the worker's lines go (default: stdout). */
  log?: (line: string) => void;
}

/** A running worker. */
export interface RunWorker {
  /** Runs in progress now. */
  readonly active: number;
  /**
   * Stops taking jobs and resolves once the running ones finished. With `handBack`, running jobs
   * are stopped (their child processes killed) and put back in the queue for another worker.
   */
  close(opts?: { handBack?: boolean }): Promise<void>;
}

/** Default milliseconds of a worker's hold on a run, and between checks for runs of lost workers. */
export const WORKER_DEFAULTS = { lockDuration: 60_000, stalledInterval: 30_000, maxStalledCount: 2 } as const;

const HAND_BACK = 'handed back: the worker is shutting down';
/** Example sets kept in memory between jobs (a sweep reuses a few sets for all its runs). */
const CACHED_SETS = 6;

/**
 * Starts a worker that pulls runs from the queue and trains each in a child process of its own,
 * forwarding each epoch as the job's progress. A job's config and examples are checked (checkRunJob,
 * data fingerprints) before training; a job failing the checks fails without retry. Jobs cancelled
 * by a coordinator (`sweep cancel`, Ctrl-C) have their child process killed.
 */
export async function startWorker(opts: RunWorkerOptions): Promise<RunWorker> {
  const target = parseQueueTarget(opts.queue);
  const concurrency = opts.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new WorkbenchError('E902', `concurrency must be a whole number ≥ 1, got ${concurrency}`, { field: 'concurrency' });
  const log = opts.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const redis = await openRedis(target);
  const subscriber = redis.duplicate();
  subscriber.on('error', () => {}); // reconnects on its own; BullMQ's connections report the outage
  const sets = new Map<string, Example[]>();
  let active = 0;

  const examples = async (fingerprint: string): Promise<Example[]> => {
    let set = sets.get(fingerprint);
    if (!set) {
      set = await getDataset(redis, target, fingerprint);
      if (sets.size >= CACHED_SETS) sets.delete(sets.keys().next().value!);
    } else sets.delete(fingerprint);
    sets.set(fingerprint, set); // most recently used last
    return set;
  };

  const processor = async (job: Job, token?: string, signal?: AbortSignal): Promise<ExperimentRun> => {
    let run;
    let data;
    try {
      run = checkRunJob(job.data, job.id);
      if ((await redis.exists(cancelKey(target, run.runKey))) === 1) throw new WorkbenchError('E906', `run ${run.runKey} was cancelled before it started`);
      data = { train: await examples(run.dataHash.train), dev: await examples(run.dataHash.dev), evalSet: await examples(run.dataHash.eval) };
    } catch (err) {
      // A job that fails its checks fails the same way on every worker: no retry.
      log(`rejected ${job.id}: ${(err as Error).message}`);
      throw new UnrecoverableError((err as Error).message);
    }
    active++;
    const label = `${run.runKey} (${runName(run)})`;
    try {
      const record = await runInChild(run, data, {
        signal,
        onSpawn: (pid) => log(`started ${label} attempt ${job.attemptsMade + 1} pid ${pid}`),
        onEpoch: (p) => void job.updateProgress({ ...p }).catch(() => {}),
      });
      return record;
    } catch (err) {
      if (signal?.aborted) {
        const reason = String(signal.reason instanceof Error ? signal.reason.message : signal.reason);
        if (reason === HAND_BACK && token) {
          log(`handed back ${label}`);
          await job.moveToWait(token);
          throw new WaitingError();
        }
        log(`cancelled ${label}`);
        throw new UnrecoverableError(`[E906] Sweep cancelled: run ${run.runKey} stopped (${reason})`);
      }
      log(`failed ${label}: ${(err as Error).message}`);
      throw err;
    } finally {
      active--;
    }
  };

  const worker = new Worker(QUEUE_NAME, processor, {
    connection: redisOptions(target),
    prefix: target.prefix,
    concurrency,
    lockDuration: opts.lockDuration ?? WORKER_DEFAULTS.lockDuration,
    stalledInterval: opts.stalledInterval ?? WORKER_DEFAULTS.stalledInterval,
    maxStalledCount: opts.maxStalledCount ?? WORKER_DEFAULTS.maxStalledCount,
  });
  worker.on('error', (err) => log(`queue error: ${err.message}`));
  // Logged once the queue has the record (a worker that lost its lock meanwhile does not log it).
  worker.on('completed', (job) => {
    // The job passed checkRunJob before it ran.
    log(`finished ${job.id} (${runName(job.data as RunJob)})`);
  });
  await subscriber.subscribe(cancelChannel(target));
  subscriber.on('message', (_channel: string, message: string) => {
    let ids: unknown;
    try {
      ids = (JSON.parse(message) as { ids?: unknown }).ids;
    } catch {
      return; // not ours
    }
    if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') worker.cancelJob(id, 'cancelled by the coordinator');
  });
  await worker.waitUntilReady();
  log(`worker ready: ${target.display} prefix ${target.prefix}, ${concurrency} run${concurrency > 1 ? 's' : ''} at a time`);

  return {
    get active() {
      return active;
    },
    async close(o = {}) {
      if (o.handBack) worker.cancelAllJobs(HAND_BACK);
      await worker.close();
      await closeQuietly(subscriber);
      await closeQuietly(redis);
    },
  };
}

async function closeQuietly(client: Redis): Promise<void> {
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
