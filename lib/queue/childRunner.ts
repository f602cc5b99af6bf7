import { fork } from 'node:child_process';
import { extname, join } from 'node:path';
import { WorkbenchError } from '../errors';
import type { RunJob, RunJobData } from '../experiments/runJob';
import type { ExperimentRun } from '../experiments/runStore';
import type { EpochProgress } from '../models';
import type { ChildMessage, ChildRequest } from './child';

/** Options of `runInChild`. */
export interface RunInChildOptions {
  /** Called with each finished epoch of the run. */
  onEpoch?: (progress: EpochProgress) => void;
  /** Called once the child process exists, with its pid. */
  onSpawn?: (pid: number) => void;
  /** Aborting kills the child (SIGKILL) and rejects with the abort reason. */
  signal?: AbortSignal;
}

/** An error thrown inside the child, rebuilt with the child's message and stack. */
export class ChildRunError extends Error {
  constructor(message: string, stack?: string) {
    super(message);
    this.name = 'ChildRunError';
    if (stack) this.stack = stack;
  }
}

/**
 * Trains one run in a child process of its own (one core per run; the run's memory returns to the
 * OS when the child exits) and resolves to its record. An error thrown by the training is rethrown
 * with the child's message and stack; a child that dies without an answer is an E907 error.
 */
export function runInChild(job: RunJob, data: RunJobData, opts: RunInChildOptions = {}): Promise<ExperimentRun> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(opts.signal.reason);
    // Under tsx (tests, bench) the child is the .ts file and needs tsx too; built, it is child.js.
    const ext = extname(__filename);
    const child = fork(join(__dirname, `child${ext}`), [], {
      execArgv: ext === '.ts' ? ['--import', 'tsx'] : [],
      serialization: 'advanced',
      // A process group of its own: Ctrl-C in the worker's terminal goes to the worker, which lets the
      // run finish or hands it back; the child ends with its IPC channel when the worker is gone.
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let outcome: { record: ExperimentRun } | { error: Error } | undefined;
    const onAbort = (): void => {
      outcome = { error: opts.signal!.reason instanceof Error ? opts.signal!.reason : new Error(String(opts.signal!.reason)) };
      child.kill('SIGKILL');
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (child.pid !== undefined) opts.onSpawn?.(child.pid);
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'epoch') opts.onEpoch?.(m.progress);
      else if (m.type === 'result') outcome ??= { record: m.record };
      else if (m.type === 'error') outcome ??= { error: new ChildRunError(m.message, m.stack) };
    });
    child.on('error', (err) => {
      outcome ??= { error: err };
    });
    child.on('exit', (code, sig) => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (outcome && 'record' in outcome) resolve(outcome.record);
      else if (outcome) reject(outcome.error);
      else reject(new WorkbenchError('E907', `the child process training run ${job.runKey} (${job.dataset} ${job.scheme} seed ${job.seed}) exited with ${sig ? `signal ${sig}` : `code ${code}`} before finishing (out of memory?)`));
    });
    const request: ChildRequest = { type: 'run', job, data };
    child.send(request);
  });
}
