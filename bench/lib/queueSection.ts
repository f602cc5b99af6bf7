// Section `queue` (opt-in: `--only queue`): the same sweep on a BullMQ queue with one worker process
// and with two, on this machine; wall time of each and the ratio. A throwaway redis-server is
// started unless --queue names one.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runExperimentRecords, type ExperimentData } from '../../lib/experiments/runExperiment';
import { subsample } from '../../lib/experiments/subsample';
import { startLocalRedis } from '../../lib/queue/localRedis';
import { loadBenchDataset } from './datasets';
import { oursConfig, registeredSchemes } from './ours';
import type { Section, SectionContext } from './section';

/** Training texts of the SNIPS subsample (quick: fewer) and the seeds of every scheme. */
const FULL = { train: 2000, seeds: [0, 1] };
const QUICK = { train: 300, seeds: [0, 1], schemes: ['shared', 'separate', 'soft-cascade'] };

interface QueueTiming {
  workers: number;
  runs: number;
  wallSeconds: number;
  /** Sum of the runs' own training seconds (what one process would spend training them in turn). */
  trainSeconds: number;
}

export const queueSection: Section = {
  name: 'queue',
  optIn: true,
  description: 'a sweep on the BullMQ queue with 1 and 2 worker processes on this machine (wall time and ratio)',
  async run(ctx) {
    const root = join(__dirname, '..', '..');
    const bin = join(root, 'bin', 'workbench.js');
    if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) return { status: 'skipped', reason: 'dist/ is missing: run through `npm run bench` (it builds first)', tables: [] };
    const snips = loadBenchDataset('snips');
    if ('missing' in snips) return { status: 'skipped', reason: snips.missing, tables: [] };
    const plan = ctx.args.quick ? QUICK : { ...FULL, schemes: registeredSchemes() };
    const data = { name: 'snips', train: subsample(snips.train, plan.train, 0), dev: snips.dev, test: snips.test };
    const local = ctx.args.queue ? undefined : await startLocalRedis();
    const url = ctx.args.queue ?? local!.url;
    const timings: QueueTiming[] = [];
    try {
      for (const workers of [1, 2]) timings.push(await timeSweep(ctx, bin, url, workers, data, plan.schemes, plan.seeds));
    } finally {
      local?.stop();
    }
    const [one] = timings;
    const rows = timings.map((t) => [t.workers, t.runs, t.wallSeconds.toFixed(0), t.trainSeconds.toFixed(0), (t.wallSeconds / one.wallSeconds).toFixed(2)]);
    return {
      status: 'ok',
      data: { timings, schemes: plan.schemes, seeds: plan.seeds, nTrain: data.train.length, config: oursConfig(ctx) },
      tables: [
        {
          title: `Queue: SNIPS subsample (${data.train.length} training texts), ${plan.schemes.length} schemes × ${plan.seeds.length} seeds`,
          columns: ['worker processes', 'runs', 'wall s', 'sum of run train s', 'wall / 1 worker'],
          rows,
          notes: [
            `Each worker trains one run at a time in a child process of its own; the coordinator, the workers and Redis share this machine (${ctx.env.cores} cores, ${ctx.env.cpu}).`,
            'Wall time runs from enqueueing to the last record written; it includes starting a child process per run. Target: 2 workers ≤ 0.6 × 1 worker.',
          ],
        },
      ],
    };
  },
};

/** One fresh sweep (its own key prefix and run folder) with `workers` worker processes; stops them after. */
async function timeSweep(ctx: SectionContext, bin: string, url: string, workers: number, data: ExperimentData, schemes: string[], seeds: number[]): Promise<QueueTiming> {
  const prefix = `bench-${workers}w-${Date.now()}`;
  const outDir = mkdtempSync(join(tmpdir(), 'bench-queue-'));
  const procs: ChildProcess[] = [];
  try {
    const ready = Array.from({ length: workers }, () => {
      const child = spawn(process.execPath, [bin, 'worker', '--queue', url, '--prefix', prefix], { stdio: ['ignore', 'pipe', 'inherit'] });
      procs.push(child);
      return new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => {
          if (d.toString('utf8').includes('worker ready')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`worker exited with code ${code} before it was ready`)));
      });
    });
    await Promise.all(ready);
    ctx.log(`queue: ${workers} worker(s) ready; sweeping ${schemes.length} schemes × ${seeds.length} seeds`);
    const t0 = performance.now();
    const runs = await runExperimentRecords({ data, schemes, seeds, config: oursConfig(ctx), outDir, queue: { url, prefix } });
    const wallSeconds = (performance.now() - t0) / 1000;
    ctx.log(`queue: ${workers} worker(s): ${runs.length} runs in ${wallSeconds.toFixed(0)} s`);
    return { workers, runs: runs.length, wallSeconds, trainSeconds: runs.reduce((s, r) => s + r.timings.trainSeconds, 0) };
  } finally {
    await Promise.all(procs.map((p) => (p.exitCode !== null ? Promise.resolve() : new Promise((r) => (p.once('exit', r), p.kill('SIGTERM'))))));
    rmSync(outDir, { recursive: true, force: true });
  }
}
