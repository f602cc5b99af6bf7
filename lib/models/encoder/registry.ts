import { Registry } from '../config/registry';
import type { EncoderBuilder } from './hashCnn';

/** Registered encoder architectures ('hash-cnn.v1'); `encoder.architecture` selects one. */
export const encoders = new Registry<EncoderBuilder>('encoder architecture');
