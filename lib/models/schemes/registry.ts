import { Registry } from '../config/registry';
import type { SchemeDefinition } from './contract';

/** Every registered scheme ('separate.v1', 'shared.v1', ...); users select one by name in the config. */
export const schemes = new Registry<SchemeDefinition>('scheme');
