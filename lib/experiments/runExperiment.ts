import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataFrame } from 'danfojs-node';
import type { Example } from '../data/types';
import { WorkbenchError } from '../errors';
import { evaluateRun, type EvaluateOptions } from '../eval/evaluate';
import type { Scores } from '../eval/scores';
import { validateConfig } from '../models/config/config';
import { configHash } from '../models/config/hash';
import type { Pipeline } from '../models/pipeline/pipeline';
import { trainPipeline, type TrainOptions } from '../models/training/train';
import type { EpochProgress, TrainProgress } from '../models/training/loop';
import { dataFingerprint, shortHash } from './fingerprint';
import { progressReporter, type ProgressMode, type ProgressStream, type UpdatableDisplay } from './progress';
import { readRun, runFileName, writeJsonAtomic, type ExperimentRun, type RunTimings, type StoredEpoch } from './runStore';
import { subsample } from './subsample';
import { environmentInfo, type EnvironmentInfo } from './versions';

/** One dataset of an experiment: a name and its train, dev (early stopping) and test splits. */
export interface ExperimentData {
  name: string;
  train: Example[];
  dev: Example[];
  test: Example[];
}

/** Trains a pipeline (trainPipeline's signature); injectable so tests can count or fake training. */
export type Trainer = (config: unknown, train: Example[], dev: Example[], opts: TrainOptions) => Promise<Pipeline>;

/** A base config, or a function giving the config of a scheme (e.g. scheme-specific schemeOptions). */
export type ExperimentConfig = Record<string, unknown> | ((scheme: string, seed: number) => Record<string, unknown>);

/** A requested train size: a number of examples, or all of them. */
export type TrainSize = number | 'all' | undefined;

/** Options of `runExperiment`. */
export interface ExperimentOptions {
  /** One dataset or several (names must differ). */
  data: ExperimentData | ExperimentData[];
  /** Registered scheme names ('shared', 'separate', ...). */
  schemes: string[];
  /** Seeds: each sets config.seed and the train subsample. */
  seeds: number[];
  /** Train sizes (default ['all']): a number subsamples that many training examples with the seed. */
  trainSizes?: TrainSize[];
  /** Model config shared by all runs (scheme and seed are set per run); default {}. */
  config?: ExperimentConfig;
  /** Folder of the run files (one JSON per run). */
  outDir: string;
  /** Called at run start, after every training step/epoch, and at run end. */
  onProgress?: (event: ExperimentEvent) => void;
  /** Split to score (default 'test'). */
  evalOn?: 'test' | 'dev';
  /** Rerun runs whose file exists (default false: they are loaded, not redone). */
  force?: boolean;
  /** Progress display (default 'auto': tslab display / terminal bar / a line per run). */
  progress?: ProgressMode;
  /** Where the progress goes (defaults: process.stderr, tslab's display). */
  progressStream?: ProgressStream;
  progressDisplay?: UpdatableDisplay;
  /** Category scoring options passed to evaluateRun (threshold, exclusive). */
  evaluate?: EvaluateOptions;
  /** Training function (default trainPipeline). */
  trainer?: Trainer;
}

/** What one run of the sweep is. */
export interface RunSpec {
  dataset: string;
  scheme: string;
  seed: number;
  trainSize: TrainSize;
  /** Position in the sweep (0-based) and the sweep size. */
  index: number;
  total: number;
}

/** Progress events of `runExperiment`. */
export type ExperimentEvent =
  | { type: 'run-start'; run: RunSpec }
  | { type: 'train'; run: RunSpec; progress: TrainProgress }
  | { type: 'run-end'; run: RunSpec; record: ExperimentRun; resumed: boolean; file: string };

/** Row of the returned table: run identity, flat scores and timings. */
export type RunRow = Record<string, string | number | boolean | null>;

/**
 * Trains and evaluates every dataset × train size × seed × scheme, writing one JSON per run to
 * `outDir` (config and its hash, data fingerprints, scores, per-example predictions, per-epoch
 * history, timings, backend, package versions, CPU, date) atomically. A run whose file exists for
 * the same run key (config hash, data, train size, evaluation split) is loaded instead of redone,
 * so an interrupted sweep resumes; `force` reruns. Returns one row per run as a danfojs DataFrame
 * (`loadRuns(outDir)` gives the full records for compareSchemes / pairedBootstrap).
 */
export async function runExperiment(opts: ExperimentOptions): Promise<DataFrame> {
  const runs = await runExperimentRecords(opts);
  // danfojs-node pulls in tfjs and takes ~1 s to load: only pay for it when the table is asked for.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dfd = require('danfojs-node') as typeof import('danfojs-node');
  return new dfd.DataFrame(runRows(runs));
}

/** runExperiment without the table: the run records of the sweep, in sweep order. */
export async function runExperimentRecords(opts: ExperimentOptions): Promise<ExperimentRun[]> {
  const datasets = checkOptions(opts);
  const evalOn = opts.evalOn ?? 'test';
  const sizes = opts.trainSizes ?? ['all'];
  const numericSizes = sizes.some((s) => typeof s === 'number');
  const trainer = opts.trainer ?? (trainPipeline as Trainer);
  const plan = datasets.flatMap((d) => sizes.flatMap((trainSize) => opts.seeds.flatMap((seed) => opts.schemes.map((scheme) => ({ d, trainSize, seed, scheme })))));
  // Validate every config before the first (possibly hours-long) run: a typo fails now.
  const configs = new Map<string, { config: Record<string, unknown>; hash: string }>();
  for (const { scheme, seed } of plan) {
    const key = `${scheme}\u0000${seed}`;
    if (!configs.has(key)) {
      const config = runConfig(opts.config, scheme, seed);
      configs.set(key, { config: validateConfig(config) as unknown as Record<string, unknown>, hash: configHash(config) });
    }
  }
  const hashes = new Map(datasets.map((d) => [d.name, { train: dataFingerprint(d.train), dev: dataFingerprint(d.dev), eval: dataFingerprint(evalOn === 'test' ? d.test : d.dev) }]));
  const reporter = progressReporter({ total: plan.length, mode: opts.progress, stream: opts.progressStream, display: opts.progressDisplay });
  let environment: EnvironmentInfo | undefined;
  const out: ExperimentRun[] = [];
  try {
    for (const [index, { d, trainSize, seed, scheme }] of plan.entries()) {
      const run: RunSpec = { dataset: d.name, scheme, seed, trainSize, index, total: plan.length };
      const { config, hash } = configs.get(`${scheme}\u0000${seed}`)!;
      const dataHash = hashes.get(d.name)!;
      const runKey = shortHash({ v: 1, configHash: hash, dataset: d.name, dataHash, trainSize: trainSize ?? 'all', evalOn, evaluate: opts.evaluate ?? {} });
      const recordSize = numericSizes ? (trainSize === undefined || trainSize === 'all' ? d.train.length : trainSize) : undefined;
      const file = join(opts.outDir, runFileName({ dataset: d.name, scheme, seed, trainSize: recordSize, runKey }));
      reporter.start(`${d.name} ${scheme} seed=${seed}${numericSizes ? ` n=${recordSize}` : ''}`);
      opts.onProgress?.({ type: 'run-start', run });
      if (!opts.force && existsSync(file)) {
        const record = readRun(file);
        if (record.runKey !== runKey) throw new WorkbenchError('E602', `run key ${record.runKey} does not match the file name's ${runKey}`, { file });
        out.push(record);
        reporter.end({ resumed: true });
        opts.onProgress?.({ type: 'run-end', run, record, resumed: true, file });
        continue;
      }
      environment ??= await environmentInfo();
      const train = subsample(d.train, trainSize, seed);
      const evalSet = evalOn === 'test' ? d.test : d.dev;
      const { history, dataStats, timings, scores, predictions } = await trainAndEvaluate(
        trainer,
        config,
        { train, dev: d.dev, evalSet },
        {
          evaluate: opts.evaluate,
          onProgress: (progress) => {
            if (progress.type === 'epoch') reporter.epoch(progress.epoch, progress.epochs, progress.score);
            opts.onProgress?.({ type: 'train', run, progress });
          },
        },
      );
      const record: ExperimentRun = {
        kind: 'run',
        runKey,
        dataset: d.name,
        scheme,
        seed,
        ...(recordSize !== undefined ? { trainSize: recordSize } : {}),
        nTrain: train.length,
        evalOn,
        config,
        configHash: hash,
        dataHash,
        scores,
        predictions,
        history,
        ...(dataStats ? { dataStats } : {}),
        timings,
        environment,
        date: new Date().toISOString(),
      };
      writeJsonAtomic(opts.outDir, runFileName({ ...record, trainSize: recordSize }), record);
      out.push(record);
      reporter.end();
      opts.onProgress?.({ type: 'run-end', run, record, resumed: false, file });
    }
  } finally {
    reporter.finish();
  }
  return out;
}

/** What `trainAndEvaluate` returns; `pipeline` only when asked to keep it (the caller then disposes it). */
export interface TrainedRun {
  history: StoredEpoch[];
  dataStats?: Record<string, number>;
  timings: RunTimings;
  scores: Scores;
  predictions: Example[];
  pipeline?: Pipeline;
}

/**
 * Trains one pipeline on `train` (dev scored after each epoch), scores `evalSet` with evaluateRun,
 * and frees the pipeline unless `keepPipeline`. History and training throughput come from the
 * progress callback.
 */
export async function trainAndEvaluate(
  trainer: Trainer,
  config: Record<string, unknown>,
  data: { train: Example[]; dev: Example[]; evalSet: Example[] },
  opts: { evaluate?: EvaluateOptions; onProgress?: (p: TrainProgress) => void; keepPipeline?: boolean } = {},
): Promise<TrainedRun> {
  const history: StoredEpoch[] = [];
  let dataStats: Record<string, number> | undefined;
  let epochTokens = 0;
  let tokens = 0;
  let optSeconds = 0;
  const t0 = performance.now();
  const pipeline = await trainer(config, data.train, data.dev, {
    onProgress: (p) => {
      if (p.type === 'step') epochTokens += p.tokens;
      else {
        history.push(storedEpoch(p));
        if (p.dataStats) dataStats = { ...p.dataStats };
        // Optimisation time of the epoch, recovered from its tokens and its tokens/s.
        if (epochTokens > 0 && p.tokensPerSecond > 0) {
          tokens += epochTokens;
          optSeconds += epochTokens / p.tokensPerSecond;
        }
        epochTokens = 0;
      }
      opts.onProgress?.(p);
    },
  });
  const trainSeconds = (performance.now() - t0) / 1000;
  let kept = false;
  try {
    const { scores, predictions } = evaluateRun(pipeline, data.evalSet, opts.evaluate ?? {});
    const timings: RunTimings = {
      trainSeconds,
      trainTokensPerSecond: optSeconds > 0 ? tokens / optSeconds : null,
      predictSeconds: scores.predict_seconds ?? 0,
      predictTokensPerSecond: scores.tokens_per_second ?? 0,
      epochs: history.length,
    };
    kept = opts.keepPipeline === true;
    return { history, ...(dataStats ? { dataStats } : {}), timings, scores, predictions, ...(kept ? { pipeline } : {}) };
  } finally {
    if (!kept) pipeline.dispose();
  }
}

function storedEpoch(p: EpochProgress): StoredEpoch {
  const { type: _type, dataStats: _stats, ...rest } = p;
  return rest;
}

/** The config of one run: the base config (or the function's result) with scheme and seed set. */
export function runConfig(config: ExperimentConfig | undefined, scheme: string, seed: number): Record<string, unknown> {
  const base = typeof config === 'function' ? config(scheme, seed) : (config ?? {});
  return { ...base, scheme, seed };
}

/** Flat table rows of run records: identity, every numeric score, timings and the config hash. */
export function runRows(runs: readonly ExperimentRun[]): RunRow[] {
  const scoreKeys = new Set<string>();
  for (const r of runs) {
    for (const [k, v] of Object.entries(r.scores)) if ((typeof v === 'number' || v === null) && k !== 'predict_seconds' && k !== 'tokens_per_second') scoreKeys.add(k);
  }
  return runs.map((r) => {
    const row: RunRow = { dataset: r.dataset, scheme: r.scheme, seed: r.seed, trainSize: r.trainSize ?? null, nTrain: r.nTrain, evalOn: r.evalOn };
    const scores = r.scores as unknown as Record<string, unknown>;
    for (const k of scoreKeys) row[k] = typeof scores[k] === 'number' ? (scores[k] as number) : null;
    row.train_seconds = r.timings.trainSeconds;
    row.train_tokens_per_second = r.timings.trainTokensPerSecond;
    row.predict_seconds = r.timings.predictSeconds;
    row.predict_tokens_per_second = r.timings.predictTokensPerSecond;
    row.epochs = r.timings.epochs;
    row.configHash = r.configHash;
    row.backend = r.environment.backend;
    return row;
  });
}

function checkOptions(opts: ExperimentOptions): ExperimentData[] {
  const fail = (field: string, detail: string): never => {
    throw new WorkbenchError('E601', detail, { field });
  };
  if (typeof opts?.outDir !== 'string' || opts.outDir === '') fail('outDir', 'outDir must name a folder for the run files');
  const datasets = Array.isArray(opts.data) ? opts.data : [opts.data];
  if (datasets.length === 0) fail('data', 'data must hold at least one dataset');
  datasets.forEach((d, i) => {
    if (typeof d?.name !== 'string' || d.name === '') fail(`data[${i}].name`, 'each dataset needs a name');
    for (const split of ['train', 'dev', 'test'] as const) {
      if (!Array.isArray(d[split])) fail(`data[${i}].${split}`, `dataset "${d.name}" needs ${split} as an array of examples (may be empty for dev)`);
    }
    if (d.train.length === 0) fail(`data[${i}].train`, `dataset "${d.name}" has no training examples`);
    const evalSet = (opts.evalOn ?? 'test') === 'test' ? d.test : d.dev;
    if (evalSet.length === 0) fail(`data[${i}].${opts.evalOn ?? 'test'}`, `dataset "${d.name}" has no examples to evaluate on`);
  });
  const names = datasets.map((d) => d.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) fail('data', `two datasets are named "${dup}"`);
  if (!Array.isArray(opts.schemes) || opts.schemes.length === 0) fail('schemes', 'schemes must list at least one scheme');
  if (new Set(opts.schemes).size !== opts.schemes.length) fail('schemes', `schemes lists a scheme twice: ${opts.schemes.join(', ')}`);
  if (!Array.isArray(opts.seeds) || opts.seeds.length === 0) fail('seeds', 'seeds must list at least one seed');
  for (const s of opts.seeds) if (!Number.isInteger(s) || s < 0) fail('seeds', `seeds must be whole numbers ≥ 0, got ${JSON.stringify(s)}`);
  if (new Set(opts.seeds).size !== opts.seeds.length) fail('seeds', 'seeds lists a seed twice');
  if (opts.evalOn !== undefined && opts.evalOn !== 'test' && opts.evalOn !== 'dev') fail('evalOn', `evalOn must be 'test' or 'dev', got ${JSON.stringify(opts.evalOn)}`);
  for (const size of opts.trainSizes ?? []) {
    if (size !== undefined && size !== 'all' && (!Number.isInteger(size) || size < 1)) fail('trainSizes', `train sizes must be whole numbers ≥ 1 or 'all', got ${JSON.stringify(size)}`);
    for (const d of datasets) if (typeof size === 'number' && size > d.train.length) fail('trainSizes', `train size ${size} is larger than the ${d.train.length} training examples of "${d.name}"`);
  }
  return datasets;
}
