import { tf } from '../../engine';
import { catProbabilities } from '../heads/losses';
import type { SchemeDefinition } from './contract';
import { pool } from '../heads/textcat';
import { interestIndices, interestLabelsOption, interestProbabilities } from './interest';
import { twoEncoders } from './twoEncoders';

// Two encoders: a paragraph classifier (its own encoder + textcat head, trained by L_cat only) and
// the NER. The classifier's P(interest) is copied to every token of the paragraph as one more
// tagger input. It is detached (read as numbers): the classifier is a separate first stage, the
// NER learns how far to trust it. Each paragraph (text) is scored on its own; meta.doc is not read.
export const softCascadeScheme: SchemeDefinition = {
  description:
    "Tests whether the NER gains from a paragraph classifier's probability of interest given as a per-token feature.\n" +
    "Stacking (Wolpert 1992): a first stage's probability as a feature of the next, the soft form of the classify-then-extract cascade.",
  options: { interestLabels: interestLabelsOption },
  build(ctx) {
    const nCats = ctx.labels.cats.length;
    const exclusive = ctx.labels.exclusive;
    const interest = interestIndices(ctx.labels.cats, ctx.config.schemeOptions.interestLabels as string[]);
    const { nerEncoder, catEncoder: paragraphEncoder, tagger, textcat, sentenceVector, layers } = twoEncoders(ctx, { catEncoder: 'paragraphEncoder', catFirst: true });
    return ctx.model({
      layers,
      tagger,
      forward(r) {
        const nDocs = r.batch.lengths.length;
        const catLogits = r.run(textcat, r.textcatInput(paragraphEncoder && r.run(paragraphEncoder, r.encoderInput)));
        const probs = nCats > 0 ? catProbabilities(catLogits, exclusive).dataSync() : new Float32Array(0);
        const p = tf.tensor2d(interestProbabilities(probs, nDocs, nCats, interest, exclusive), [nDocs, 1]);
        const nerTokens = r.run(nerEncoder, r.encoderInput);
        const context = sentenceVector ? (tf.concat([pool(nerTokens, 'mean+max'), p], 1) as tf.Tensor2D) : p;
        return { catLogits, tagScores: r.run(tagger, r.taggerInput(nerTokens, context)) };
      },
    });
  },
};
