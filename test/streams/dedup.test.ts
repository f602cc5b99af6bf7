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

test('dedup(stream) trusts existing hashes', async () => {
  const a = { ...setHashes({ text: 'x' }), _task_hash: 1 };
  const b = { ...setHashes({ text: 'y' }), _task_hash: 1 };
  assert.deepEqual(await collect(dedup([a, b])), [a]);
  assert.deepEqual(await collect(dedup([a, b], { by: 'input' })), [a, b]);
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
