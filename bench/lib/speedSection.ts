// Section `speed`: training / inference tokens/s, peak RSS and model size of the default `shared`
// model on SNIPS (in a child process), the same tokens/s without pretrained vectors (timed A, B, A, B
// with the same worker) and their ratio, and the time of the whole scheme × seed SNIPS comparison.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compareSchemeRows, type CompareRow } from '../../lib/eval/compareSchemes';
import { runChildJson } from './childSection';
import { oursData, oursSeeds, registeredSchemes, runOurs } from './ours';
import type { Section, SectionContext } from './section';
import { compareSpeed, fmtRatio, poolWorkerResults, speedConfigs, SPEED_RATIO_TARGET, SPEED_ROUNDS, type SpeedRatio, type WorkerResult } from './speedCompare';
import { fmtInt, fmtSummary } from './table';

/** The speed worker's figures: the default config (A) and the same without pretrained vectors (B), each pooled over its rounds. */
export interface SpeedMeasurement {
  /** A: the default config (with --config), pooled over its rounds: the figures of the section's first table. */
  model: WorkerResult;
  /** B: the same with `encoder.vectors: null`, pooled over its rounds. */
  noVectors: WorkerResult;
  /** Every round in the order it ran (A, B, A, B). */
  rounds: { config: 'default' | 'no vectors'; result: WorkerResult }[];
  comparison: SpeedRatio[];
}

let measured: Promise<SpeedMeasurement | { missing: string }> | undefined;

/**
 * Trains and times the default shared model on SNIPS and the same config without pretrained vectors,
 * each in its own child process of the same speed worker, alternating A, B, A, B (SPEED_ROUNDS
 * rounds), once per bench process: bench/run.ts calls it before the pool of model runs starts, so
 * nothing else shares the cores. Resolves to { missing } when SNIPS is not in the data directory.
 */
export function measureModelSpeed(ctx: SectionContext): Promise<SpeedMeasurement | { missing: string }> {
  measured ??= timeAB(ctx);
  return measured;
}

async function timeAB(ctx: SectionContext): Promise<SpeedMeasurement | { missing: string }> {
  const root = join(__dirname, '..', '..');
  const configs = speedConfigs(ctx.args.config);
  const rounds: SpeedMeasurement['rounds'] = [];
  for (let round = 1; round <= SPEED_ROUNDS; round++) {
    for (const [name, config] of [
      ['default', configs.a],
      ['no vectors', configs.b],
    ] as const) {
      ctx.log(`speed: round ${round}/${SPEED_ROUNDS}, training the ${name} shared model on SNIPS in a child process (alone)`);
      const result = (await runChildJson(join('bench', 'lib', 'speedWorker.ts'), [...(ctx.args.quick ? ['--quick'] : []), '--config', JSON.stringify(config)], root)) as WorkerResult;
      if (result.missing) return { missing: result.missing };
      rounds.push({ config: name, result });
      // Kept on disk at once: a long bench stopped before its sections run still has the figures.
      mkdirSync(ctx.runsDir, { recursive: true });
      writeFileSync(join(ctx.runsDir, 'speed-worker.json'), JSON.stringify({ date: new Date().toISOString(), rounds }, null, 2) + '\n');
    }
  }
  const of = (name: 'default' | 'no vectors'): WorkerResult[] => rounds.filter((r) => r.config === name).map((r) => r.result);
  return { model: poolWorkerResults(of('default')), noVectors: poolWorkerResults(of('no vectors')), rounds, comparison: compareSpeed(of('default'), of('no vectors')) };
}

export const speedSection: Section = {
  name: 'speed',
  description: 'default shared model on SNIPS: train/inference tokens/s, peak RSS, model size, tokens/s against encoder.vectors null (A/B); time of the scheme × seed comparison',
  async run(ctx) {
    const root = join(__dirname, '..', '..');
    const speed = await measureModelSpeed(ctx);
    if ('missing' in speed) return { status: 'skipped', reason: speed.missing, tables: [] };
    const worker = speed.model;

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
    // Each scheme against `separate` on the same test texts: t CI over seeds, paired bootstrap pooled over seeds.
    const significance = compareSchemeRows(runs, { gold: d.test, metrics: COMPARISON_METRICS.map(([m]) => m) });

    return {
      status: 'ok',
      data: { model: worker, noVectors: speed.noVectors, speedRounds: speed.rounds, speedComparison: speed.comparison, comparison, significance },
      tables: [
        {
          title: `Speed: default shared model on SNIPS (${worker.backend} backend)`,
          columns: ['measure', 'value'],
          rows: [
            ['training tokens/s (optimisation steps)', fmtSummary(worker.trainTokensPerSecond, 1, 0)],
            [`training seconds (${worker.nTrain} texts, ${worker.epochs} epoch${worker.epochs > 1 ? 's' : ''})`, fmtSummary(worker.trainSeconds, 1, 1)],
            ...worker.inference.map((i): [string, string | null] => [`inference tokens/s (${i.texts} texts, predictExamples)`, fmtSummary(i.tokensPerSecond, 1, 0)]),
            ['peak RSS of the training process (MiB)', worker.peakRssMB.toFixed(0)],
            ['model size on disk (MiB)', (worker.modelBytes / 2 ** 20).toFixed(2)],
            ...speed.comparison.flatMap((c): [string, string | null][] => [
              [`A/B ${c.measure}: default (encoder.vectors ${JSON.stringify(worker.vectors ?? null)})`, fmtSummary(c.a, 1, 0)],
              [`A/B ${c.measure}: encoder.vectors null`, fmtSummary(c.b, 1, 0)],
              [`A/B ${c.measure}: ratio default / vectors null`, fmtRatio(c)],
            ]),
            [
              `comparison: ${schemeNames.length} schemes × ${seeds.length} seeds, wall s in this section${resumed === runs.length ? ' (every run already trained: see the up-front pool or earlier invocations)' : ''}`,
              fmtInt(wallSeconds),
            ],
            ['comparison: train + predict s summed over runs', fmtInt(computeSeconds)],
          ],
          notes: [
            `median (min–max) over the epochs of ${worker.runs} training${worker.runs > 1 ? 's' : ''} / 5 inference passes (per round) after one untimed pass; train tokens/s excludes dev scoring; peak RSS: the highest of the rounds.`,
            `A/B: the same speed worker timed the default config (A) and the same with encoder.vectors null (B, no pretrained vectors) in separate child processes, alternating ${speed.rounds.map((r) => (r.config === 'default' ? 'A' : 'B')).join(', ')}, each alone on the cores (with --jobs, before the pool of model runs starts); each config's samples are pooled over its ${SPEED_ROUNDS} rounds, and the rows without "A/B" are A's pooled figures. Ratio: median of A / median of B, then each round's A / B; the target of ${SPEED_RATIO_TARGET} is printed, not asserted.`,
            `comparison schemes: ${schemeNames.join(', ')}${resumed ? `; ${resumed} of ${runs.length} runs loaded from bench/runs (their recorded times are summed)` : ''}.`,
            ctx.args.quick ? 'quick mode: 1,000 training texts, 1 epoch; the comparison uses the quick config on a subset.' : `full mode: full SNIPS train, ${worker.epochs} epochs, timed alone before the model runs start; inference on the trained model.`,
          ],
        },
        {
          title: 'SNIPS scheme comparison (test): mean [95% CI over seeds], p vs separate',
          columns: ['scheme', 'seeds', ...COMPARISON_METRICS.flatMap(([, label]) => [label, 'p'])],
          rows: significance.map((r) => [String(r.scheme), Number(r.n_seeds), ...COMPARISON_METRICS.flatMap(([m]) => [fmtMeanCI(r, m), fmtP(r[`${m}_p`])])]),
          notes: [
            'p: paired bootstrap over the test texts (1,000 resamples, seed 0), each scheme against separate paired by seed and pooled over seeds (compareSchemeRows); two-sided, shifted-distribution method.',
            'CI: Student t over the seeds (none with one seed).',
          ],
        },
      ],
    };
  },
};

/** Metrics of the scheme comparison table: Scores field and column label. */
const COMPARISON_METRICS = [
  ['ents_f', 'slot F1'],
  ['cats_acc', 'intent acc'],
  ['sentence_acc', 'sentence acc'],
] as const;

/** "93.10 [90.84, 95.35]" in percent; the bracket only when the CI exists. */
function fmtMeanCI(row: CompareRow, metric: string): string {
  const pct = (v: unknown): string => (typeof v === 'number' ? (100 * v).toFixed(2) : '–');
  const low = row[`${metric}_low`];
  return typeof low === 'number' ? `${pct(row[`${metric}_mean`])} [${pct(low)}, ${pct(row[`${metric}_high`])}]` : pct(row[`${metric}_mean`]);
}

/** A bootstrap p-value with three decimals, '–' for the baseline; '<0.001' below, as 1,000 resamples resolve no finer (ours-intent's exact McNemar p prints small values as "2e-6"). */
function fmtP(p: unknown): string {
  if (typeof p !== 'number') return '–';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}
