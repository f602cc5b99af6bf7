import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Example } from '../data/types';
import { Rng } from '../engine/random';
import { WorkbenchError } from '../errors';
import type { EvaluateOptions } from '../eval/evaluate';
import { meanCI } from '../eval/stats';
import { validateConfig } from '../models/config/config';
import { configHash } from '../models/config/hash';
import { JointPipeline } from '../models/pipeline/jointPipeline';
import { inferExclusive } from '../models/inputs/labels';
import type { Pipeline } from '../models/pipeline/pipeline';
import { trainPipeline } from '../models/training/train';
import type { ActiveLearningCurve } from '../plots/activeLearningCurves';
import { dataFingerprint, shortHash } from './fingerprint';
import { progressReporter, type ProgressMode, type ProgressStream, type UpdatableDisplay } from './progress';
import { trainAndEvaluate, type Trainer } from './runJob';
import { fileSlug, readJson, writeJsonAtomic } from './runStore';
import { catUncertainty, nerUncertainty } from './uncertainty';
import { environmentInfo, type EnvironmentInfo } from './versions';

/** How the next batch is chosen from the unlabelled pool. */
export type SelectionStrategy = 'random' | 'ner-uncertainty' | 'cat-uncertainty' | 'joint';

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
  trainer?: Trainer;
  evaluate?: EvaluateOptions;
  progress?: ProgressMode;
  progressStream?: ProgressStream;
  progressDisplay?: UpdatableDisplay;
  /** Called after every round with its point. */
  onRound?: (point: ActiveLearningPoint) => void;
}

/** One point of an active-learning curve: scores after training on `size` labelled examples. */
export interface ActiveLearningPoint {
  dataset: string;
  strategy: SelectionStrategy;
  seed: number;
  round: number;
  size: number;
  ents_p: number | null;
  ents_r: number | null;
  ents_f: number | null;
  cats_score: number | null;
  cats_acc: number | null;
  cats_macro_f: number | null;
  sentence_acc: number | null;
  trainSeconds: number;
  /** Seconds spent scoring the pool to pick the next batch. */
  selectSeconds: number;
}

interface StoredRound {
  point: ActiveLearningPoint;
  /** Pool indices picked after this round (the next batch). */
  picked: number[];
}

interface StoredCurve {
  kind: 'active-learning';
  key: string;
  dataset: string;
  strategy: SelectionStrategy;
  seed: number;
  seedSize: number;
  batchSize: number;
  configHash: string;
  config: Record<string, unknown>;
  dataHash: { pool: string; test: string; dev: string };
  seedSet: number[];
  rounds: StoredRound[];
  environment: EnvironmentInfo;
  date: string;
}

/**
 * Simulates pool-based active learning (Settles 2009) for both tasks: from a random seed set, each
 * round trains a pipeline on the labelled examples (config.seed = seed), scores the test set, then
 * labels the `batchSize` pool examples the strategy ranks first — 'random'; 'ner-uncertainty'
 * (1 − per-token geometric-mean probability of the decoded tag path, see nerUncertainty);
 * 'cat-uncertainty' (1 − margin of the two best categories, or mean 1 − |2p − 1| multilabel);
 * 'joint' (the sum of both). Ties go to the lower pool index. Returns one point per strategy ×
 * seed × round. With `outDir`, each strategy × seed curve is cached and extended round by round,
 * so an interrupted or lengthened simulation resumes.
 */
export async function simulateActiveLearning(opts: SimulateActiveLearningOptions): Promise<ActiveLearningPoint[]> {
  const strategies = checkOptions(opts);
  const seeds = opts.seeds ?? [0];
  const trainer = opts.trainer ?? (trainPipeline as Trainer);
  const dataset = opts.name ?? 'pool';
  const dev = opts.dev ?? [];
  const dataHash = { pool: dataFingerprint(opts.pool), test: dataFingerprint(opts.test), dev: dataFingerprint(dev) };
  const catLabels = [...new Set(opts.pool.flatMap((e) => Object.keys(e.cats)))].sort();
  const poolExclusive = inferExclusive(opts.pool);
  const reporter = progressReporter({ total: strategies.length * seeds.length * (opts.rounds + 1), unit: 'rounds', mode: opts.progress, stream: opts.progressStream, display: opts.progressDisplay });
  let environment: EnvironmentInfo | undefined;
  const points: ActiveLearningPoint[] = [];
  try {
    for (const seed of seeds) {
      const config = validateConfig({ ...(opts.config ?? {}), seed }) as unknown as Record<string, unknown>;
      const hash = configHash(config);
      const seedSet = new Rng(seed).fork('seed-set').shuffle(Array.from(opts.pool.keys())).slice(0, opts.seedSize).sort((a, b) => a - b);
      for (const strategy of strategies) {
        const key = shortHash({ v: 1, configHash: hash, dataHash, strategy, seed, seedSize: opts.seedSize, batchSize: opts.batchSize, evaluate: opts.evaluate ?? {} });
        const file = opts.outDir ? join(opts.outDir, `al__${fileSlug(dataset)}__${strategy}__seed${seed}__${key}.json`) : undefined;
        const cached = file && !opts.force && existsSync(file) ? readJson<StoredCurve>(file) : undefined;
        if (cached && (cached.kind !== 'active-learning' || cached.key !== key || !Array.isArray(cached.rounds))) {
          throw new WorkbenchError('E602', 'not an active-learning curve for these options (delete the file to rerun)', { file });
        }
        environment ??= cached?.environment ?? (await environmentInfo());
        const curve: StoredCurve = cached ?? {
          kind: 'active-learning',
          key,
          dataset,
          strategy,
          seed,
          seedSize: opts.seedSize,
          batchSize: opts.batchSize,
          configHash: hash,
          config,
          dataHash,
          seedSet,
          rounds: [],
          environment,
          date: new Date().toISOString(),
        };
        const labelled = new Set(curve.seedSet);
        for (const r of curve.rounds.slice(0, opts.rounds + 1)) for (const i of r.picked) labelled.add(i);
        for (let round = 0; round <= opts.rounds; round++) {
          reporter.start(`${dataset} ${strategy} seed=${seed} round ${round}`);
          const stored = curve.rounds[round];
          if (stored) {
            points.push(stored.point);
            reporter.end({ resumed: true });
            opts.onRound?.(stored.point);
            continue;
          }
          // Rounds are added in order, so every earlier pick is already in `labelled`.
          const order = [...labelled].sort((a, b) => a - b);
          const train = order.map((i) => opts.pool[i]);
          const trained = await trainAndEvaluate(
            trainer,
            config,
            { train, dev, evalSet: opts.test },
            { evaluate: opts.evaluate, keepPipeline: true, onProgress: (p) => p.type === 'epoch' && reporter.epoch(p.epoch, p.epochs, p.score) },
          );
          const { scores } = trained;
          const pipeline = trained.pipeline!;
          const trainSeconds = trained.timings.trainSeconds;
          const s0 = performance.now();
          let picked: number[];
          try {
            const exclusive = pipeline instanceof JointPipeline ? pipeline.labelSet.exclusive : poolExclusive;
            picked = pickBatch(pipeline, opts.pool, labelled, opts.batchSize, strategy, new Rng(seed).fork(`pick-${round}`), catLabels, exclusive);
          } finally {
            pipeline.dispose();
          }
          const point: ActiveLearningPoint = {
            dataset,
            strategy,
            seed,
            round,
            size: train.length,
            ents_p: scores.ents_p,
            ents_r: scores.ents_r,
            ents_f: scores.ents_f,
            cats_score: scores.cats_score,
            cats_acc: scores.cats_acc,
            cats_macro_f: scores.cats_macro_f,
            sentence_acc: scores.sentence_acc,
            trainSeconds,
            selectSeconds: (performance.now() - s0) / 1000,
          };
          curve.rounds[round] = { point, picked };
          for (const i of picked) labelled.add(i);
          if (file) writeJsonAtomic(opts.outDir!, file.slice(opts.outDir!.length + 1), curve);
          points.push(point);
          reporter.end();
          opts.onRound?.(point);
        }
      }
    }
  } finally {
    reporter.finish();
  }
  return points;
}

/**
 * The next `batchSize` unlabelled pool indices by strategy: random draws from `rng`; the others rank
 * by uncertainty (highest first, ties to the lower index). Fewer when the pool runs out.
 */
export function pickBatch(
  pipeline: Pipeline,
  pool: readonly Example[],
  labelled: ReadonlySet<number>,
  batchSize: number,
  strategy: SelectionStrategy,
  rng: Rng,
  catLabels: readonly string[],
  exclusive: boolean,
): number[] {
  const candidates = [...pool.keys()].filter((i) => !labelled.has(i));
  if (strategy === 'random') return rng.shuffle(candidates).slice(0, batchSize).sort((a, b) => a - b);
  const examples = candidates.map((i) => pool[i]);
  const score = new Float64Array(candidates.length);
  if (strategy === 'ner-uncertainty' || strategy === 'joint') {
    nerUncertainty(pipeline, examples).forEach((u, k) => (score[k] += u));
  }
  if (strategy === 'cat-uncertainty' || strategy === 'joint') {
    const labels = pipeline.labels.cats.length ? pipeline.labels.cats : catLabels;
    pipeline.predictExamples(examples).forEach((p, k) => (score[k] += catUncertainty(p.cats, labels, exclusive)));
  }
  return [...candidates.keys()]
    .sort((a, b) => score[b] - score[a] || candidates[a] - candidates[b])
    .slice(0, batchSize)
    .map((k) => candidates[k])
    .sort((a, b) => a - b);
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
  return strategies;
}
