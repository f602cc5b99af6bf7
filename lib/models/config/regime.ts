// Training regimes: the defaults suit thousands of texts; a training set of a few dozen or hundred
// texts trains better with a linear textcat pushed to its optimum and enough optimiser steps for the
// tagger. The rule and its settings live here only (measurements: docs/measurements/models.md,
// "Small training sets: the regime rule").
import type { Example } from '../../data/types';
import { isPlainObject, type PlainObject } from './schema';
import type { ModelConfig } from './types';
import { validateConfig } from './config';

/** 'auto' picks the small-data regime below this many training texts, with or without entities. */
export const SMALL_DATA_MAX_TEXTS = 1000;

/**
 * The small-data settings: spaCy's TextCatBOW over words and their character 2-5-grams as a linear
 * SVM (one-vs-rest squared hinge, L2 0.001), at least 500 optimiser steps at a constant learning
 * rate of 0.02, no parameter averaging (the defaults make one step per epoch on 50 texts).
 */
export const SMALL_DATA_SETTINGS: PlainObject = {
  learnRate: 0.02,
  heads: { textcat: { architecture: 'bow', ngrams: 1, charNgrams: 5, loss: 'hinge', L2: 0.001 } },
  training: { minSteps: 500, warmupSteps: 0, decay: false, averageDecay: 0 },
};

/** The regime a config trains `train` with: 'small' or 'standard' ('auto' resolved by the number of training texts). */
export function resolveRegime(config: Pick<ModelConfig, 'training'>, train: readonly Example[]): 'standard' | 'small' {
  if (config.training.regime !== 'auto') return config.training.regime;
  return train.length < SMALL_DATA_MAX_TEXTS ? 'small' : 'standard';
}

/**
 * `config` as given, with the small-data settings under every key it does not set itself, and
 * `training.regime` set to `regime`. A config that sets `epochs` or `training.minSteps` keeps the
 * training length it asked for: the small settings then add no step minimum.
 */
export function withRegime(config: unknown, regime: 'standard' | 'small'): PlainObject {
  const given = isPlainObject(config) ? config : {};
  const merged = regime === 'small' ? mergeUnder(smallSettingsFor(given), given) : { ...given };
  const training = isPlainObject(merged.training) ? merged.training : {};
  return { ...merged, training: { ...training, regime } };
}

/** The validated config `trainPipeline` trains `train` with: `config`'s regime resolved and applied (throws as validateConfig does). */
export function configForTraining(config: unknown, train: readonly Example[]): ModelConfig {
  return validateConfig(withRegime(config, resolveRegime(validateConfig(config), train)));
}

/** SMALL_DATA_SETTINGS without the step minimum when `given` sets the training length itself. */
function smallSettingsFor(given: PlainObject): PlainObject {
  if (given.epochs === undefined) return SMALL_DATA_SETTINGS;
  const { minSteps: _, ...training } = SMALL_DATA_SETTINGS.training as PlainObject;
  return { ...SMALL_DATA_SETTINGS, training };
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
