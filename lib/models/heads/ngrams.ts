import { murmurhash3_32 } from '../../data/hashes';

/** Shortest character n-gram the hasher emits (bigrams of "<word>" carry the first and last letter). */
export const CHAR_NGRAM_MIN = 2;

/** Seed of the n-gram hasher (saved in features.json). */
export const NGRAM_SEED = 0x6e6772;

/** Settings of the bag-of-ngrams hasher, saved in features.json. */
export interface NgramSettings {
  maxN: number;
  rows: number;
  seed: number;
  /** Longest character n-gram of each word (2..charMaxN); absent or 0 = none (models saved before the option). */
  charMaxN?: number;
}

/** Whether textcat options ask for a bag-of-ngrams model: word n-grams, character n-grams or both. */
export function hasNgramFeatures(textcat: { ngrams: number; charNgrams?: number }): boolean {
  return textcat.ngrams > 0 || (textcat.charNgrams ?? 0) > 0;
}

/** The hasher settings a textcat config asks for (what training saves), or undefined without a bag of n-grams. */
export function ngramSettingsFor(textcat: { ngrams: number; ngramRows: number; charNgrams: number }): NgramSettings | undefined {
  return hasNgramFeatures(textcat) ? new NgramHasher(textcat.ngrams, textcat.ngramRows, NGRAM_SEED, textcat.charNgrams).settings : undefined;
}

/**
 * Hashes the lower-cased word n-grams (n = 1..maxN) of a text, and optionally the character n-grams
 * (n = 2..charMaxN) of each lower-cased word framed as "<word>" (fastText's subwords), into `rows`
 * buckets, for the bag-of-ngrams linear model (spaCy's TextCatBOW). Character n-grams let a model
 * trained on a few dozen texts match "upgrading" to "upgrade" and "printers" to "printer". Unique
 * per text: a bag, not counts.
 */
export class NgramHasher {
  constructor(
    readonly maxN: number,
    readonly rows: number,
    readonly seed = NGRAM_SEED,
    readonly charMaxN = 0,
  ) {}

  /** A hasher from saved settings (features.json). */
  static fromSettings(s: NgramSettings): NgramHasher {
    return new NgramHasher(s.maxN, s.rows, s.seed, s.charMaxN ?? 0);
  }

  /** Its settings as saved in features.json (charMaxN only when character n-grams are on). */
  get settings(): NgramSettings {
    return { maxN: this.maxN, rows: this.rows, seed: this.seed, ...(this.charMaxN > 0 ? { charMaxN: this.charMaxN } : {}) };
  }

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
    // A different hash seed per n keeps "<a>" (n = 3) apart from the word "<a>" and from other lengths.
    for (const word of this.charMaxN >= CHAR_NGRAM_MIN ? words : []) {
      const framed = `<${word}>`;
      for (let n = CHAR_NGRAM_MIN; n <= this.charMaxN; n++) {
        for (let i = 0; i + n <= framed.length; i++) seen.add((murmurhash3_32(framed.slice(i, i + n), this.seed + 0x100 + n) >>> 0) % this.rows);
      }
    }
    return Int32Array.from(seen);
  }
}
