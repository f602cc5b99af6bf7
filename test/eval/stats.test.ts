import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanCI, normalCdf, pairedTTest, tCdf, tQuantile } from '../../lib/eval/stats';
import { close } from './helpers';

test('tQuantile(0.975, df) matches t tables to 1e-3', () => {
  close(tQuantile(0.975, 1), 12.706, 1e-3);
  close(tQuantile(0.975, 2), 4.303, 1e-3);
  close(tQuantile(0.975, 4), 2.776, 1e-3);
  close(tQuantile(0.975, 30), 2.042, 1e-3);
  close(tQuantile(0.975, 1000), 1.962, 1e-3);
  close(tQuantile(0.975, Infinity), 1.96, 1e-3);
  close(tQuantile(0.995, 9), 3.25, 1e-3);
  close(tQuantile(0.025, 4), -2.776, 1e-3);
  assert.equal(tQuantile(0.5, 7), 0);
});

test('tCdf inverts tQuantile and matches reference values', () => {
  for (const df of [1, 2, 3, 5, 10, 40]) for (const p of [0.6, 0.9, 0.99]) close(tCdf(tQuantile(p, df), df), p, 1e-9);
  close(tCdf(-1.3, 7.5), 0.11606338940780439, 1e-9); // scipy.stats.t.cdf(-1.3, 7.5)
  close(tCdf(0, 3), 0.5);
  close(normalCdf(1.96), 0.975, 1e-4);
});

test('meanCI(values): Student t interval', () => {
  const ci = meanCI([1, 2, 3]);
  assert.equal(ci.mean, 2);
  assert.equal(ci.std, 1);
  close(ci.low, 2 - 4.30265273 / Math.sqrt(3), 1e-6);
  close(ci.high, 2 + 4.30265273 / Math.sqrt(3), 1e-6);
  assert.equal(ci.n, 3);
  const wide = meanCI([1, 2, 3], { confidence: 0.99 });
  assert.ok(wide.high! > ci.high!);
});

test('meanCI with one value has no interval (null bounds); with none no mean', () => {
  assert.deepEqual(meanCI([0.8]), { mean: 0.8, low: null, high: null, std: null, n: 1 });
  assert.deepEqual(meanCI([]), { mean: null, low: null, high: null, std: null, n: 0 });
  assert.throws(() => meanCI([1, NaN]), /\[E007\].*example 1/);
});

test('pairedTTest(a, b): p matches scipy; zero variance; too few pairs', () => {
  const r = pairedTTest([1, 2, 3, 4], [2, 2, 5, 5]);
  assert.equal(r.diff, 1);
  close(r.t, 2.449489742783178, 1e-9);
  close(r.pValue, 0.09172111331157186, 1e-9); // scipy.stats.ttest_rel
  assert.equal(pairedTTest([1, 2], [1, 2]).pValue, 1);
  assert.equal(pairedTTest([1, 2], [2, 3]).pValue, 0);
  assert.equal(pairedTTest([1], [2]).pValue, null);
});
