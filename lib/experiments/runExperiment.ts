import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DataFrame } from 'danfojs-node';
import type { Example } from '../data/types';
import { WorkbenchError } from '../errors';
import type { EvaluateOptions } from '../eval/evaluate';
import { validateConfig } from '../models/config/config';
import { configHash } from '../models/config/hash';
import { trainPipeline } from '../models/training/train';
import type { TrainProgress } from '../models/training/loop';
import { resolveQueueOption, type QueueOption, type QueueTarget } from '../queue/target';
import { dataFingerprint } from './fingerprint';
import { trainInChildren } from './localPool';
import { progressReporter, type ProgressMode, type ProgressReporter, type ProgressStream, type UpdatableDisplay } from './progress';
import { runJobFile, runKeyOf, trainRunJob, type RunJob, type RunJobData, type Trainer } from './runJob';
import { readRun, writeJsonAtomic, type ExperimentRun } from './runStore';
import { environmentInfo, type EnvironmentInfo } from './versions';

/** One dataset of an experiment: a name and its train, dev (early stopping) and test splits. */
export interface ExperimentData {
  name: string;
  train: Example[];
  dev: Example[];
  test: Example[];
}

export type { Trainer } from './runJob';

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
  /**
   * Train the runs on a BullMQ job queue (workers: `workbench worker --queue URL`) instead of in
   * this process: 'redis://[user:password@]host:port[/db]' or { url, prefix, attempts }. Default:
   * env WORKBENCH_QUEUE when set, else in-process; null forces in-process.
   */
  queue?: QueueOption | null;
  /**
   * Runs trained at once on this machine, each in a child process of its own (one core each; the
   * children train with trainPipeline). Default 1: one run after another in this process.
   */
  jobs?: number;
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
 * so an interrupted sweep resumes; `force` reruns. With `queue` (or env WORKBENCH_QUEUE), the runs
 * are trained by `workbench worker` processes on a BullMQ queue and their records written here just
 * the same. With `jobs` > 1 (and no queue), up to `jobs` runs train at once in child processes of
 * this machine. Returns one row per run as a danfojs DataFrame (`loadRuns(outDir)` gives the full
 * records for compareSchemes / pairedBootstrap).
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
  const plan = planRuns(opts, datasets);
  const queue = resolveQueueOption(opts.queue);
  const jobs = opts.jobs ?? 1;
  const reporter = progressReporter({ total: plan.length, mode: opts.progress, stream: opts.progressStream, display: opts.progressDisplay, parallel: queue !== undefined || jobs > 1 });
  try {
    if (queue) return await runQueued(opts, plan, datasets, queue, reporter);
    if (jobs > 1) return await runInChildren(opts, plan, jobs, reporter);
    const trainer = opts.trainer ?? (trainPipeline as Trainer);
    let environment: EnvironmentInfo | undefined;
    const out: ExperimentRun[] = [];
    for (const { run, job, file, label, data } of plan) {
      reporter.start(label);
      opts.onProgress?.({ type: 'run-start', run });
      const cached = cachedRun(opts, job, file);
      if (cached) {
        out.push(cached);
        reporter.end({ resumed: true });
        opts.onProgress?.({ type: 'run-end', run, record: cached, resumed: true, file });
        continue;
      }
      environment ??= await environmentInfo();
      const record = await trainRunJob(job, data, {
        trainer,
        environment,
        onProgress: (progress) => {
          if (progress.type === 'epoch') reporter.epoch(progress.epoch, progress.epochs, progress.score);
          opts.onProgress?.({ type: 'train', run, progress });
        },
      });
      writeJsonAtomic(opts.outDir, runJobFile(job), record);
      out.push(record);
      reporter.end();
      opts.onProgress?.({ type: 'run-end', run, record, resumed: false, file });
    }
    return out;
  } finally {
    reporter.finish();
  }
}

/**
 * The runs of a sweep in order, each as a job (what a worker or child process trains) with its run
 * file and examples; options and configs are checked as runExperiment checks them.
 */
export function planExperiment(opts: ExperimentOptions): PlannedRun[] {
  return planRuns(opts, checkOptions(opts));
}

/** One run of the sweep, planned: its spec, its job (what is trained), its file and examples. */
export interface PlannedRun {
  run: RunSpec;
  job: RunJob;
  file: string;
  label: string;
  data: RunJobData;
}

/** Every run of the sweep in order (dataset × train size × seed × scheme), configs validated up front. */
function planRuns(opts: ExperimentOptions, datasets: ExperimentData[]): PlannedRun[] {
  const evalOn = opts.evalOn ?? 'test';
  const sizes = opts.trainSizes ?? ['all'];
  const numericSizes = sizes.some((s) => typeof s === 'number');
  const order = datasets.flatMap((d) => sizes.flatMap((trainSize) => opts.seeds.flatMap((seed) => opts.schemes.map((scheme) => ({ d, trainSize, seed, scheme })))));
  // Validate every config before the first (possibly hours-long) run: a typo fails now.
  const configs = new Map<string, { config: Record<string, unknown>; hash: string }>();
  for (const { scheme, seed } of order) {
    const key = `${scheme}\u0000${seed}`;
    if (!configs.has(key)) {
      const config = runConfig(opts.config, scheme, seed);
      configs.set(key, { config: validateConfig(config) as unknown as Record<string, unknown>, hash: configHash(config) });
    }
  }
  const hashes = new Map(datasets.map((d) => [d.name, { train: dataFingerprint(d.train), dev: dataFingerprint(d.dev), eval: dataFingerprint(evalOn === 'test' ? d.test : d.dev) }]));
  return order.map(({ d, trainSize, seed, scheme }, index) => {
    const { config, hash } = configs.get(`${scheme}\u0000${seed}`)!;
    const recordSize = numericSizes ? (trainSize === undefined || trainSize === 'all' ? d.train.length : trainSize) : undefined;
    const fields = { dataset: d.name, scheme, seed, trainSize: trainSize ?? 'all', ...(recordSize !== undefined ? { recordSize } : {}), evalOn, config, configHash: hash, dataHash: hashes.get(d.name)!, evaluate: opts.evaluate ?? {} };
    const job: RunJob = { runKey: runKeyOf(fields), ...fields };
    return {
      run: { dataset: d.name, scheme, seed, trainSize, index, total: order.length },
      job,
      file: join(opts.outDir, runJobFile(job)),
      label: `${d.name} ${scheme} seed=${seed}${numericSizes ? ` n=${recordSize}` : ''}`,
      data: { train: d.train, dev: d.dev, evalSet: evalOn === 'test' ? d.test : d.dev },
    };
  });
}

/** The run's record when its file exists (and force is off); E602 when the file holds another run. */
function cachedRun(opts: ExperimentOptions, job: RunJob, file: string): ExperimentRun | undefined {
  if (opts.force || !existsSync(file)) return undefined;
  const record = readRun(file);
  if (record.runKey !== job.runKey) throw new WorkbenchError('E602', `run key ${record.runKey} does not match the file name's ${job.runKey}`, { file });
  return record;
}

/**
 * The sweep on a job queue: runs already in outDir are loaded, the others (one job per run key)
 * trained by queue workers; each record that comes back is written to outDir as a local run's is.
 */
async function runQueued(opts: ExperimentOptions, plan: PlannedRun[], datasets: ExperimentData[], target: QueueTarget, reporter: ProgressReporter): Promise<ExperimentRun[]> {
  if (opts.trainer) throw new WorkbenchError('E601', 'a custom trainer cannot run on a queue (workers train with trainPipeline): drop `trainer` or `queue`', { field: 'trainer' });
  const { records, pending } = loadCachedRuns(opts, plan, reporter);
  const sets = new Map<string, Example[]>();
  for (const d of datasets) {
    const ps = plan.find((p) => p.run.dataset === d.name && pending.has(p.job.runKey));
    if (!ps) continue;
    sets.set(ps.job.dataHash.train, d.train);
    sets.set(ps.job.dataHash.dev, d.dev);
    sets.set(ps.job.dataHash.eval, ps.data.evalSet);
  }
  // Notes and failures go where the progress goes (nowhere with progress 'none': failures are also thrown).
  const log = sweepLog(opts);
  // BullMQ and ioredis load only for queued sweeps (~0.1 s a local sweep need not pay).
  const { runOnQueue } = await import('../queue/coordinator');
  const { onStart, onEpoch, onRecord } = parallelCallbacks(opts, pending, records, reporter);
  await runOnQueue({
    target,
    jobs: [...pending.values()].map((ps) => ps[0].job),
    data: sets,
    force: opts.force,
    log,
    onActive: onStart,
    onEpoch,
    onRecord,
    onFailure: (job, failure) => {
      for (const p of pending.get(job.runKey)!) reporter.endActive(job.runKey, { failed: true, label: p.label });
      if (!failure.cancelled) log(`run failed: ${pending.get(job.runKey)![0].label}: ${failure.message}${failure.stack ? `\n${failure.stack}` : ''}`);
    },
  });
  return plan.map((p) => records.get(p.job.runKey)!);
}

/** Writes a line about a parallel sweep's runs (a failure, the queue's news) to the progress stream, unless progress is 'none'. */
function sweepLog(opts: ExperimentOptions): (line: string) => void {
  return (line) => void (opts.progress !== 'none' && (opts.progressStream ?? process.stderr).write(`${line}\n`));
}

/**
 * For a parallel sweep (queue or child processes): the runs already in outDir are loaded and
 * reported as resumed; the others are grouped by run key (a run asked for twice trains once).
 */
function loadCachedRuns(opts: ExperimentOptions, plan: PlannedRun[], reporter: ProgressReporter): { records: Map<string, ExperimentRun>; pending: Map<string, PlannedRun[]> } {
  const records = new Map<string, ExperimentRun>();
  const pending = new Map<string, PlannedRun[]>();
  for (const p of plan) {
    const cached = cachedRun(opts, p.job, p.file);
    if (cached) {
      records.set(p.job.runKey, cached);
      opts.onProgress?.({ type: 'run-start', run: p.run });
      reporter.endActive(p.job.runKey, { resumed: true, label: p.label });
      opts.onProgress?.({ type: 'run-end', run: p.run, record: cached, resumed: true, file: p.file });
    } else pending.set(p.job.runKey, [...(pending.get(p.job.runKey) ?? []), p]);
  }
  return { records, pending };
}

/**
 * The sweep in `jobs` child processes of this machine: runs already in outDir are loaded, the others
 * (one per run key) trained by trainInChildren; each record is written to outDir as it arrives.
 */
async function runInChildren(opts: ExperimentOptions, plan: PlannedRun[], jobs: number, reporter: ProgressReporter): Promise<ExperimentRun[]> {
  const { records, pending } = loadCachedRuns(opts, plan, reporter);
  const log = sweepLog(opts);
  await trainInChildren(
    [...pending.values()].map(([p]) => ({ job: p.job, data: p.data })),
    {
      jobs,
      ...parallelCallbacks(opts, pending, records, reporter),
      onFailure: (job, error) => {
        const ps = pending.get(job.runKey)!;
        for (const p of ps) reporter.endActive(job.runKey, { failed: true, label: p.label });
        log(`run failed: ${ps[0].label}: ${error.message}; no further run starts, the runs in progress finish first`);
      },
    },
  );
  return plan.map((p) => records.get(p.job.runKey)!);
}

/**
 * What a parallel sweep (queue or child processes) does as a run starts, ends an epoch and finishes:
 * progress shown and sent for every planned run of the run key, the record written to outDir.
 */
function parallelCallbacks(opts: ExperimentOptions, pending: Map<string, PlannedRun[]>, records: Map<string, ExperimentRun>, reporter: ProgressReporter) {
  return {
    onStart: (job: RunJob): void => {
      const ps = pending.get(job.runKey)!;
      reporter.activeEpoch(job.runKey, ps[0].label);
      for (const p of ps) opts.onProgress?.({ type: 'run-start', run: p.run });
    },
    onEpoch: (job: RunJob, progress: TrainProgress): void => {
      const ps = pending.get(job.runKey)!;
      if (progress.type === 'epoch') reporter.activeEpoch(job.runKey, ps[0].label, progress.epoch, progress.epochs);
      for (const p of ps) opts.onProgress?.({ type: 'train', run: p.run, progress });
    },
    onRecord: (job: RunJob, record: ExperimentRun): void => {
      writeJsonAtomic(opts.outDir, runJobFile(job), record);
      records.set(job.runKey, record);
      for (const p of pending.get(job.runKey)!) {
        reporter.endActive(job.runKey, { label: p.label });
        opts.onProgress?.({ type: 'run-end', run: p.run, record, resumed: false, file: p.file });
      }
    },
  };
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
  if (opts.jobs !== undefined && (!Number.isInteger(opts.jobs) || opts.jobs < 1)) fail('jobs', `jobs must be a whole number ≥ 1, got ${JSON.stringify(opts.jobs)}`);
  if ((opts.jobs ?? 1) > 1 && opts.trainer) fail('trainer', 'a custom trainer cannot train in child processes (they train with trainPipeline): drop `trainer` or set `jobs` to 1');
  if (opts.evalOn !== undefined && opts.evalOn !== 'test' && opts.evalOn !== 'dev') fail('evalOn', `evalOn must be 'test' or 'dev', got ${JSON.stringify(opts.evalOn)}`);
  for (const size of opts.trainSizes ?? []) {
    if (size !== undefined && size !== 'all' && (!Number.isInteger(size) || size < 1)) fail('trainSizes', `train sizes must be whole numbers ≥ 1 or 'all', got ${JSON.stringify(size)}`);
    for (const d of datasets) if (typeof size === 'number' && size > d.train.length) fail('trainSizes', `train size ${size} is larger than the ${d.train.length} training examples of "${d.name}"`);
  }
  return datasets;
}
