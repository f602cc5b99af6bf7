import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, tf, Rng } from '../../../lib/engine';
import { broadcastToTokens, maxPool, meanMaxPool, meanPool } from '../../../lib/models/heads/pooling';

// The JavaScript custom ops against plain tf references (per-text slices), values and gradients.
const lengths = [3, 0, 1, 4];
const n = 8;
const d = 5;

function data(seed: number): tf.Tensor2D {
  const rng = new Rng(seed);
  return tf.tensor2d(Float32Array.from({ length: n * d }, () => rng.normal()), [n, d]);
}

function perText(x: tf.Tensor2D, f: (rows: tf.Tensor2D) => tf.Tensor1D): tf.Tensor2D {
  let offset = 0;
  const rows = lengths.map((len) => {
    const r = len === 0 ? tf.zeros([f(tf.zeros([1, d])).shape[0]]) : f(tf.slice(x, [offset, 0], [len, d]) as tf.Tensor2D);
    offset += len;
    return r;
  });
  return tf.stack(rows) as tf.Tensor2D;
}

function close(a: tf.Tensor, b: tf.Tensor, what: string): void {
  const x = a.dataSync();
  const y = b.dataSync();
  assert.equal(x.length, y.length, what);
  for (let i = 0; i < x.length; i++) assert.ok(Math.abs(x[i] - y[i]) < 1e-5, `${what}[${i}]: ${x[i]} vs ${y[i]}`);
}

test('meanPool, maxPool and meanMaxPool match per-text tf.mean / tf.max, values and gradients (empty texts give 0)', async () => {
  await init();
  const x = data(1);
  const weights = (width: number) => tf.tensor2d(Float32Array.from({ length: lengths.length * width }, (_, i) => (i % 7) - 3), [lengths.length, width]);
  for (const [name, op, ref] of [
    ['meanPool', meanPool, (r: tf.Tensor2D) => tf.mean(r, 0) as tf.Tensor1D],
    ['maxPool', maxPool, (r: tf.Tensor2D) => tf.max(r, 0) as tf.Tensor1D],
    ['meanMaxPool', meanMaxPool, (r: tf.Tensor2D) => tf.concat([tf.mean(r, 0), tf.max(r, 0)]) as tf.Tensor1D],
  ] as const) {
    close(op({ data: x, lengths }), perText(x, ref), name);
    const w = weights(op({ data: x, lengths }).shape[1]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(op({ data: v as tf.Tensor2D, lengths }), w)))(x);
    const gRef = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(perText(v as tf.Tensor2D, ref), w)))(x);
    close(g, gRef, `${name} gradient`);
  }
});

test('meanMaxPool gives bit-identical values with and without a gradient tape (float32 sums in token order); ties send the gradient to the first max', async () => {
  await init();
  const x = data(2);
  const outside = meanMaxPool({ data: x, lengths }).dataSync();
  let inside: Float32Array | undefined;
  tf.grad((v: tf.Tensor) => {
    const y = meanMaxPool({ data: v as tf.Tensor2D, lengths });
    inside = y.dataSync() as Float32Array;
    return tf.sum(y);
  })(x);
  assert.deepEqual(Array.from(inside!), Array.from(outside));
  // Reference: float32 accumulation token by token, as a Float32Array row would round it.
  const v = x.dataSync();
  const acc = new Float32Array(1);
  let offset = 0;
  lengths.forEach((len, b) => {
    for (let k = 0; k < d; k++) {
      if (len === 0) {
        assert.equal(outside[b * 2 * d + k], 0);
        continue;
      }
      acc[0] = v[offset * d + k];
      let top = v[offset * d + k];
      for (let t = offset + 1; t < offset + len; t++) {
        acc[0] += v[t * d + k];
        top = Math.max(top, v[t * d + k]);
      }
      acc[0] /= len;
      assert.equal(outside[b * 2 * d + k], acc[0], `mean[${b}][${k}]`);
      assert.equal(outside[b * 2 * d + d + k], top, `max[${b}][${k}]`);
    }
    offset += len;
  });
  const tie = tf.tensor2d([1, 2, 1, 2, 0, 2], [3, 2]);
  const g = tf.grad((u: tf.Tensor) => tf.sum(maxPool({ data: u as tf.Tensor2D, lengths: [3] })))(tie);
  assert.deepEqual(Array.from(g.dataSync()), [1, 1, 0, 0, 0, 0]);
});

test('broadcastToTokens(rows, lengths) copies each text row to its tokens; gradient sums them', async () => {
  await init();
  const rows = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]);
  const out = broadcastToTokens(rows, lengths);
  assert.deepEqual(Array.from(out.dataSync()), [1, 2, 1, 2, 1, 2, 5, 6, 7, 8, 7, 8, 7, 8, 7, 8]);
  const w = tf.tensor2d(Float32Array.from({ length: n * 2 }, (_, i) => i), [n, 2]);
  const g = tf.grad((r: tf.Tensor) => tf.sum(tf.mul(broadcastToTokens(r as tf.Tensor2D, lengths), w)))(rows);
  // text 0: tokens 0-2 → (0+2+4, 1+3+5); text 1: none; text 2: token 3; text 3: tokens 4-7.
  assert.deepEqual(Array.from(g.dataSync()), [6, 9, 0, 0, 6, 7, 8 + 10 + 12 + 14, 9 + 11 + 13 + 15]);
});
