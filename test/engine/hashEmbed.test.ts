import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, Rng, HashEmbed, MultiHashEmbed, hashRowIds, collectParams, disposeLayer, type HashKeys } from '../../lib/engine';
import { BACKENDS, use } from './helpers';

const rows = [50, 20, 30];

test('hashRowIds: nHashes ids per (token, attribute), each inside its attribute block', () => {
  const x: HashKeys = { keys: Int32Array.from({ length: 40 * 3 }, (_, i) => i * 2654435761), nTokens: 40, nAttrs: 3 };
  const ids = hashRowIds(x, rows, 7, 4);
  assert.equal(ids.length, 40 * 3 * 4);
  const starts = [0, 50, 70];
  ids.forEach((id, j) => {
    const a = Math.floor(j / 4) % 3;
    assert.ok(id >= starts[a] && id < starts[a] + rows[a], `id ${id} of attribute ${a}`);
  });
  // The hash functions differ: a key rarely gets the same row from all four.
  let allSame = 0;
  for (let j = 0; j < ids.length; j += 4) if (ids[j] === ids[j + 1] && ids[j] === ids[j + 2] && ids[j] === ids[j + 3]) allSame++;
  assert.ok(allSame < 3);
  assert.notDeepEqual(Array.from(hashRowIds(x, rows, 8, 4)), Array.from(ids), 'the seed changes the functions');
});

test('HashEmbed rejects bad options and inputs, naming the field', () => {
  assert.throws(() => HashEmbed({ nO: 4, rows: [] }), /\[E007\].*field "rows".*non-empty array/);
  assert.throws(() => HashEmbed({ nO: 4, rows: [10], nHashes: 0 }), /nHashes must be a positive integer/);
  const layer = HashEmbed({ nO: 4, rows: [10, 10] });
  assert.throws(
    () => layer.initialize({ keys: new Int32Array(6), nTokens: 3, nAttrs: 3 }, new Rng(0)),
    /\[E303\].*built for 2 attributes, input has nAttrs=3/,
  );
  assert.throws(() => layer.initialize({ keys: new Int32Array(5), nTokens: 3, nAttrs: 2 }, new Rng(0)), /keys has 5 entries, expected nTokens·nAttrs = 3·2/);
});

for (const backend of BACKENDS) {
  test(`HashEmbed: equal keys give equal vectors, the output is the sum of the hashed rows, on ${backend}`, async () => {
    await use(backend);
    const layer = HashEmbed({ nO: 3, rows });
    const x: HashKeys = { keys: Int32Array.from([11, 22, 33, 44, 55, 66, 11, 22, 33]), nTokens: 3, nAttrs: 3 };
    const rng = new Rng(0);
    layer.initialize(x, rng);
    tf.tidy(() => {
      const y = layer.forward(x, { isTrain: false, rng }).arraySync() as number[][];
      assert.deepEqual(y[2], y[0]);
      assert.notDeepEqual(y[1], y[0]);
      const E = layer.params.E.arraySync() as number[][];
      const ids = hashRowIds(x, rows, 7, 4);
      const expected = [0, 1, 2].map((d) => ids.slice(4, 8).reduce((s, id) => s + E[id][d], 0)); // token 0, attribute 1
      expected.forEach((v, d) => assert.ok(Math.abs(y[0][3 + d] - v) < 1e-6));
    });
    disposeLayer(layer);
  });

  test(`HashEmbed: the table gradient touches only the hashed rows on ${backend}`, async () => {
    await use(backend);
    const layer = HashEmbed({ nO: 2, rows: [40] });
    const x: HashKeys = { keys: Int32Array.from([5, 6]), nTokens: 2, nAttrs: 1 };
    const rng = new Rng(0);
    layer.initialize(x, rng);
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.sum(layer.forward(x, { isTrain: true, rng })) as tf.Scalar, [layer.params.E]);
      const g = grads[layer.params.E.name].arraySync() as number[][];
      const ids = new Set(hashRowIds(x, [40], 7, 4));
      g.forEach((row, r) => assert.equal(row[0] !== 0, ids.has(r), `row ${r}`));
    });
    disposeLayer(layer);
  });

  test(`MultiHashEmbed mixes to width and is seeded on ${backend}`, async () => {
    await use(backend);
    const x: HashKeys = { keys: Int32Array.from({ length: 12 }, (_, i) => i * 31), nTokens: 3, nAttrs: 4 };
    const out = (seed: number) => {
      const layer = MultiHashEmbed({ width: 5, rows: [10, 10, 10, 10] });
      layer.initialize(x, new Rng(seed));
      assert.equal(layer.dims.nO, 5);
      assert.equal(collectParams(layer).size, 5);
      const y = tf.tidy(() => layer.forward(x, { isTrain: false, rng: new Rng(0) }).arraySync());
      disposeLayer(layer);
      return y;
    };
    const a = out(1);
    assert.equal(a.length, 3);
    assert.equal(a[0].length, 5);
    assert.deepEqual(out(1), a);
    assert.notDeepEqual(out(2), a);
  });
}
