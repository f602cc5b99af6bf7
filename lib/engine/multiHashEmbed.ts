/**
 * spaCy's MultiHashEmbed: hashed embeddings of several attributes (e.g. lower form, prefix,
 * suffix, shape), concatenated and mixed to `width` by Maxout → LayerNorm (→ Dropout).
 */
import type { tf } from './backend';
import { chain } from './combinators';
import { Dropout } from './dropout';
import { HashEmbed, type HashKeys } from './hashEmbed';
import { LayerNorm } from './layerNorm';
import type { Layer } from './layer';
import { Maxout } from './maxout';

/** Options of `MultiHashEmbed`. */
export interface MultiHashEmbedOptions {
  /** Output width (spaCy default 96; 64–300 sensible). */
  width: number;
  /** Rows per attribute table, one per attribute (spaCy: [5000, 1000, 2500, 2500] for NORM, PREFIX, SUFFIX, SHAPE). */
  rows: number[];
  /** Hash seed (default 7). */
  seed?: number;
  /** Dropout after mixing, in [0, 1) (default 0). */
  dropout?: number;
  /** Maxout pieces of the mixing layer (default 3). */
  pieces?: number;
  /** Hash functions per key (default 4). */
  nHashes?: number;
}

/** Hashed multi-attribute embedding: input HashKeys, output [nTokens, width]. */
export function MultiHashEmbed(opts: MultiHashEmbedOptions): Layer<HashKeys, tf.Tensor2D> {
  const layers: Layer<any, any>[] = [
    HashEmbed({ nO: opts.width, rows: opts.rows, seed: opts.seed, nHashes: opts.nHashes }),
    Maxout({ nO: opts.width, pieces: opts.pieces ?? 3 }),
    LayerNorm(),
  ];
  if (opts.dropout) layers.push(Dropout(opts.dropout));
  const model = chain<HashKeys, tf.Tensor2D>(...layers);
  model.name = 'multiHashEmbed';
  model.dims.nO = opts.width;
  return model;
}
