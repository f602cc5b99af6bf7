import type { HashKeys, Layer, Ragged } from '../../engine';
import type { EncoderConfig } from '../config/types';
import { Registry } from '../config/registry';

/** What an encoder reads: the attribute keys of every token and the token count of each text. */
export interface EncoderInput {
  keys: HashKeys;
  lengths: number[];
}

/** Builds an encoder from its config; `dropout` is the pipeline's dropout rate. */
export type EncoderBuilder = (config: EncoderConfig, opts: { dropout: number; name?: string }) => Layer<EncoderInput, Ragged>;

/** Registered encoder architectures ('hash-cnn.v1'); `encoder.architecture` selects one. */
export const encoders = new Registry<EncoderBuilder>('encoder architecture');
