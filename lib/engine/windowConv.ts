/**
 * Window convolution (spaCy's expand_window >> Maxout): each token's vector is concatenated with
 * its `window` neighbours on either side (zeros beyond the ends of its sequence), then mapped by
 * one maxout or relu matMul. Works on Padded and Ragged batches; the output has the input's kind.
 */
import { tf } from './backend';
import { checkWidth, createLayer, getDim, getParam, inferDim, setParam, type Layer } from './layer';
import { glorotUniform, zeros } from './init';
import { dense } from './ops/dense';
import { maxoutOp } from './ops/maxout';
import { windowConcat } from './ops/windowConcat';
import { windowConcatRagged } from './ops/windowConcatRagged';
import { isPadded, type Seq } from './seq';
import { WorkbenchError } from '../errors';

/** Options of `WindowConv`. */
export interface WindowConvOptions {
  /** Neighbours on each side (default 1; spaCy uses 1, receptive field grows by 2·window per layer). */
  window?: number;
  /** Output width; required before `initialize`. */
  nO?: number;
  /** Input width; inferred from the sample when omitted. */
  nI?: number;
  /** Maxout pieces (default 3; ignored for relu). */
  pieces?: number;
  /** 'maxout' (default) or 'relu'. */
  activation?: 'maxout' | 'relu';
}

/**
 * Window convolution over a sequence batch. In a Padded batch, masked-out positions read as zeros
 * (padding never leaks into real tokens) and their own output is the activation of the bias alone.
 * Params W [(2·window+1)·nI, nO·pieces] (Glorot) and b.
 */
export function WindowConv<S extends Seq = Seq>(opts: WindowConvOptions = {}): Layer<S, S> {
  const window = opts.window ?? 1;
  const activation = opts.activation ?? 'maxout';
  if (!Number.isInteger(window) || window < 0) {
    throw new WorkbenchError('E007', `WindowConv: window must be a non-negative integer, got ${window}`, { field: 'window' });
  }
  if (activation !== 'maxout' && activation !== 'relu') {
    throw new WorkbenchError('E007', `WindowConv: activation must be 'maxout' or 'relu', got '${activation}'`, {
      field: 'activation',
    });
  }
  const pieces = activation === 'maxout' ? opts.pieces ?? 3 : 1;
  return createLayer<S, S>({
    name: 'windowConv',
    dims: { nO: opts.nO, nI: opts.nI, nP: pieces, window },
    init: (layer, sample, rng) => {
      const x = sample.data;
      inferDim(layer, 'nI', x.shape[x.shape.length - 1]);
      const nIn = (2 * window + 1) * getDim(layer, 'nI');
      const nOut = getDim(layer, 'nO') * pieces;
      setParam(layer, 'W', glorotUniform([nIn, nOut], rng));
      setParam(layer, 'b', zeros([nOut]));
    },
    forward: (layer, x) => {
      checkWidth(layer, x.data);
      const W = getParam(layer, 'W') as tf.Tensor as tf.Tensor2D;
      const b = getParam(layer, 'b') as tf.Tensor as tf.Tensor1D;
      const nO = getDim(layer, 'nO');
      const map = (rows: tf.Tensor2D): tf.Tensor2D =>
        activation === 'maxout' ? maxoutOp(rows, W, b, pieces) : dense(rows, W, b, 'relu');
      if (isPadded(x)) {
        const [B, T] = x.data.shape;
        const windows = windowConcat(x.data, window, x.mask);
        const out = map(tf.reshape(windows, [B * T, windows.shape[2]]) as tf.Tensor2D);
        return { data: tf.reshape(out, [B, T, nO]) as tf.Tensor3D, mask: x.mask } as S;
      }
      return { data: map(windowConcatRagged(x.data, x.lengths, window)), lengths: x.lengths } as S;
    },
  });
}
