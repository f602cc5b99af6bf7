import { inverseIndex, permuteRows } from '../../engine';
import { catProbabilities } from '../heads/losses';
import type { SchemeDefinition } from './contract';
import { pool } from '../heads/textcat';
import { goldLabelIds, labelTokens, predictedLabelIds, prependLabelTokens } from './labelTokens';
import { twoEncoders } from './twoEncoders';

// Two encoders: the textcat has its own (it predicts the label token the NER encoder then reads, so
// it cannot share that encoder's input). The NER encoder reads [label token; tokens]; the label
// token's row is dropped before the tagger, so tag rows, tokens and char offsets stay aligned.
export const labelTokenScheme: SchemeDefinition = {
  description:
    "Tests whether giving the NER the text's category as a prepended input token helps entity recognition.\n" +
    'Side constraints as a leading token: domain tokens in multi-domain NMT (Kobus et al. 2017), control codes of CTRL (Keskar et al. 2019).',
  options: {
    predictedLabelRate: {
      kind: 'number',
      default: 0,
      min: 0,
      max: 1,
      doc: "Share of training texts whose label token is the textcat's prediction instead of the gold category (exposes the NER to test-time errors).",
    },
  },
  build(ctx) {
    const nCats = ctx.labels.cats.length;
    const exclusive = ctx.labels.exclusive;
    const rate = ctx.config.schemeOptions.predictedLabelRate as number;
    const tokens = labelTokens(ctx.labels.cats, ctx.config.encoder.attrs.length);
    const { nerEncoder, catEncoder, tagger, textcat, sentenceVector, layers } = twoEncoders(ctx);
    return ctx.model({
      layers,
      tagger,
      forward(r) {
        const { batch } = r;
        const catLogits = r.run(textcat, r.textcatInput(catEncoder && r.run(catEncoder, r.encoderInput)));
        const nDocs = batch.lengths.length;
        // Training: the gold category (unknown ones and a `rate` share predicted); predicting: the textcat's.
        const ids = r.ctx.isTrain && batch.cats && batch.catMask ? goldLabelIds(batch.cats, batch.catMask, nDocs, nCats) : new Int32Array(nDocs).fill(-1);
        if (rate > 0 && r.ctx.isTrain) for (let b = 0; b < nDocs; b++) if (r.ctx.rng.next() < rate) ids[b] = -1;
        if (ids.some((id) => id < 0)) {
          const probs = nCats > 0 ? catProbabilities(catLogits, exclusive).dataSync() : new Float32Array(0);
          const predicted = predictedLabelIds(probs, nDocs, nCats, exclusive);
          ids.forEach((id, b) => id < 0 && (ids[b] = predicted[b]));
        }
        const { input, realRows } = prependLabelTokens(r.encoderInput, ids, tokens);
        const withLabel = r.run(nerEncoder, input);
        const data = permuteRows(withLabel.data, realRows, inverseIndex(realRows, withLabel.data.shape[0]));
        const nerTokens = { data, lengths: batch.lengths };
        const context = sentenceVector ? pool(nerTokens, 'mean+max') : undefined;
        return { catLogits, tagScores: r.run(tagger, r.taggerInput(nerTokens, context)) };
      },
    });
  },
};
