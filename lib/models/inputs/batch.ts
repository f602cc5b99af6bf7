import type { HashKeys } from '../../engine';
import type { Featurizer } from '../encoder/features';
import type { PreparedDoc } from './doc';
import type { DocRejectedSpan } from '../crf/factoredLoss';
import type { NgramHasher } from '../heads/ngrams';

/**
 * A minibatch as plain typed arrays (tensors are made inside each forward's tidy scope).
 * Token rows are ragged: the tokens of all docs concatenated, no padding.
 */
export interface Batch {
  docs: PreparedDoc[];
  /** Tokens per doc. */
  lengths: number[];
  /** Total tokens (sum of lengths). */
  nTokens: number;
  /** Attribute hash keys of every token, for the embedding. */
  keys: HashKeys;
  /** Gold tag id per token (-1 unknown), when every doc has tags. */
  tags?: Int32Array;
  /** Category targets and known-mask, [docs × cats] row-major, when every doc has them. */
  cats?: Float32Array;
  catMask?: Float32Array;
  /** Rejected spans per doc (index into `docs`), when any doc has them. */
  rejected?: DocRejectedSpan[];
  /** Hashed n-gram rows per doc (bag-of-ngrams model), when enabled. */
  ngrams?: { ids: Int32Array; lengths: number[] };
}

/** Builds a batch from docs: featurises tokens and concatenates targets. */
export function makeBatch(docs: PreparedDoc[], featurizer: Featurizer, nCats: number, ngrams?: NgramHasher): Batch {
  const lengths = docs.map((d) => d.tokens.length);
  const nTokens = lengths.reduce((a, b) => a + b, 0);
  const keys = featurizer.keys(docs.map((d) => d.tokens));
  const batch: Batch = { docs, lengths, nTokens, keys };
  if (docs.every((d) => d.tags !== undefined)) {
    const tags = new Int32Array(nTokens);
    let t = 0;
    for (const d of docs) {
      tags.set(d.tags!, t);
      t += d.tags!.length;
    }
    batch.tags = tags;
  }
  const rejected = docs.flatMap((d, doc) => (d.rejected ?? []).map((span) => ({ doc, span })));
  if (rejected.length) batch.rejected = rejected;
  if (docs.every((d) => d.cats !== undefined && d.catMask !== undefined)) {
    const cats = new Float32Array(docs.length * nCats);
    const catMask = new Float32Array(docs.length * nCats);
    docs.forEach((d, b) => {
      cats.set(d.cats!, b * nCats);
      catMask.set(d.catMask!, b * nCats);
    });
    batch.cats = cats;
    batch.catMask = catMask;
  }
  if (ngrams) {
    const perDoc = docs.map((d) => ngrams.ids(d.tokens));
    const ids = new Int32Array(perDoc.reduce((a, x) => a + x.length, 0));
    let o = 0;
    for (const x of perDoc) {
      ids.set(x, o);
      o += x.length;
    }
    batch.ngrams = { ids, lengths: perDoc.map((x) => x.length) };
  }
  return batch;
}
