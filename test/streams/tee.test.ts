import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tee } from '../../lib/streams/tee';
import { collect } from '../../lib/streams/iter';
import { counting, range } from './counting';

test('tee(source) gives two branches with every item in order', async () => {
  const [a, b] = tee([1, 2, 3]);
  assert.deepEqual(await collect(a), [1, 2, 3]);
  assert.deepEqual(await collect(b), [1, 2, 3]);
});

test('tee(source, n) reads each item once when branches run concurrently', async () => {
  const c = counting(range(500));
  const branches = tee(c.source, 3);
  const results = await Promise.all(branches.map((b) => collect(b)));
  for (const r of results) assert.deepEqual(r, range(500));
  assert.equal(c.reads, 500);
  assert.equal(branches.readCount, 500);
  assert.equal(branches.bufferedCount, 0);
});

test('tee(source) buffers only the lag between branches', async () => {
  const c = counting(range(10_000));
  const branches = tee(c.source, 2);
  const [fast, slow] = branches;
  const fastIt = fast[Symbol.asyncIterator]();
  const slowIt = slow[Symbol.asyncIterator]();
  let maxBuffered = 0;
  // The fast branch stays 50 items ahead of the slow one over the whole stream.
  for (let i = 0; i < 50; i++) await fastIt.next();
  assert.equal(branches.bufferedCount, 50);
  for (let i = 0; i < 9_950; i++) {
    assert.equal((await fastIt.next()).value, i + 50);
    maxBuffered = Math.max(maxBuffered, branches.bufferedCount);
    assert.equal((await slowIt.next()).value, i);
    maxBuffered = Math.max(maxBuffered, branches.bufferedCount);
  }
  assert.equal(maxBuffered, 51);
  assert.equal(c.reads, 10_000);
  for (let i = 0; i < 50; i++) await slowIt.next();
  assert.equal(branches.bufferedCount, 0);
  assert.equal((await fastIt.next()).done, true);
  assert.equal((await slowIt.next()).done, true);
});

test('tee(source) lets branches run one after another (the lagging one gets the buffer)', async () => {
  const c = counting(range(100));
  const branches = tee(c.source, 2);
  assert.deepEqual(await collect(branches[0]), range(100));
  assert.equal(branches.bufferedCount, 100);
  assert.deepEqual(await collect(branches[1]), range(100));
  assert.equal(branches.bufferedCount, 0);
  assert.equal(c.reads, 100);
});

test('tee(source) stops holding items for a branch that returned early', async () => {
  const c = counting(range(1000));
  const branches = tee(c.source, 2);
  for await (const x of branches[1]) if (x === 2) break;
  assert.deepEqual(await collect(branches[0]), range(1000));
  assert.equal(branches.bufferedCount, 0);
  assert.equal(c.reads, 1000);
});

test('tee(source) closes the source when every branch returned early', async () => {
  const c = counting(range(1000));
  const [a, b] = tee(c.source, 2);
  for await (const x of a) if (x === 5) break;
  for await (const x of b) if (x === 1) break;
  await new Promise((r) => setImmediate(r));
  assert.equal(c.closed, true);
  assert.equal(c.reads, 6);
});

test('tee(failing source) raises the error in every branch after the same items', async () => {
  const c = counting(range(10), { failAt: 4 });
  const branches = tee(c.source, 3);
  const outcomes = await Promise.all(
    branches.map(async (b) => {
      const seen: number[] = [];
      try {
        for await (const x of b) seen.push(x);
        return { seen, error: undefined };
      } catch (err) {
        return { seen, error: (err as Error).message };
      }
    }),
  );
  for (const o of outcomes) assert.deepEqual(o, { seen: [0, 1, 2, 3], error: 'boom at 4' });
  // Sequential consumption sees the same position.
  const d = counting(range(10), { failAt: 2 });
  const [x, y] = tee(d.source);
  await assert.rejects(collect(x), /boom at 2/);
  const seen: number[] = [];
  await assert.rejects(async () => {
    for await (const v of y) seen.push(v);
  }, /boom at 2/);
  assert.deepEqual(seen, [0, 1]);
});

test('tee(source, n) rejects a bad n', () => {
  assert.throws(() => tee([1], 0), /E007.*n must be an integer >= 1/);
});

test('tee(source) lets the garbage collector free items every branch has passed', async () => {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const refs: WeakRef<object>[] = [];
  function* objects() {
    for (let i = 0; i < 200; i++) {
      const o = { i, payload: new Array(100).fill(i) };
      refs.push(new WeakRef(o));
      yield o;
    }
  }
  const [a, b] = tee(objects());
  const ai = a[Symbol.asyncIterator]();
  const bi = b[Symbol.asyncIterator]();
  for (let i = 0; i < 150; i++) await ai.next();
  for (let i = 0; i < 100; i++) await bi.next();
  await new Promise((r) => setImmediate(r));
  gc();
  await new Promise((r) => setImmediate(r));
  gc();
  const alive = refs.map((r) => r.deref() !== undefined);
  // Items 0..98 were passed by both branches (99 may still sit in a local of the last call).
  assert.equal(alive.slice(0, 99).filter(Boolean).length, 0, 'passed items are freed');
  assert.equal(alive.slice(100, 150).every(Boolean), true, 'items the slow branch still needs are kept');
});
