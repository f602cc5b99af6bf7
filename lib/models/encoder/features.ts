import { murmurhash3_32 } from '../../data/hashes';

/** Token attributes the featuriser can hash (spaCy's lexeme attributes plus affixes). */
export const ATTRIBUTES = ['NORM', 'ORTH', 'PREFIX', 'PREFIX3', 'SUFFIX', 'SUFFIX2', 'SUFFIX4', 'SHAPE', 'LENGTH'] as const;

/** One token attribute name. */
export type AttrName = (typeof ATTRIBUTES)[number];

/** Default hash-table rows per attribute (used when `encoder.attrs` is given without `rows`). */
export const DEFAULT_ROWS: Record<AttrName, number> = {
  NORM: 5000,
  ORTH: 5000,
  PREFIX: 1000,
  PREFIX3: 2500,
  SUFFIX: 2500,
  SUFFIX2: 1000,
  SUFFIX4: 2500,
  SHAPE: 1000,
  LENGTH: 32,
};

/** Default vector width per attribute (used when `encoder.attrs` is given without `attrWidths`). */
export const DEFAULT_WIDTHS: Record<AttrName, number> = {
  NORM: 64,
  ORTH: 64,
  PREFIX: 16,
  PREFIX3: 32,
  SUFFIX: 32,
  SUFFIX2: 16,
  SUFFIX4: 32,
  SHAPE: 16,
  LENGTH: 8,
};

/** What each attribute reads from a token's text. */
export const attributeGetters: Record<AttrName, (text: string) => string> = {
  NORM: (t) => t.toLowerCase(),
  ORTH: (t) => t,
  PREFIX: (t) => t.slice(0, 1),
  PREFIX3: (t) => t.slice(0, 3).toLowerCase(),
  SUFFIX: (t) => t.slice(-3),
  SUFFIX2: (t) => t.slice(-2).toLowerCase(),
  SUFFIX4: (t) => t.slice(-4).toLowerCase(),
  SHAPE: wordShape,
  LENGTH: (t) => String(Math.min(t.length, 20)),
};

/**
 * spaCy's word shape: letters become X/x, digits d, other characters stay; runs of the same
 * shape character are cut after 4 ("Apple" → "Xxxxx" → "Xxxxx", "1984" → "dddd", "C3-PO" → "Xd-XX").
 */
export function wordShape(text: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of text) {
    let s: string;
    if (ch >= '0' && ch <= '9') s = 'd';
    else if (ch.toLowerCase() !== ch.toUpperCase()) s = ch === ch.toUpperCase() ? 'X' : 'x';
    else if (/\p{N}/u.test(ch)) s = 'd';
    else if (/\p{L}/u.test(ch)) s = 'x';
    else s = ch;
    run = s === last ? run + 1 : 1;
    last = s;
    if (run <= 4) out += s;
  }
  return out;
}

/** The featuriser settings saved with a pipeline (features.json). */
export interface FeatureSettings {
  /** Attributes, in the order of the key layout. */
  attrs: AttrName[];
  /** murmurhash3_32 seed of each attribute (distinct per attribute so equal strings differ). */
  seeds: number[];
  /** Format version of the key computation. */
  version: 1;
}

/** Token hash keys of a batch of texts: `keys[t * nAttrs + a]` for token t of the concatenation. */
export interface TokenKeys {
  keys: Int32Array;
  nTokens: number;
  nAttrs: number;
}

/** Settings for the given attributes: seeds derived from the attribute names (stable across runs). */
export function featureSettings(attrs: readonly AttrName[]): FeatureSettings {
  return { attrs: [...attrs], seeds: attrs.map((a) => murmurhash3_32(a, 0x5eed)), version: 1 };
}

/**
 * Turns token texts into 32-bit attribute keys, spaCy style (each attribute hashed with its own
 * seed; the embedding later hashes the key again into its table). Caches keys per string.
 */
export class Featurizer {
  readonly settings: FeatureSettings;
  private readonly getters: ((text: string) => string)[];
  private readonly cache = new Map<string, Int32Array>();

  constructor(settings: FeatureSettings) {
    this.settings = settings;
    this.getters = settings.attrs.map((a) => attributeGetters[a]);
  }

  /** Number of attributes per token. */
  get nAttrs(): number {
    return this.settings.attrs.length;
  }

  /** Keys of one token text (cached; do not modify the returned array). */
  tokenKeys(text: string): Int32Array {
    let keys = this.cache.get(text);
    if (keys === undefined) {
      keys = new Int32Array(this.getters.length);
      for (let a = 0; a < this.getters.length; a++) keys[a] = murmurhash3_32(this.getters[a](text), this.settings.seeds[a]) | 0;
      if (this.cache.size > 500_000) this.cache.clear(); // bound memory on endless streams
      this.cache.set(text, keys);
    }
    return keys;
  }

  /** Keys of a list of token sequences, concatenated in order. */
  keys(docs: readonly (readonly { text: string }[])[]): TokenKeys {
    const nAttrs = this.nAttrs;
    let nTokens = 0;
    for (const d of docs) nTokens += d.length;
    const keys = new Int32Array(nTokens * nAttrs);
    let t = 0;
    for (const d of docs) {
      for (const tok of d) {
        keys.set(this.tokenKeys(tok.text), t * nAttrs);
        t++;
      }
    }
    return { keys, nTokens, nAttrs };
  }
}
