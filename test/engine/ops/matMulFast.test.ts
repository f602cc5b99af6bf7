import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, matMulFast, matMulTransposeA, matMulTransposeB, customOp } from '../../../lib/engine';
import { BACKENDS, use, rand, checkGradients, assertClose } from '../helpers';

for (const backend of BACKENDS) {
  test(`matMulFast(a, b) gradients match autodiff and finite differences on ${backend}`, async () => {
    await use(backend);
    checkGradients((a, b) => matMulFast(a as tf.Tensor2D, b as tf.Tensor2D), (a, b) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D), [
      rand([5, 4], 1),
      rand([4, 3], 2),
    ]);
  });

  test(`matMulTransposeA/B equal the transposed products, either transpose order, on ${backend}`, async () => {
    await use(backend);
    tf.tidy(() => {
      for (const [n, i, o] of [
        [6, 2, 5],
        [6, 5, 2],
      ]) {
        const a = rand([n, i], 3) as tf.Tensor2D;
        const b = rand([n, o], 4) as tf.Tensor2D;
        assertClose(matMulTransposeA(a, b).dataSync(), tf.matMul(a, b, true, false).dataSync(), 1e-6, 1e-5, 'aᵀb');
        const c = rand([o, i], 5) as tf.Tensor2D;
        assertClose(matMulTransposeB(a, c).dataSync(), tf.matMul(a, c, false, true).dataSync(), 1e-6, 1e-5, 'acᵀ');
      }
    });
  });
}

test('checkGradients catches a wrong gradient (the checker can fail)', async () => {
  await use('cpu');
  const wrong = customOp<tf.Tensor2D>(([a, b]) => ({
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy) => [tf.matMul(dy, tf.transpose(b)), tf.mul(tf.matMul(tf.transpose(a), dy), 1.01)],
  }));
  assert.throws(
    () => checkGradients(wrong, (a, b) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D), [rand([5, 4], 1), rand([4, 3], 2)]),
    /gradient of input 1 vs autodiff/,
  );
});
