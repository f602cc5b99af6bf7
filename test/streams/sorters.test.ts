import { test } from 'node:test';
import assert from 'node:assert/strict';
import { preferUncertain, preferHighScores, preferLowScores } from '../../lib/streams/sorters';
import { collect } from '../../lib/streams/iter';
import { counting } from './counting';

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function scoredStream(n: number, seed: number): [number, number][] {
  const r = seeded(seed);
  return Array.from({ length: n }, (_, i) => [r(), i]);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

test('preferUncertain(scored, {algorithm: "probability", rng}) is deterministic and favours scores near 0.5', async () => {
  const data = scoredStream(4000, 1);
  const a = await collect(preferUncertain(data, { algorithm: 'probability', rng: seeded(7) }));
  const b = await collect(preferUncertain(data, { algorithm: 'probability', rng: seeded(7) }));
  const c = await collect(preferUncertain(data, { algorithm: 'probability' }));
  const d = await collect(preferUncertain(data, { algorithm: 'probability' }));
  assert.deepEqual(a, b);
  assert.deepEqual(c, d, 'default rng is seeded');
  assert.notDeepEqual(a, c);
  const unc = (i: number) => 1 - Math.abs(2 * data[i][0] - 1);
  // Expected kept fraction is E[max(0.05, u)] ≈ 0.5 for uniform scores.
  assert.ok(a.length > 1800 && a.length < 2200, `kept ${a.length}`);
  assert.ok(mean(a.map(unc)) > 0.6, 'kept items are more uncertain than average (0.5)');
  const biased = await collect(preferUncertain(data, { algorithm: 'probability', bias: 0.3, rng: seeded(7) }));
  assert.ok(biased.length > a.length + 500, 'positive bias lets more through');
});

test('preferUncertain(scored) with "ema" keeps the more uncertain half and never stalls', async () => {
  const data = scoredStream(4000, 2);
  const kept = await collect(preferUncertain(data));
  const unc = (i: number) => 1 - Math.abs(2 * data[i][0] - 1);
  assert.ok(kept.length > 1400 && kept.length < 2600, `kept ${kept.length}`);
  assert.ok(mean(kept.map(unc)) > 0.6);
  // Uniform scores: every item equals the average, so every item is yielded.
  const flat = Array.from({ length: 500 }, (_, i) => [0.9, i] as [number, number]);
  assert.equal((await collect(preferUncertain(flat, { bias: 1 }))).length, 500);
  // Steadily decreasing uncertainty stays below the lagging average; patience keeps items flowing.
  const falling = Array.from({ length: 1000 }, (_, i) => [0.5 + i / 2000, i] as [number, number]);
  const out = await collect(preferUncertain(falling, { patience: 10 }));
  assert.ok(out.length >= 1000 / 11 - 1, `kept ${out.length}`);
  assert.ok(Math.max(...out.slice(1).map((x, k) => x - out[k])) <= 11, 'no gap longer than patience + 1');
});

test('preferHighScores(scored) and preferLowScores(scored) pick opposite ends', async () => {
  const data = scoredStream(3000, 3);
  const score = (i: number) => data[i][0];
  const high = await collect(preferHighScores(data));
  const low = await collect(preferLowScores(data));
  assert.ok(mean(high.map(score)) > 0.6 && mean(low.map(score)) < 0.4);
  const highP = await collect(preferHighScores(data, { algorithm: 'probability', rng: seeded(1) }));
  assert.ok(mean(highP.map(score)) > 0.6);
  // A higher bias is pickier for 'ema'.
  const picky = await collect(preferHighScores(data, { bias: 1 }));
  assert.ok(picky.length < high.length / 2 && mean(picky.map(score)) > mean(high.map(score)));
});

test('preferUncertain(scored) is lazy and checks its input', async () => {
  const c = counting(Array.from({ length: 100 }, (_, i) => [0.5, i] as [number, number]));
  const it = preferUncertain(c.source);
  await it.next();
  assert.equal(c.reads, 1);
  await it.return?.();
  assert.equal(c.closed, true);
  await assert.rejects(collect(preferUncertain([[0.5, 'a'], [NaN, 'b']])), /E002.*example 1.*score must be a finite number/);
  await assert.rejects(collect(preferUncertain([[0.5, 'a']], { algorithm: 'max' as 'ema' })), /E007.*algorithm must be/);
});
