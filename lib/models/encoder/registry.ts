import type { Bags, HashKeys, Layer, Ragged } from '../../engine';
import type { VectorTable } from '../../vectors';
import type { EncoderConfig } from '../config/types';
import { Registry } from '../config/registry';

/**
 * What an encoder reads: the attribute keys of every token and the token count of each text, and
 * when the config asks for them, each token's row in the static vectors and its character n-grams.
 */
export interface EncoderInput {
  keys: HashKeys;
  lengths: number[];
  vectorRows?: Int32Array;
  chars?: Bags;
}

/**
 * Builds an encoder from its config; `dropout` is the pipeline's dropout rate, `vectors` the table
 * of `config.vectors` (loaded by the caller: trainPipeline or loadPipeline).
 */
export type EncoderBuilder = (config: EncoderConfig, opts: { dropout: number; name?: string; vectors?: VectorTable }) => Layer<EncoderInput, Ragged>;

/** Registered encoder architectures ('hash-cnn.v1'); `encoder.architecture` selects one. */
export const encoders = new Registry<EncoderBuilder>('encoder architecture');
