import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreEntities } from '../../lib/eval/scoreEntities';
import { WorkbenchError } from '../../lib/errors';
import { close, ex, predOf } from './helpers';

const gold = [
  ex('Alice met Bob in Paris', [[0, 5, 'PER'], [10, 13, 'PER'], [17, 22, 'LOC']]),
  ex('Nothing here'),
];

test('scoreEntities(gold, pred): partial overlap and wrong label each count as one fp and one fn', () => {
  const pred = [predOf(gold[0], [[0, 5, 'PER'], [10, 16, 'PER'], [17, 22, 'ORG']]), predOf(gold[1])];
  const s = scoreEntities(gold, pred);
  close(s.ents_p, 1 / 3);
  close(s.ents_r, 1 / 3);
  close(s.ents_f, 1 / 3);
  assert.deepEqual(Object.keys(s.ents_per_type), ['LOC', 'ORG', 'PER']);
  assert.deepEqual(s.ents_per_type.PER, { p: 0.5, r: 0.5, f: 0.5, tp: 1, fp: 1, fn: 1, support: 2 });
  assert.deepEqual(s.ents_per_type.LOC, { p: null, r: 0, f: 0, tp: 0, fp: 0, fn: 1, support: 1 });
  assert.deepEqual(s.ents_per_type.ORG, { p: 0, r: null, f: 0, tp: 0, fp: 1, fn: 0, support: 0 });
});

test('scoreEntities(gold, pred): a false positive on an example without gold lowers precision only', () => {
  const pred = [predOf(gold[0], [[0, 5, 'PER'], [10, 13, 'PER'], [17, 22, 'LOC']]), predOf(gold[1], [[0, 7, 'PER']])];
  const s = scoreEntities(gold, pred);
  close(s.ents_p, 3 / 4);
  close(s.ents_r, 1);
  close(s.ents_f, 6 / 7);
});

test('scoreEntities(gold, empty predictions): precision null (nothing predicted), recall and F 0', () => {
  const s = scoreEntities(gold, gold.map((g) => predOf(g)));
  assert.equal(s.ents_p, null);
  assert.equal(s.ents_r, 0);
  assert.equal(s.ents_f, 0);
});

test('scoreEntities(no gold, no predictions): every score is null', () => {
  const g = [ex('a b'), ex('c')];
  assert.deepEqual(scoreEntities(g, g), { ents_p: null, ents_r: null, ents_f: null, ents_per_type: {} });
  assert.deepEqual(scoreEntities([], []), { ents_p: null, ents_r: null, ents_f: null, ents_per_type: {} });
});

test('scoreEntities(gold, pred): duplicate predicted spans count once', () => {
  const pred = [predOf(gold[0], [[0, 5, 'PER'], [0, 5, 'PER']]), predOf(gold[1])];
  const s = scoreEntities(gold, pred);
  close(s.ents_p, 1);
  close(s.ents_r, 1 / 3);
});

test('scoreEntities(misaligned): error names the example index', () => {
  assert.throws(() => scoreEntities(gold, [gold[0]]), (e: unknown) => e instanceof WorkbenchError && e.code === 'E501');
  const shifted = [gold[0], { ...gold[1], text: 'Something else' }];
  assert.throws(() => scoreEntities(gold, shifted), /\[E501\].*example 1/);
});
