import type { EpochProgress } from '../models/training/loop';
import { runInChild } from '../queue/childRunner';
import { inParallel, poolFailure } from './childPool';
import { runName, type RunJob, type RunJobData } from './runJob';
import type { ExperimentRun } from './runStore';

/** One run for `trainInChildren`: the job and the examples it trains and scores on. */
export interface PoolRun {
  job: RunJob;
  data: RunJobData;
}

/** Options of `trainInChildren`: the pool size and what to do as each run starts, trains, ends or fails. */
export interface ChildPoolOptions {
  /** Runs trained at once, each in a child process of its own (a whole number ≥ 1). */
  jobs: number;
  /** A run's child process is being started. */
  onStart?: (job: RunJob) => void;
  /** A run finished an epoch. */
  onEpoch?: (job: RunJob, progress: EpochProgress) => void;
  /** A run finished; its record (an error thrown here fails the run). */
  onRecord?: (job: RunJob, record: ExperimentRun) => void;
  /** A run failed; the pool starts no new run, lets the running ones finish, then throws. */
  onFailure?: (job: RunJob, error: Error) => void;
}

/**
 * Trains `runs` in up to `jobs` child processes at once (runInChild, one core each), starting the
 * next run as soon as one ends. After a failure no further run starts; the runs in progress finish,
 * then an E907 error names every failed run (dataset, scheme, seed, run key) and its error.
 */
export async function trainInChildren(runs: readonly PoolRun[], opts: ChildPoolOptions): Promise<void> {
  const outcome = await inParallel(
    runs,
    opts.jobs,
    async ({ job, data }) => {
      opts.onStart?.(job);
      // An onEpoch that throws stops the run (forkChild kills the child and rejects with the error).
      const record = await runInChild(job, data, { onEpoch: (progress) => opts.onEpoch?.(job, progress) });
      opts.onRecord?.(job, record);
    },
    (run, error) => opts.onFailure?.(run.job, error),
  );
  if (outcome.failures.length > 0) throw poolFailure(outcome, runs.length, 'run(s)', '; the runs that finished are in the run folder', ({ job }) => `${runName(job)} (${job.runKey})`);
}
