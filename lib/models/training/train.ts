import { init, Rng } from '../../engine';
import { detectTokenizer } from '../../data/tokenizers';
import type { Example } from '../../data/types';
import type { WarningHandler } from '../../warnings';
import { scoreExamples } from '../../eval/evaluate';
import { loadVectors } from '../../vectors/loadVectors';
import { makeBatch } from '../inputs/batch';
import { buildPipeline } from '../pipeline/build';
import { validateConfig } from '../config/config';
import { configForTraining } from '../config/regime';
import { prepareForTraining } from '../inputs/doc';
import { featureSettings } from '../encoder/features';
import type { JointPipeline } from '../pipeline/jointPipeline';
import { AUTO_PENALTIES, catEntityLabels } from '../crf/catConsistent';
import { collectLabels } from '../inputs/labels';
import { ngramSettingsFor } from '../heads/ngrams';
import { schemes } from '../schemes';
import { checkExamples, checkTrainingData } from './checkData';
import { trainWhileImproving, type DevEvaluator, type TrainProgress } from './loop';

/** Options of `trainPipeline`. */
export interface TrainOptions {
  /** Called after every step and every epoch (awaited when it returns a promise). */
  onProgress?: (progress: TrainProgress) => void | Promise<void>;
  /** Receives warnings about the data (spans off token boundaries, categories without negatives or only in dev). Default: process.emitWarning. */
  onWarning?: WarningHandler;
}

/**
 * Trains a joint pipeline: validates `config` (defaults filled, errors name the key), reads the
 * labels from `train`, builds the configured scheme, and runs the training loop with dev scoring
 * after each epoch (early stopping on the mean of dev ents_f and cats_micro_f; best weights kept).
 * Spans out of range are an error (E004); data that would train but not as meant is warned about
 * (checkTrainingData). The same config, seed and data give the same weights on the same backend.
 */
export async function trainPipeline(config: unknown, train: Example[], dev: Example[] = [], opts: TrainOptions = {}): Promise<JointPipeline> {
  // A bad config fails first, then malformed examples, before the regime reads the data.
  validateConfig(config);
  checkExamples(train, 'train');
  checkExamples(dev, 'dev');
  // The small-data regime fills the keys the user left unset; the saved config records which regime ran.
  const cfg = configForTraining(config, train);
  // predict(text) must split raw text as the training data was split (recorded in the saved config).
  if (cfg.tokenizer === 'auto') cfg.tokenizer = detectTokenizer(train).name;
  await init();
  const collected = collectLabels(train, cfg.heads.tagger.tagScheme, cfg.heads.textcat.mode);
  // A scheme may add label data of its own (saved in labels.json), e.g. conditioned's CAT_ENT pairs.
  const schemeLabels = schemes.get(cfg.scheme, 'scheme').item.labels?.(collected, train, cfg) ?? collected;
  // Saved with every exclusive joint model, so category-consistent decoding can be switched on later.
  const labels = schemeLabels.exclusive && schemeLabels.ents.length > 0 && schemeLabels.cats.length > 1 ? { ...schemeLabels, catEnts: catEntityLabels(train, schemeLabels) } : schemeLabels;
  checkTrainingData(train, dev, labels, opts.onWarning);
  const { docs, stats } = prepareForTraining(train, labels);
  const ngrams = ngramSettingsFor(cfg.heads.textcat);
  // Loaded once per process and shared by every pipeline that names the same source.
  const vectors = cfg.encoder.vectors !== null ? await loadVectors(cfg.encoder.vectors) : undefined;
  const pipeline = buildPipeline(
    { config: cfg, labels, features: featureSettings(cfg.encoder.attrs), ...(ngrams ? { ngrams } : {}), ...(vectors ? { vectors } : {}) },
    docs.slice(0, Math.min(docs.length, cfg.batchSize)),
  );
  try {
    const loop = trainWhileImproving(pipeline.model, pipeline.params(), docs, {
      epochs: epochsFor(cfg.epochs, cfg.training.minSteps, docs.length, cfg.batchSize),
      batchSize: cfg.batchSize,
      patience: cfg.training.patience,
      restoreBest: cfg.training.restoreBest,
      averageDecay: cfg.training.averageDecay,
      optimizer: {
        learnRate: cfg.learnRate,
        warmupSteps: cfg.training.warmupSteps,
        ...(cfg.training.gradClip > 0 ? { gradClip: cfg.training.gradClip } : {}),
        L2: cfg.training.L2,
      },
      decay: cfg.training.decay,
      rng: new Rng(cfg.seed).fork('train'),
      makeBatch: (batchDocs) => makeBatch(batchDocs, pipeline.featurizer, labels.cats.length, pipeline.ngramHasher),
      evaluate: dev.length ? devEvaluator(pipeline, dev) : undefined,
      tasks: { ner: labels.ents.length > 0, cat: labels.cats.length > 0 },
    });
    for await (const progress of loop) {
      if (progress.type === 'epoch' && progress.epoch === 1) progress.dataStats = stats;
      await opts.onProgress?.(progress);
    }
    if (cfg.heads.tagger.catConsistent === 'auto' && dev.length && pipeline.catConsistentApplies()) chooseCatPenalty(pipeline, dev);
  } catch (err) {
    pipeline.dispose();
    throw err;
  }
  return pipeline;
}

/**
 * Epochs of a run: `epochs`, or more when they would make fewer than `minSteps` optimiser steps
 * (⌈nDocs / batchSize⌉ per epoch): a 50-text set with batch size 64 gets one step per epoch, too
 * few for any model to fit in 15 epochs.
 */
export function epochsFor(epochs: number, minSteps: number, nDocs: number, batchSize: number): number {
  const stepsPerEpoch = Math.max(1, Math.ceil(nDocs / batchSize));
  return Math.max(epochs, Math.ceil(minSteps / stepsPerEpoch));
}

/** One penalty `catConsistent: 'auto'` tries, with the dev evaluation under it. */
export interface CatPenaltyTrial {
  penalty: number;
  dev: Record<string, number>;
  score: number | null;
}

/**
 * Resolves `catConsistent: 'auto'` after training: scores dev under each penalty of AUTO_PENALTIES
 * (0 = independent decoding … hard constraint) and leaves `labelSet.catPenalty` at the one with the
 * best dev score (the early-stopping score; ties keep the smaller penalty). Training itself always
 * decodes independently, so 'auto' does not change the weights. Returns the pick and every trial.
 */
export function chooseCatPenalty(pipeline: JointPipeline, dev: Example[]): { penalty: number; trials: CatPenaltyTrial[] } {
  const evaluate = devEvaluator(pipeline, dev);
  const trials: CatPenaltyTrial[] = [];
  let best = 0;
  let bestScore = -Infinity;
  for (const penalty of AUTO_PENALTIES) {
    pipeline.labelSet.catPenalty = penalty;
    const { dev: scores, score } = evaluate();
    trials.push({ penalty, dev: scores, score });
    if ((score ?? -Infinity) > bestScore) {
      bestScore = score ?? -Infinity;
      best = penalty;
    }
  }
  pipeline.labelSet.catPenalty = best;
  return { penalty: best, trials };
}

/** Scores the dev set with lib/eval: flat numeric scores and the early-stopping score, the mean of ents_f and cats_micro_f. */
export function devEvaluator(pipeline: JointPipeline, dev: Example[]): DevEvaluator {
  return () => {
    const s = scoreExamples(dev, pipeline.predictExamples(dev));
    const flat: Record<string, number> = {};
    for (const key of ['ents_p', 'ents_r', 'ents_f', 'cats_score', 'cats_acc', 'cats_micro_f', 'cats_macro_f', 'sentence_acc'] as const) {
      const v = s[key];
      if (typeof v === 'number') flat[key] = v;
    }
    // Micro F (= accuracy for exclusive categories), not macro: with rare categories (ATIS) one
    // dev text of a rare intent swings macro F by points and makes the checkpoint choice noise.
    const parts = [flat.ents_f, flat.cats_micro_f].filter((v): v is number => v !== undefined);
    const score = parts.length ? parts.reduce((a, b) => a + b, 0) / parts.length : null;
    if (score !== null) flat.score = score;
    return { dev: flat, score };
  };
}
