import { test } from 'node:test';
import assert from 'node:assert/strict';
import { learningCurves } from '../../lib/plots/learningCurves';
import { meanCI } from '../../lib/eval/stats';
import type { RunRecord, Scores } from '../../lib/eval/scores';
import { assertValidFigure } from './helpers';

const f = (size: number, seed: number, bonus: number): number => 0.9 - 0.4 * Math.exp(-size / 500) + bonus + seed * 0.005;
const runs: RunRecord[] = ['separate', 'shared'].flatMap((scheme, k) =>
  [1000, 100, 300].flatMap((trainSize) => [0, 1, 2].map((seed) => ({ scheme, seed, trainSize, scores: { ents_f: f(trainSize, seed, k * 0.02), cats_score: 0.9 } as unknown as Scores }))),
);

test('learningCurves(runs): per scheme a lower edge, an upper edge filled to it, and the mean line, x sorted', () => {
  const fig = learningCurves(runs);
  assertValidFigure(fig);
  assert.equal(fig.data.length, 6);
  const [low, high, mean] = fig.data;
  assert.equal(high.fill, 'tonexty');
  assert.equal(low.showlegend, false);
  assert.equal(mean.name, 'separate');
  assert.deepEqual(mean.x, [100, 300, 1000]);
  const ci = meanCI([0, 1, 2].map((s) => f(300, s, 0)));
  assert.ok(Math.abs((mean.y as number[])[1] - ci.mean!) < 1e-12);
  assert.ok(Math.abs((low.y as number[])[1] - ci.low!) < 1e-12);
  assert.ok(Math.abs((high.y as number[])[1] - ci.high!) < 1e-12);
  assert.equal((fig.layout.xaxis as { type?: string }).type, undefined); // 100 → 1000 is exactly 10×: linear
});

test('learningCurves: several metrics → panels; a wide size range → log x', () => {
  const wide = [...runs, { scheme: 'shared', seed: 0, trainSize: 5000, scores: { ents_f: 0.95, cats_score: 0.95 } as unknown as Scores }];
  const fig = learningCurves(wide, { metric: ['ents_f', 'cats_score'] });
  assertValidFigure(fig);
  assert.equal(fig.data.filter((t) => t.xaxis === 'x2').length, 6);
  assert.equal((fig.layout.xaxis as { type?: string }).type, 'log');
});

test('learningCurves: mixed datasets need opts.dataset; runs without sizes are an error', () => {
  const mixed = [...runs, { ...runs[0], dataset: 'atis' }];
  assert.throws(() => learningCurves(mixed), /\[E506\].*opts\.dataset/);
  assert.equal(learningCurves(mixed, { dataset: 'atis' }).data.length, 3);
  assert.throws(() => learningCurves(runs.map(({ trainSize: _, ...r }) => r)), /\[E506\]/);
});

test('learningCurves: a score axis is clipped to [0, 1.05] when two-seed intervals overshoot; other metrics keep autorange', () => {
  // Two seeds far apart: the t interval (df = 1) spans far below 0 and above 1.
  const wide: RunRecord[] = [0, 1].flatMap((seed) => [50, 100].map((trainSize) => ({ scheme: 'shared', seed, trainSize, scores: { ents_f: seed ? 0.9 : 0.1, predict_seconds: seed ? 3 : 1 } as unknown as Scores })));
  const fig = learningCurves(wide, { metric: ['ents_f', 'predict_seconds'] });
  assertValidFigure(fig);
  assert.ok(Math.min(...(fig.data[0].y as number[])) < 0 && Math.max(...(fig.data[1].y as number[])) > 1); // the band itself is not altered
  assert.deepEqual((fig.layout.yaxis as { range: number[] }).range, [0, 1.05]);
  assert.equal((fig.layout.yaxis2 as { range?: number[] }).range, undefined);
  // Narrow intervals: the range hugs the data (not forced to start at 0).
  const [lo, hi] = (learningCurves(runs).layout.yaxis as { range: number[] }).range;
  assert.ok(lo > 0.4 && hi < 1.05 && hi > 0.9, `${lo}, ${hi}`);
});
