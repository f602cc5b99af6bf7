// The pipeline config: its types, schema and validation (defaults; errors name the key), its hash, and the versioned Registry.
export { defaultConfig, validateConfig, configSchema } from './config';
export type { ModelConfig, ConfigInput, EncoderConfig, TaggerConfig, TextcatConfig, TrainingConfig } from './types';
export { configHash } from './hash';
export { REGIME_RULES, SMALL_DATA_MAX_TEXTS, SMALL_DATA_SETTINGS, SMALL_JOINT_MAX_TEXTS, STANDARD_MIN_STEPS, configForTraining, resolveRegime, withRegime } from './regime';
export { Registry, type RegistryEntry } from './registry';
