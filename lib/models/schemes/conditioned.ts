import { WorkbenchError } from '../../errors';
import type { SchemeDefinition } from './contract';
import { pool } from '../heads/textcat';
import { collectConditionedLabels, conditionCategory, conditionedTags, goldTagMap, readConditioned } from './conditionedLabels';

// One encoder; the tagger scores CAT_ENT tags (entities labelled with their text's category), the
// textcat head scores categories. Entities and the category are both read off the decoded tags;
// the textcat decides for texts without entities. `pipeline.labels.ents` stay the plain types.
export const conditionedScheme: SchemeDefinition = {
  description:
    'Tests whether one tagger over category-conditioned entity labels (CAT_ENT tags) predicts both tasks at once.\n' +
    'The chain conditioned on the topic of the triangular-chain CRF (Jeong & Lee 2008), as a product tag set, plus a textcat for texts without entities.',
  options: {
    voteWeight: {
      kind: 'number',
      default: 0.5,
      min: 0,
      max: 1,
      doc: 'Weight w of the tagger votes in the category scores: (1 − w)·textcat + w·votes (texts with entities); 0 = textcat only.',
    },
  },
  labels: (labels, train) => collectConditionedLabels(labels, train),
  // Its CAT_ENT tags already tie entities to categories: category-consistent decoding cannot apply.
  validate(config) {
    if (config.heads.tagger.catConsistent === 'on') {
      throw new WorkbenchError('E010', 'heads.tagger.catConsistent = "on" does not apply to scheme conditioned: its CAT_ENT tags already condition the entities on the category (use "auto" or "off")', {
        field: 'heads.tagger.catConsistent',
      });
    }
  },
  build(ctx) {
    const cond = conditionedTags(ctx.labels);
    const gold = goldTagMap(ctx.labels, cond);
    const nCats = ctx.labels.cats.length;
    const K = ctx.labels.tags.length;
    const voteWeight = ctx.config.schemeOptions.voteWeight as number;
    const encoder = ctx.encoder();
    const tagger = ctx.tagger({ nTags: cond.tagLabels.tags.length });
    const textcat = ctx.textcat();
    const sentenceVector = ctx.config.heads.tagger.sentenceVector;
    return ctx.model({
      layers: [encoder, tagger, textcat],
      tagger,
      tagLabels: cond.tagLabels,
      forward(r) {
        const tokens = r.run(encoder, r.encoderInput);
        const context = sentenceVector ? pool(tokens, 'mean+max') : undefined;
        return {
          tagScores: r.run(tagger, r.taggerInput(tokens, context)),
          catLogits: r.run(textcat, r.textcatInput(tokens)),
        };
      },
      // Plain gold tags become CAT_ENT tags of each text's condition category (see conditionCategory).
      nerTargets(batch) {
        const out = new Int32Array(batch.nTokens);
        let t = 0;
        batch.docs.forEach((d, b) => {
          const c = batch.cats && batch.catMask ? conditionCategory(batch.cats, batch.catMask, b * nCats, nCats) : -1;
          const row = (c >= 0 ? c : nCats) * K;
          for (let i = 0; i < d.tokens.length; i++, t++) out[t] = batch.tags![t] < 0 ? -1 : gold[row + batch.tags![t]];
        });
        return out;
      },
      postprocess: (docs, predictions) =>
        predictions.map((p, i) => readConditioned(p.ents, docs[i].tokens, p.cats, cond, voteWeight)),
    });
  },
};
