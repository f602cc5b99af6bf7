// Uncertainty scores for active learning. lib/models has no public uncertainty API yet, so the NER
// score reads the JointPipeline's model directly (forward pass → tag scores → constrained Viterbi
// path → its probability); it needs a JointPipeline (trainPipeline / loadPipeline return one).
import { Rng, tf } from '../engine';
import type { Example } from '../data/types';
import { WorkbenchError } from '../errors';
import { makeBatch } from '../models/inputs/batch';
import { lengthSortedBatches } from '../models/inputs/batching';
import { crfLogPartition } from '../models/crf/crf';
import { prepareForPrediction } from '../models/inputs/doc';
import { JointPipeline } from '../models/pipeline/jointPipeline';
import type { Pipeline } from '../models/pipeline/pipeline';
import { decodableScores, taggerTransitions } from '../models/heads/tagger';
import { viterbi } from '../models/crf/viterbi';

/**
 * Category uncertainty of one prediction, in [0, 1]: exclusive → 1 − (p₁ − p₂), the margin between
 * the two best labels (Scheffer et al. 2001); multilabel → mean over labels of 1 − |2p − 1|
 * (1 at p = 0.5, 0 at p = 0 or 1). No labels → 0.
 */
export function catUncertainty(cats: Record<string, number>, labels: readonly string[], exclusive: boolean): number {
  if (labels.length === 0) return 0;
  const p = labels.map((l) => cats[l] ?? 0);
  if (exclusive) {
    if (p.length === 1) return 1 - Math.abs(2 * p[0] - 1);
    let a = -Infinity;
    let b = -Infinity;
    for (const x of p) {
      if (x > a) {
        b = a;
        a = x;
      } else if (x > b) b = x;
    }
    return 1 - (a - b);
  }
  return p.reduce((s, x) => s + (1 - Math.abs(2 * x - 1)), 0) / p.length;
}

/**
 * Entity uncertainty per text, in [0, 1]: 1 − P(ŷ | x)^(1/T), one minus the per-token geometric mean
 * probability of the decoded tag sequence ŷ (the length-normalised least confidence of Shen et al.
 * 2017, "MNLP"). With a CRF tagger P(ŷ | x) is exact (Viterbi path score − log partition over
 * valid sequences); with a softmax tagger it is the product of the path's token probabilities. A
 * text without tokens, or a pipeline without entity labels, scores 0.
 */
export function nerUncertainty(pipeline: Pipeline, examples: readonly Pick<Example, 'text' | 'tokens' | 'meta'>[]): number[] {
  if (!(pipeline instanceof JointPipeline)) {
    throw new WorkbenchError('E603', 'NER uncertainty needs the JointPipeline returned by trainPipeline or loadPipeline', { field: 'pipeline' });
  }
  const out = new Array<number>(examples.length).fill(0);
  if (pipeline.labelSet.ents.length === 0) return out;
  // Texts without tokens score 0 and stay out of the batches (an empty forward pass is wasted work).
  const docs = prepareForPrediction(examples).filter((d) => d.tokens.length > 0);
  const model = pipeline.model;
  const transitions = taggerTransitions(model.tagger);
  const c = pipeline.constraints;
  const K = c.nTags;
  const rng = new Rng(0); // inference draws nothing; the context needs a generator
  for (const idx of lengthSortedBatches(docs.map((d) => d.tokens.length), pipeline.config.training.predictBatchSize)) {
    const batchDocs = idx.map((i) => docs[i]);
    const batch = makeBatch(batchDocs, pipeline.featurizer, pipeline.labelSet.cats.length, pipeline.ngramHasher);
    const scores = tf.tidy(() => {
      const o = model.forward(batch, { isTrain: false, rng });
      return o.tagScores ? (decodableScores(model.tagger, o.tagScores).dataSync() as Float32Array) : undefined;
    });
    if (!scores) continue;
    let offset = 0;
    for (const d of batchDocs) {
      const T = d.tokens.length;
      const base = offset * K;
      const path = viterbi(scores, T, c, transitions, base);
      let logP = 0;
      for (let t = 0; t < T; t++) logP += scores[base + t * K + path[t]];
      if (transitions) {
        logP += transitions.start[path[0]] + transitions.end[path[T - 1]];
        for (let t = 1; t < T; t++) logP += transitions.trans[path[t - 1] * K + path[t]];
        logP -= crfLogPartition(scores, base, T, transitions, c);
      }
      out[d.index] = Math.min(1, Math.max(0, 1 - Math.exp(logP / T)));
      offset += T;
    }
  }
  return out;
}
