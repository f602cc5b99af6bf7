import type { SchemeDefinition } from './contract';
import { pool } from '../heads/textcat';

export const sharedScheme: SchemeDefinition = {
  description:
    'Tests whether one encoder trained on both losses (ner·L_ner + cat·L_cat) helps both tasks.\n' +
    'Hard parameter sharing (Caruana 1997), as in joint intent + slot models (Liu & Lane 2016; Zhang & Wang 2016).',
  build(ctx) {
    const encoder = ctx.encoder();
    const tagger = ctx.tagger();
    const textcat = ctx.textcat();
    const sentenceVector = ctx.config.heads.tagger.sentenceVector;
    return ctx.model({
      layers: [encoder, tagger, textcat],
      tagger,
      forward(r) {
        const tokens = r.run(encoder, r.encoderInput);
        const context = sentenceVector ? pool(tokens, 'mean+max') : undefined;
        return {
          tagScores: r.run(tagger, r.taggerInput(tokens, context)),
          catLogits: r.run(textcat, { ...r.textcatInput(tokens), meanMax: context }),
        };
      },
    });
  },
};
