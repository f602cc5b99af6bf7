import { fork, type Serializable } from 'node:child_process';
import { extname } from 'node:path';
import { WorkbenchError } from '../errors';

/** An error thrown inside the child, rebuilt with the child's message and stack. */
export class ChildRunError extends Error {
  constructor(message: string, stack?: string) {
    super(message);
    this.name = 'ChildRunError';
    if (stack) this.stack = stack;
  }
}

/** How a child's message settles its work: with the child's answer, or with its error. */
export type ChildOutcome<R> = { value: R } | { error: Error };

/** Options of `forkChild`. */
export interface ForkChildOptions {
  /** What the child does, for the E907 message when it dies without an answer: 'training run 1a2b… (snips shared seed 0)'. */
  task: string;
  /** Called once the child process exists, with its pid. */
  onSpawn?: (pid: number) => void;
  /** Aborting kills the child (SIGKILL) and rejects with the abort reason. */
  signal?: AbortSignal;
}

/**
 * Forks the entry module `entry` (a path without extension: the .ts file under tsx, the built .js
 * otherwise), sends it `request` over an IPC channel with advanced serialization, and passes each of
 * its messages to `onMessage`; the first message that returns an outcome settles the promise once the
 * child exits. When `onMessage` throws, the child is killed and the promise rejects with that error. A
 * child that exits without an outcome is an E907 error naming `opts.task`.
 */
export function forkChild<Request extends Serializable, Message, R>(entry: string, request: Request, onMessage: (message: Message) => ChildOutcome<R> | undefined, opts: ForkChildOptions): Promise<R> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(opts.signal.reason);
    // Under tsx (tests, bench) the child is the .ts file and needs tsx too; built, it is the .js file.
    const ext = extname(__filename);
    const child = fork(`${entry}${ext}`, [], {
      execArgv: ext === '.ts' ? ['--import', 'tsx'] : [],
      serialization: 'advanced',
      // A process group of its own: Ctrl-C in the worker's terminal goes to the worker, which lets the
      // run finish or hands it back; the child ends with its IPC channel when the worker is gone.
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let outcome: ChildOutcome<R> | undefined;
    const onAbort = (): void => {
      outcome = { error: opts.signal!.reason instanceof Error ? opts.signal!.reason : new Error(String(opts.signal!.reason)) };
      child.kill('SIGKILL');
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (child.pid !== undefined) opts.onSpawn?.(child.pid);
    child.on('message', (m: Message) => {
      // Every message is handled (progress may follow an abort); only the first outcome counts.
      let settled: ChildOutcome<R> | undefined;
      try {
        settled = onMessage(m);
      } catch (err) {
        // A throw inside an IPC message handler would crash this process: it fails the child's work instead.
        outcome ??= { error: err instanceof Error ? err : new Error(String(err)) };
        child.kill('SIGKILL');
        return;
      }
      outcome ??= settled;
    });
    child.on('error', (err) => {
      outcome ??= { error: err };
    });
    child.on('exit', (code, sig) => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (outcome && 'value' in outcome) resolve(outcome.value);
      else if (outcome) reject(outcome.error);
      else reject(new WorkbenchError('E907', `the child process ${opts.task} exited with ${sig ? `signal ${sig}` : `code ${code}`} before finishing (out of memory?)`));
    });
    child.send(request);
  });
}

/** An error of a child in a failure list: its message, plus the child's stack frames when it is not a catalogued ([E###]) error, i.e. a bug to locate. */
export function describeChildError(error: Error): string {
  const frames = error instanceof ChildRunError && !/^\[E\d{3}\]/.test(error.message) ? (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)) : [];
  return `${error.message}${frames.map((l) => `\n    ${l.trim()}`).join('')}`;
}
