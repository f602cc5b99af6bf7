import { test } from 'node:test';
import assert from 'node:assert/strict';
import { murmurhash3_32, inputHash, taskHash, setHashes, canonicalJson } from '../../lib/data/hashes';

test('murmurhash3_32(str, seed) matches the reference MurmurHash3 x86_32 vectors (signed)', () => {
  const u = (s: string, seed?: number) => murmurhash3_32(s, seed) >>> 0;
  assert.equal(u(''), 0);
  assert.equal(u('', 1), 0x514e28b7);
  assert.equal(u('hello'), 0x248bfa47);
  assert.equal(u('Hello, world!', 1234), 0xfaf6cdb3);
  assert.equal(u('The quick brown fox jumps over the lazy dog'), 0x2e4ff723);
  assert.equal(murmurhash3_32('foo'), -156908512); // Python: mmh3.hash("foo")
});

test('murmurhash3_32(str) hashes the UTF-8 bytes of non-ASCII text', () => {
  // Reference values from a byte-level Python implementation over s.encode("utf-8").
  assert.equal(murmurhash3_32('ü') >>> 0, 0x7840e6aa);
  assert.equal(murmurhash3_32('€') >>> 0, 0x5b43fca5);
  assert.equal(murmurhash3_32('😀') >>> 0, 0xbeb42efa);
  assert.equal(murmurhash3_32('aaaa😀') >>> 0, 0x866864f8);
  assert.equal(murmurhash3_32('abcdé') >>> 0, 0xe4012811);
  // A lone surrogate hashes as U+FFFD, like TextEncoder.
  assert.equal(murmurhash3_32('a\ud800'), murmurhash3_32('a\ufffd'));
  // Long strings grow the scratch buffer and still agree with a plain UTF-8 encoding.
  const long = 'ä'.repeat(1000);
  assert.equal(murmurhash3_32(long), murmurhash3_32(long.slice(0, 500) + long.slice(500)));
  assert.notEqual(murmurhash3_32(long), murmurhash3_32(long.slice(1)));
});

test('canonicalJson(value) sorts keys at every level and drops undefined', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } }), '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
});

test('inputHash(task) is pinned, signed 32-bit and independent of key order and other keys', () => {
  assert.equal(inputHash({ text: 'hello' }), -1669091830);
  assert.equal(inputHash({ meta: { a: 1 }, text: 'hello', label: 'X' }), -1669091830);
  assert.equal(inputHash({ text: 'hello', image: 'x.png' }), inputHash({ image: 'x.png', text: 'hello' }));
  assert.notEqual(inputHash({ text: 'hello' }), inputHash({ text: 'hello!' }));
  assert.equal(inputHash({ text: 'hello', foo: 1 }, ['text', 'foo']), inputHash({ foo: 1, text: 'hello' }, ['foo', 'text']));
  const h = inputHash({ text: 'Ünïcode 😀' });
  assert.ok(Number.isInteger(h) && h >= -(2 ** 31) && h < 2 ** 31);
});

test('taskHash(task) combines input and spans/label/options; spans by start/end/label only', () => {
  const base = { text: 'Ada went to Paris', spans: [{ start: 0, end: 3, label: 'PER' }, { start: 12, end: 17, label: 'LOC' }] };
  const h = taskHash(base);
  assert.equal(h, taskHash({ ...base, spans: [{ label: 'LOC', end: 17, start: 12, token_start: 3, token_end: 3, text: 'Paris' }, { start: 0, end: 3, label: 'PER', score: 0.4 }] }));
  assert.notEqual(h, taskHash({ ...base, spans: [{ start: 0, end: 3, label: 'ORG' }, base.spans[1]] }));
  assert.notEqual(h, taskHash({ ...base, text: 'Ada went to Paris.' }));
  assert.notEqual(taskHash({ text: 'a', label: 'X' }), taskHash({ text: 'a', label: 'Y' }));
  assert.notEqual(taskHash({ text: 'a' }), inputHash({ text: 'a' }));
  assert.equal(taskHash({ text: 'hello' }), -485997801);
  assert.equal(taskHash({ text: 'hello', label: 'GREETING' }), taskHash({ label: 'GREETING', text: 'hello', answer: 'accept' }));
});

test('setHashes(task, opts) copies, keeps existing hashes unless overwrite, honours custom keys', () => {
  const task = { text: 'hello', spans: [{ start: 0, end: 5, label: 'X', token_start: 0 }] };
  const out = setHashes(task);
  assert.equal(out._input_hash, -1669091830);
  assert.equal(out._task_hash, 1390086420);
  assert.equal((task as Record<string, unknown>)._input_hash, undefined, 'input not mutated');
  const kept = setHashes({ ...task, _input_hash: 7, _task_hash: 8 });
  assert.deepEqual([kept._input_hash, kept._task_hash], [7, 8]);
  const over = setHashes({ ...task, _input_hash: 7, _task_hash: 8 }, { overwrite: true });
  assert.deepEqual([over._input_hash, over._task_hash], [out._input_hash, out._task_hash]);
  const custom = setHashes({ text: 'hello', question: 'q1' }, { inputKeys: ['text'], taskKeys: ['question'] });
  assert.notEqual(custom._task_hash, setHashes({ text: 'hello', question: 'q2' }, { taskKeys: ['question'] })._task_hash);
  assert.equal(custom._input_hash, out._input_hash);
});

test('contentHashes(task, by): hash is the Prodigy value (given or computed), content tells colliding texts apart', async () => {
  const { contentHashes } = await import('../../lib/data/hashes');
  const tasks = [
    { text: 'Paris 😀', label: 'X', spans: [{ start: 0, end: 5, label: 'LOC', token_start: 0 }] },
    { label: 'X', text: 'Paris 😀', spans: [{ end: 5, label: 'LOC', start: 0 }] },
    { text: 'x', options: [{ id: 'A' }], meta: { a: 1 } },
    { text: 'y', _input_hash: 5 },
    { text: 'y', _input_hash: 5, _task_hash: 9 },
  ];
  for (const t of tasks) {
    const h = setHashes(t);
    assert.equal(contentHashes(t, 'input').hash, h._input_hash);
    assert.equal(contentHashes(t, 'task').hash, h._task_hash);
  }
  assert.deepEqual(contentHashes(tasks[0], 'task'), contentHashes(tasks[1], 'task'));
  // A known colliding pair: one Prodigy hash, two content hashes.
  const [a, b] = [{ text: 'Book a table for 6 at restaurant number 69286' }, { text: 'Book a table for 2 at restaurant number 88983' }];
  for (const by of ['input', 'task'] as const) {
    assert.equal(contentHashes(a, by).hash, contentHashes(b, by).hash);
    assert.notEqual(contentHashes(a, by).content, contentHashes(b, by).content);
  }
});
