/**
 * Batches of sequences, as thinc has them: `Padded` (one [B, T, D] tensor and a mask) and
 * `Ragged` (the tokens of all sequences concatenated, plus the lengths). Window convolutions
 * accept both; `Ragged` wastes no compute on padding.
 */
import { tf } from './backend';
import { WorkbenchError } from '../errors';

/** Sequences padded to one length: data [B, T, D]; mask [B, T, 1] is 1 at real tokens and 0 at padding. */
export interface Padded {
  data: tf.Tensor3D;
  mask: tf.Tensor3D;
}

/** Sequences concatenated: data [nTokens, D]; `lengths` (summing to nTokens) splits it into sequences. */
export interface Ragged {
  data: tf.Tensor2D;
  lengths: number[];
}

/** Either kind of sequence batch. */
export type Seq = Padded | Ragged;

/** Whether a sequence batch is padded (else ragged). */
export function isPadded(s: Seq): s is Padded {
  return (s as Padded).mask !== undefined;
}

/** Whether a value is a sequence batch (rather than a plain tensor). */
export function isSeq(x: unknown): x is Seq {
  return typeof x === 'object' && x !== null && !(x instanceof tf.Tensor) && 'data' in x && ('mask' in x || 'lengths' in x);
}

/** The same kind of batch with new data (mask or lengths kept). */
export function withData<S extends Seq>(s: S, data: tf.Tensor): S {
  return isPadded(s) ? ({ data: data as tf.Tensor3D, mask: s.mask } as S) : ({ data: data as tf.Tensor2D, lengths: s.lengths } as S);
}

/** Checks that `lengths` are non-negative integers summing to `nTokens`. */
export function checkLengths(lengths: number[], nTokens: number, where: string): void {
  let total = 0;
  for (const n of lengths) {
    if (!Number.isInteger(n) || n < 0) {
      throw new WorkbenchError('E303', `${where}: lengths must be non-negative integers, got ${n}`, { field: 'lengths' });
    }
    total += n;
  }
  if (total !== nTokens) {
    throw new WorkbenchError('E303', `${where}: lengths sum to ${total} but the data has ${nTokens} rows`, { field: 'lengths' });
  }
}

/** A [B, T, 1] float mask from sequence lengths (T defaults to the longest). */
export function maskFromLengths(lengths: number[], T: number = Math.max(0, ...lengths)): tf.Tensor3D {
  const values = new Float32Array(lengths.length * T);
  lengths.forEach((n, b) => values.fill(1, b * T, b * T + Math.min(n, T)));
  return tf.tensor3d(values, [lengths.length, T, 1]);
}

/** A plain tensor or a sequence batch: what the row-wise layers (Dense, Maxout, LayerNorm, Dropout) accept. */
export type Batch = tf.Tensor | Seq;

/** The tensor inside a batch. */
export function dataOf(x: Batch): tf.Tensor {
  return x instanceof tf.Tensor ? x : x.data;
}

/** The same kind of batch (tensor, Padded or Ragged) holding `data` instead. */
export function rewrap<T extends Batch>(x: T, data: tf.Tensor): T {
  return (x instanceof tf.Tensor ? data : withData(x as Seq, data)) as T;
}

/**
 * Applies a row-wise function to a batch (thinc's with_array): leading axes are flattened to
 * rows [N, D], `f` maps them to [N, D'], and the result is reshaped and rewrapped like the input.
 */
export function applyRows<T extends Batch>(x: T, f: (rows: tf.Tensor2D) => tf.Tensor2D): T {
  const data = dataOf(x);
  const shape = data.shape;
  const rows = shape.length === 2 ? (data as tf.Tensor2D) : (tf.reshape(data, [-1, shape[shape.length - 1]]) as tf.Tensor2D);
  const out = f(rows);
  const result = shape.length === 2 ? out : tf.reshape(out, [...shape.slice(0, -1), out.shape[1]]);
  return rewrap(x, result);
}
