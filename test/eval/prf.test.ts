import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prf, PRFScore } from '../../lib/eval/prf';

test('prf(0, 0, 0): nothing to score is null, never 0', () => {
  assert.deepEqual(prf(0, 0, 0), { p: null, r: null, f: null, tp: 0, fp: 0, fn: 0, support: 0 });
});

test('prf(0, 0, 2): nothing predicted → precision undefined, recall and F 0', () => {
  assert.deepEqual(prf(0, 0, 2), { p: null, r: 0, f: 0, tp: 0, fp: 0, fn: 2, support: 2 });
});

test('prf(0, 3, 0): predictions without gold → precision 0, recall undefined', () => {
  const s = prf(0, 3, 0);
  assert.equal(s.p, 0);
  assert.equal(s.r, null);
  assert.equal(s.f, 0);
});

test('prf(3, 1, 2): p = 3/4, r = 3/5, f = 2pr/(p+r)', () => {
  const s = prf(3, 1, 2);
  assert.equal(s.p, 0.75);
  assert.equal(s.r, 0.6);
  assert.ok(Math.abs(s.f! - (2 * 0.75 * 0.6) / 1.35) < 1e-12);
  assert.equal(s.support, 5);
});

test('PRFScore.scoreSet counts set overlaps and add() sums counters like +=', () => {
  const a = new PRFScore().scoreSet(['x', 'y', 'y'], ['y', 'z']);
  assert.deepEqual([a.tp, a.fp, a.fn], [1, 1, 1]);
  const b = new PRFScore(2, 0, 1);
  a.add(b);
  assert.deepEqual([a.tp, a.fp, a.fn], [3, 1, 2]);
  assert.equal(a.precision, 0.75);
  assert.equal(a.recall, 0.6);
  assert.deepEqual(a.toJSON(), prf(3, 1, 2));
});
