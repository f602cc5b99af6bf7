import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Example } from '../../lib/data/types';
import { scoreExamples } from '../../lib/eval/evaluate';
import type { RunRecord } from '../../lib/eval/scores';
import type { ActiveLearningPoint } from '../../lib/experiments/activeLearning';
import { activeLearningVerdicts, curveSummary, holmAdjust, schemeVerdicts, verdictSummaryHtml } from '../../lib/experiments/verdicts';

// 60 gold texts "Ann flew to Oslo": one CITY each, intent FLY or EAT alternating.
const gold: Example[] = Array.from({ length: 60 }, (_, i) => ({
  text: 'Ann flew to Oslo',
  tokens: [
    { text: 'Ann', start: 0, end: 3 },
    { text: 'flew', start: 4, end: 8 },
    { text: 'to', start: 9, end: 11 },
    { text: 'Oslo', start: 12, end: 16 },
  ],
  spans: [{ start: 12, end: 16, label: 'CITY' }],
  cats: i % 2 ? { FLY: 1, EAT: 0 } : { FLY: 0, EAT: 1 },
}));

/** Predictions that find the entity on texts where `hit(i)` and get every intent right. */
const predict = (hit: (i: number) => boolean): Example[] => gold.map((g, i) => ({ ...g, spans: hit(i) ? g.spans : [] }));

const run = (scheme: string, seed: number, predictions: Example[], dataset = 'toy'): RunRecord => ({
  scheme,
  seed,
  dataset,
  scores: scoreExamples(gold, predictions),
  predictions,
});

test('schemeVerdicts(runs, {gold}) finds a much better scheme by paired bootstrap and leaves an identical one untouched', () => {
  const runs = [0, 1].flatMap((seed) => [
    run('separate', seed, predict((i) => i % 3 === 0)),
    run('shared', seed, predict(() => true)),
    run('same', seed, predict((i) => i % 3 === 0)),
  ]);
  const verdicts = schemeVerdicts(runs, { gold, metrics: ['ents_f', 'cats_acc'], samples: 200 });
  assert.equal(verdicts.length, 4);
  const shared = verdicts.find((v) => v.system === 'shared' && v.metric === 'ents_f')!;
  assert.equal(shared.test, 'bootstrap');
  assert.equal(shared.outcome, 'better');
  assert.equal(shared.pairs, 2);
  assert.ok(shared.diff! > 0.4 && shared.low! > 0, `diff ${shared.diff} CI [${shared.low}, ${shared.high}]`);
  assert.ok(shared.p! < 0.05);
  const same = verdicts.find((v) => v.system === 'same' && v.metric === 'ents_f')!;
  assert.equal(same.diff, 0);
  assert.equal(same.p, 1);
  assert.equal(same.outcome, 'no significant difference');
  for (const v of verdicts) assert.ok(v.pHolm! >= v.p!, 'Holm never lowers p');
  // Both seeds gave the same predictions: zero variance of a non-zero difference over seeds → p 0.
  assert.equal(shared.pSeeds, 0);
});

test('schemeVerdicts(runs) without gold uses a paired t-test over seeds, and one seed stays untested', () => {
  const scored = (scheme: string, seed: number, ents_f: number): RunRecord => ({ scheme, seed, scores: { ...scoreExamples(gold, gold), ents_f } });
  const runs = [scored('separate', 0, 0.5), scored('separate', 1, 0.6), scored('separate', 2, 0.55), scored('shared', 0, 0.52), scored('shared', 1, 0.63), scored('shared', 2, 0.56)];
  const [v] = schemeVerdicts(runs, { metrics: ['ents_f'] });
  assert.equal(v.test, 't-test');
  assert.ok(Math.abs(v.diff! - 0.02) < 1e-12);
  assert.ok(v.low! < v.diff! && v.diff! < v.high!);
  assert.equal(v.outcome, v.p! < 0.05 ? 'better' : 'no significant difference');
  const [one] = schemeVerdicts([scored('separate', 0, 0.5), scored('shared', 0, 0.7)], { metrics: ['ents_f'] });
  assert.equal(one.p, null);
  assert.equal(one.outcome, 'untested');
});

test('schemeVerdicts(runs) fails with E505 naming the dataset when the baseline has no runs there', () => {
  const runs = [run('separate', 0, gold, 'a'), run('shared', 0, gold, 'a'), run('shared', 0, gold, 'b')];
  assert.throws(() => schemeVerdicts(runs, { metrics: ['ents_f'] }), /E505.*baseline scheme "separate" has no runs on b/);
});

test('holmAdjust(ps) is the step-down correction and keeps nulls', () => {
  const adj = holmAdjust([0.01, 0.04, 0.03, null]);
  assert.deepEqual(
    adj.map((p) => (p === null ? null : Number(p.toFixed(10)))),
    [0.03, 0.06, 0.06, null],
  );
});

test('curveSummary(sizes, values) is the normalised trapezoid area or the final value, skipping nulls', () => {
  assert.ok(Math.abs(curveSummary([10, 20, 40], [0.2, 0.4, 0.4])! - 11 / 30) < 1e-12);
  assert.equal(curveSummary([10, 20, 40], [0.2, 0.4, 0.4], 'final'), 0.4);
  assert.ok(Math.abs(curveSummary([10, 20, 40], [0.2, null, 0.4])! - 0.3) < 1e-12);
  assert.equal(curveSummary([10], [0.7]), 0.7);
  assert.equal(curveSummary([10, 20], [null, null]), null);
});

test('activeLearningVerdicts(points) compares curve summaries with random, paired by seed', () => {
  const points: ActiveLearningPoint[] = [];
  const noise = [0.01, -0.02, 0.015];
  for (const strategy of ['random', 'joint'] as const) {
    for (const seed of [0, 1, 2]) {
      for (const [round, size] of [10, 20, 30].entries()) {
        const base = 0.3 + 0.01 * size + noise[seed];
        points.push({
          dataset: 'pool', strategy, seed, round, size,
          ents_p: null, ents_r: null, ents_f: strategy === 'joint' ? base + 0.1 : base,
          cats_score: null, cats_acc: 0.8, cats_macro_f: null, sentence_acc: null, trainSeconds: 0, selectSeconds: 0,
        });
      }
    }
  }
  const verdicts = activeLearningVerdicts(points);
  const ner = verdicts.find((v) => v.metric.startsWith('NER'))!;
  assert.equal(ner.system, 'joint');
  assert.equal(ner.outcome, 'better');
  assert.ok(Math.abs(ner.diff! - 0.1) < 1e-9);
  const cat = verdicts.find((v) => v.metric.startsWith('textcat'))!;
  assert.equal(cat.diff, 0);
  assert.equal(cat.outcome, 'no significant difference');
  assert.throws(() => activeLearningVerdicts(points, { baseline: 'cat-uncertainty' }), /E505/);
});

test('verdictSummaryHtml(verdicts) writes better / worse / no difference from the numbers and escapes names', () => {
  const runs = [0, 1].flatMap((seed) => [
    run('separate', seed, predict((i) => i % 2 === 0)),
    run('<b>', seed, predict(() => true)),
    run('worse', seed, predict(() => false)),
  ]);
  const html = verdictSummaryHtml(schemeVerdicts(runs, { gold, metrics: ['ents_f', 'cats_acc'], samples: 200 }));
  assert.match(html, /Significantly better than <code>separate<\/code> \(p &lt; 0.05\): <code>&lt;b&gt;<\/code> on ents_f \+33\.3 points \(100\.0 vs 66\.7/);
  assert.match(html, /Significantly worse than <code>separate<\/code> \(p &lt; 0.05\): <code>worse<\/code> on ents_f −66\.7 points/);
  assert.match(html, /No significant difference: <code>&lt;b&gt;<\/code> \(cats_acc\)/);
  assert.match(html, /4 tests were made at α = 0.05: 2 came out significant/);
  assert.match(html, /2 of the 2 significant bootstrap results also have p < 0.05 in a paired t-test over seeds/);
  assert.ok(!html.includes('<code><b>'), 'scheme names are escaped');
});

test('verdictSummaryHtml(verdicts) says so when nothing could be tested', () => {
  const html = verdictSummaryHtml(schemeVerdicts([run('separate', 0, gold), run('shared', 0, gold)], { metrics: ['ents_f'] }));
  assert.match(html, /Not tested \(fewer than two paired seeds/);
  assert.match(html, /No difference could be tested/);
  assert.doesNotMatch(html, /tests were made/);
});
