import { test } from 'node:test';
import assert from 'node:assert/strict';
import { concat } from '../../lib/streams/concat';
import { collect } from '../../lib/streams/iter';
import { counting } from './counting';

test('concat(...sources) yields each source in turn, sync and async alike', async () => {
  const c = counting(['c', 'd']);
  assert.deepEqual(await collect(concat(['a', 'b'], c.source, new Set(['e']))), ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual(await collect(concat()), []);
});

test('concat(...sources) opens a source only when the previous one is exhausted', async () => {
  const first = counting([1, 2]);
  const second = counting([3, 4]);
  const it = concat(first.source, second.source);
  assert.equal((await it.next()).value, 1);
  assert.equal((await it.next()).value, 2);
  assert.equal(second.reads, 0);
  assert.equal((await it.next()).value, 3);
  assert.equal(second.reads, 1);
});
