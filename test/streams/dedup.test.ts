import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dedup } from '../../lib/streams/dedup';
import { collect } from '../../lib/streams/iter';
import { setHashes } from '../../lib/data/hashes';
import { counting } from './counting';

const tasks = [
  { text: 'a', label: 'X' },
  { text: 'a', label: 'Y' },
  { text: 'b', label: 'X' },
  { text: 'a', label: 'X', meta: { source: 'other' } },
  { label: 'Y', text: 'a' },
];

test('dedup(stream) keeps the first occurrence of each task (text + label)', async () => {
  const out = await collect(dedup(tasks));
  assert.deepEqual(out, [tasks[0], tasks[1], tasks[2]]);
  assert.equal(out[0], tasks[0], 'items are yielded unchanged');
  assert.equal('_task_hash' in tasks[0], false, 'input not mutated');
});

test('dedup(stream, {by: "input"}) keeps the first occurrence of each text', async () => {
  assert.deepEqual(await collect(dedup(tasks, { by: 'input' })), [tasks[0], tasks[2]]);
});

test('dedup(stream) trusts existing hashes, but never takes two different texts for one', async () => {
  const a = { ...setHashes({ text: 'x' }), _task_hash: 1 };
  const again = { ...setHashes({ text: 'x', meta: { n: 2 } }), _task_hash: 1 };
  const other = { ...setHashes({ text: 'x' }), _task_hash: 2 };
  const b = { ...setHashes({ text: 'y' }), _task_hash: 1 };
  assert.deepEqual(await collect(dedup([a, again, other, b])), [a, other, b]);
  assert.deepEqual(await collect(dedup([a, b], { by: 'input' })), [a, b]);
});

// Two distinct texts with one Prodigy input hash (and so one task hash), found by a birthday search.
const A = 'Book a table for 6 at restaurant number 69286';
const B = 'Book a table for 2 at restaurant number 88983';

test('dedup(stream) keeps two different texts whose 32-bit hashes collide', async () => {
  const [a, b] = [setHashes({ text: A }), setHashes({ text: B })];
  assert.equal(a._input_hash, b._input_hash);
  assert.equal(a._task_hash, b._task_hash);
  assert.deepEqual(await collect(dedup([{ text: A }, { text: B }, { text: A }], { by: 'input' })), [{ text: A }, { text: B }]);
  assert.deepEqual(await collect(dedup([a, b, a])), [a, b]);
});

test('dedup(stream, {by: "input"}) keeps all of 200k distinct texts', async () => {
  let n = 0;
  for await (const _ of dedup((function* () {
    for (let i = 0; i < 200_000; i++) yield { text: `Book a table for ${(i % 9) + 2} at restaurant number ${i}` };
  })(), { by: 'input' })) n++;
  assert.equal(n, 200_000);
});

test('dedup(stream) is lazy and rejects bad options and non-objects', async () => {
  const c = counting(tasks);
  const it = dedup(c.source);
  await it.next();
  assert.equal(c.reads, 1);
  await it.return?.();
  assert.equal(c.closed, true);
  await assert.rejects(collect(dedup(tasks, { by: 'text' as 'task' })), /E007.*"by" must be 'input' or 'task'/);
  await assert.rejects(collect(dedup([{ text: 'a' }, 3 as unknown as object])), /E002.*example 1.*expected an object, got number/);
});
