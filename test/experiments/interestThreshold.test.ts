import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Example } from '../../lib/data/types';
import { applyInterestThreshold, interestGold, interestScores, interestThresholdCurve, interestThresholdFigure } from '../../lib/experiments/interestThreshold';
import { figureProblems } from '../../lib/plots/figure';

const para = (doc: string, text: string, label: string, interest: 0 | 1 | undefined, pInterest?: number): Example => ({
  text,
  tokens: [{ text, start: 0, end: text.length }],
  spans: [{ start: 0, end: text.length, label }],
  cats: interest === undefined ? {} : { INTEREST: interest, OTHER: 1 - interest },
  meta: { doc, ...(pInterest === undefined ? {} : { p: pInterest }) },
});

// Doc a: an interest paragraph (Acme) and an other one (Oslo); doc b: one interest paragraph (Bob).
const gold = [para('a', 'Acme', 'ORG', 1), para('a', 'Oslo', 'CITY', 0), para('b', 'Bob', 'PERSON', 1)];
// Threshold-0 predictions: every entity found; P(interest) 0.9, 0.2 and 0.6.
const preds = gold.map((g, i) => ({ ...g, cats: { INTEREST: [0.9, 0.2, 0.6][i], OTHER: 1 - [0.9, 0.2, 0.6][i] } }));
const spec = { interestLabels: ['INTEREST'], labels: ['INTEREST', 'OTHER'], exclusive: true };

test('interestScores(predictions, spec) sums interest labels when exclusive and takes their max when multilabel', () => {
  const cats = [{ cats: { A: 0.5, B: 0.3, C: 0.2 } }];
  assert.deepEqual(interestScores(cats, { interestLabels: ['A', 'B'], labels: ['A', 'B', 'C'], exclusive: true }).map((x) => +x.toFixed(6)), [0.8]);
  assert.deepEqual(interestScores(cats, { interestLabels: ['A', 'B'], labels: ['A', 'B', 'C'], exclusive: false }).map((x) => +x.toFixed(6)), [0.5]);
  assert.throws(() => interestScores(cats, { interestLabels: ['Z'], labels: ['A', 'B', 'C'], exclusive: true }), /E010.*"Z"/);
});

test('interestGold(examples, labels) clears the spans of known non-interest paragraphs only', () => {
  const out = interestGold([...gold, para('c', 'Kim', 'PERSON', undefined)], ['INTEREST']);
  assert.deepEqual(out.map((e) => e.spans.length), [1, 0, 1, 1]);
  assert.equal(gold[1].spans.length, 1, 'input not modified');
});

test('applyInterestThreshold(predictions, spec, t) keeps entities where P(interest) ≥ t', () => {
  assert.deepEqual(applyInterestThreshold(preds, spec, 0.6).map((e) => e.spans.length), [1, 0, 1]);
  assert.deepEqual(applyInterestThreshold(preds, spec, 0).map((e) => e.spans.length), [1, 1, 1]);
  assert.throws(() => applyInterestThreshold(preds, spec, 1.5), /E007/);
});

test('interestThresholdCurve(gold, preds, spec, thresholds) trades the NER share against recall per document', () => {
  const [t0, t5, t7, t1] = interestThresholdCurve(gold, preds, spec, [0, 0.5, 0.7, 1]);
  assert.deepEqual(t0, { threshold: 0, nerShare: 1, interest_p: 2 / 3, interest_r: 1, interest_f: 0.8, all_r: 1 });
  assert.deepEqual(t5, { threshold: 0.5, nerShare: 2 / 3, interest_p: 1, interest_r: 1, interest_f: 1, all_r: 2 / 3 });
  assert.equal(t7.interest_r, 0.5);
  assert.equal(t7.nerShare, 1 / 3);
  assert.equal(t1.nerShare, 0);
  assert.equal(t1.interest_r, 0);
  assert.equal(t1.interest_p, null, 'nothing predicted: precision undefined, not 0');
  assert.throws(() => interestThresholdCurve(gold.map((g) => ({ ...g, meta: {} })), preds, spec, [0.5]), /E505/);
});

test('interestThresholdFigure(points) is a valid figure with one line per series and the marked threshold', () => {
  const fig = interestThresholdFigure(interestThresholdCurve(gold, preds, spec, [0, 0.25, 0.5, 0.75, 1]), { marked: 0.5 });
  assert.deepEqual(figureProblems(fig), []);
  assert.equal(fig.data.length, 5);
  assert.deepEqual(fig.data[0].x, [0, 0.25, 0.5, 0.75, 1]);
  assert.equal((fig.layout.shapes as { x0: number }[])[0].x0, 0.5);
});
