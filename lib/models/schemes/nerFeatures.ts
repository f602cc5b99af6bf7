import { WorkbenchError } from '../../errors';
import type { SchemeDefinition } from './contract';
import { decodableScores, taggerDecoder } from '../heads/tagger';
import { pool } from '../heads/textcat';
import { decodePaths, EntityTypeEmbed, tagTypeIds, tokenTypes } from './entityTypes';

// Two encoders, as two spaCy components: the NER (encoder + tagger) annotates, the textcat reads
// its own token vectors plus an embedding of the NER's entity type at each token. The decoded tags
// are a discrete choice: no gradient flows from the textcat into the NER.
export const nerFeaturesScheme: SchemeDefinition = {
  description:
    "Tests whether a textcat that sees the NER's predicted entity types (embedded, added to its token vectors) classifies better.\n" +
    "spaCy v3 annotating_components (a component reads an earlier one's predictions); gold, then predicted inputs, as in scheduled sampling (Bengio et al. 2015).",
  options: {
    warmupEpochs: {
      kind: 'int',
      default: 1,
      min: 0,
      max: 10000,
      doc: "Epochs in which the textcat sees the gold entity types (then the NER's predicted ones, as at test time); 0 = predicted from the start.",
    },
  },
  // The NER's entity types reach the textcat through its token vectors, which a 'bow' textcat does not read.
  validate(config) {
    if (config.heads.textcat.architecture === 'bow') {
      throw new WorkbenchError('E010', 'heads.textcat.architecture = "bow" does not apply to scheme ner-features: its textcat reads the NER predictions through token vectors, which a bag-of-ngrams textcat ignores (use "ensemble")', {
        field: 'heads.textcat.architecture',
      });
    }
  },
  build(ctx) {
    const warmupEpochs = ctx.config.schemeOptions.warmupEpochs as number;
    const typeOfTag = tagTypeIds(ctx.labels.tags, ctx.labels.ents);
    const nerEncoder = ctx.encoder('nerEncoder');
    const catEncoder = ctx.encoder('catEncoder');
    const tagger = ctx.tagger();
    const types = EntityTypeEmbed({ nTypes: ctx.labels.ents.length + 1 });
    const textcat = ctx.textcat();
    const sentenceVector = ctx.config.heads.tagger.sentenceVector;
    return ctx.model({
      layers: [nerEncoder, catEncoder, tagger, types, textcat],
      tagger,
      forward(r) {
        const { batch } = r;
        const nerTokens = r.run(nerEncoder, r.encoderInput);
        const context = sentenceVector ? pool(nerTokens, 'mean+max') : undefined;
        const tagScores = r.run(tagger, r.taggerInput(nerTokens, context));
        const useGold = r.epoch !== undefined && r.epoch <= warmupEpochs;
        const needsDecoding = !useGold || !batch.tags || batch.tags.some((t) => t < 0);
        const predicted = needsDecoding
          ? decodePaths(decodableScores(tagger, tagScores).dataSync(), batch.lengths, taggerDecoder(tagger, ctx.constraints))
          : new Int32Array(batch.nTokens);
        const typed = r.run(types, { tokens: r.run(catEncoder, r.encoderInput), types: tokenTypes(predicted, batch.tags, useGold, typeOfTag) });
        return { tagScores, catLogits: r.run(textcat, r.textcatInput(typed)) };
      },
    });
  },
};
