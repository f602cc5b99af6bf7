import { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { openRedis, redisOptions } from './redis';
import { cancelChannel, cancelKey, parseQueueTarget, QUEUE_NAME, type QueueOption, type QueueTarget } from './target';

/** What a cancellation did. */
export interface CancelResult {
  /** Jobs removed before a worker took them. */
  removed: string[];
  /** Jobs a worker was running: their workers were told to stop them. */
  stopped: string[];
}

/** Seconds a cancellation mark stays (a coordinator that enqueues the run again clears it). */
const CANCEL_MARK_SECONDS = 24 * 3600;
const PENDING_STATES = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children', 'paused']);

/**
 * Cancels runs by id: marks them (so a worker that takes one now refuses it), removes those not
 * started yet, and tells the workers running the others to kill their child processes.
 */
export async function cancelRuns(redis: Redis, queue: Queue, target: QueueTarget, ids: readonly string[]): Promise<CancelResult> {
  const result: CancelResult = { removed: [], stopped: [] };
  if (ids.length === 0) return result;
  const marks = redis.multi();
  for (const id of ids) marks.set(cancelKey(target, id), '1', 'EX', CANCEL_MARK_SECONDS);
  await marks.exec();
  // Waiting runs first: a worker whose run is stopped would otherwise take the next one meanwhile.
  const active: string[] = [];
  for (const id of ids) {
    const state = await queue.getJobState(id);
    if (PENDING_STATES.has(state)) {
      const job = await Job.fromId(queue, id);
      try {
        await job?.remove();
        result.removed.push(id);
      } catch {
        // Taken by a worker in between: the mark makes it refuse the run.
        active.push(id);
      }
    } else if (state === 'active') active.push(id);
  }
  await redis.publish(cancelChannel(target), JSON.stringify({ ids: active }));
  result.stopped.push(...active);
  return result;
}

/** Ids of the queue's jobs not finished yet (waiting, delayed, active...). */
export async function unfinishedJobIds(queue: Queue): Promise<string[]> {
  const jobs = await queue.getJobs(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children']);
  return [...new Set(jobs.filter((j) => j?.id !== undefined).map((j) => j.id as string))];
}

/**
 * `workbench sweep cancel`: cancels every unfinished run of the queue (waiting ones removed, active
 * ones stopped), waiting up to `waitSeconds` for the stopped ones to leave the active state.
 */
export async function cancelSweep(option: QueueOption, opts: { waitSeconds?: number } = {}): Promise<CancelResult & { stillActive: number }> {
  const target = parseQueueTarget(option);
  const redis = await openRedis(target);
  const queue = new Queue(QUEUE_NAME, { connection: redisOptions(target), prefix: target.prefix });
  try {
    const result = await cancelRuns(redis, queue, target, await unfinishedJobIds(queue));
    const stillActive = await waitInactive(queue, result.stopped, opts.waitSeconds ?? 30);
    return { ...result, stillActive };
  } finally {
    await queue.close();
    await redis.quit().catch(() => redis.disconnect());
  }
}

/** Waits until none of `ids` is active (or the time is up); returns how many still are. */
export async function waitInactive(queue: Queue, ids: readonly string[], seconds: number): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    let active = 0;
    for (const id of ids) if ((await queue.getJobState(id)) === 'active') active++;
    if (active === 0 || Date.now() >= deadline) return active;
    await new Promise((r) => setTimeout(r, 200));
  }
}
