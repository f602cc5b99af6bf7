/**
 * Embedding lookup with a scatter gradient. tf.gather is slow on wasm and its gradient goes
 * through unsortedSegmentSum (one op per row on cpu, missing on wasm); here the forward pass is
 * one sparseSegmentSum (which also sums each bag) and the table gradient one scatterND of the row
 * gradients (duplicate ids add up).
 */
import { tf } from '../backend';
import { customOp } from './customOp';
import { segmentSumRows } from './gatherRows';
import { WorkbenchError } from '../../errors';

/**
 * Rows of `table` [V, D] for `ids`, summed over consecutive groups of `bag` ids (spaCy's HashEmbed
 * sums the rows its hash functions pick): output row i = Σ_h table[ids[i·bag + h]], [ids.length / bag, D].
 */
export function embedRows(table: tf.Tensor2D, ids: Int32Array, bag = 1): tf.Tensor2D {
  const [nV, d] = table.shape;
  if (!Number.isInteger(bag) || bag < 1 || ids.length % bag !== 0) {
    throw new WorkbenchError('E303', `embedRows: ${ids.length} ids is not a multiple of bag=${bag}`, { field: 'ids' });
  }
  for (let i = 0; i < ids.length; i++) {
    if (!(ids[i] >= 0 && ids[i] < nV)) {
      throw new WorkbenchError('E303', `embedRows: id ${ids[i]} at position ${i} is outside the table's ${nV} rows`, {
        field: 'ids',
      });
    }
  }
  const m = ids.length / bag;
  if (m === 0) return tf.zeros([0, d]);
  const segments = new Int32Array(ids.length);
  for (let j = 0; j < ids.length; j++) segments[j] = Math.floor(j / bag);
  // Bag-major copy of the ids, so the gradient rows are `bag` stacked copies of dy (a cheap axis-0 concat).
  const bagMajor = new Int32Array(ids.length);
  for (let i = 0; i < m; i++) for (let h = 0; h < bag; h++) bagMajor[h * m + i] = ids[i * bag + h];
  const op = customOp<tf.Tensor2D>(([table_]) => ({
    value: segmentSumRows(table_ as tf.Tensor2D, ids, segments),
    gradFunc: (dy) => {
      const rows = bag === 1 ? dy : tf.concat(new Array<tf.Tensor2D>(bag).fill(dy), 0);
      return tf.scatterND(tf.tensor2d(bagMajor, [ids.length, 1], 'int32'), rows, [nV, d]);
    },
  }));
  return op(table);
}
