import { murmurhash3_32 } from '../../data/hashes';
import { createLayer, embedBags, getParam, setParam, uniform, type Bags, type Layer, tf } from '../../engine';

/** Shortest character n-gram of a token ("<a>" has one trigram, so every token has at least one). */
export const TOKEN_CHAR_MIN = 3;

/** Hash seed of the token character n-grams. */
export const TOKEN_CHAR_SEED = 0x63686172;

/**
 * The character n-grams (n = 3..maxN) of each lower-cased token framed as "<token>" (fastText's
 * subwords: "<pa", "par", "ari", "ris", "is>", "<par", ...), hashed into `rows` buckets, as bags
 * (ids and the token each belongs to) for `CharEmbed`. Caches the ids per token text.
 */
export class TokenCharHasher {
  private readonly cache = new Map<string, Int32Array>();

  constructor(
    readonly maxN: number,
    readonly rows: number,
  ) {}

  /** Bucket ids of one token's n-grams (cached; do not modify). */
  tokenIds(text: string): Int32Array {
    let ids = this.cache.get(text);
    if (ids === undefined) {
      const framed = `<${text.toLowerCase()}>`;
      const out: number[] = [];
      for (let n = TOKEN_CHAR_MIN; n <= this.maxN; n++) {
        for (let i = 0; i + n <= framed.length; i++) out.push((murmurhash3_32(framed.slice(i, i + n), TOKEN_CHAR_SEED + n) >>> 0) % this.rows);
      }
      // A one-character token framed is 3 long: always at least one trigram.
      ids = Int32Array.from(out);
      if (this.cache.size > 500_000) this.cache.clear();
      this.cache.set(text, ids);
    }
    return ids;
  }

  /** The bags of a list of token sequences, concatenated in order. */
  bags(docs: readonly (readonly { text: string }[])[]): Bags {
    return bagsOf(docs.flatMap((d) => d.map((t) => this.tokenIds(t.text))));
  }
}

/** Bags with one item per piece, in order: item i holds the ids of pieces[i]. */
export function bagsOf(pieces: readonly Int32Array[]): Bags {
  const total = pieces.reduce((a, x) => a + x.length, 0);
  const ids = new Int32Array(total);
  const segments = new Int32Array(total);
  let o = 0;
  pieces.forEach((x, t) => {
    ids.set(x, o);
    segments.fill(t, o, o + x.length);
    o += x.length;
  });
  return { ids, segments, nItems: pieces.length };
}

/** One vector per token: the mean of its character n-gram rows, [nTokens, width]; the table starts uniform ±0.1 (as HashEmbed). */
export function CharEmbed(opts: { rows: number; width: number }): Layer<Bags, tf.Tensor2D> {
  return createLayer<Bags, tf.Tensor2D>({
    name: 'charEmbed',
    dims: { nO: opts.width, nV: opts.rows },
    init: (layer, _sample, rng) => setParam(layer, 'E', uniform([opts.rows, opts.width], 0.1, rng)),
    forward: (layer, x) => embedBags(getParam(layer, 'E') as tf.Tensor as tf.Tensor2D, x),
  });
}
