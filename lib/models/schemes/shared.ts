import type { SchemeDefinition } from './contract';
import { pool } from '../heads/textcat';
import { TokenCatsHead, tokenCatLoss } from '../heads/tokenCats';

export const sharedScheme: SchemeDefinition = {
  description:
    'Tests whether one encoder trained on both losses (ner·L_ner + cat·L_cat) helps both tasks.\n' +
    'Hard parameter sharing (Caruana 1997), as in joint intent + slot models (Liu & Lane 2016; Zhang & Wang 2016).',
  options: {
    tokenCats: {
      kind: 'number',
      default: 0,
      min: 0,
      neutral: 0,
      doc:
        "Weight of a token-level category loss (Stack-Propagation, Qin et al. 2019): every token is also trained to predict its text's " +
        'category from its own vector; 0 = off. Predictions still come from the text-level head.',
    },
  },
  build(ctx) {
    const encoder = ctx.encoder();
    const tagger = ctx.tagger();
    const textcat = ctx.textcat();
    const sentenceVector = ctx.config.heads.tagger.sentenceVector;
    const weight = ctx.config.schemeOptions.tokenCats as number;
    const tokenCats = weight > 0 && ctx.labels.cats.length > 0 ? TokenCatsHead(ctx.labels.cats.length) : undefined;
    return ctx.model({
      layers: [encoder, tagger, textcat, ...(tokenCats ? [tokenCats] : [])],
      tagger,
      forward(r) {
        const tokens = r.run(encoder, r.encoderInput);
        const context = sentenceVector ? pool(tokens, 'mean+max') : undefined;
        const outputs = {
          tagScores: r.run(tagger, r.taggerInput(tokens, context)),
          catLogits: r.run(textcat, { ...r.textcatInput(tokens), meanMax: context }),
        };
        // The auxiliary head runs when training (and once at initialization, to create its weights).
        const { batch } = r;
        if (!tokenCats || !(r.ctx.isTrain || r.initializing)) return outputs;
        const tokenLogits = r.run(tokenCats, tokens);
        if (!r.ctx.isTrain || !batch.cats || !batch.catMask) return outputs;
        const loss = tokenCatLoss(tokenLogits, batch.lengths, batch.cats, batch.catMask, ctx.labels.exclusive);
        return { ...outputs, losses: { token_cats: loss.mul(weight * ctx.config.weights.cat) } };
      },
    });
  },
};
