import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../errors';
import type { EpochRecord, RunRecord } from '../eval/scores';
import type { EnvironmentInfo } from './versions';

/** Seconds and throughput of one run. */
export interface RunTimings {
  /** Wall-clock seconds of training, dev scoring after each epoch included. */
  trainSeconds: number;
  /** Training tokens per second over the optimisation steps only (dev scoring excluded). */
  trainTokensPerSecond: number | null;
  /** Wall-clock seconds of predicting the evaluation set. */
  predictSeconds: number;
  /** Evaluation-set tokens per second of prediction. */
  predictTokensPerSecond: number;
  /** Epochs actually run (early stopping may end before config.epochs). */
  epochs: number;
}

/** One epoch as stored: the loop's EpochRecord plus its timing and early-stopping fields. */
export interface StoredEpoch extends EpochRecord {
  score: number | null;
  isBest: boolean;
  seconds: number;
  devSeconds: number;
  skippedBatches: number;
  stopped?: string;
}

/** A run as runExperiment stores it: one JSON file per run (what `loadRuns` returns). */
export interface ExperimentRun extends RunRecord {
  kind: 'run';
  /** Hash of everything that decides the result: config hash, data hashes, train size, evaluation set, regime rules. */
  runKey: string;
  dataset: string;
  /** Scheme as requested ('shared'); `config.scheme` holds the versioned id ('shared.v1'). */
  scheme: string;
  seed: number;
  /** The full validated config the run was asked for (scheme and seed filled in). */
  config: Record<string, unknown>;
  configHash: string;
  /** The config it trained with: `config` with its training regime resolved and applied (absent in records written before it was stored). */
  trainedConfig?: Record<string, unknown>;
  /** Fingerprints (dataFingerprint) of the full train, dev and evaluation sets. */
  dataHash: { train: string; dev: string; eval: string };
  /** Training examples used (after subsampling). */
  nTrain: number;
  /** Which split was scored. */
  evalOn: 'test' | 'dev';
  history: StoredEpoch[];
  /** Annotation the model could not use (the loop's dataStats), when reported. */
  dataStats?: Record<string, number>;
  timings: RunTimings;
  environment: EnvironmentInfo;
  /** ISO date-time the run finished. */
  date: string;
}

/** Writes `value` as JSON to `dir/name` atomically (temp file in the same folder, then rename). */
export function writeJsonAtomic(dir: string, name: string, value: unknown): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  const tmp = join(dir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new WorkbenchError('E602', `cannot write: ${(err as Error).message}`, { file: path });
  }
  return path;
}

/** Reads a JSON file written by writeJsonAtomic; a corrupt file is an E602 error naming it. */
export function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new WorkbenchError('E602', `cannot read: ${(err as Error).message} (delete the file to rerun)`, { file: path });
  }
}

/** File name of a run: readable parts, then the run key (which alone decides identity). */
export function runFileName(run: Pick<ExperimentRun, 'dataset' | 'scheme' | 'seed' | 'trainSize' | 'runKey'>): string {
  const size = run.trainSize === undefined ? 'all' : String(run.trainSize);
  return `${fileSlug(run.dataset)}__${fileSlug(run.scheme)}__seed${run.seed}__n${size}__${run.runKey}.json`;
}

/** Filename-safe form of a name. */
export function fileSlug(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || '_';
}

/** Filters of `loadRuns`. */
export interface LoadRunsFilter {
  dataset?: string;
  scheme?: string;
  configHash?: string;
}

/**
 * Every run record in `outDir` (files written by runExperiment, in file-name order), with
 * predictions and history, for compareSchemes / pairedBootstrap / learningCurves. Other JSON files
 * (active-learning results) are skipped; a missing folder gives [].
 */
export function loadRuns(outDir: string, filter: LoadRunsFilter = {}): ExperimentRun[] {
  if (!existsSync(outDir)) return [];
  const runs: ExperimentRun[] = [];
  for (const name of readdirSync(outDir).sort()) {
    if (!name.endsWith('.json') || name.startsWith('.')) continue;
    const value = readJson<Partial<ExperimentRun>>(join(outDir, name));
    if (value?.kind !== 'run') continue;
    checkRun(value, join(outDir, name));
    if (filter.dataset !== undefined && value.dataset !== filter.dataset) continue;
    if (filter.scheme !== undefined && value.scheme !== filter.scheme) continue;
    if (filter.configHash !== undefined && value.configHash !== filter.configHash) continue;
    runs.push(value);
  }
  return runs;
}

/** Reads one run file; E602 when it is not a complete run record. */
export function readRun(path: string): ExperimentRun {
  const value = readJson<Partial<ExperimentRun>>(path);
  checkRun(value, path);
  return value;
}

function checkRun(value: Partial<ExperimentRun>, file: string): asserts value is ExperimentRun {
  for (const field of ['runKey', 'scheme', 'dataset', 'configHash'] as const) {
    if (typeof value[field] !== 'string') throw new WorkbenchError('E602', 'not a complete run record (delete the file to rerun)', { file, field });
  }
  if (typeof value.seed !== 'number') throw new WorkbenchError('E602', 'not a complete run record', { file, field: 'seed' });
  if (value.scores === null || typeof value.scores !== 'object') throw new WorkbenchError('E602', 'not a complete run record', { file, field: 'scores' });
}
