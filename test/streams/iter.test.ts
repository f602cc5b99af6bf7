import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collect, take, isAsyncIterable, toAsyncIterator } from '../../lib/streams/iter';
import { counting, range } from './counting';

test('take(source, n) reads exactly n items and closes the source', async () => {
  const c = counting(range(100));
  assert.deepEqual(await collect(take(c.source, 3)), [0, 1, 2]);
  assert.equal(c.reads, 3);
  assert.equal(c.closed, true);
  assert.deepEqual(await collect(take([1, 2], 5)), [1, 2]);
  assert.deepEqual(await collect(take([1, 2], 0)), []);
});

test('isAsyncIterable(x) and toAsyncIterator(x) accept sync and async iterables', async () => {
  assert.equal(isAsyncIterable([1]), false);
  assert.equal(isAsyncIterable(counting([1]).source), true);
  const it = toAsyncIterator(new Set([7, 8]));
  assert.deepEqual(await it.next(), { done: false, value: 7 });
  assert.throws(() => toAsyncIterator(42 as unknown as number[]), /expected an Iterable or AsyncIterable, got number/);
});
