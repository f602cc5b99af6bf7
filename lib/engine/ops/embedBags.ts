/**
 * Mean of a variable number of embedding rows per item (fastText's subword average, an
 * EmbeddingBag): the forward pass is one sparseSegmentSum, the table gradient one scatterND of the
 * item gradients repeated per id, as in embedRows.
 */
import { tf } from '../backend';
import { customOp } from './customOp';
import { gatherRows, segmentSumRows } from './gatherRows';
import { WorkbenchError } from '../../errors';

/** Ids of the rows of each item: `ids[j]` belongs to item `segments[j]` (non-decreasing). */
export interface Bags {
  ids: Int32Array;
  segments: Int32Array;
  /** Number of items (every item must have at least one id). */
  nItems: number;
}

/** out[i] = mean of table[ids[j]] over the j with segments[j] = i: [nItems, D]. */
export function embedBags(table: tf.Tensor2D, bags: Bags): tf.Tensor2D {
  const [nV, d] = table.shape;
  const { ids, segments, nItems } = bags;
  const counts = new Float32Array(nItems);
  for (let j = 0; j < ids.length; j++) {
    if (!(ids[j] >= 0 && ids[j] < nV)) throw new WorkbenchError('E303', `embedBags: id ${ids[j]} at position ${j} is outside the table's ${nV} rows`, { field: 'ids' });
    if (j > 0 && segments[j] < segments[j - 1]) throw new WorkbenchError('E303', `embedBags: segments must not decrease (position ${j})`, { field: 'segments' });
    counts[segments[j]]++;
  }
  const inverse = new Float32Array(nItems);
  for (let i = 0; i < nItems; i++) {
    if (counts[i] === 0) throw new WorkbenchError('E303', `embedBags: item ${i} has no ids`, { field: 'segments' });
    inverse[i] = 1 / counts[i];
  }
  if (nItems === 0) return tf.zeros([0, d]);
  // The scale is made afresh in each pass: tensors the forward pass creates are freed after it.
  const scale = () => tf.tensor2d(inverse, [nItems, 1]);
  const op = customOp<tf.Tensor2D>(([table_]) => ({
    value: tf.mul(segmentSumRows(table_ as tf.Tensor2D, ids, segments), scale()) as tf.Tensor2D,
    gradFunc: (dy) => tf.scatterND(tf.tensor2d(ids, [ids.length, 1], 'int32'), gatherRows(tf.mul(dy, scale()) as tf.Tensor2D, segments), [nV, d]),
  }));
  return op(table);
}
