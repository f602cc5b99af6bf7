/** Dense (affine) layer, optionally relu-activated: y = act(x·W + b). */
import { tf } from './backend';
import { checkWidth, createLayer, getDim, getParam, inferDim, setParam, type Layer } from './layer';
import { glorotUniform, zeros } from './init';
import { dense, type DenseActivation } from './ops/dense';
import { applyRows, dataOf, type Batch } from './seq';

/** Options of `Dense`. */
export interface DenseOptions {
  /** Output width; required before `initialize` (set it here or via layer.dims.nO). */
  nO?: number;
  /** Input width; inferred from the sample at `initialize` when omitted. */
  nI?: number;
  /** 'linear' (default) or 'relu'. */
  activation?: DenseActivation;
}

/** An affine layer over the last axis of a tensor or sequence batch. Params W [nI, nO] (Glorot), b [nO] (zeros). */
export function Dense<T extends Batch = tf.Tensor2D>(opts: DenseOptions = {}): Layer<T, T> {
  const activation = opts.activation ?? 'linear';
  return createLayer<T, T>({
    name: activation === 'relu' ? 'relu' : 'dense',
    dims: { nO: opts.nO, nI: opts.nI },
    init: (layer, sample, rng) => {
      const x = dataOf(sample);
      inferDim(layer, 'nI', x.shape[x.shape.length - 1]);
      const nI = getDim(layer, 'nI');
      const nO = getDim(layer, 'nO');
      setParam(layer, 'W', glorotUniform([nI, nO], rng));
      setParam(layer, 'b', zeros([nO]));
    },
    forward: (layer, x) => {
      checkWidth(layer, dataOf(x));
      const W = getParam(layer, 'W') as tf.Tensor as tf.Tensor2D;
      const b = getParam(layer, 'b') as tf.Tensor as tf.Tensor1D;
      return applyRows(x, (rows) => dense(rows, W, b, activation));
    },
  });
}

/** A relu-activated `Dense` (thinc's Relu). */
export function Relu<T extends Batch = tf.Tensor2D>(opts: Omit<DenseOptions, 'activation'> = {}): Layer<T, T> {
  return Dense<T>({ ...opts, activation: 'relu' });
}
