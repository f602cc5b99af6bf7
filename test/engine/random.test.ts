import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../lib/engine';

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.next());

test('Rng(seed) repeats its stream for the same seed and differs for another', () => {
  assert.deepEqual(draw(new Rng(42), 20), draw(new Rng(42), 20));
  assert.notDeepEqual(draw(new Rng(42), 20), draw(new Rng(43), 20));
  assert.notDeepEqual(draw(new Rng(0), 5), draw(new Rng(1), 5));
});

test('Rng.next() is uniform in [0, 1)', () => {
  const xs = draw(new Rng(7), 20000);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.01, `mean ${mean}`);
  const bins = new Array(10).fill(0);
  xs.forEach((x) => bins[Math.floor(x * 10)]++);
  assert.ok(bins.every((b) => Math.abs(b - 2000) < 200), `bins ${bins}`);
});

test('Rng.int(n) covers 0..n-1 only', () => {
  const rng = new Rng(3);
  const seen = new Set(Array.from({ length: 1000 }, () => rng.int(6)));
  assert.deepEqual([...seen].sort(), [0, 1, 2, 3, 4, 5]);
});

test('Rng.normal() has mean 0 and standard deviation 1', () => {
  const rng = new Rng(5);
  const xs = Array.from({ length: 20000 }, () => rng.normal());
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
  assert.ok(Math.abs(mean) < 0.03, `mean ${mean}`);
  assert.ok(Math.abs(sd - 1) < 0.03, `sd ${sd}`);
});

test('Rng.shuffle(a) permutes in place, returns a, and is seeded', () => {
  const a = Array.from({ length: 30 }, (_, i) => i);
  const out = new Rng(9).shuffle(a);
  assert.equal(out, a);
  assert.deepEqual([...a].sort((x, y) => x - y), Array.from({ length: 30 }, (_, i) => i));
  assert.notDeepEqual(a, Array.from({ length: 30 }, (_, i) => i));
  assert.deepEqual(new Rng(9).shuffle(Array.from({ length: 30 }, (_, i) => i)), a);
});

test('Rng.fork(salt) depends on seed and salt only, not on numbers drawn', () => {
  const a = new Rng(11);
  const b = new Rng(11);
  draw(b, 100);
  assert.deepEqual(draw(a.fork('embed'), 10), draw(b.fork('embed'), 10));
  assert.notDeepEqual(draw(a.fork('embed'), 10), draw(a.fork('cnn'), 10));
  assert.notDeepEqual(draw(a.fork(0), 10), draw(a.fork(1), 10));
  assert.notDeepEqual(draw(a.fork(0), 10), draw(new Rng(12).fork(0), 10));
  assert.notDeepEqual(draw(a.fork(0), 10), draw(a, 10));
});

test('Rng rejects a non-finite seed', () => {
  assert.throws(() => new Rng(NaN), /seed must be a finite number/);
});
