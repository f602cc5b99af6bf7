import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, Rng, Dropout, type Ragged } from '../../lib/engine';
import { BACKENDS, use } from './helpers';

for (const backend of BACKENDS) {
  test(`Dropout(rate): identity at inference, inverted scaling and seeded masks in training, on ${backend}`, async () => {
    await use(backend);
    const layer = Dropout(0.25);
    tf.tidy(() => {
      const x = tf.ones([200, 50]) as tf.Tensor2D;
      assert.equal(layer.forward(x, { isTrain: false, rng: new Rng(0) }), x);
      const y = layer.forward(x, { isTrain: true, rng: new Rng(1) }).dataSync();
      const kept = Array.from(y).filter((v) => v !== 0);
      assert.ok(kept.every((v) => Math.abs(v - 1 / 0.75) < 1e-6), 'kept units scaled by 1/(1-rate)');
      const dropped = 1 - kept.length / y.length;
      assert.ok(Math.abs(dropped - 0.25) < 0.02, `dropped ${dropped}`);
      assert.deepEqual(Array.from(layer.forward(x, { isTrain: true, rng: new Rng(1) }).dataSync()), Array.from(y), 'same seed, same mask');
      assert.notDeepEqual(Array.from(layer.forward(x, { isTrain: true, rng: new Rng(2) }).dataSync()), Array.from(y));
    });
  });

  test(`Dropout keeps a Ragged batch's lengths on ${backend}`, async () => {
    await use(backend);
    tf.tidy(() => {
      const r: Ragged = { data: tf.ones([5, 4]) as tf.Tensor2D, lengths: [2, 3] };
      const y = Dropout<Ragged>(0.5).forward(r, { isTrain: true, rng: new Rng(0) });
      assert.deepEqual(y.lengths, [2, 3]);
      assert.deepEqual(y.data.shape, [5, 4]);
    });
  });
}

test('Dropout rejects a rate outside [0, 1)', () => {
  assert.throws(() => Dropout(1), /\[E007\].*rate must be in \[0, 1\), got 1/);
  assert.throws(() => Dropout(-0.1), /rate must be in/);
});
