import { Registry } from './registry';
import type { EncoderBuilder } from './encoder';

/** Registered encoder architectures ('hash-cnn.v1'); `encoder.architecture` selects one. */
export const encoders = new Registry<EncoderBuilder>('encoder architecture');
