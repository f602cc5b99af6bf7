import { WorkbenchError } from '../errors';
import { describeChildError } from '../queue/forkChild';

/** What `inParallel` leaves behind: the items that failed, with their errors, and how many never started. */
export interface PoolOutcome<T> {
  failures: { item: T; error: Error }[];
  notStarted: number;
}

/**
 * Runs `work` on `items` with up to `jobs` at once (the child-process pools of sweeps and active-learning
 * curves), starting the next item as soon as one ends. After a failure no further item starts; the
 * ones in progress finish. E601 naming `jobs` unless it is a whole number ≥ 1.
 */
export async function inParallel<T>(items: readonly T[], jobs: number, work: (item: T, index: number) => Promise<void>, onFailure?: (item: T, error: Error) => void): Promise<PoolOutcome<T>> {
  if (!Number.isInteger(jobs) || jobs < 1) throw new WorkbenchError('E601', `jobs must be a whole number ≥ 1, got ${JSON.stringify(jobs)}`, { field: 'jobs' });
  const failures: { item: T; error: Error }[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && failures.length === 0) {
      const k = next++;
      try {
        await work(items[k], k);
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        failures.push({ item: items[k], error });
        onFailure?.(items[k], error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, lane));
  return { failures, notStarted: items.length - next };
}

/**
 * The E907 error of a pool whose work failed: "<n> of <total> <what> failed[, <k> not started]<after>:",
 * then a line per failure, the item's `name` and its error (describeChildError).
 */
export function poolFailure<T>(outcome: PoolOutcome<T>, total: number, what: string, after: string, name: (item: T) => string): WorkbenchError {
  const { failures, notStarted } = outcome;
  const lines = failures.map(({ item, error }) => `${name(item)}: ${describeChildError(error)}`);
  return new WorkbenchError('E907', `${failures.length} of ${total} ${what} failed${notStarted ? `, ${notStarted} not started` : ''}${after}:\n${lines.join('\n')}`);
}
