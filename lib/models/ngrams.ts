import { murmurhash3_32 } from '../data/hashes';

/**
 * Hashes the lower-cased word n-grams (n = 1..maxN) of a text into `rows` buckets, for the
 * bag-of-ngrams linear model (spaCy's TextCatBOW). Unique per text: a bag, not counts.
 */
export class NgramHasher {
  constructor(
    readonly maxN: number,
    readonly rows: number,
    readonly seed = 0x6e6772,
  ) {}

  /** Bucket ids of the text's distinct n-grams, in first-seen order. */
  ids(tokens: readonly { text: string }[]): Int32Array {
    const words = tokens.map((t) => t.text.toLowerCase());
    const seen = new Set<number>();
    for (let n = 1; n <= this.maxN; n++) {
      for (let i = 0; i + n <= words.length; i++) {
        const gram = n === 1 ? words[i] : words.slice(i, i + n).join(' ');
        seen.add((murmurhash3_32(gram, this.seed + n) >>> 0) % this.rows);
      }
    }
    return Int32Array.from(seen);
  }
}
