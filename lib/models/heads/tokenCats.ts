// Token-level category supervision (Stack-Propagation, Qin et al. 2019): every token of a text is
// trained to predict the text's category, so each token vector carries the intent, not only the
// pooled text vector. An auxiliary loss: predictions still come from the text-level head.
import { createLayer, Dense, tf, type Layer, type Ragged } from '../../engine';
import { catLoss } from './losses';

/** Per-token category logits [nTokens, nCats]: one affine layer over each token vector. */
export function TokenCatsHead(nCats: number): Layer<Ragged, tf.Tensor2D> {
  const output = Dense({ nO: nCats });
  return createLayer<Ragged, tf.Tensor2D>({
    name: 'tokenCats',
    dims: { nO: nCats },
    layers: [output],
    init: (_layer, sample, rng) => output.initialize(sample.data, rng.fork('output')),
    forward: (_layer, x, ctx) => output.forward(x.data, ctx),
  });
}

/**
 * catLoss over tokens: each token's target is its text's category row (targets and known-mask
 * [nDocs, nCats], repeated `lengths[b]` times), averaged over the tokens of texts with a known category.
 */
export function tokenCatLoss(tokenLogits: tf.Tensor2D, lengths: readonly number[], cats: Float32Array, mask: Float32Array, exclusive: boolean): tf.Scalar {
  const C = tokenLogits.shape[1];
  const nTokens = tokenLogits.shape[0];
  const tokenCats = new Float32Array(nTokens * C);
  const tokenMask = new Float32Array(nTokens * C);
  let t = 0;
  lengths.forEach((n, b) => {
    for (let i = 0; i < n; i++, t++) {
      tokenCats.set(cats.subarray(b * C, (b + 1) * C), t * C);
      tokenMask.set(mask.subarray(b * C, (b + 1) * C), t * C);
    }
  });
  if (t !== nTokens) throw new Error(`tokenCatLoss: lengths sum to ${t}, logits have ${nTokens} rows`);
  return catLoss(tokenLogits, tokenCats, tokenMask, exclusive);
}
