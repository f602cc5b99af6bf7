import { join } from 'node:path';
import type { RunJob, RunJobData } from '../experiments/runJob';
import type { ExperimentRun } from '../experiments/runStore';
import type { EpochProgress } from '../models';
import type { ChildMessage, ChildRequest } from './child';
import { ChildRunError, forkChild } from './forkChild';

export { ChildRunError } from './forkChild';

/** Options of `runInChild`. */
export interface RunInChildOptions {
  /** Called with each finished epoch of the run. */
  onEpoch?: (progress: EpochProgress) => void;
  /** Called once the child process exists, with its pid. */
  onSpawn?: (pid: number) => void;
  /** Aborting kills the child (SIGKILL) and rejects with the abort reason. */
  signal?: AbortSignal;
}

/**
 * Trains one run in a child process of its own (one core per run; the run's memory returns to the
 * OS when the child exits) and resolves to its record. An error thrown by the training is rethrown
 * with the child's message and stack; a child that dies without an answer is an E907 error.
 */
export function runInChild(job: RunJob, data: RunJobData, opts: RunInChildOptions = {}): Promise<ExperimentRun> {
  const request: ChildRequest = { type: 'run', job, data };
  return forkChild<ChildRequest, ChildMessage, ExperimentRun>(
    join(__dirname, 'child'),
    request,
    (m) => {
      if (m.type === 'epoch') opts.onEpoch?.(m.progress);
      else if (m.type === 'result') return { value: m.record };
      else if (m.type === 'error') return { error: new ChildRunError(m.message, m.stack) };
      return undefined;
    },
    { task: `training run ${job.runKey} (${job.dataset} ${job.scheme} seed ${job.seed})`, onSpawn: opts.onSpawn, signal: opts.signal },
  );
}
