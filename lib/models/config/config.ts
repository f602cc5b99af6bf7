import { WorkbenchError } from '../../errors';
import { defaultsOf, isPlainObject, keyPaths, showValue, validateAgainst, type PlainObject, type SectionSpec } from './schema';
import type { ModelConfig } from './types';
import { ATTRIBUTES, DEFAULT_ROWS, DEFAULT_WIDTHS, type AttrName } from '../encoder/features';
import { hasNgramFeatures } from '../heads/ngrams';
// The folder indexes: importing them registers the built-in encoder and schemes.
import { encoders } from '../encoder';
import { schemes } from '../schemes';

/** The schema of every key except `scheme` and `schemeOptions` (checked against the registries). */
export const configSchema: SectionSpec = {
  encoder: {
    kind: 'section',
    doc: 'Hashed multi-attribute embedding followed by residual window-CNN blocks (spaCy HashEmbedCNN).',
    fields: {
      architecture: { kind: 'string', default: 'hash-cnn', doc: 'Registered encoder architecture.' },
      width: { kind: 'int', default: 96, min: 4, max: 1024, doc: 'Token vector width; 64-256 recommended.' },
      depth: { kind: 'int', default: 4, min: 1, max: 16, doc: 'CNN blocks; 2-8 recommended.' },
      window: { kind: 'int', default: 1, min: 1, max: 5, doc: 'Neighbours each side per block; 1-2 recommended.' },
      attrs: {
        kind: 'list',
        item: { kind: 'enum', values: ATTRIBUTES },
        default: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE', 'PREFIX3', 'SUFFIX4'],
        minLength: 1,
        doc: 'Token attributes embedded: NORM (lower case), PREFIX (first char), SUFFIX (last 3), SHAPE, PREFIX3, SUFFIX4 (char affixes), ORTH, SUFFIX2, LENGTH.',
      },
      rows: {
        kind: 'list',
        item: { kind: 'int', min: 1, max: 1 << 22 },
        default: [5000, 1000, 2500, 1000, 2500, 2500],
        minLength: 1,
        doc: 'Hash-table rows per attribute; 1000-10000 recommended (every row is updated by Adam each step: big tables cost time).',
      },
      activation: { kind: 'enum', values: ['maxout', 'relu'], default: 'relu', doc: 'CNN nonlinearity (maxout costs `pieces` times more).' },
      pieces: { kind: 'int', default: 3, min: 1, max: 8, doc: 'Maxout pieces of the CNN blocks; 2-3 recommended.' },
      attrWidths: {
        kind: 'list',
        item: { kind: 'int', min: 1, max: 1024 },
        default: [64, 16, 32, 16, 32, 32],
        doc: 'Vector width per attribute ([] = width for all, as spaCy); narrow affix/shape vectors keep the mixing layer cheap.',
      },
      embedPieces: { kind: 'int', default: 1, min: 1, max: 8, doc: 'Maxout pieces mixing the attribute vectors; 1 = linear (spaCy: 3).' },
      vectors: {
        kind: 'string',
        nullable: true,
        default: 'glove-6b-100d',
        doc: 'Frozen pretrained vectors concatenated before the mixing layer: "glove-6b-100d" (default), a .txt/.vec/.bin/.wbvec path, or null.',
      },
      charNgrams: { kind: 'int', default: 0, min: 0, max: 8, doc: 'Longest character n-gram (n = 3..charNgrams) of each word, hashed and averaged per token; 0 = off, 1-2 invalid.' },
      charRows: { kind: 'int', default: 20000, min: 16, max: 1 << 22, doc: 'Hash rows of the character n-gram table.' },
      charWidth: { kind: 'int', default: 32, min: 1, max: 1024, doc: 'Vector width of the character n-gram table.' },
      attention: { kind: 'int', default: 0, min: 0, max: 16, doc: 'Heads of a residual self-attention block after the CNN blocks (width must be a multiple); 0 = none.' },
    },
  },
  heads: {
    kind: 'section',
    doc: 'Tagger (NER) and textcat heads.',
    fields: {
      tagger: {
        kind: 'section',
        doc: 'Per-token tag scores with constrained decoding.',
        fields: {
          tagScheme: { kind: 'enum', values: ['biluo', 'bio'], default: 'biluo', doc: 'Tag scheme.' },
          decoder: { kind: 'enum', values: ['crf', 'softmax'], default: 'crf', doc: 'CRF (learned transitions; also learns from rejected spans) or softmax (ignores rejected spans).' },
          hidden: { kind: 'int', default: 0, min: 0, max: 2048, doc: 'Hidden maxout width before tag scores; 0 = none.' },
          sentenceVector: { kind: 'boolean', default: true, doc: 'Concatenate the pooled text vector (mean+max) to each token: an intent signal for the tagger.' },
          catConsistent: {
            kind: 'enum',
            values: ['auto', 'on', 'off'],
            default: 'auto',
            doc: 'Exclusive categories: pick category and entities jointly (max log p(cat) + path score − λ per entity whose label training never saw with the category); on = λ ∞ (forbidden), off = independent, auto = on or off, whichever has the better dev score.',
          },
        },
      },
      textcat: {
        kind: 'section',
        doc: 'Pooled text classifier.',
        fields: {
          mode: { kind: 'enum', values: ['auto', 'exclusive', 'multilabel'], default: 'auto', doc: 'Softmax or sigmoid; auto reads the data.' },
          pooling: { kind: 'enum', values: ['mean+max', 'mean', 'max', 'attention'], default: 'mean+max', doc: 'Pooling.' },
          hidden: { kind: 'int', default: 0, min: 0, max: 2048, doc: 'Hidden maxout width on the pooled vector; 0 = none.' },
          ngrams: { kind: 'int', default: 0, min: 0, max: 4, doc: 'Bag-of-ngrams ensemble up to n; 0 = off.' },
          ngramRows: { kind: 'int', default: 1 << 16, min: 16, max: 1 << 22, doc: 'Hash rows of the bag-of-ngrams model.' },
          charNgrams: { kind: 'int', default: 0, min: 0, max: 8, doc: 'Character n-grams (n = 2..charNgrams) of each word in the bag of n-grams; 0 = off, 1 is invalid.' },
          architecture: { kind: 'enum', values: ['ensemble', 'bow'], default: 'ensemble', doc: 'ensemble = pooled token vectors (+ bag of n-grams); bow = bag-of-ngrams linear model alone.' },
          L2: { kind: 'number', default: 0, min: 0, max: 10, doc: 'L2 penalty ½·L2·‖W‖² on the bag-of-ngrams weights, in the textcat loss; 0 = off.' },
          loss: { kind: 'enum', values: ['crossentropy', 'hinge'], default: 'crossentropy', doc: 'crossentropy (softmax or sigmoid) or hinge (one-vs-rest squared hinge; scores are margins, not calibrated probabilities).' },
        },
      },
    },
  },
  tokenizer: {
    kind: 'enum',
    values: ['auto', 'workbench', 'whitespace'],
    default: 'auto',
    doc: "Tokenizer of predict(text): auto = the one that reproduces the training examples' tokens (resolved and saved by training).",
  },
  epochs: { kind: 'int', default: 15, min: 1, max: 10000, doc: 'Maximum epochs.' },
  batchSize: { kind: 'int', default: 64, min: 1, max: 100000, doc: 'Texts per minibatch; 16-256 recommended.' },
  learnRate: { kind: 'number', default: 0.002, min: 0, minExclusive: true, max: 10, doc: 'Peak Adam learning rate; 1e-4..1e-2.' },
  dropout: { kind: 'number', default: 0.1, min: 0, max: 0.9, doc: 'Dropout rate; 0-0.3 recommended.' },
  seed: { kind: 'int', default: 0, min: 0, max: 2 ** 31 - 1, doc: 'Random seed.' },
  weights: {
    kind: 'section',
    doc: 'Loss weights of the two tasks.',
    fields: {
      ner: { kind: 'number', default: 1, min: 0, max: 1000, doc: 'Weight of the NER loss.' },
      cat: { kind: 'number', default: 1, min: 0, max: 1000, doc: 'Weight of the textcat loss.' },
    },
  },
  training: {
    kind: 'section',
    doc: 'Optimiser and loop options.',
    fields: {
      regime: {
        kind: 'enum',
        values: ['auto', 'standard', 'small'],
        default: 'auto',
        doc: "Training regime: 'standard' = the defaults with at least STANDARD_MIN_STEPS (3000) optimiser steps; 'small' = the small-data settings of lib/models/config/regime.ts under the keys you set (either adds no step minimum when you set epochs or minSteps); 'auto' = 'small' for a training set of fewer than SMALL_JOINT_MAX_TEXTS (500) texts when some have entities, fewer than SMALL_DATA_MAX_TEXTS (1000) when none has, else 'standard'. Saved resolved.",
      },
      warmupSteps: { kind: 'int', default: 100, min: 0, max: 1e7, doc: 'Learning-rate warm-up steps.' },
      decay: { kind: 'boolean', default: true, doc: 'Linear learning-rate decay to 0 after warm-up.' },
      gradClip: { kind: 'number', default: 5, min: 0, max: 1e6, doc: 'Global-norm clipping; 0 = off.' },
      L2: { kind: 'number', default: 0, min: 0, max: 1, doc: 'L2 weight decay.' },
      minSteps: { kind: 'int', default: 0, min: 0, max: 1e7, doc: 'Minimum optimiser steps (epochs are added on smaller training sets); 0 = epochs only. Left unset, the regime sets it (3000 standard, 500 small) unless epochs is set.' },
      patience: { kind: 'int', default: 0, min: 0, max: 10000, doc: 'Early-stopping patience in epochs; 0 = off.' },
      restoreBest: { kind: 'boolean', default: true, doc: 'Restore the best-dev-score weights at the end.' },
      averageDecay: { kind: 'number', default: 0.999, min: 0, max: 0.99999, doc: 'Parameter averaging (Polyak) decay for dev scoring and final weights; 0 = off.' },
      predictBatchSize: { kind: 'int', default: 256, min: 1, max: 100000, doc: 'Texts per prediction batch.' },
    },
  },
};

const topKeys = ['scheme', 'schemeOptions', ...Object.keys(configSchema)];
const allKeyPaths = ['scheme', 'schemeOptions', ...keyPaths(configSchema)];

/** The default config (scheme 'shared'), as a fresh plain object. */
export function defaultConfig(): ModelConfig {
  return validateConfig({});
}

/**
 * Validates a user config and fills defaults: unknown keys throw E009 with a did-you-mean, bad
 * values throw E010 naming the key path ('encoder.width') and the value; the scheme name is
 * resolved to its versioned id. Returns a new object; the input is not modified.
 */
export function validateConfig(input: unknown): ModelConfig {
  if (!isPlainObject(input)) throw new WorkbenchError('E010', `config must be an object, got ${showValue(input)}`, { field: 'config' });
  const { scheme, schemeOptions, ...rest } = input;
  const body = validateAgainst(withDefaultRows(rest), configSchema, '', allKeyPaths);
  if (scheme !== undefined && typeof scheme !== 'string') {
    throw new WorkbenchError('E010', `scheme = ${showValue(scheme)} is invalid: expected a scheme name (${schemes.ids().join(', ')})`, {
      field: 'scheme',
    });
  }
  const schemeEntry = schemes.get(scheme ?? 'shared', 'scheme');
  const options = validateAgainst(schemeOptions ?? {}, schemeEntry.item.options ?? {}, 'schemeOptions');
  const config = { scheme: schemeEntry.id, schemeOptions: options, ...body } as unknown as ModelConfig;
  config.encoder.architecture = encoders.resolve(config.encoder.architecture, 'encoder.architecture');
  crossCheck(config);
  schemeEntry.item.validate?.(config);
  return config;
}

/** `encoder.attrs` without `encoder.rows` / `encoder.attrWidths` gets each attribute's defaults. */
function withDefaultRows(rest: PlainObject): PlainObject {
  const enc = rest.encoder;
  if (!isPlainObject(enc) || !Array.isArray(enc.attrs)) return rest;
  const attrs = enc.attrs as unknown[];
  if (!attrs.every((a) => typeof a === 'string' && Object.hasOwn(DEFAULT_ROWS, a))) return rest; // the schema names the bad attr
  return {
    ...rest,
    encoder: {
      ...enc,
      ...(enc.rows === undefined ? { rows: attrs.map((a) => DEFAULT_ROWS[a as AttrName]) } : {}),
      ...(enc.attrWidths === undefined ? { attrWidths: attrs.map((a) => DEFAULT_WIDTHS[a as AttrName]) } : {}),
    },
  };
}

function crossCheck(config: ModelConfig): void {
  const { attrs, rows } = config.encoder;
  if (attrs.length !== rows.length) {
    throw new WorkbenchError('E010', `encoder.rows has ${rows.length} entries but encoder.attrs has ${attrs.length}; give one row count per attribute`, {
      field: 'encoder.rows',
    });
  }
  const widths = config.encoder.attrWidths;
  if (widths.length > 0 && widths.length !== attrs.length) {
    throw new WorkbenchError('E010', `encoder.attrWidths has ${widths.length} entries but encoder.attrs has ${attrs.length}; give one width per attribute or []`, {
      field: 'encoder.attrWidths',
    });
  }
  const dup = attrs.find((a, i) => attrs.indexOf(a) !== i);
  if (dup) throw new WorkbenchError('E010', `encoder.attrs lists "${dup}" twice`, { field: 'encoder.attrs' });
  const { charNgrams } = config.encoder;
  if (charNgrams === 1 || charNgrams === 2) {
    throw new WorkbenchError('E010', `encoder.charNgrams = ${charNgrams} is invalid: the token's character n-grams start at 3 (0 = off)`, { field: 'encoder.charNgrams' });
  }
  const { attention, width } = config.encoder;
  if (attention > 0 && width % attention !== 0) {
    throw new WorkbenchError('E010', `encoder.attention = ${attention} heads must divide encoder.width = ${width}`, { field: 'encoder.attention' });
  }
  const tc = config.heads.textcat;
  if (tc.charNgrams === 1) {
    throw new WorkbenchError('E010', 'heads.textcat.charNgrams = 1 is invalid: character n-grams start at 2 (0 = off)', { field: 'heads.textcat.charNgrams' });
  }
  // Under 'auto' the regime is not known yet: the small regime supplies the bag of n-grams these two
  // need, so they are checked once configForTraining has resolved and applied it.
  const regime = config.training.regime;
  if (regime === 'auto') return;
  if (tc.L2 > 0 && !hasNgramFeatures(tc)) {
    throw new WorkbenchError('E010', `heads.textcat.L2 penalises the bag-of-ngrams weights, but there are none under training.regime "${regime}": set heads.textcat.ngrams or heads.textcat.charNgrams`, {
      field: 'heads.textcat.L2',
    });
  }
  if (tc.architecture === 'bow' && !hasNgramFeatures(tc)) {
    throw new WorkbenchError('E010', `heads.textcat.architecture = "bow" needs features, and has none under training.regime "${regime}": set heads.textcat.ngrams ≥ 1 and/or heads.textcat.charNgrams ≥ 2`, {
      field: 'heads.textcat.architecture',
    });
  }
}

/** The schema's top-level keys (for docs and notebooks). */
export function configKeys(): string[] {
  return [...topKeys];
}

/** The schema defaults without registry resolution (used by docs). */
export function schemaDefaults(): PlainObject {
  return defaultsOf(configSchema);
}
