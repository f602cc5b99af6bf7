// Training regimes: the defaults suit thousands of texts; a textcat-only set of a few dozen texts
// trains better as a linear model pushed to its optimum. The rule and its settings live here only.
import type { Example } from '../../data/types';
import { isPlainObject, type PlainObject } from './schema';
import type { ModelConfig } from './types';

/** 'auto' picks the small-data regime below this many training texts (textcat-only data). */
export const SMALL_DATA_MAX_TEXTS = 1000;

/**
 * The small-data settings: spaCy's TextCatBOW over words and their character 2-5-grams as a linear
 * SVM (one-vs-rest squared hinge, L2 0.001), at least 500 full-batch steps at a constant learning
 * rate of 0.02, no parameter averaging (the defaults make one step per epoch on 50 texts).
 */
export const SMALL_DATA_SETTINGS: PlainObject = {
  learnRate: 0.02,
  heads: { textcat: { architecture: 'bow', ngrams: 1, charNgrams: 5, loss: 'hinge', L2: 0.001 } },
  training: { minSteps: 500, warmupSteps: 0, decay: false, averageDecay: 0 },
};

/** The regime a config trains `train` with: 'small' or 'standard' ('auto' resolved by size and whether any example has entities). */
export function resolveRegime(config: Pick<ModelConfig, 'training'>, train: readonly Example[]): 'standard' | 'small' {
  if (config.training.regime !== 'auto') return config.training.regime;
  const textcatOnly = train.every((e) => e.spans.length === 0);
  return textcatOnly && train.length < SMALL_DATA_MAX_TEXTS ? 'small' : 'standard';
}

/** `config` as given, with the small-data settings under every key it does not set itself, and `training.regime` set to `regime`. */
export function withRegime(config: unknown, regime: 'standard' | 'small'): PlainObject {
  const given = isPlainObject(config) ? config : {};
  const merged = regime === 'small' ? mergeUnder(SMALL_DATA_SETTINGS, given) : { ...given };
  const training = isPlainObject(merged.training) ? merged.training : {};
  return { ...merged, training: { ...training, regime } };
}

/** `top` merged over `base`: plain objects recursively, anything else in `top` replaces `base`'s value. */
function mergeUnder(base: PlainObject, top: PlainObject): PlainObject {
  const out: PlainObject = { ...base };
  for (const [k, v] of Object.entries(top)) {
    const prev = out[k];
    out[k] = isPlainObject(v) && isPlainObject(prev) ? mergeUnder(prev, v) : v;
  }
  return out;
}
