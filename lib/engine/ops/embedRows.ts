/**
 * Embedding lookup with a sparse-friendly gradient. tf.gather's own gradient goes through
 * unsortedSegmentSum, which costs O(vocabulary) tensor ops per step on wasm/cpu; here the table
 * gradient is one scatterND of the row gradients (duplicate ids add up).
 */
import { tf } from '../backend';
import { customOp } from './customOp';
import { WorkbenchError } from '../../errors';

/**
 * Rows of `table` [V, D] for `ids`, summed over consecutive groups of `bag` ids (spaCy's HashEmbed
 * sums the rows its hash functions pick): returns [ids.length / bag, D].
 */
export function embedRows(table: tf.Tensor2D, ids: Int32Array, bag = 1): tf.Tensor2D {
  const [nV, d] = table.shape;
  if (ids.length % bag !== 0) {
    throw new WorkbenchError('E303', `embedRows: ${ids.length} ids is not a multiple of bag=${bag}`, { field: 'ids' });
  }
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] < 0 || ids[i] >= nV) {
      throw new WorkbenchError('E303', `embedRows: id ${ids[i]} at position ${i} is outside the table's ${nV} rows`, {
        field: 'ids',
      });
    }
  }
  const m = ids.length / bag;
  const op = customOp<tf.Tensor2D>(([table_], save) => {
    const idsT = tf.tensor1d(ids, 'int32');
    save([idsT]);
    const rows = tf.gather(table_, idsT);
    return {
      value: (bag === 1 ? rows : tf.sum(tf.reshape(rows, [m, bag, d]), 1)) as tf.Tensor2D,
      gradFunc: (dy, saved) => {
        const dRows = bag === 1 ? dy : tf.reshape(tf.broadcastTo(tf.reshape(dy, [m, 1, d]), [m, bag, d]), [m * bag, d]);
        return [tf.scatterND(tf.reshape(saved[0], [m * bag, 1]), dRows, [nV, d])];
      },
    };
  });
  return op(table);
}
