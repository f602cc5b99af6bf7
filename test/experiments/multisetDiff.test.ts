import { test } from 'node:test';
import assert from 'node:assert/strict';
import { multisetDiff } from '../../lib/experiments/multisetDiff';

test('multisetDiff(a, b) is equal for the same items in another order', () => {
  const d = multisetDiff(['a', 'b', 'b', 'c'], ['b', 'c', 'a', 'b']);
  assert.deepEqual(d, { equal: true, missing: [], extra: [], expectedCount: 4, actualCount: 4 });
});

test('multisetDiff(a, b) names a lost item and a repeated item with their counts', () => {
  const d = multisetDiff(['a', 'b', 'c'], ['a', 'a', 'a', 'c']);
  assert.equal(d.equal, false);
  assert.deepEqual(d.missing, [['b', 1]]);
  assert.deepEqual(d.extra, [['a', 2]]);
});

test('multisetDiff(a, b, key) compares objects by key and reads generators once', () => {
  let reads = 0;
  function* gen() {
    for (const text of ['x', 'y']) {
      reads++;
      yield { text };
    }
  }
  const d = multisetDiff(gen(), [{ text: 'y' }, { text: 'x' }], (p) => p.text);
  assert.equal(d.equal, true);
  assert.equal(reads, 2);
  assert.equal(multisetDiff([{ text: 'x' }], [{ text: 'x' }]).equal, false, 'without a key, objects compare by identity');
});
