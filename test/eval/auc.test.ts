import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rocAuc } from '../../lib/eval/auc';

test('rocAuc(scores, positive): hand-computed case with a tie between a positive and a negative', () => {
  // pos {0.4, 0.8} vs neg {0.1, 0.4}: pairs 1 + 0.5 (tie) + 1 + 1 = 3.5 of 4.
  assert.equal(rocAuc([0.1, 0.4, 0.4, 0.8], [false, true, false, true]), 0.875);
});

test('rocAuc: perfect, inverted and all-tied rankings', () => {
  assert.equal(rocAuc([0.9, 0.8, 0.1], [true, true, false]), 1);
  assert.equal(rocAuc([0.1, 0.2, 0.9], [true, true, false]), 0);
  assert.equal(rocAuc([0.5, 0.5, 0.5, 0.5], [true, false, true, false]), 0.5);
});

test('rocAuc: one class only is undefined (null), not 0', () => {
  assert.equal(rocAuc([0.1, 0.7], [true, true]), null);
  assert.equal(rocAuc([0.1, 0.7], [false, false]), null);
  assert.equal(rocAuc([], []), null);
});
