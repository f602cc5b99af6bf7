import { createLayer, tf, type Layer } from '../../engine';
import type { VectorTable } from '../../vectors';

/**
 * Frozen pretrained vectors as a layer without params (spaCy's StaticVectors): row ids in
 * (-1 = out of vocabulary), [nTokens, dim + 1] out: the dequantised row (zeros when unknown) and
 * an OOV flag column. The rows are copied in JavaScript into a constant: no gradient, no table
 * tensor in the backend's memory.
 */
export function StaticVectors(table: VectorTable): Layer<Int32Array, tf.Tensor2D> {
  const width = table.dim + 1;
  return createLayer<Int32Array, tf.Tensor2D>({
    name: 'staticVectors',
    dims: { nO: width },
    forward: (_layer, rows) => {
      const out = new Float32Array(rows.length * width);
      for (let t = 0; t < rows.length; t++) {
        if (rows[t] >= 0) table.copyRow(rows[t], out, t * width);
        else out[t * width + table.dim] = 1;
      }
      return tf.tensor2d(out, [rows.length, width]);
    },
  });
}

/** Row id of each token's lower-cased text in `table` (-1 when absent), concatenated over docs. */
export function vectorRows(table: VectorTable, docs: readonly (readonly { text: string }[])[]): Int32Array {
  let n = 0;
  for (const d of docs) n += d.length;
  const rows = new Int32Array(n);
  let t = 0;
  for (const d of docs) for (const tok of d) rows[t++] = table.indexOf(tok.text.toLowerCase());
  return rows;
}
