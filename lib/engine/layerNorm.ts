/** Layer normalisation over the last axis, with learned gain G and bias b. */
import { tf } from './backend';
import { checkWidth, createLayer, getDim, getParam, inferDim, setParam, type Layer } from './layer';
import { ones, zeros } from './init';
import { layerNorm } from './ops/layerNorm';
import { dataOf, rewrap, type Batch } from './seq';

/** Options of `LayerNorm`. */
export interface LayerNormOptions {
  /** Width; inferred from the sample when omitted. */
  nI?: number;
}

/** LayerNorm over the last axis of a tensor or sequence batch. Params G [nI] (ones), b [nI] (zeros). */
export function LayerNorm<T extends Batch = tf.Tensor2D>(opts: LayerNormOptions = {}): Layer<T, T> {
  return createLayer<T, T>({
    name: 'layerNorm',
    dims: { nI: opts.nI, nO: opts.nI },
    init: (layer, sample) => {
      const x = dataOf(sample);
      inferDim(layer, 'nI', x.shape[x.shape.length - 1]);
      inferDim(layer, 'nO', getDim(layer, 'nI'));
      setParam(layer, 'G', ones([getDim(layer, 'nI')]));
      setParam(layer, 'b', zeros([getDim(layer, 'nI')]));
    },
    forward: (layer, x) => {
      const data = dataOf(x);
      checkWidth(layer, data);
      const G = getParam(layer, 'G') as tf.Tensor as tf.Tensor1D;
      const b = getParam(layer, 'b') as tf.Tensor as tf.Tensor1D;
      return rewrap(x, layerNorm(data, G, b));
    },
  });
}
