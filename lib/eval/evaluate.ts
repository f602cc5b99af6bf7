import { performance } from 'node:perf_hooks';
import type { Example } from '../data/types';
import { check } from '../errors';
import type { Pipeline } from '../models/pipeline/pipeline';
import { checkAligned } from './align';
import { resolveCatTask, type CatOptions } from './catTask';
import { scoreDocEntities } from './docEntities';
import { exactMatchFlags } from './exactMatch';
import { catCounts, scoreCats } from './scoreCats';
import { scoreEntities } from './scoreEntities';
import { scoreEntityTokens } from './tokenEntities';
import type { Scores } from './scores';

/** Options of `evaluate` / `scoreExamples`: how categories are scored. */
export type EvaluateOptions = CatOptions;

/** All scores of predictions against gold (aligned arrays), without running a pipeline. */
export function scoreExamples(gold: readonly Example[], pred: readonly Example[], opts: EvaluateOptions = {}): Scores {
  checkAligned(gold, pred, 'scoreExamples');
  const task = resolveCatTask(gold, pred, opts);
  const flags = exactMatchFlags(gold, pred, catCounts(gold, pred, task));
  const scores: Scores = {
    ...scoreEntities(gold, pred),
    ...scoreEntityTokens(gold, pred),
    ...scoreCats(gold, pred, task),
    sentence_acc: gold.length ? flags.reduce((a, b) => a + b, 0) / gold.length : null,
    n_examples: gold.length,
  };
  if (gold.some((e) => e.meta?.doc !== undefined)) Object.assign(scores, scoreDocEntities(gold, pred));
  return scores;
}

/**
 * Runs the pipeline on every example, times it, and scores all of them (predictions kept for bootstrap).
 * Categories scored: the pipeline's, plus gold categories it never learnt (scored as always missed).
 */
export function evaluateRun(pipeline: Pipeline, examples: readonly Example[], opts: EvaluateOptions = {}): { scores: Scores; predictions: Example[] } {
  const t0 = performance.now();
  const predictions = pipeline.predictExamples([...examples]);
  const predict_seconds = (performance.now() - t0) / 1000;
  // A cascade that drops paragraphs must still return one (empty) prediction per example: misses count.
  check(predictions.length === examples.length, 'E501', () => `pipeline returned ${predictions.length} predictions for ${examples.length} examples`);
  // The pipeline's labels, then any category only the gold has (never seen in training): it keeps its
  // support and its misses count in the micro scores.
  const goldOnly = [...new Set(examples.flatMap((e) => Object.keys(e.cats)))].filter((l) => !pipeline.labels.cats.includes(l)).sort();
  const labels = opts.labels ?? (pipeline.labels.cats.length ? [...pipeline.labels.cats, ...goldOnly] : undefined);
  const scores = scoreExamples(examples, predictions, { ...opts, labels });
  const nTokens = examples.reduce((a, e) => a + e.tokens.length, 0);
  scores.predict_seconds = predict_seconds;
  scores.tokens_per_second = nTokens / Math.max(predict_seconds, 1e-9);
  return { scores, predictions };
}

/** Runs the pipeline on the examples and returns entity, category and sentence scores plus timing. */
export function evaluate(pipeline: Pipeline, examples: readonly Example[], opts: EvaluateOptions = {}): Scores {
  return evaluateRun(pipeline, examples, opts).scores;
}
