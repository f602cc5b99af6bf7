import type { EncoderInput } from '../encoder/registry';

/**
 * The encoder input of the kept texts only, and where each token of the full batch went
 * (`rows[t]` = its row in the sub-batch, -1 for a token of a dropped text).
 */
export function keptTexts(input: EncoderInput, keep: readonly boolean[]): { input: EncoderInput; rows: Int32Array } {
  const { keys, nAttrs, nTokens } = input.keys;
  const rows = new Int32Array(nTokens).fill(-1);
  const lengths: number[] = [];
  let kept = 0;
  let src = 0;
  input.lengths.forEach((len, b) => {
    if (keep[b]) {
      for (let t = 0; t < len; t++) rows[src + t] = kept + t;
      kept += len;
      lengths.push(len);
    }
    src += len;
  });
  const out = new Int32Array(kept * nAttrs);
  rows.forEach((row, t) => row >= 0 && out.set(keys.subarray(t * nAttrs, (t + 1) * nAttrs), row * nAttrs));
  return { input: { keys: { keys: out, nTokens: kept, nAttrs }, lengths }, rows };
}
