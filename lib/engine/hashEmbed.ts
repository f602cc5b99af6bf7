/**
 * Hashed embeddings for several token attributes at once (spaCy's HashEmbed, fused over
 * attributes). Each attribute has its own block of rows; each key picks `nHashes` rows of its
 * block with differently seeded MurmurHash3 functions, and their sum is the key's vector: two keys
 * rarely collide under all functions at once, so no vocabulary is needed.
 */
import { tf } from './backend';
import { createLayer, getDim, getParam, setParam, type Layer } from './layer';
import { uniform } from './init';
import { murmurhashInt32 } from './murmur';
import { embedRows } from './ops/embedRows';
import { WorkbenchError } from '../errors';

/** Token attributes as hashes: keys[t·nAttrs + a] is the 32-bit hash of attribute a of token t. */
export interface HashKeys {
  keys: Int32Array;
  nTokens: number;
  nAttrs: number;
}

/** Options of `HashEmbed`. */
export interface HashEmbedOptions {
  /** Width of each attribute's vectors. */
  nO: number;
  /** Rows of each attribute's table (one entry per attribute), e.g. [5000, 1000, 2500, 2500]. */
  rows: number[];
  /** Seed of the hash functions (default 7, as spaCy); attribute a uses seed + a. */
  seed?: number;
  /** Hash functions per key, whose rows are summed (default 4, as spaCy). */
  nHashes?: number;
}

/** Checks a HashKeys batch against the number of attributes a layer expects. */
export function checkHashKeys(x: HashKeys, nAttrs: number, where: string): void {
  if (x.nAttrs !== nAttrs) {
    throw new WorkbenchError('E303', `${where}: built for ${nAttrs} attributes, input has nAttrs=${x.nAttrs}`, {
      field: 'nAttrs',
    });
  }
  if (x.keys.length !== x.nTokens * x.nAttrs) {
    throw new WorkbenchError(
      'E303',
      `${where}: keys has ${x.keys.length} entries, expected nTokens·nAttrs = ${x.nTokens}·${x.nAttrs}`,
      { field: 'keys' },
    );
  }
}

/**
 * Row ids into the fused table for every (token, attribute, hash function), in that order:
 * offset of the attribute's block + murmurhashInt32(key, hash seed) mod the block's rows.
 */
export function hashRowIds(x: HashKeys, rows: number[], seed: number, nHashes: number): Int32Array {
  const nAttrs = rows.length;
  const offsets = rows.map((_, a) => rows.slice(0, a).reduce((s, r) => s + r, 0));
  // One seed per (attribute, hash function), mixed so neighbouring seeds give unrelated functions.
  const seeds = new Int32Array(nAttrs * nHashes);
  for (let a = 0; a < nAttrs; a++) for (let h = 0; h < nHashes; h++) seeds[a * nHashes + h] = murmurhashInt32(h, seed + a);
  const ids = new Int32Array(x.nTokens * nAttrs * nHashes);
  for (let t = 0; t < x.nTokens; t++) {
    for (let a = 0; a < nAttrs; a++) {
      const key = x.keys[t * nAttrs + a];
      const base = (t * nAttrs + a) * nHashes;
      for (let h = 0; h < nHashes; h++) ids[base + h] = offsets[a] + (murmurhashInt32(key, seeds[a * nHashes + h]) % rows[a]);
    }
  }
  return ids;
}

/**
 * Hashed embedding of every attribute, concatenated: [nTokens, nAttrs·nO]. One param E
 * [sum(rows), nO] holds all attributes' blocks (uniform ±0.1 as thinc); its gradient is a scatter.
 */
export function HashEmbed(opts: HashEmbedOptions): Layer<HashKeys, tf.Tensor2D> {
  const rows = opts.rows;
  const seed = opts.seed ?? 7;
  const nHashes = opts.nHashes ?? 4;
  if (!Array.isArray(rows) || rows.length === 0 || rows.some((r) => !Number.isInteger(r) || r < 1)) {
    throw new WorkbenchError('E007', `HashEmbed: rows must be a non-empty array of positive integers, got ${JSON.stringify(rows)}`, {
      field: 'rows',
    });
  }
  if (!Number.isInteger(nHashes) || nHashes < 1) {
    throw new WorkbenchError('E007', `HashEmbed: nHashes must be a positive integer, got ${nHashes}`, { field: 'nHashes' });
  }
  return createLayer<HashKeys, tf.Tensor2D>({
    name: 'hashEmbed',
    dims: { nO: opts.nO, nV: rows.reduce((a, b) => a + b, 0), nAttrs: rows.length, nHashes },
    init: (layer, sample, rng) => {
      checkHashKeys(sample, rows.length, 'HashEmbed');
      setParam(layer, 'E', uniform([getDim(layer, 'nV'), getDim(layer, 'nO')], 0.1, rng));
    },
    forward: (layer, x) => {
      checkHashKeys(x, rows.length, 'HashEmbed');
      const E = getParam(layer, 'E') as tf.Tensor as tf.Tensor2D;
      const vectors = embedRows(E, hashRowIds(x, rows, seed, nHashes), nHashes);
      return tf.reshape(vectors, [x.nTokens, rows.length * getDim(layer, 'nO')]) as tf.Tensor2D;
    },
  });
}
