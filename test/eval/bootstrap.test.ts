import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairedBootstrap, pairedBootstrapPooled } from '../../lib/eval/bootstrap';
import { scoreEntities } from '../../lib/eval/scoreEntities';
import { mulberry32 } from '../../lib/util/mulberry32';
import type { Example } from '../../lib/data/types';
import { ex, predOf } from './helpers';

// 200 examples, one entity and one intent each; system A finds the entity in 60%, B in 90%.
function data(n = 200) {
  const random = mulberry32(42);
  const gold: Example[] = [];
  const a: Example[] = [];
  const b: Example[] = [];
  for (let i = 0; i < n; i++) {
    const intent = i % 3 === 0 ? 'weather' : 'flight';
    const g = ex(`to city${i} now`, [[3, 3 + `city${i}`.length, 'city']], { weather: intent === 'weather' ? 1 : 0, flight: intent === 'flight' ? 1 : 0 });
    gold.push(g);
    const span: [number, number, string][] = [[3, g.spans[0].end, 'city']];
    const catsRight = { weather: g.cats.weather ? 0.8 : 0.2, flight: g.cats.flight ? 0.8 : 0.2 };
    const catsWrong = { weather: 1 - catsRight.weather, flight: 1 - catsRight.flight };
    a.push(predOf(g, random() < 0.6 ? span : [], random() < 0.7 ? catsRight : catsWrong));
    b.push(predOf(g, random() < 0.9 ? span : [], random() < 0.7 ? catsRight : catsWrong));
  }
  return { gold, a, b };
}

test('pairedBootstrap(identical predictions): diff 0 and p = 1', () => {
  const { gold, a } = data();
  const r = pairedBootstrap(gold, a, a.map((e) => ({ ...e })), 'ents_f', { samples: 300 });
  assert.equal(r.diff, 0);
  assert.equal(r.pValue, 1);
  assert.deepEqual(r.ci, [0, 0]);
});

test('pairedBootstrap(clearly better B): positive diff, CI above 0, p < 0.01', () => {
  const { gold, a, b } = data();
  const r = pairedBootstrap(gold, a, b, 'ents_f', { samples: 1000 });
  assert.ok(r.diff > 0.15, `diff ${r.diff}`);
  assert.ok(r.ci[0] > 0);
  assert.ok(r.pValue < 0.01, `p ${r.pValue}`);
  assert.equal(r.samples, 1000);
  // Reversed roles: the same evidence, the sign of diff flips.
  const rev = pairedBootstrap(gold, b, a, 'ents_f', { samples: 1000 });
  assert.ok(Math.abs(rev.diff + r.diff) < 1e-12);
  assert.ok(rev.pValue < 0.01);
});

test('pairedBootstrap: no real difference in categories gives a large p', () => {
  const { gold, a, b } = data();
  const r = pairedBootstrap(gold, a, b, 'cats_acc', { samples: 500 });
  assert.ok(r.pValue > 0.05, `p ${r.pValue}`);
  assert.ok(r.ci[0] < 0 && r.ci[1] > 0);
});

test('pairedBootstrap: deterministic for a seed; the seed changes the resamples', () => {
  const { gold, a, b } = data();
  const r1 = pairedBootstrap(gold, a, b, 'sentence_acc', { samples: 200, seed: 7 });
  const r2 = pairedBootstrap(gold, a, b, 'sentence_acc', { samples: 200, seed: 7 });
  const r3 = pairedBootstrap(gold, a, b, 'sentence_acc', { samples: 200, seed: 8 });
  assert.deepEqual(r1, r2);
  assert.notDeepEqual(r1.ci, r3.ci);
});

test('pairedBootstrap: the precomputed fast path equals re-scoring each resample', () => {
  const { gold, a, b } = data(80);
  const fast = pairedBootstrap(gold, a, b, 'ents_f', { samples: 100, seed: 3 });
  const slow = pairedBootstrap(gold, a, b, (g, p) => scoreEntities(g, p).ents_f, { samples: 100, seed: 3 });
  assert.equal(fast.diff, slow.diff);
  assert.equal(fast.pValue, slow.pValue);
  assert.ok(Math.abs(fast.ci[0] - slow.ci[0]) < 1e-12 && Math.abs(fast.ci[1] - slow.ci[1]) < 1e-12);
  // A named metric without a fast path (AUC) goes through scoreExamples.
  const auc = pairedBootstrap(gold, a, b, 'cats_macro_auc', { samples: 50 });
  assert.ok(auc.samples === 50 && auc.pValue > 0 && auc.pValue <= 1);
});

test('pairedBootstrapPooled: pooling two seeds = counting over the concatenation', () => {
  const { gold, a, b } = data(60);
  const pooled = pairedBootstrapPooled(gold, [a, b], [b, b], 'ents_f', { samples: 1 });
  const concat = scoreEntities([...gold, ...gold], [...a, ...b]).ents_f!;
  assert.ok(Math.abs(pooled.a - concat) < 1e-12);
});

test('pairedBootstrap: unknown metric and metric undefined on the full set are errors', () => {
  const { gold, a, b } = data(20);
  assert.throws(() => pairedBootstrap(gold, a, b, 'cats_confusion', { samples: 5 }), /\[E504\]/);
  const noEnts = gold.map((g) => predOf(g, [], g.cats));
  assert.throws(() => pairedBootstrap(noEnts, noEnts, noEnts, 'ents_f', { samples: 5 }), /\[E505\]/);
});
