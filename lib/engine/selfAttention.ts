/**
 * Multi-head scaled dot-product self-attention within each text (Vaswani et al. 2017): every token
 * reads every token of its own text, so a label can depend on a word beyond a CNN's receptive field
 * (ATIS's "arriving … before 5 pm"). Ragged in, ragged out: no token reads another text or padding.
 */
import { tf } from './backend';
import { checkWidth, createLayer, getDim, getParam, inferDim, setParam, type Layer } from './layer';
import { glorotUniform, zeros } from './init';
import { dense } from './ops/dense';
import { raggedAttention } from './ops/raggedAttention';
import type { Ragged } from './seq';
import { WorkbenchError } from '../errors';

/** Options of `SelfAttention`. */
export interface SelfAttentionOptions {
  /** Attention heads; the width must be a multiple of it. */
  heads: number;
  /** Width (input = output); inferred from the sample when omitted. */
  nI?: number;
}

/** Self-attention on Ragged [n, D] → [n, D]. Params Wqkv [D, 3D] (Glorot), bqkv, Wo [D, D] (Glorot), bo. */
export function SelfAttention(opts: SelfAttentionOptions): Layer<Ragged, Ragged> {
  const heads = opts.heads;
  if (!Number.isInteger(heads) || heads < 1) {
    throw new WorkbenchError('E007', `SelfAttention: heads must be a positive integer, got ${heads}`, { field: 'heads' });
  }
  return createLayer<Ragged, Ragged>({
    name: 'selfAttention',
    dims: { nI: opts.nI, nO: opts.nI, heads },
    init: (layer, sample, rng) => {
      inferDim(layer, 'nI', sample.data.shape[1]);
      const d = getDim(layer, 'nI');
      inferDim(layer, 'nO', d);
      if (d % heads !== 0) {
        throw new WorkbenchError('E007', `SelfAttention: width ${d} is not a multiple of heads ${heads}`, { field: 'heads' });
      }
      setParam(layer, 'Wqkv', glorotUniform([d, 3 * d], rng.fork('qkv')));
      setParam(layer, 'bqkv', zeros([3 * d]));
      setParam(layer, 'Wo', glorotUniform([d, d], rng.fork('out')));
      setParam(layer, 'bo', zeros([d]));
    },
    forward: (layer, x) => {
      checkWidth(layer, x.data);
      const param = (name: string) => getParam(layer, name) as tf.Tensor as tf.Tensor2D;
      const qkv = dense(x.data, param('Wqkv'), param('bqkv') as tf.Tensor as tf.Tensor1D);
      const mixed = raggedAttention(qkv, x.lengths, heads);
      return { data: dense(mixed, param('Wo'), param('bo') as tf.Tensor as tf.Tensor1D), lengths: x.lengths };
    },
  });
}
