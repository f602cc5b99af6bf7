import type { SchemeDefinition } from './contract';
import { pool } from '../heads/textcat';

export const separateScheme: SchemeDefinition = {
  description:
    'Tests the baseline: two independent encoders and heads trained side by side on the same texts.\n' +
    'The Prodigy/spaCy answer ("same data, two models"): separate ner and textcat components, each with its own tok2vec.',
  build(ctx) {
    const nerEncoder = ctx.encoder('nerEncoder');
    const catEncoder = ctx.textcatEncoder('catEncoder');
    const tagger = ctx.tagger();
    const textcat = ctx.textcat();
    const sentenceVector = ctx.config.heads.tagger.sentenceVector;
    return ctx.model({
      layers: [nerEncoder, ...(catEncoder ? [catEncoder] : []), tagger, textcat],
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
