import { test } from 'node:test';
import assert from 'node:assert/strict';
import { confusionHeatmap } from '../../lib/plots/confusionHeatmap';
import { assertValidFigure, annotationsOf } from './helpers';

const confusion = { kind: 'exclusive' as const, labels: ['A', 'B', '<C>'], matrix: [[3, 1, 0], [0, 2, 2], [1, 0, 0]] };

test('confusionHeatmap(counts): gold rows × predicted columns, one annotation per cell, first row on top', () => {
  const fig = confusionHeatmap(confusion);
  assertValidFigure(fig);
  const hm = fig.data[0];
  assert.equal(hm.type, 'heatmap');
  assert.deepEqual(hm.z, confusion.matrix);
  assert.deepEqual(hm.y, ['A', 'B', '&lt;C&gt;']);
  assert.equal((fig.layout.yaxis as { autorange: string }).autorange, 'reversed');
  const cells = annotationsOf(fig);
  assert.equal(cells.length, 9);
  assert.deepEqual(cells[1], { ...cells[1], x: 'B', y: 'A', text: '1' });
});

test('confusionHeatmap(normalize "true"): each gold row sums to 1; an empty row stays 0', () => {
  const z = confusionHeatmap(confusion, { normalize: 'true' }).data[0].z as number[][];
  assert.deepEqual(z[0], [0.75, 0.25, 0]);
  assert.deepEqual(z[1], [0, 0.5, 0.5]);
  const zp = confusionHeatmap({ labels: ['A', 'B'], matrix: [[0, 0], [2, 2]] }, { normalize: 'pred' }).data[0].z as number[][];
  assert.deepEqual(zp, [[0, 0], [1, 1]]);
});

test('confusionHeatmap(multilabel): one row per label with TP/FN/FP/TN', () => {
  const fig = confusionHeatmap({ kind: 'multilabel', labels: ['X', 'Y'], matrix: [[[5, 1], [2, 3]], [[4, 0], [0, 7]]] });
  assertValidFigure(fig);
  assert.deepEqual(fig.data[0].z, [[3, 2, 1, 5], [7, 0, 0, 4]]);
  assert.equal((fig.data[0].x as string[])[0], 'TP (gold+ pred+)');
});

test('confusionHeatmap: a matrix that does not match the labels is an error', () => {
  assert.throws(() => confusionHeatmap({ labels: ['A', 'B'], matrix: [[1, 2]] }), /\[E506\]/);
});
