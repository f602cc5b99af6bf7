/** Maxout layer: each output is the max of `pieces` affine units (thinc's Maxout). */
import { tf } from './backend';
import { checkWidth, createLayer, getDim, getParam, inferDim, setParam, type Layer } from './layer';
import { glorotUniform, zeros } from './init';
import { maxoutOp } from './ops/maxout';
import { applyRows, dataOf, type Batch } from './seq';

/** Options of `Maxout`. */
export interface MaxoutOptions {
  /** Output width; required before `initialize`. */
  nO?: number;
  /** Input width; inferred from the sample when omitted. */
  nI?: number;
  /** Affine pieces per output (default 3, spaCy's choice; 2–4 are sensible). */
  pieces?: number;
}

/** Maxout over the last axis of a tensor or sequence batch. Params W [nI, nO·pieces] (Glorot), b [nO·pieces]. */
export function Maxout<T extends Batch = tf.Tensor2D>(opts: MaxoutOptions = {}): Layer<T, T> {
  return createLayer<T, T>({
    name: 'maxout',
    dims: { nO: opts.nO, nI: opts.nI, nP: opts.pieces ?? 3 },
    init: (layer, sample, rng) => {
      const x = dataOf(sample);
      inferDim(layer, 'nI', x.shape[x.shape.length - 1]);
      const nI = getDim(layer, 'nI');
      const nOP = getDim(layer, 'nO') * getDim(layer, 'nP');
      setParam(layer, 'W', glorotUniform([nI, nOP], rng));
      setParam(layer, 'b', zeros([nOP]));
    },
    forward: (layer, x) => {
      checkWidth(layer, dataOf(x));
      const W = getParam(layer, 'W') as tf.Tensor as tf.Tensor2D;
      const b = getParam(layer, 'b') as tf.Tensor as tf.Tensor1D;
      const pieces = getDim(layer, 'nP');
      return applyRows(x, (rows) => maxoutOp(rows, W, b, pieces));
    },
  });
}
