import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minibatches, Rng } from '../../lib/engine';

test('minibatches(items, size) keeps order; the last batch holds the rest', () => {
  assert.deepEqual(minibatches([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  assert.deepEqual(minibatches([], 3), []);
});

test('minibatches(items, size, rng) shuffles a copy, seeded', () => {
  const items = Array.from({ length: 20 }, (_, i) => i);
  const a = minibatches(items, 6, new Rng(1));
  assert.deepEqual(items, Array.from({ length: 20 }, (_, i) => i), 'input untouched');
  assert.deepEqual(a.map((b) => b.length), [6, 6, 6, 2]);
  assert.deepEqual(a.flat().sort((x, y) => x - y), items);
  assert.notDeepEqual(a.flat(), items);
  assert.deepEqual(minibatches(items, 6, new Rng(1)), a);
  assert.notDeepEqual(minibatches(items, 6, new Rng(2)), a);
});

test('minibatches rejects a non-positive size', () => {
  assert.throws(() => minibatches([1], 0), /\[E007\].*size must be a positive integer, got 0/);
});
