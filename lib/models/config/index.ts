// The pipeline config: its types, schema and validation (defaults; errors name the key), its hash, and the versioned Registry.
export { defaultConfig, validateConfig, configSchema } from './config';
export type { ModelConfig, ConfigInput, EncoderConfig, TaggerConfig, TextcatConfig, TrainingConfig } from './types';
export { configHash } from './hash';
export { Registry, type RegistryEntry } from './registry';
