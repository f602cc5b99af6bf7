import type { SchemeDefinition } from './contract';
import { twoEncoders } from './twoEncoders';
import { pool } from '../heads/textcat';

export const separateScheme: SchemeDefinition = {
  description:
    'Tests the baseline: two independent encoders and heads trained side by side on the same texts.\n' +
    'The Prodigy/spaCy answer ("same data, two models"): separate ner and textcat components, each with its own tok2vec.',
  build(ctx) {
    const { nerEncoder, catEncoder, tagger, textcat, sentenceVector, layers } = twoEncoders(ctx);
    return ctx.model({
      layers,
      tagger,
      forward(r) {
        const nerTokens = r.run(nerEncoder, r.encoderInput);
        const catTokens = catEncoder && r.run(catEncoder, r.encoderInput);
        // The sentence vector, if asked for, comes from the NER encoder: no information crosses tasks.
        const context = sentenceVector ? pool(nerTokens, 'mean+max') : undefined;
        return {
          tagScores: r.run(tagger, r.taggerInput(nerTokens, context)),
          catLogits: r.run(textcat, r.textcatInput(catTokens)),
        };
      },
    });
  },
};
