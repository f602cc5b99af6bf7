import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Example } from '../data/types';
import { Rng } from '../engine/random';
import { WorkbenchError } from '../errors';
import type { EvaluateOptions } from '../eval/evaluate';
import { validateConfig } from '../models/config/config';
import { configHash } from '../models/config/hash';
import { inferExclusive } from '../models/inputs/labels';
import { JointPipeline } from '../models/pipeline/jointPipeline';
import type { Pipeline } from '../models/pipeline/pipeline';
import { dataFingerprint, shortHash } from './fingerprint';
import { trainAndEvaluate, type Trainer } from './runJob';
import { fileSlug, readJson, writeJsonAtomic } from './runStore';
import { catUncertainty, nerUncertainty } from './uncertainty';
import type { EnvironmentInfo } from './versions';

/** How the next batch is chosen from the unlabelled pool. */
export type SelectionStrategy = 'random' | 'ner-uncertainty' | 'cat-uncertainty' | 'joint';

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

/** One strategy × seed curve to simulate: plain data, so it can be sent to a child process. */
export interface CurveSpec {
  pool: Example[];
  test: Example[];
  dev: Example[];
  /** Model config before validation; config.seed is set to `seed`. */
  config: Record<string, unknown>;
  seedSize: number;
  batchSize: number;
  rounds: number;
  evaluate?: EvaluateOptions;
  /** Name of the pool in file names and points. */
  dataset: string;
  /** Folder of the curve's cache file; none = no cache. */
  outDir?: string;
  /** Recompute cached rounds. */
  force?: boolean;
  seed: number;
  strategy: SelectionStrategy;
}

/** What `simulateCurve` reports as it goes, and what it trains with. */
export interface CurveHooks {
  trainer: Trainer;
  /** The environment recorded in a new curve file; `cached` is the one of an existing file of an earlier round. */
  environment: (cached: EnvironmentInfo | undefined) => Promise<EnvironmentInfo>;
  /** Round `round` starts (or is about to be loaded from the cache). */
  onStart?: (round: number) => void;
  /** A training of the current round finished an epoch. */
  onEpoch?: (epoch: number, epochs: number, score: number | null | undefined) => void;
  /** A round ended: trained, or loaded from the cache (`resumed`). */
  onRound?: (point: ActiveLearningPoint, resumed: boolean) => void;
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

/** What identifies a curve: its validated config, the seed set, the cache key and file. */
interface CurvePlan {
  config: Record<string, unknown>;
  hash: string;
  dataHash: StoredCurve['dataHash'];
  seedSet: number[];
  key: string;
  file?: string;
  cached?: StoredCurve;
}

/** How a curve is named in progress lines: 'snips joint seed=1 round 3'. */
export function roundLabel(spec: CurveSpec, round: number): string {
  return `${spec.dataset} ${spec.strategy} seed=${spec.seed} round ${round}`;
}

/** The points of the curve's cache file when it already holds every round (and `force` is off), else undefined. */
export function cachedCurvePoints(spec: CurveSpec): ActiveLearningPoint[] | undefined {
  const { cached } = planCurve(spec);
  return cached && cached.rounds.length > spec.rounds ? cached.rounds.slice(0, spec.rounds + 1).map((r) => r.point) : undefined;
}

/**
 * Simulates one strategy × seed curve (see simulateActiveLearning): rounds 0..spec.rounds in order,
 * each loaded from the cache file or trained, scored and followed by a pick; the cache file is
 * rewritten after every trained round. Returns the curve's points.
 */
export async function simulateCurve(spec: CurveSpec, hooks: CurveHooks): Promise<ActiveLearningPoint[]> {
  const { config, hash, dataHash, seedSet, key, file, cached } = planCurve(spec);
  const { dataset, strategy, seed } = spec;
  const catLabels = [...new Set(spec.pool.flatMap((e) => Object.keys(e.cats)))].sort();
  const poolExclusive = inferExclusive(spec.pool);
  const environment = await hooks.environment(cached?.environment);
  const curve: StoredCurve = cached ?? {
    kind: 'active-learning',
    key,
    dataset,
    strategy,
    seed,
    seedSize: spec.seedSize,
    batchSize: spec.batchSize,
    configHash: hash,
    config,
    dataHash,
    seedSet,
    rounds: [],
    environment,
    date: new Date().toISOString(),
  };
  const labelled = new Set(curve.seedSet);
  for (const r of curve.rounds.slice(0, spec.rounds + 1)) for (const i of r.picked) labelled.add(i);
  const points: ActiveLearningPoint[] = [];
  for (let round = 0; round <= spec.rounds; round++) {
    hooks.onStart?.(round);
    const stored = curve.rounds[round];
    if (stored) {
      points.push(stored.point);
      hooks.onRound?.(stored.point, true);
      continue;
    }
    // Rounds are added in order, so every earlier pick is already in `labelled`.
    const order = [...labelled].sort((a, b) => a - b);
    const train = order.map((i) => spec.pool[i]);
    const trained = await trainAndEvaluate(
      hooks.trainer,
      config,
      { train, dev: spec.dev, evalSet: spec.test },
      { evaluate: spec.evaluate, keepPipeline: true, onProgress: (p) => p.type === 'epoch' && hooks.onEpoch?.(p.epoch, p.epochs, p.score) },
    );
    const { scores } = trained;
    const pipeline = trained.pipeline!;
    const s0 = performance.now();
    let picked: number[];
    try {
      const exclusive = pipeline instanceof JointPipeline ? pipeline.labelSet.exclusive : poolExclusive;
      picked = pickBatch(pipeline, spec.pool, labelled, spec.batchSize, strategy, new Rng(seed).fork(`pick-${round}`), catLabels, exclusive);
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
      trainSeconds: trained.timings.trainSeconds,
      selectSeconds: (performance.now() - s0) / 1000,
    };
    curve.rounds[round] = { point, picked };
    for (const i of picked) labelled.add(i);
    if (file) writeJsonAtomic(spec.outDir!, file.slice(spec.outDir!.length + 1), curve);
    points.push(point);
    hooks.onRound?.(point, false);
  }
  return points;
}

/** The curve's config, seed set, cache key and file, and the cached curve when the file exists (E602 when it is not this curve's). */
function planCurve(spec: CurveSpec): CurvePlan {
  const config = validateConfig({ ...spec.config, seed: spec.seed }) as unknown as Record<string, unknown>;
  const hash = configHash(config);
  const dataHash = { pool: dataFingerprint(spec.pool), test: dataFingerprint(spec.test), dev: dataFingerprint(spec.dev) };
  const seedSet = new Rng(spec.seed).fork('seed-set').shuffle(Array.from(spec.pool.keys())).slice(0, spec.seedSize).sort((a, b) => a - b);
  const { strategy, seed, seedSize, batchSize } = spec;
  const key = shortHash({ v: 1, configHash: hash, dataHash, strategy, seed, seedSize, batchSize, evaluate: spec.evaluate ?? {} });
  const file = spec.outDir ? join(spec.outDir, `al__${fileSlug(spec.dataset)}__${strategy}__seed${seed}__${key}.json`) : undefined;
  const cached = file && !spec.force && existsSync(file) ? readJson<StoredCurve>(file) : undefined;
  if (cached && (cached.kind !== 'active-learning' || cached.key !== key || !Array.isArray(cached.rounds))) {
    throw new WorkbenchError('E602', 'not an active-learning curve for these options (delete the file to rerun)', { file });
  }
  return { config, hash, dataHash, seedSet, key, file, cached };
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
