import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subsample } from '../../lib/experiments/subsample';

const items = Array.from({ length: 50 }, (_, i) => i);

test('subsample(items, n, seed) draws n distinct items in their original order, the same for the same seed', () => {
  const a = subsample(items, 10, 1);
  assert.equal(a.length, 10);
  assert.equal(new Set(a).size, 10);
  assert.deepEqual(a, [...a].sort((x, y) => x - y));
  assert.deepEqual(subsample(items, 10, 1), a);
  assert.notDeepEqual(subsample(items, 10, 2), a);
});

test('subsample(items, n, seed) is nested across sizes for one seed', () => {
  const small = new Set(subsample(items, 5, 3));
  const large = new Set(subsample(items, 20, 3));
  for (const x of small) assert.ok(large.has(x));
});

test('subsample(items, "all" | undefined) copies everything; too many or a bad size is E601', () => {
  assert.deepEqual(subsample(items, 'all', 0), items);
  assert.deepEqual(subsample(items, undefined, 0), items);
  assert.notEqual(subsample(items, 'all', 0), items);
  assert.throws(() => subsample(items, 51, 0), /\[E601\].*51.*50 training/);
  assert.throws(() => subsample(items, 0, 0), /\[E601\]/);
  assert.throws(() => subsample(items, 2.5, 0), /\[E601\]/);
});
