import { inverseIndex, permuteRows, tf } from '../../engine';
import { catProbabilities } from '../heads/losses';
import type { SchemeDefinition } from './contract';
import { pool } from '../heads/textcat';
import { goldInterest, interestIndices, interestLabelsOption, interestProbabilities } from './interest';
import { keptTexts } from './subBatch';
import { twoEncoders } from './twoEncoders';

/** Score added to every non-O tag of a dropped paragraph's tokens: decoding yields no entity there. */
const DROPPED = -1e4;

// Two encoders: a paragraph classifier (own encoder + textcat head) and the NER, which runs only on
// the paragraphs whose P(interest) ≥ threshold (the others get all-O scores: no entities). Training
// runs the NER on the gold paragraphs of interest (trainNerOn 'interest'; unknown-category ones are
// kept) or on all. Each paragraph is one text; lib/eval pools them into documents by meta.doc
// (doc_ents_*), so the entities of dropped paragraphs count as misses there.
export const hardCascadeScheme: SchemeDefinition = {
  description:
    'Tests a two-stage cascade: a paragraph classifier, then NER only on paragraphs over a threshold (entities in dropped ones are missed).\n' +
    'Classify-then-extract pipelines of information extraction: relevant-region detection before extraction (Patwardhan & Riloff 2007).',
  options: {
    interestLabels: interestLabelsOption,
    threshold: { kind: 'number', default: 0.5, min: 0, max: 1, doc: 'P(interest) at or above which a paragraph goes to the NER.' },
    trainNerOn: {
      kind: 'enum',
      values: ['interest', 'all'],
      default: 'interest',
      doc: "'interest': the NER learns from the gold paragraphs of interest only, as it will see at test time; 'all': from every paragraph.",
    },
  },
  build(ctx) {
    const nCats = ctx.labels.cats.length;
    const K = ctx.labels.tags.length;
    const exclusive = ctx.labels.exclusive;
    const interest = interestIndices(ctx.labels.cats, ctx.config.schemeOptions.interestLabels as string[]);
    const threshold = ctx.config.schemeOptions.threshold as number;
    const onInterestOnly = ctx.config.schemeOptions.trainNerOn === 'interest';
    const { nerEncoder, catEncoder: paragraphEncoder, tagger, textcat, sentenceVector, layers } = twoEncoders(ctx, { catEncoder: 'paragraphEncoder', catFirst: true });
    // Paragraphs the NER trains on: all, or those not known to be outside the interest labels.
    const trainedOn = (b: { cats?: Float32Array; catMask?: Float32Array; lengths: number[] }): boolean[] => {
      if (!onInterestOnly || !b.cats || !b.catMask) return b.lengths.map(() => true);
      return goldInterest(b.cats, b.catMask, b.lengths.length, nCats, interest).map((g) => g !== false);
    };
    return ctx.model({
      layers,
      tagger,
      forward(r) {
        const { batch } = r;
        const nDocs = batch.lengths.length;
        const catLogits = r.run(textcat, r.textcatInput(paragraphEncoder && r.run(paragraphEncoder, r.encoderInput)));
        let keep: boolean[];
        if (r.initializing) keep = batch.lengths.map(() => true);
        else if (r.ctx.isTrain && batch.tags) keep = trainedOn(batch);
        else {
          const probs = nCats > 0 ? catProbabilities(catLogits, exclusive).dataSync() : new Float32Array(0);
          keep = Array.from(interestProbabilities(probs, nDocs, nCats, interest, exclusive), (p) => p >= threshold);
        }
        // A training batch with nothing to learn still runs the NER (its loss is 0): every param gets a gradient.
        if (!keep.some(Boolean) && r.ctx.isTrain) keep = batch.lengths.map(() => true);
        const dropped = new Float32Array(batch.nTokens * K);
        let t = 0;
        batch.lengths.forEach((len, b) => {
          if (!keep[b]) for (let i = t * K; i < (t + len) * K; i++) if (i % K !== 0) dropped[i] = DROPPED;
          t += len;
        });
        const droppedScores = tf.tensor2d(dropped, [batch.nTokens, K]);
        if (!keep.some(Boolean)) return { catLogits, tagScores: droppedScores };
        const sub = keptTexts(r.encoderInput, keep);
        const nerTokens = r.run(nerEncoder, sub.input);
        const context = sentenceVector ? pool(nerTokens, 'mean+max') : undefined;
        const scores = r.run(tagger, r.taggerInput(nerTokens, context));
        const full = permuteRows(scores, sub.rows, inverseIndex(sub.rows, scores.shape[0]));
        return { catLogits, tagScores: tf.add(full, droppedScores) as tf.Tensor2D };
      },
      // Paragraphs outside the NER's training set have unknown tags (the loss skips them).
      nerTargets(batch) {
        const keep = trainedOn(batch);
        const out = Int32Array.from(batch.tags!);
        let t = 0;
        batch.lengths.forEach((len, b) => {
          if (!keep[b]) out.fill(-1, t, t + len);
          t += len;
        });
        return out;
      },
    });
  },
};
