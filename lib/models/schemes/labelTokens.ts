import { murmurhash3_32 } from '../../data/hashes';
import type { HashKeys } from '../../engine';
import type { EncoderInput } from '../encoder/registry';
import { conditionCategory } from './conditionedLabels';

/**
 * Reserved tokens naming a category (`__label_PlayMusic__`, and `__label_none__` for "no
 * category"), prepended to a text at the feature level: each has its own hash key per attribute
 * (no real token text hashes to it), and the text, its tokens and char offsets are untouched.
 */
export interface LabelTokens {
  /** Keys of label token i (row nCats = none), `nAttrs` per row. */
  keys: Int32Array;
  nAttrs: number;
  /** Index of the "no category" token (= number of categories). */
  none: number;
}

/** Label tokens for `cats` (the LabelSet's sorted categories) and `nAttrs` hashed attributes. */
export function labelTokens(cats: readonly string[], nAttrs: number): LabelTokens {
  const names = [...cats.map((c) => `__label_${c}__`), '__label_none__'];
  const keys = new Int32Array(names.length * nAttrs);
  names.forEach((name, i) => {
    for (let a = 0; a < nAttrs; a++) keys[i * nAttrs + a] = murmurhash3_32(name, 0x1abe1 + a) | 0;
  });
  return { keys, nAttrs, none: cats.length };
}

/**
 * The encoder input with label token `labelIds[b]` before text b's tokens, and where each real
 * token went (`realRows[t]` = its row in the longer input, for dropping the label rows again).
 */
export function prependLabelTokens(input: EncoderInput, labelIds: ArrayLike<number>, tokens: LabelTokens): { input: EncoderInput; realRows: Int32Array } {
  const { keys, nAttrs, nTokens } = input.keys;
  const B = input.lengths.length;
  const out = new Int32Array((nTokens + B) * nAttrs);
  const realRows = new Int32Array(nTokens);
  let src = 0;
  let dst = 0;
  input.lengths.forEach((len, b) => {
    out.set(tokens.keys.subarray(labelIds[b] * nAttrs, (labelIds[b] + 1) * nAttrs), dst * nAttrs);
    dst++;
    out.set(keys.subarray(src * nAttrs, (src + len) * nAttrs), dst * nAttrs);
    for (let t = 0; t < len; t++) realRows[src + t] = dst + t;
    src += len;
    dst += len;
  });
  const hashKeys: HashKeys = { keys: out, nTokens: nTokens + B, nAttrs };
  return { input: { keys: hashKeys, lengths: input.lengths.map((n) => n + 1) }, realRows };
}

/**
 * The predicted label token of each text from category probabilities [nDocs × nCats]: exclusive →
 * the argmax; multilabel → the argmax when its probability is ≥ 0.5, else none.
 */
export function predictedLabelIds(probs: ArrayLike<number>, nDocs: number, nCats: number, exclusive: boolean): Int32Array {
  const out = new Int32Array(nDocs).fill(nCats);
  for (let b = 0; b < nDocs; b++) {
    let best = -1;
    for (let c = 0; c < nCats; c++) if (best < 0 || probs[b * nCats + c] > probs[b * nCats + best]) best = c;
    if (best >= 0 && (exclusive || probs[b * nCats + best] >= 0.5)) out[b] = best;
  }
  return out;
}

/**
 * The gold label token of each text: its first known positive category (as `conditionCategory`),
 * none when its categories are known and all negative, -1 when unknown (the caller predicts it).
 */
export function goldLabelIds(cats: ArrayLike<number>, mask: ArrayLike<number>, nDocs: number, nCats: number): Int32Array {
  const out = new Int32Array(nDocs);
  for (let b = 0; b < nDocs; b++) {
    const c = conditionCategory(cats, mask, b * nCats, nCats);
    let known = false;
    for (let j = 0; j < nCats; j++) if (mask[b * nCats + j] > 0) known = true;
    out[b] = c >= 0 ? c : known ? nCats : -1;
  }
  return out;
}
