import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, SelfAttention, Rng } from '../../lib/engine';
import { use, rand } from './helpers';

test('SelfAttention: width kept, params shaped, gradients reach every param, deterministic for a seed', async () => {
  await use('cpu');
  const x = { data: rand([7, 8], 1), lengths: [4, 3] };
  const build = () => {
    const layer = SelfAttention({ heads: 2 });
    layer.initialize(x, new Rng(5));
    return layer;
  };
  const layer = build();
  assert.deepEqual(
    Object.fromEntries(Object.entries(layer.params).map(([k, v]) => [k, v.shape])),
    { Wqkv: [8, 24], bqkv: [24], Wo: [8, 8], bo: [8] },
  );
  const y = layer.forward(x, { isTrain: true, rng: new Rng(1) });
  assert.deepEqual(y.data.shape, [7, 8]);
  assert.deepEqual(y.lengths, [4, 3]);
  const { grads } = tf.variableGrads(() => tf.sum(tf.square(layer.forward(x, { isTrain: true, rng: new Rng(1) }).data)) as tf.Scalar);
  for (const [name, g] of Object.entries(grads)) assert.ok(tf.max(tf.abs(g)).dataSync()[0] > 0, `gradient of ${name} is zero`);
  const again = build().forward(x, { isTrain: false, rng: new Rng(1) });
  assert.deepEqual(again.data.arraySync(), layer.forward(x, { isTrain: false, rng: new Rng(1) }).data.arraySync());
});

test('SelfAttention refuses a width that is not a multiple of the heads, and bad head counts', () => {
  assert.throws(() => SelfAttention({ heads: 0 }), /heads must be a positive integer/);
  const layer = SelfAttention({ heads: 3 });
  assert.throws(() => layer.initialize({ data: rand([2, 8], 1), lengths: [2] }, new Rng(0)), /width 8 is not a multiple of heads 3/);
});
