import type { Example } from '../data/types';
import { WorkbenchError } from '../errors';
import type { EvaluateOptions } from '../eval/evaluate';
import { meanCI } from '../eval/stats';
import { trainPipeline } from '../models/training/train';
import type { ActiveLearningCurve } from '../plots/activeLearningCurves';
import { cachedCurvePoints, roundLabel, simulateCurve, type ActiveLearningPoint, type CurveSpec, type SelectionStrategy } from './activeLearningCurve';
import { simulateCurvesInChildren } from './curvesInChildren';
import { progressReporter, type ProgressMode, type ProgressReporter, type ProgressStream, type UpdatableDisplay } from './progress';
import type { Trainer } from './runJob';
import { environmentInfo, type EnvironmentInfo } from './versions';

export { pickBatch, type ActiveLearningPoint, type SelectionStrategy } from './activeLearningCurve';

/** Every strategy, in plotting order. */
export const SELECTION_STRATEGIES: readonly SelectionStrategy[] = ['random', 'ner-uncertainty', 'cat-uncertainty', 'joint'];

/** Options of `simulateActiveLearning`. */
export interface SimulateActiveLearningOptions {
  /** Annotated examples standing in for the unlabelled pool (their gold is revealed when picked). */
  pool: Example[];
  /** Held-out examples scored after every round. */
  test: Example[];
  /** Optional dev set for early stopping inside each training (default none: all epochs run). */
  dev?: Example[];
  /** Examples labelled before the first round (a seeded random draw, shared by all strategies). */
  seedSize: number;
  /** Examples picked per round. */
  batchSize: number;
  /** Selection rounds: the curve has rounds + 1 points (seedSize, + batchSize, ...). */
  rounds: number;
  /** One strategy or several (default all four). */
  strategy?: SelectionStrategy | SelectionStrategy[];
  /** Seeds (default [0]): each sets the seed set, random picks and config.seed. */
  seeds?: number[];
  /** Model config, scheme included (default 'shared'); config.seed is set per seed. */
  config?: Record<string, unknown>;
  /** Folder for cached curves (one JSON per strategy × seed, rewritten after each round); none = no cache. */
  outDir?: string;
  /** Name of the pool in file names and rows (default 'pool'). */
  name?: string;
  /** Recompute cached rounds (default false). */
  force?: boolean;
  /** Trains each round (default trainPipeline); only with jobs 1, since child processes train with trainPipeline. */
  trainer?: Trainer;
  /** Curves simulated at once, each in a child process of its own (default 1: all in this process). */
  jobs?: number;
  evaluate?: EvaluateOptions;
  progress?: ProgressMode;
  progressStream?: ProgressStream;
  progressDisplay?: UpdatableDisplay;
  /** Called after every round with its point. */
  onRound?: (point: ActiveLearningPoint) => void;
}

/**
 * Simulates pool-based active learning (Settles 2009) for both tasks: from a random seed set, each
 * round trains a pipeline on the labelled examples (config.seed = seed), scores the test set, then
 * labels the `batchSize` pool examples the strategy ranks first — 'random'; 'ner-uncertainty'
 * (1 − per-token geometric-mean probability of the decoded tag path, see nerUncertainty);
 * 'cat-uncertainty' (1 − margin of the two best categories, or mean 1 − |2p − 1| multilabel);
 * 'joint' (the sum of both). Ties go to the lower pool index. Returns one point per strategy ×
 * seed × round. With `outDir`, each strategy × seed curve is cached and extended round by round,
 * so an interrupted or lengthened simulation resumes. With `jobs` > 1, up to `jobs` curves run at once,
 * each in a child process of its own (trainPipeline, one core each); the points are the same, in the
 * same order (seed, strategy, round).
 */
export async function simulateActiveLearning(opts: SimulateActiveLearningOptions): Promise<ActiveLearningPoint[]> {
  const strategies = checkOptions(opts);
  const jobs = opts.jobs ?? 1;
  const specs = (opts.seeds ?? [0]).flatMap((seed) =>
    strategies.map((strategy): CurveSpec => ({
      pool: opts.pool,
      test: opts.test,
      dev: opts.dev ?? [],
      config: opts.config ?? {},
      seedSize: opts.seedSize,
      batchSize: opts.batchSize,
      rounds: opts.rounds,
      evaluate: opts.evaluate,
      dataset: opts.name ?? 'pool',
      outDir: opts.outDir,
      force: opts.force,
      seed,
      strategy,
    })),
  );
  const reporter = progressReporter({ total: specs.length * (opts.rounds + 1), unit: 'rounds', mode: opts.progress, stream: opts.progressStream, display: opts.progressDisplay, parallel: jobs > 1 });
  try {
    return jobs > 1 ? await curvesInChildren(opts, specs, jobs, reporter) : await curvesInProcess(opts, specs, reporter);
  } finally {
    reporter.finish();
  }
}

/** The curves one after the other in this process, with `opts.trainer`. */
async function curvesInProcess(opts: SimulateActiveLearningOptions, specs: CurveSpec[], reporter: ProgressReporter): Promise<ActiveLearningPoint[]> {
  const trainer = opts.trainer ?? (trainPipeline as Trainer);
  // New curve files record the environment of the first curve (cached or measured once).
  let environment: EnvironmentInfo | undefined;
  const points: ActiveLearningPoint[] = [];
  for (const spec of specs) {
    const curve = await simulateCurve(spec, {
      trainer,
      environment: async (cached) => (environment ??= cached ?? (await environmentInfo())),
      onStart: (round) => reporter.start(roundLabel(spec, round)),
      onEpoch: (epoch, epochs, score) => reporter.epoch(epoch, epochs, score),
      onRound: (point, resumed) => {
        reporter.end(resumed ? { resumed } : {});
        opts.onRound?.(point);
      },
    });
    points.push(...curve);
  }
  return points;
}

/**
 * The curves in `jobs` child processes: curves whose cache file already holds every round are loaded
 * here, the others simulated by simulateCurvesInChildren. Points come back in the order of `specs`.
 */
async function curvesInChildren(opts: SimulateActiveLearningOptions, specs: CurveSpec[], jobs: number, reporter: ProgressReporter): Promise<ActiveLearningPoint[]> {
  const unit = (spec: CurveSpec): string => `${spec.strategy}/${spec.seed}`;
  const cached = specs.map(cachedCurvePoints);
  cached.forEach((points, k) =>
    points?.forEach((point) => {
      reporter.endActive(unit(specs[k]), { resumed: true, label: roundLabel(specs[k], point.round) });
      opts.onRound?.(point);
    }),
  );
  const rounds = new Map<CurveSpec, number>();
  const simulated = await simulateCurvesInChildren(
    specs.filter((_, k) => !cached[k]),
    {
      jobs,
      onStart: (spec, round) => {
        rounds.set(spec, round);
        reporter.activeEpoch(unit(spec), roundLabel(spec, round));
      },
      onEpoch: (spec, epoch, epochs) => reporter.activeEpoch(unit(spec), roundLabel(spec, rounds.get(spec)!), epoch, epochs),
      onRound: (spec, point, resumed) => {
        reporter.endActive(unit(spec), { resumed, label: roundLabel(spec, point.round) });
        opts.onRound?.(point);
      },
      onFailure: (spec) => {
        // A child may also die between rounds, when no round of its curve is active.
        if (reporter.state.active?.has(unit(spec))) reporter.endActive(unit(spec), { failed: true });
      },
    },
  );
  let next = 0;
  return cached.flatMap((points) => points ?? simulated[next++]);
}

/**
 * Curves for lib/plots' activeLearningCurves from simulation points: per strategy and task, the
 * mean over seeds at each size with a t interval (`tasks` maps a task name to its metric; default
 * NER → ents_f, textcat → cats_acc). Sizes where the metric is null for every seed are left out.
 */
export function toActiveLearningCurves(points: readonly ActiveLearningPoint[], tasks: Record<string, keyof ActiveLearningPoint> = { NER: 'ents_f', textcat: 'cats_acc' }): ActiveLearningCurve[] {
  const curves: ActiveLearningCurve[] = [];
  for (const [task, metric] of Object.entries(tasks)) {
    for (const strategy of [...new Set(points.map((p) => p.strategy))]) {
      const mine = points.filter((p) => p.strategy === strategy);
      const sizes = [...new Set(mine.map((p) => p.size))].sort((a, b) => a - b);
      const curve: ActiveLearningCurve = { strategy, task, sizes: [], mean: [], low: [], high: [] };
      for (const size of sizes) {
        const values = mine.filter((p) => p.size === size).map((p) => p[metric]).filter((v): v is number => typeof v === 'number');
        if (values.length === 0) continue;
        const ci = meanCI(values);
        curve.sizes.push(size);
        curve.mean!.push(ci.mean!);
        // One seed has no interval: the band collapses onto the mean.
        curve.low!.push(ci.low ?? ci.mean!);
        curve.high!.push(ci.high ?? ci.mean!);
      }
      if (curve.sizes.length) curves.push(curve);
    }
  }
  return curves;
}

function checkOptions(opts: SimulateActiveLearningOptions): SelectionStrategy[] {
  const fail = (field: string, detail: string): never => {
    throw new WorkbenchError('E601', detail, { field });
  };
  if (!Array.isArray(opts?.pool) || opts.pool.length === 0) fail('pool', 'pool must be a non-empty array of examples');
  if (!Array.isArray(opts.test) || opts.test.length === 0) fail('test', 'test must be a non-empty array of examples');
  for (const field of ['seedSize', 'batchSize'] as const) {
    if (!Number.isInteger(opts[field]) || opts[field] < 1) fail(field, `${field} must be a whole number ≥ 1, got ${JSON.stringify(opts[field])}`);
  }
  if (!Number.isInteger(opts.rounds) || opts.rounds < 0) fail('rounds', `rounds must be a whole number ≥ 0, got ${JSON.stringify(opts.rounds)}`);
  if (opts.seedSize + opts.rounds * opts.batchSize > opts.pool.length) {
    fail('rounds', `seedSize + rounds × batchSize = ${opts.seedSize + opts.rounds * opts.batchSize} exceeds the pool of ${opts.pool.length}`);
  }
  const strategies = opts.strategy === undefined ? [...SELECTION_STRATEGIES] : Array.isArray(opts.strategy) ? opts.strategy : [opts.strategy];
  if (strategies.length === 0) fail('strategy', 'strategy must name at least one strategy');
  for (const s of strategies) if (!SELECTION_STRATEGIES.includes(s)) fail('strategy', `unknown strategy ${JSON.stringify(s)} (known: ${SELECTION_STRATEGIES.join(', ')})`);
  for (const s of opts.seeds ?? []) if (!Number.isInteger(s) || s < 0) fail('seeds', `seeds must be whole numbers ≥ 0, got ${JSON.stringify(s)}`);
  if (opts.outDir !== undefined && (typeof opts.outDir !== 'string' || opts.outDir === '')) fail('outDir', 'outDir must name a folder');
  if (opts.jobs !== undefined && (!Number.isInteger(opts.jobs) || opts.jobs < 1)) fail('jobs', `jobs must be a whole number ≥ 1, got ${JSON.stringify(opts.jobs)}`);
  if ((opts.jobs ?? 1) > 1 && opts.trainer) fail('trainer', 'a custom trainer cannot train in child processes (they train with trainPipeline): drop `trainer` or set `jobs` to 1');
  return strategies;
}
