import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng, glorotUniform, uniform, normal, zeros, Maxout, tf, disposeLayer } from '../../lib/engine';
import { BACKENDS, use } from './helpers';

for (const backend of BACKENDS) {
  test(`seeded initialisers: same seed gives identical weights, another seed different ones, on ${backend}`, async () => {
    await use(backend);
    tf.tidy(() => {
      for (const make of [(r: Rng) => glorotUniform([6, 4], r), (r: Rng) => uniform([6, 4], 0.1, r), (r: Rng) => normal([6, 4], 0.5, r)]) {
        const a = make(new Rng(1)).dataSync();
        assert.deepEqual(Array.from(make(new Rng(1)).dataSync()), Array.from(a));
        assert.notDeepEqual(Array.from(make(new Rng(2)).dataSync()), Array.from(a));
      }
    });
  });

  test(`layer initialisation is seeded: identical Maxout weights for one seed on ${backend}`, async () => {
    await use(backend);
    const x = tf.zeros([2, 5]) as tf.Tensor2D;
    const [a, b, c] = [1, 1, 2].map((seed) => {
      const layer = Maxout({ nO: 3 });
      layer.initialize(x, new Rng(seed));
      const w = Array.from(layer.params.W.dataSync());
      disposeLayer(layer);
      return w;
    });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    x.dispose();
  });
}

test('glorotUniform stays within ±√(6/(fanIn+fanOut)) and fills the range', async () => {
  await use('cpu');
  const w = glorotUniform([40, 20], new Rng(3));
  const values = Array.from(w.dataSync());
  const limit = Math.sqrt(6 / 60);
  assert.ok(values.every((v) => Math.abs(v) <= limit));
  assert.ok(Math.max(...values.map(Math.abs)) > 0.95 * limit);
  w.dispose();
});

test('normal(shape, std) has the requested spread; zeros are zeros', async () => {
  await use('cpu');
  tf.tidy(() => {
    const { variance } = tf.moments(normal([100, 100], 0.5, new Rng(4)));
    assert.ok(Math.abs(Math.sqrt(variance.dataSync()[0]) - 0.5) < 0.01);
    assert.deepEqual(Array.from(zeros([2, 2]).dataSync()), [0, 0, 0, 0]);
  });
});
