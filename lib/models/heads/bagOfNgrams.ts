import { createLayer, embedRows, getParam, matMulFast, setParam, tf, zeros, type Layer } from '../../engine';
import { meanMatrix } from './pooling';

/** Hashed n-gram bucket ids of every text of a batch, concatenated, with the count per text. */
export interface NgramBatch {
  ids: Int32Array;
  lengths: number[];
}

/**
 * spaCy's TextCatBOW: a linear model over hashed bag-of-ngrams, scores[b] = Σ_{g ∈ text b} W[g] + bias
 * (with `normalize`, the sum is divided by √n: the bag as a unit vector, so long texts do not get
 * larger scores and one learning rate and L2 suit every text length).
 * W [rows, nO] starts at zero, so the ensemble starts as the neural model alone. The gradient of W
 * is a scatter of the touched rows (embedRows).
 */
export function BagOfNgrams(opts: { nO: number; rows: number; normalize?: boolean }): Layer<NgramBatch, tf.Tensor2D> {
  return createLayer<NgramBatch, tf.Tensor2D>({
    name: 'bagOfNgrams',
    dims: { nO: opts.nO, nV: opts.rows },
    init: (layer) => {
      setParam(layer, 'W', zeros([opts.rows, opts.nO]));
      setParam(layer, 'b', zeros([opts.nO]));
    },
    forward: (layer, x) => {
      const W = getParam(layer, 'W') as tf.Tensor as tf.Tensor2D;
      const b = getParam(layer, 'b');
      if (x.ids.length === 0) return tf.add(tf.zeros([x.lengths.length, opts.nO]), b) as tf.Tensor2D;
      const pool = meanMatrix(x.lengths, opts.normalize ? 'sqrt' : 'sum');
      return tf.add(matMulFast(pool, embedRows(W, x.ids)), b) as tf.Tensor2D;
    },
  });
}
