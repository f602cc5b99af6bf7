import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, Rng, Dense, Relu, chain, residual, concatenate, withPadding, WindowConv, disposeLayer, type Ragged, type Padded } from '../../lib/engine';
import { BACKENDS, use, rand, assertClose } from './helpers';

for (const backend of BACKENDS) {
  test(`chain infers each layer's nI from the previous one's output on ${backend}`, async () => {
    await use(backend);
    const model = chain(Dense({ nO: 7 }), Relu({ nO: 3 }), Dense({ nO: 2 }));
    tf.tidy(() => model.initialize(rand([4, 5], 1), new Rng(0)));
    assert.deepEqual(
      model.layers.map((l) => [l.dims.nI, l.dims.nO]),
      [
        [5, 7],
        [7, 3],
        [3, 2],
      ],
    );
    assert.equal(model.dims.nO, 2);
    disposeLayer(model);
  });

  test(`residual(layer) returns x + layer(x) on ${backend}`, async () => {
    await use(backend);
    const inner = Dense({ nO: 4 });
    const model = residual(inner);
    const rng = new Rng(0);
    tf.tidy(() => {
      const x = rand([3, 4], 2);
      model.initialize(x, rng);
      const expected = tf.add(x, inner.forward(x, { isTrain: false, rng }));
      assertClose(model.forward(x, { isTrain: false, rng }).dataSync(), expected.dataSync(), 1e-6, 1e-6, 'residual');
    });
    disposeLayer(model);
  });

  test(`residual refuses a layer that changes the width on ${backend}`, async () => {
    await use(backend);
    const model = residual(Dense({ nO: 3 }));
    const x = rand([2, 4], 3);
    assert.throws(() => model.initialize(x, new Rng(0)), /\[E303\].*residual: layer 'dense' has nO=3 but its input has width 4/);
    disposeLayer(model);
    x.dispose();
  });

  test(`concatenate joins outputs on the last axis on ${backend}`, async () => {
    await use(backend);
    const a = Dense({ nO: 2 });
    const b = Dense({ nO: 3 });
    const model = concatenate(a, b);
    const rng = new Rng(0);
    tf.tidy(() => {
      const x = rand([4, 5], 4);
      model.initialize(x, rng);
      assert.equal(model.dims.nO, 5);
      const y = model.forward(x, { isTrain: false, rng });
      const expected = tf.concat([a.forward(x, { isTrain: false, rng }), b.forward(x, { isTrain: false, rng })], 1);
      assert.deepEqual(Array.from(y.dataSync()), Array.from(expected.dataSync()));
    });
    disposeLayer(model);
  });

  test(`withPadding(layer) on Ragged equals the same convolution run ragged on ${backend}`, async () => {
    await use(backend);
    const conv = WindowConv<Padded>({ nO: 3 });
    const model = withPadding(conv);
    const direct = WindowConv<Ragged>({ nO: 3 });
    const rng = new Rng(0);
    tf.tidy(() => {
      const x: Ragged = { data: rand([6, 2], 5) as tf.Tensor2D, lengths: [2, 4] };
      model.initialize(x, rng);
      direct.initialize(x, rng);
      direct.params.W.assign(conv.params.W);
      direct.params.b.assign(conv.params.b);
      const y = model.forward(x, { isTrain: false, rng });
      assert.deepEqual(y.lengths, [2, 4]);
      assertClose(y.data.dataSync(), direct.forward(x, { isTrain: false, rng }).data.dataSync(), 1e-5, 1e-5, 'withPadding');
    });
    disposeLayer(model);
    disposeLayer(direct);
  });
}

test('chain() and concatenate() need at least one layer', () => {
  assert.throws(() => chain(), /\[E007\].*chain: needs at least one layer/);
  assert.throws(() => concatenate(), /concatenate: needs at least one layer/);
});
