import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dropout, dropoutMask, init, Rng, tf } from '../../lib/engine';


test('dropoutMask(n, rate, rng) zeroes about `rate` of the units and scales the rest by 1/(1−rate)', () => {
  const n = 200_000;
  for (const rate of [0.1, 0.5]) {
    const mask = dropoutMask(n, rate, new Rng(3));
    let zeros = 0;
    for (const v of mask) {
      if (v === 0) zeros++;
      else assert.equal(v, Math.fround(1 / (1 - rate)));
    }
    // Binomial sd at n = 200k is ≤ 0.0012: 5 sd bounds.
    assert.ok(Math.abs(zeros / n - rate) < 0.006, `rate ${rate}: ${zeros / n}`);
  }
  assert.deepEqual(dropoutMask(100, 0.3, new Rng(9)), dropoutMask(100, 0.3, new Rng(9)), 'same seed, same mask');
  assert.notDeepEqual(dropoutMask(100, 0.3, new Rng(9)), dropoutMask(100, 0.3, new Rng(10)), 'another seed, another mask');
});

test('Dropout keeps the expectation, passes gradients through kept units only, and is the identity at inference', async () => {
  await init();
  const layer = Dropout(0.25);
  const x = tf.ones([400, 50]) as tf.Tensor2D;
  layer.initialize(x, new Rng(1));
  const y = layer.forward(x, { isTrain: true, rng: new Rng(2) }) as tf.Tensor2D;
  const values = Array.from(y.dataSync());
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  assert.ok(Math.abs(mean - 1) < 0.03, `mean ${mean}`);
  const g = tf.grad((v: tf.Tensor) => tf.sum(layer.forward(v as tf.Tensor2D, { isTrain: true, rng: new Rng(2) }) as tf.Tensor))(x).dataSync();
  for (let i = 0; i < values.length; i++) assert.equal(g[i], values[i], `grad[${i}] equals the mask`);
  const z = layer.forward(x, { isTrain: false, rng: new Rng(2) }) as tf.Tensor2D;
  assert.equal(z, x);
});
