// Section `speed`: training / inference tokens/s, peak RSS and model size of the default `shared`
// model on SNIPS (in a child process), and the time of the whole scheme × seed SNIPS comparison.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runChildJson } from './childSection';
import { oursData, oursSeeds, registeredSchemes, runOurs } from './ours';
import type { Section, SectionContext } from './section';
import type { Summary } from './stats';
import { fmtInt, fmtSummary } from './table';

interface WorkerResult {
  missing?: string;
  backend: string;
  nTrain: number;
  trainTokens: number;
  epochs: number;
  runs: number;
  trainTokensPerSecond: Summary | null;
  trainSeconds: Summary | null;
  inference: { texts: number; tokens: number; tokensPerSecond: Summary | null }[];
  modelBytes: number;
  peakRssMB: number;
}

let measured: Promise<WorkerResult> | undefined;

/**
 * Trains and times the default shared model on SNIPS in a child process (once per bench process):
 * bench/run.ts calls it before the pool of model runs starts, so nothing else shares the cores.
 */
export function measureModelSpeed(ctx: SectionContext): Promise<WorkerResult> {
  if (!measured) {
    const root = join(__dirname, '..', '..');
    ctx.log('speed: training the default shared model on SNIPS in a child process (alone)');
    measured = (runChildJson(join('bench', 'lib', 'speedWorker.ts'), [...(ctx.args.quick ? ['--quick'] : []), '--config', JSON.stringify(ctx.args.config)], root) as Promise<WorkerResult>).then((r) => {
      // Kept on disk at once: a long bench stopped before its sections run still has the figure.
      mkdirSync(ctx.runsDir, { recursive: true });
      writeFileSync(join(ctx.runsDir, 'speed-worker.json'), JSON.stringify({ date: new Date().toISOString(), ...r }, null, 2) + '\n');
      return r;
    });
  }
  return measured;
}

export const speedSection: Section = {
  name: 'speed',
  description: 'default shared model on SNIPS: train/inference tokens/s, peak RSS, model size; time of the scheme × seed comparison',
  async run(ctx) {
    const root = join(__dirname, '..', '..');
    const worker = await measureModelSpeed(ctx);
    if (worker.missing) return { status: 'skipped', reason: worker.missing, tables: [] };

    // The comparison every notebook runs: all registered schemes × seeds on SNIPS (quick: subset, one seed).
    const d = oursData(ctx, 'snips');
    if ('missing' in d) return { status: 'skipped', reason: d.missing, tables: [] };
    const schemeNames = registeredSchemes();
    const seeds = oursSeeds(ctx);
    ctx.log(`speed: SNIPS comparison, ${schemeNames.length} schemes × ${seeds.length} seeds on ${d.train.length} texts`);
    let resumed = 0;
    const t0 = performance.now();
    const runs = await runOurs(ctx, d, schemeNames, seeds, (e) => {
      if (e.type === 'run-end' && e.resumed) resumed++;
    });
    const wallSeconds = (performance.now() - t0) / 1000;
    const computeSeconds = runs.reduce((a, r) => a + r.timings.trainSeconds + r.timings.predictSeconds, 0);
    const comparison = { schemes: schemeNames, seeds, nTrain: d.train.length, runs: runs.length, resumed, wallSeconds, computeSeconds };

    return {
      status: 'ok',
      data: { model: worker, comparison },
      tables: [
        {
          title: `Speed: default shared model on SNIPS (${worker.backend} backend)`,
          columns: ['measure', 'value'],
          rows: [
            ['training tokens/s (optimisation steps)', fmtSummary(worker.trainTokensPerSecond, 1, 0)],
            [`training seconds (${worker.nTrain} texts, ${worker.epochs} epoch${worker.epochs > 1 ? 's' : ''})`, fmtSummary(worker.trainSeconds, 1, 1)],
            ...worker.inference.map((i): [string, string | null] => [`inference tokens/s (${i.texts} texts, predictExamples)`, fmtSummary(i.tokensPerSecond, 1, 0)]),
            ['peak RSS of the training process (MB)', worker.peakRssMB.toFixed(0)],
            ['model size on disk (MB)', (worker.modelBytes / 2 ** 20).toFixed(2)],
            [
              `comparison: ${schemeNames.length} schemes × ${seeds.length} seeds, wall s in this section${resumed === runs.length ? ' (every run already trained: see the up-front pool or earlier invocations)' : ''}`,
              fmtInt(wallSeconds),
            ],
            ['comparison: train + predict s summed over runs', fmtInt(computeSeconds)],
          ],
          notes: [
            `median (min–max) over the epochs of ${worker.runs} training${worker.runs > 1 ? 's' : ''} / 5 inference passes after one untimed pass; train tokens/s excludes dev scoring.`,
            `comparison schemes: ${schemeNames.join(', ')}${resumed ? `; ${resumed} of ${runs.length} runs loaded from bench/runs (their recorded times are summed)` : ''}.`,
            ctx.args.quick ? 'quick mode: 1,000 training texts, 1 epoch; the comparison uses the quick config on a subset.' : `full mode: full SNIPS train, ${worker.epochs} epochs, timed alone before the model runs start; inference on the trained model.`,
          ],
        },
      ],
    };
  },
};
