// Real processes for the queue tests: `workbench` CLI commands and coordinators run from source,
// their output collected line by line, all of them killed when the test ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before } from 'node:test';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { dataFingerprint } from '../../lib/experiments/fingerprint';
import { runKeyOf, type RunJob } from '../../lib/experiments/runJob';
import { configHash, validateConfig } from '../../lib/models';
import { startLocalRedis, type LocalRedis } from '../../lib/queue/localRedis';
import { redisOptions } from '../../lib/queue/redis';
import { parseQueueTarget } from '../../lib/queue/target';
import { sampleData, TINY } from '../experiments/helpers';

const ROOT = join(__dirname, '..', '..');

/** A spawned process with its output lines and exit. */
export interface Proc {
  child: ChildProcess;
  lines: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first output line (stdout or stderr) matching `re`, waiting up to `ms`. */
  waitFor(re: RegExp, ms?: number): Promise<RegExpMatchArray>;
}

const live = new Set<ChildProcess>();

/** Spawns `node --import tsx <script> ...args` from the repository root. */
export function spawnTs(script: string, args: string[], opts: { env?: NodeJS.ProcessEnv; group?: boolean } = {}): Proc {
  // group: a process group of its own, so a test can signal it the way a terminal's Ctrl-C does.
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, WORKBENCH_QUEUE: '', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: opts.group === true });
  live.add(child);
  const lines: string[] = [];
  const stderr: string[] = [];
  const waiters: { re: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const feed = (into: string[]) => {
    let buffer = '';
    return (chunk: Buffer): void => {
      buffer += chunk.toString('utf8');
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) {
        into.push(line);
        for (const w of [...waiters]) {
          const m = line.match(w.re);
          if (m) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(m);
          }
        }
      }
    };
  };
  child.stdout!.on('data', feed(lines));
  child.stderr!.on('data', feed(stderr));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    }),
  );
  return {
    child,
    lines,
    stderr,
    exited,
    waitFor(re, ms = 60_000) {
      const seen = [...lines, ...stderr].map((l) => l.match(re)).find(Boolean);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no line matching ${re} within ${ms} ms; output:\n${[...lines, ...stderr].join('\n')}`)), ms);
        waiters.push({ re, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
  };
}

/** `workbench worker` on the queue with short stalled-job settings (a lost worker's run moves on within ~3 s). */
export function startWorkerProcess(url: string, prefix: string, extra: string[] = [], opts: { group?: boolean } = {}): Proc {
  return spawnTs('test/queue/cli.ts', ['worker', '--queue', url, '--prefix', prefix, '--lock-duration', '3000', '--stalled-interval', '1000', ...extra], opts);
}

/** A throwaway redis-server for the calling test file: started before its tests; after them, every process these helpers spawned is killed and the server stopped. */
export function useLocalRedis(): { readonly url: string } {
  let redis: LocalRedis | undefined;
  before(async () => {
    redis = await startLocalRedis();
  });
  after(() => {
    killAll();
    redis?.stop();
  });
  return {
    get url(): string {
      if (!redis) throw new Error('the test Redis is not running (useLocalRedis starts it in a before hook)');
      return redis.url;
    },
  };
}

/** SIGKILLs every process these helpers spawned and not yet exited (for after-hooks). */
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until `cond()` holds, checking every 100 ms, up to `ms`. */
export async function until(cond: () => boolean | Promise<boolean>, ms = 30_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Job counts of the queue (waiting, active, ...), read with a BullMQ Queue of its own. */
export async function jobCounts(url: string, prefix: string): Promise<Record<string, number>> {
  const target = parseQueueTarget({ url, prefix });
  const queue = new Queue('runs', { connection: redisOptions(target), prefix });
  try {
    return await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
  } finally {
    await queue.close();
  }
}

/** A job as runExperiment plans it. */
export async function sampleJob(): Promise<RunJob> {
  const d = await sampleData();
  const config = { ...TINY, scheme: 'shared', seed: 3 };
  const fields = {
    dataset: d.name,
    scheme: 'shared',
    seed: 3,
    trainSize: 'all' as const,
    evalOn: 'test' as const,
    config: validateConfig(config) as unknown as Record<string, unknown>,
    configHash: configHash(config),
    dataHash: { train: dataFingerprint(d.train), dev: dataFingerprint(d.dev), eval: dataFingerprint(d.test) },
    evaluate: {},
  };
  return { runKey: runKeyOf(fields), ...fields };
}

