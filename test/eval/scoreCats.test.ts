import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreCats } from '../../lib/eval/scoreCats';
import { resolveCatTask } from '../../lib/eval/catTask';
import { close, ex, predOf } from './helpers';

// Exclusive: gold A, A, B, C; argmax A, B, B, A.
const xGold = [ex('one', [], { A: 1, B: 0, C: 0 }), ex('two', [], { A: 1 }), ex('three', [], { B: 1 }), ex('four', [], { C: 1 })];
const xPred = [
  predOf(xGold[0], [], { A: 0.7, B: 0.2, C: 0.1 }),
  predOf(xGold[1], [], { A: 0.3, B: 0.6, C: 0.1 }),
  predOf(xGold[2], [], { A: 0.2, B: 0.5, C: 0.3 }),
  predOf(xGold[3], [], { A: 0.5, B: 0.1, C: 0.4 }),
];

test('scoreCats(exclusive): accuracy, per-label, micro and macro scores by hand', () => {
  const s = scoreCats(xGold, xPred);
  assert.equal(s.cats_exclusive, true);
  assert.equal(s.cats_acc, 0.5);
  assert.deepEqual(s.cats_f_per_type.A, { p: 0.5, r: 0.5, f: 0.5, tp: 1, fp: 1, fn: 1, support: 2 });
  close(s.cats_f_per_type.B.f, 2 / 3);
  assert.deepEqual(s.cats_f_per_type.C, { p: null, r: 0, f: 0, tp: 0, fp: 0, fn: 1, support: 1 });
  // Exclusive: micro P = R = F = accuracy.
  assert.equal(s.cats_micro_p, 0.5);
  assert.equal(s.cats_micro_r, 0.5);
  assert.equal(s.cats_micro_f, 0.5);
  close(s.cats_macro_p, 0.5); // C has no predictions: its precision is undefined and skipped
  close(s.cats_macro_r, 0.5);
  close(s.cats_macro_f, (0.5 + 2 / 3 + 0) / 3);
  assert.equal(s.cats_score, s.cats_macro_f);
  assert.equal(s.cats_score_desc, 'macro F');
  assert.equal(s.cats_n_examples, 4);
});

test('scoreCats(exclusive): one-vs-rest AUC per label and confusion gold × argmax', () => {
  const s = scoreCats(xGold, xPred);
  close(s.cats_auc_per_type.A, 0.75);
  close(s.cats_auc_per_type.B, 2 / 3);
  close(s.cats_auc_per_type.C, 1);
  close(s.cats_macro_auc, (0.75 + 2 / 3 + 1) / 3);
  assert.deepEqual(s.cats_confusion, { kind: 'exclusive', labels: ['A', 'B', 'C'], matrix: [[1, 1, 0], [0, 1, 0], [1, 0, 0]] });
});

// Multilabel: ex2 has Y unknown, ex3 has nothing known.
const mGold = [ex('a', [], { X: 1, Y: 0 }), ex('b', [], { X: 0, Y: 1 }), ex('c', [], { X: 1 }), ex('d', [], {})];
const mPred = [
  predOf(mGold[0], [], { X: 0.9, Y: 0.6 }),
  predOf(mGold[1], [], { X: 0.2, Y: 0.7 }),
  predOf(mGold[2], [], { X: 0.4, Y: 0.9 }),
  predOf(mGold[3], [], { X: 0.9, Y: 0.9 }),
];

test('scoreCats(multilabel): threshold, unknown labels not scored, per-label 2x2 confusion', () => {
  const s = scoreCats(mGold, mPred, { exclusive: false });
  assert.equal(s.cats_exclusive, false);
  assert.equal(s.cats_n_examples, 3);
  close(s.cats_acc, 1 / 3);
  assert.deepEqual(s.cats_f_per_type.X, { p: 1, r: 0.5, f: 2 / 3, tp: 1, fp: 0, fn: 1, support: 2 });
  assert.deepEqual(s.cats_f_per_type.Y, { p: 0.5, r: 1, f: 2 / 3, tp: 1, fp: 1, fn: 0, support: 1 });
  close(s.cats_micro_p, 2 / 3);
  close(s.cats_micro_r, 2 / 3);
  assert.deepEqual(s.cats_confusion, { kind: 'multilabel', labels: ['X', 'Y'], matrix: [[[1, 0], [1, 1]], [[0, 1], [0, 1]]] });
  assert.equal(s.cats_auc_per_type.X, 1);
  assert.equal(s.cats_auc_per_type.Y, 1);
  assert.equal(s.cats_score, 1);
  assert.equal(s.cats_score_desc, 'macro AUC');
});

test('scoreCats(multilabel, threshold 0.35): a lower threshold turns the X miss into a hit', () => {
  const s = scoreCats(mGold, mPred, { exclusive: false, threshold: 0.35 });
  close(s.cats_acc, 2 / 3); // ex2 (X = 0.4) is now right; ex0 still has Y = 0.6 wrong
  assert.deepEqual(s.cats_f_per_type.X, { p: 1, r: 1, f: 1, tp: 2, fp: 0, fn: 0, support: 2 });
  assert.deepEqual(s.cats_f_per_type.Y, { p: 0.5, r: 1, f: 2 / 3, tp: 1, fp: 1, fn: 0, support: 1 });
});

test('scoreCats: a label with only one gold class has AUC null and is left out of the macro AUC', () => {
  const g = [ex('a', [], { X: 1, Y: 0 }), ex('b', [], { X: 0, Y: 0 }), ex('c', [], { X: 1, Y: 0 })];
  const p = [predOf(g[0], [], { X: 0.8, Y: 0.1 }), predOf(g[1], [], { X: 0.3, Y: 0.9 }), predOf(g[2], [], { X: 0.2, Y: 0.2 })];
  const s = scoreCats(g, p);
  assert.equal(s.cats_exclusive, false);
  assert.equal(s.cats_auc_per_type.Y, null);
  assert.equal(s.cats_auc_per_type.X, 0.5);
  assert.equal(s.cats_macro_auc, 0.5);
});

test('resolveCatTask: inference, explicit labels, invalid exclusive gold', () => {
  assert.equal(resolveCatTask(xGold, xPred).exclusive, true);
  const two = [ex('a', [], { X: 1, Y: 1 }), ex('b', [], { X: 1, Y: 0 })];
  assert.equal(resolveCatTask(two, two).exclusive, false);
  assert.deepEqual(resolveCatTask(xGold, xPred, { labels: ['C', 'A', 'B'] }).labels, ['C', 'A', 'B']);
  assert.throws(() => resolveCatTask(two, two, { exclusive: true }), /\[E503\].*example 0.*field "cats"/);
  assert.throws(() => scoreCats(xGold, xPred, { threshold: 2 }), /\[E007\]/);
});

test('scoreCats: no category labels at all → null scores and no confusion', () => {
  const g = [ex('a'), ex('b')];
  const s = scoreCats(g, g);
  assert.equal(s.cats_acc, null);
  assert.equal(s.cats_score, null);
  assert.equal(s.cats_macro_auc, null);
  assert.equal(s.cats_confusion, null);
  assert.equal(s.cats_n_examples, 0);
});

test('scoreCats: gold values other than 0/1 are rejected with the field', () => {
  const g = [ex('a', [], { X: 0.7 })];
  assert.throws(() => scoreCats(g, g), /\[E002\].*example 0.*cats\.X/);
});

test('scoreCats(exclusive): a prediction without any category score is a miss, not a vote for the first label', () => {
  const pred = xPred.map((p, i) => (i === 0 ? { ...p, cats: {} } : p));
  const s = scoreCats(xGold, pred);
  assert.equal(s.cats_acc, 0.25);
  assert.deepEqual(s.cats_f_per_type.A, { p: 0, r: 0, f: 0, tp: 0, fp: 1, fn: 2, support: 2 });
  assert.deepEqual((s.cats_confusion as { matrix: number[][] }).matrix[0], [0, 1, 0]);
  close(s.cats_micro_p, 1 / 3); // 1 right of 3 predictions
  close(s.cats_micro_r, 0.25); // 1 right of 4 gold
});
