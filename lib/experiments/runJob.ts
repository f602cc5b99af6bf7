import { performance } from 'node:perf_hooks';
import type { Example } from '../data/types';
import { evaluateRun, type EvaluateOptions } from '../eval/evaluate';
import { REGIME_RULES, type EpochProgress, type Pipeline, type TrainOptions, type TrainProgress } from '../models';
import { shortHash } from './fingerprint';
import { runFileName, type ExperimentRun, type RunTimings, type StoredEpoch } from './runStore';
import { subsample } from './subsample';
import { environmentInfo, type EnvironmentInfo } from './versions';

/** Trains a pipeline (trainPipeline's signature); injectable so tests can count or fake training. */
export type Trainer = (config: unknown, train: Example[], dev: Example[], opts: TrainOptions) => Promise<Pipeline>;

/**
 * One run of a sweep as plain JSON: everything that decides its result except the examples, which
 * are named by their fingerprints. The local runner, the queue coordinator and the queue worker's
 * child process all train from this.
 */
export interface RunJob {
  /** Hash of config hash, dataset, data hashes, train size, evaluation split, scoring options and the regime rules. */
  runKey: string;
  dataset: string;
  /** Scheme as requested ('shared'). */
  scheme: string;
  seed: number;
  /** Requested train size: a number subsamples that many training examples with the seed. */
  trainSize: number | 'all';
  /** Train size written into the record and file name (set when the sweep has numeric sizes). */
  recordSize?: number;
  evalOn: 'test' | 'dev';
  /** The validated config (scheme and seed filled in) and its configHash. */
  config: Record<string, unknown>;
  configHash: string;
  /** Fingerprints (dataFingerprint) of the full train set, the dev set and the evaluation set. */
  dataHash: { train: string; dev: string; eval: string };
  /** Category scoring options passed to evaluateRun. */
  evaluate: EvaluateOptions;
}

/** How a run is named in messages and logs: 'snips shared seed 0 n=500' (n for a learning-curve size). */
export function runName(job: Pick<RunJob, 'dataset' | 'scheme' | 'seed' | 'recordSize'>): string {
  return `${job.dataset} ${job.scheme} seed ${job.seed}${job.recordSize !== undefined ? ` n=${job.recordSize}` : ''}`;
}

/**
 * The run key of a job: what identifies its run file and its queue job. The regime rules are part of
 * it: they decide the trained config from the config and the data (configForTraining), so a run
 * cached under other rules is trained again.
 */
export function runKeyOf(job: Omit<RunJob, 'runKey'>): string {
  return queueSafeKey(shortHash({ v: 1, configHash: job.configHash, dataset: job.dataset, dataHash: job.dataHash, trainSize: job.trainSize, evalOn: job.evalOn, evaluate: job.evaluate, regimeRules: REGIME_RULES }));
}

/**
 * `hash` (hex) with its first digit replaced by 'f' when it has no letter: a run key is a BullMQ job
 * id, and BullMQ refuses a custom id that reads as an integer (about 1 hash in 1,850 is all digits).
 */
export function queueSafeKey(hash: string): string {
  return /^[0-9]+$/.test(hash) ? `f${hash.slice(1)}` : hash;
}

/** File name of a job's run record in the sweep's outDir. */
export function runJobFile(job: RunJob): string {
  return runFileName({ dataset: job.dataset, scheme: job.scheme, seed: job.seed, trainSize: job.recordSize, runKey: job.runKey });
}

/** The examples a job trains and scores on: the full train set (subsampled by the job), dev and evaluation sets. */
export interface RunJobData {
  train: Example[];
  dev: Example[];
  evalSet: Example[];
}

/** Options of `trainRunJob`. */
export interface TrainRunJobOptions {
  trainer: Trainer;
  onProgress?: (p: TrainProgress) => void;
  /** Default: environmentInfo() of this process. */
  environment?: EnvironmentInfo;
}

/** Trains and scores one run and returns its record (what runExperiment writes to the run file). */
export async function trainRunJob(job: RunJob, data: RunJobData, opts: TrainRunJobOptions): Promise<ExperimentRun> {
  const environment = opts.environment ?? (await environmentInfo());
  const train = subsample(data.train, job.trainSize, job.seed);
  const { history, dataStats, timings, scores, predictions, trainedConfig } = await trainAndEvaluate(opts.trainer, job.config, { train, dev: data.dev, evalSet: data.evalSet }, { evaluate: job.evaluate, onProgress: opts.onProgress });
  return {
    kind: 'run',
    runKey: job.runKey,
    dataset: job.dataset,
    scheme: job.scheme,
    seed: job.seed,
    ...(job.recordSize !== undefined ? { trainSize: job.recordSize } : {}),
    nTrain: train.length,
    evalOn: job.evalOn,
    config: job.config,
    configHash: job.configHash,
    trainedConfig,
    dataHash: job.dataHash,
    scores,
    predictions,
    history,
    ...(dataStats ? { dataStats } : {}),
    timings,
    environment,
    date: new Date().toISOString(),
  };
}

/** What `trainAndEvaluate` returns; `pipeline` only when asked to keep it (the caller then disposes it). */
export interface TrainedRun {
  history: StoredEpoch[];
  dataStats?: Record<string, number>;
  timings: RunTimings;
  scores: ExperimentRun['scores'];
  predictions: Example[];
  /** The config the pipeline trained with: `config` with its training regime resolved and applied. */
  trainedConfig: Record<string, unknown>;
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
  data: RunJobData,
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
    return { history, ...(dataStats ? { dataStats } : {}), timings, scores, predictions, trainedConfig: pipeline.config, ...(kept ? { pipeline } : {}) };
  } finally {
    if (!kept) pipeline.dispose();
  }
}

function storedEpoch(p: EpochProgress): StoredEpoch {
  const { type: _type, dataStats: _stats, ...rest } = p;
  return rest;
}
