import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketBatches, lengthSortedBatches, shuffle } from '../../../lib/models/inputs/batching';
import { Rng } from '../../../lib/engine/random';

const lengths = Array.from({ length: 103 }, (_, i) => (i * 37) % 23);

test('bucketBatches(lengths, size, random) uses every index exactly once', () => {
  const rng = new Rng(1);
  const batches = bucketBatches(lengths, 8, () => rng.next(), 4);
  const all = batches.flat().sort((a, b) => a - b);
  assert.deepEqual(all, lengths.map((_, i) => i));
  assert.ok(batches.every((b) => b.length <= 8));
});

test('bucketBatches keeps lengths within a batch close (sorted inside pools)', () => {
  const rng = new Rng(2);
  const batches = bucketBatches(lengths, 8, () => rng.next(), 100);
  // One pool holds everything: each batch is a contiguous run of the sorted lengths.
  const spread = batches.map((b) => Math.max(...b.map((i) => lengths[i])) - Math.min(...b.map((i) => lengths[i])));
  assert.ok(Math.max(...spread) <= 3, `spread ${Math.max(...spread)}`);
});

test('bucketBatches is deterministic for a seed and changes with the seed', () => {
  const run = (seed: number) => {
    const rng = new Rng(seed);
    return bucketBatches(lengths, 8, () => rng.next());
  };
  assert.deepEqual(run(5), run(5));
  assert.notDeepEqual(run(5), run(6));
});

test('lengthSortedBatches(lengths, size) sorts stably by length', () => {
  const batches = lengthSortedBatches([3, 1, 2, 1], 3);
  assert.deepEqual(batches, [[1, 3, 2], [0]]);
});

test('shuffle(items, random) is a permutation and uses the injected random source', () => {
  let calls = 0;
  const out = shuffle([1, 2, 3, 4, 5], () => (calls++, 0));
  assert.equal(calls, 4);
  assert.deepEqual([...out].sort(), [1, 2, 3, 4, 5]);
  assert.deepEqual(out, [2, 3, 4, 5, 1]);
});
