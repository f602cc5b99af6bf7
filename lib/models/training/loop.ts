import { performance } from 'node:perf_hooks';
import { Adam, tf, type AdamOptions, type Rng } from '../../engine';
import type { EpochRecord } from '../../eval/scores';
import type { Batch } from '../inputs/batch';
import { bucketBatches } from '../inputs/batching';
import type { PrepareStats, PreparedDoc } from '../inputs/doc';
import { ParamAverager } from './paramAverager';
import type { SchemeModel } from '../schemes/contract';

/** Progress after one optimisation step. */
export interface StepProgress {
  type: 'step';
  epoch: number;
  /** Steps taken so far (1-based). */
  step: number;
  /** This step's losses: 'total' (weighted) and each unweighted part ('ner', 'cat', ...). */
  losses: Record<string, number>;
  learnRate: number;
  /** Tokens in this step's batch. */
  tokens: number;
}

/** Progress after one epoch: an EpochRecord (losses summed over the epoch, dev scores) plus timing. */
export interface EpochProgress extends EpochRecord {
  type: 'epoch';
  /** Epochs the run will make at most (config.epochs, or more under training.minSteps). */
  epochs: number;
  /** The dev score early stopping watches (mean of ents_f and cats_micro_f); null without dev data. */
  score: number | null;
  /** Whether this epoch has the best dev score so far (its weights are kept). */
  isBest: boolean;
  /** Training tokens per second in this epoch (optimisation steps only, dev scoring excluded). */
  tokensPerSecond: number;
  /** Seconds since training started, including dev scoring. */
  seconds: number;
  /** Seconds spent scoring the dev set after this epoch. */
  devSeconds: number;
  /** Batches skipped because they held no annotation the model can learn from. */
  skippedBatches: number;
  /** First epoch only (set by trainPipeline): annotation that could not be used as-is. */
  dataStats?: PrepareStats;
  /** Set on the last epoch: why training stopped. */
  stopped?: 'epochs' | 'patience';
}

/** Either kind of progress report. */
export type TrainProgress = StepProgress | EpochProgress;

/** Dev-set evaluation: flat numeric scores and the early-stopping score (higher is better). */
export type DevEvaluator = () => { dev: Record<string, number>; score: number | null };

/** Options of `trainWhileImproving`. */
export interface TrainLoopOptions {
  epochs: number;
  batchSize: number;
  /** Stop after this many epochs without a better dev score; 0 = never. */
  patience: number;
  /** Restore the best epoch's weights when training ends. */
  restoreBest: boolean;
  /** Adam settings; `totalSteps` is filled in from the data when `decay` is true. */
  optimizer: AdamOptions;
  decay: boolean;
  /** Source of batch order and dropout masks. */
  rng: Rng;
  makeBatch: (docs: PreparedDoc[]) => Batch;
  evaluate?: DevEvaluator;
  /** Decay of the parameter averages used for dev scoring and the final weights; 0 = no averaging. */
  averageDecay: number;
  /** Which tasks have labels (a batch with no gold for either is skipped and counted). */
  tasks: { ner: boolean; cat: boolean };
}

/**
 * The training loop as an async generator (spaCy's train_while_improving): yields a StepProgress
 * after every update and an EpochProgress after every epoch; the caller logs, plots or stops
 * (breaking out of the loop disposes the optimiser). Batches are length-bucketed and reshuffled
 * each epoch from `rng`; the best dev-score weights are copied to JavaScript memory (so the tensor
 * count stays constant) and restored at the end when `restoreBest`.
 */
export async function* trainWhileImproving(model: SchemeModel, params: Map<string, tf.Variable>, docs: PreparedDoc[], opts: TrainLoopOptions): AsyncGenerator<TrainProgress> {
  const batchRng = opts.rng.fork('batches');
  const dropoutRng = opts.rng.fork('dropout');
  const lengths = docs.map((d) => d.tokens.length);
  const stepsPerEpoch = Math.ceil(docs.length / opts.batchSize);
  const totalSteps = opts.epochs * stepsPerEpoch;
  const warmup = Math.min(opts.optimizer.warmupSteps ?? 0, Math.max(0, totalSteps - 1));
  const optimizer = new Adam({
    ...opts.optimizer,
    warmupSteps: warmup,
    ...(opts.decay && totalSteps > warmup ? { totalSteps } : {}),
  });
  const vars = [...params.values()].filter((v) => v.trainable);
  const averager = opts.averageDecay > 0 ? new ParamAverager(params, opts.averageDecay) : undefined;
  const started = performance.now();
  let best: { score: number; weights: Map<string, Float32Array> } | undefined;
  let sinceBest = 0;
  let step = 0;
  try {
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      const epochLosses: Record<string, number> = {};
      let trainMs = 0;
      let tokens = 0;
      let skipped = 0;
      for (const idx of bucketBatches(lengths, opts.batchSize, () => batchRng.next())) {
        const batch = opts.makeBatch(idx.map((i) => docs[i]));
        if (!hasSignal(batch, opts.tasks)) {
          skipped++;
          continue;
        }
        const t0 = performance.now();
        const losses = update(model, batch, vars, params, optimizer, dropoutRng, epoch);
        step++;
        averager?.update(step);
        trainMs += performance.now() - t0;
        tokens += batch.nTokens;
        for (const [k, v] of Object.entries(losses)) epochLosses[k] = (epochLosses[k] ?? 0) + v;
        yield { type: 'step', epoch, step, losses, learnRate: optimizer.rateAt(optimizer.stepCount), tokens: batch.nTokens };
      }
      const d0 = performance.now();
      averager?.swapIn(); // dev scores and checkpoints use the averaged weights
      const evaluation = opts.evaluate?.() ?? { dev: {}, score: null };
      const devSeconds = (performance.now() - d0) / 1000;
      // Without dev scores every epoch counts as the best so far (the last one wins).
      const isBest = evaluation.score === null ? true : best === undefined || evaluation.score > best.score;
      if (isBest) {
        best = { score: evaluation.score ?? -Infinity, weights: snapshot(params) };
        sinceBest = 0;
      } else sinceBest++;
      averager?.swapOut();
      const stop = opts.patience > 0 && sinceBest >= opts.patience ? 'patience' : epoch === opts.epochs ? 'epochs' : undefined;
      yield {
        type: 'epoch',
        epochs: opts.epochs,
        epoch,
        step,
        losses: epochLosses,
        dev: evaluation.dev,
        score: evaluation.score,
        isBest,
        tokensPerSecond: tokens / Math.max(trainMs / 1000, 1e-9),
        seconds: (performance.now() - started) / 1000,
        devSeconds,
        skippedBatches: skipped,
        ...(stop ? { stopped: stop } : {}),
      };
      if (stop) break;
    }
    if (opts.restoreBest && best && opts.evaluate) restore(params, best.weights);
    else averager?.swapIn(); // the final weights are the averages
  } finally {
    optimizer.dispose();
    averager?.dispose();
  }
}

/** One Adam update on a batch; returns the step's losses (read synchronously: one sync per step). */
function update(
  model: SchemeModel,
  batch: Batch,
  vars: tf.Variable[],
  params: Map<string, tf.Variable>,
  optimizer: Adam,
  dropoutRng: Rng,
  epoch: number,
): Record<string, number> {
  let parts: Record<string, tf.Scalar> = {};
  const total = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      const out = model.loss(batch, { isTrain: true, rng: dropoutRng }, { epoch });
      // Keep the parts past variableGrads' scope so their values can be read after the step.
      parts = Object.fromEntries(Object.entries(out.parts).map(([k, v]) => [k, tf.keep(v)]));
      return out.total;
    }, vars);
    optimizer.step(params, grads);
    return value;
  });
  const losses: Record<string, number> = { total: total.dataSync()[0] };
  total.dispose();
  for (const [k, v] of Object.entries(parts)) {
    losses[k] = v.dataSync()[0];
    v.dispose();
  }
  return losses;
}

/** Whether a batch holds any gold tag or known category of a task the model learns. */
function hasSignal(batch: Batch, tasks: { ner: boolean; cat: boolean }): boolean {
  if (tasks.ner && batch.tags) for (let i = 0; i < batch.tags.length; i++) if (batch.tags[i] >= 0) return true;
  if (tasks.ner && batch.rejected?.length) return true;
  if (tasks.cat && batch.catMask) for (let i = 0; i < batch.catMask.length; i++) if (batch.catMask[i] > 0) return true;
  return false;
}

function snapshot(params: Map<string, tf.Variable>): Map<string, Float32Array> {
  return new Map([...params].map(([name, v]) => [name, Float32Array.from(v.dataSync() as Float32Array)]));
}

function restore(params: Map<string, tf.Variable>, weights: Map<string, Float32Array>): void {
  for (const [name, v] of params) {
    const values = weights.get(name)!;
    tf.tidy(() => v.assign(tf.tensor(values, v.shape, 'float32')));
  }
}
