// Training regimes: the defaults suit thousands of texts, given enough optimiser steps; a training
// set of a few dozen or hundred texts trains better with a linear textcat pushed to its optimum and
// enough optimiser steps for the tagger. The rules and their settings live here only (measurements:
// docs/measurements/models.md, "Small training sets: the regime rule" and "The standard regime's
// step minimum").
import type { Example } from '../../data/types';
import { isPlainObject, mergeConfig, type PlainObject } from './schema';
import type { ModelConfig } from './types';
import { defaultConfig, validateConfig } from './config';
import { WorkbenchError } from '../../errors';

/** 'auto' picks the small-data regime below this many training texts when none has entities (textcat only). */
export const SMALL_DATA_MAX_TEXTS = 1000;

/**
 * 'auto' picks the small-data regime below this many training texts when some have entities (spans or
 * rejected spans): the tagger gains from the small settings' steps on a few hundred texts and loses
 * from their learning rate on more (docs/measurements/models.md, "Small training sets: the regime rule").
 */
export const SMALL_JOINT_MAX_TEXTS = 500;

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

/**
 * The standard regime's step minimum: 15 epochs of ATIS's 4,478 texts make 1,050 steps and its dev
 * scores rise up to about 3,000-4,000; SNIPS's and CoNLL-2003's 15 epochs already make more than
 * 3,000 (docs/measurements/models.md, "The standard regime's step minimum").
 */
export const STANDARD_MIN_STEPS = 3000;

/** Every value of the regime rules above: a run key includes it, so a cached run trained under other rules is not taken for this one. */
export const REGIME_RULES = { SMALL_DATA_MAX_TEXTS, SMALL_JOINT_MAX_TEXTS, SMALL_DATA_SETTINGS, STANDARD_MIN_STEPS } as const;

/** The regime a config trains `train` with: 'small' or 'standard' ('auto' resolved by the number of training texts and whether any has entities). */
export function resolveRegime(config: Pick<ModelConfig, 'training'>, train: readonly Example[]): 'standard' | 'small' {
  if (config.training.regime !== 'auto') return config.training.regime;
  const withEntities = train.some((e) => e.spans.length > 0 || (e.negSpans?.length ?? 0) > 0);
  return train.length < (withEntities ? SMALL_JOINT_MAX_TEXTS : SMALL_DATA_MAX_TEXTS) ? 'small' : 'standard';
}

/**
 * `config` with its regime's settings under every key it leaves unset or at its default value (so a
 * config and its validated form train alike), and `training.regime` set to `regime`. 'standard' adds
 * the step minimum STANDARD_MIN_STEPS; 'small' the small-data settings. A config that sets `epochs` or
 * `training.minSteps` to other than the default keeps the training length it asked for: no step
 * minimum is added. `textcat` false leaves out the small settings' textcat.
 */
export function withRegime(config: unknown, regime: 'standard' | 'small', textcat = true): PlainObject {
  const given = isPlainObject(config) ? config : {};
  const defaults = defaultConfig();
  const ownLength = setsLength(given, defaults);
  const settings = regime === 'small' ? smallSettingsFor(ownLength, textcat) : ownLength ? {} : { training: { minSteps: STANDARD_MIN_STEPS } };
  const merged = mergeConfig(settings, withoutDefaults(given, defaults as unknown as PlainObject));
  const training = isPlainObject(merged.training) ? merged.training : {};
  return { ...merged, training: { ...training, regime } };
}

/**
 * The validated config `trainPipeline` trains `train` with: `config`'s regime resolved and applied
 * (throws as validateConfig does). A scheme that refuses the small settings' bag-of-ngrams textcat
 * (ner-features: its textcat reads the NER's token vectors) keeps its textcat settings and takes the
 * rest of them.
 */
export function configForTraining(config: unknown, train: readonly Example[]): ModelConfig {
  const regime = resolveRegime(validateConfig(config), train);
  try {
    return validateConfig(withRegime(config, regime));
  } catch (err) {
    if (regime !== 'small' || !(err instanceof WorkbenchError) || !err.location?.field?.startsWith('heads.textcat')) throw err;
    return validateConfig(withRegime(config, regime, false));
  }
}

/** SMALL_DATA_SETTINGS without the step minimum when the config sets the training length itself (`ownLength`), and without the textcat settings unless `textcat`. */
function smallSettingsFor(ownLength: boolean, textcat: boolean): PlainObject {
  const { heads, ...rest } = SMALL_DATA_SETTINGS;
  const { minSteps, ...steps } = SMALL_DATA_SETTINGS.training as PlainObject;
  return { ...rest, ...(textcat ? { heads } : {}), training: ownLength ? steps : { ...steps, minSteps } };
}

/** Whether `given` sets the training length: `epochs` or `training.minSteps` other than in `defaults`. */
function setsLength(given: PlainObject, defaults: ModelConfig): boolean {
  const training = isPlainObject(given.training) ? given.training : {};
  return (given.epochs !== undefined && given.epochs !== defaults.epochs) || (training.minSteps !== undefined && training.minSteps !== defaults.training.minSteps);
}

/** `given` without the leaves equal to `defaults`' value at the same key path (those the small settings may fill). */
function withoutDefaults(given: PlainObject, defaults: PlainObject): PlainObject {
  const out: PlainObject = {};
  for (const [k, v] of Object.entries(given)) {
    const d = defaults[k];
    if (isPlainObject(v) && isPlainObject(d)) out[k] = withoutDefaults(v, d);
    else if (!sameValue(v, d)) out[k] = v;
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i])));
}
