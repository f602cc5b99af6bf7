import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareSchemeRows, compareSchemes } from '../../lib/eval/compareSchemes';
import { pairedTTest, meanCI } from '../../lib/eval/stats';
import { scoreExamples } from '../../lib/eval/evaluate';
import type { RunRecord, Scores } from '../../lib/eval/scores';
import type { Example } from '../../lib/data/types';
import { close, ex, predOf } from './helpers';

const scores = (ents_f: number, sentence_acc: number): Scores => ({ ents_f, sentence_acc, cats_score: null, ents_per_type: {} }) as unknown as Scores;
const SEP = [0.8, 0.81, 0.79, 0.8, 0.82];
const SHARED = [0.85, 0.84, 0.86, 0.83, 0.85];
const runs: RunRecord[] = [
  ...SHARED.map((f, seed) => ({ scheme: 'shared', seed, scores: scores(f, f - 0.1) })),
  ...SEP.map((f, seed) => ({ scheme: 'separate', seed, scores: scores(f, f - 0.1) })),
];

test('compareSchemeRows(runs): baseline first, mean/CI over seeds, t-test p vs baseline', () => {
  const rows = compareSchemeRows(runs);
  assert.deepEqual(rows.map((r) => r.scheme), ['separate', 'shared']);
  assert.deepEqual(Object.keys(rows[1]), [
    'scheme', 'n_seeds', 'p_test',
    'ents_f_mean', 'ents_f_low', 'ents_f_high', 'ents_f_p',
    'sentence_acc_mean', 'sentence_acc_low', 'sentence_acc_high', 'sentence_acc_p',
  ]);
  const ci = meanCI(SHARED);
  close(rows[1].ents_f_mean as number, ci.mean!);
  close(rows[1].ents_f_low as number, ci.low!);
  close(rows[1].ents_f_p as number, pairedTTest(SEP, SHARED).pValue!);
  assert.ok((rows[1].ents_f_p as number) < 0.01);
  assert.equal(rows[0].ents_f_p, null);
  assert.equal(rows[0].p_test, null);
  assert.equal(rows[1].p_test, 't-test');
  assert.equal(rows[1].n_seeds, 5);
});

test('compareSchemes(runs): a danfojs DataFrame with the same rows', () => {
  const df = compareSchemes(runs, { metrics: ['ents_f'] });
  assert.deepEqual(df.columns, ['scheme', 'n_seeds', 'p_test', 'ents_f_mean', 'ents_f_low', 'ents_f_high', 'ents_f_p']);
  assert.deepEqual(df.shape, [2, 7]);
  assert.deepEqual(df.column('scheme').values, ['separate', 'shared']);
});

test('compareSchemeRows: grouped per train size; unpaired seeds give no p; explicit missing baseline is an error', () => {
  const sized: RunRecord[] = [
    { scheme: 'separate', seed: 0, trainSize: 100, scores: scores(0.6, 0.5) },
    { scheme: 'shared', seed: 1, trainSize: 100, scores: scores(0.7, 0.5) },
    ...runs.map((r) => ({ ...r, trainSize: 500 })),
  ];
  const rows = compareSchemeRows(sized, { metrics: ['ents_f'] });
  assert.deepEqual(rows.map((r) => [r.trainSize, r.scheme]), [[100, 'separate'], [100, 'shared'], [500, 'separate'], [500, 'shared']]);
  assert.equal(rows[1].ents_f_p, null); // seed 1 has no separate partner
  assert.equal(rows[1].ents_f_low, null); // one seed: no CI
  assert.ok((rows[3].ents_f_p as number) < 0.01);
  assert.throws(() => compareSchemeRows(runs, { baseline: 'joint' }), /\[E505\].*joint/);
  assert.throws(() => compareSchemeRows(runs, { metrics: ['ents_per_type'] }), /\[E504\]/);
});

test('compareSchemeRows(runs with predictions, gold): paired bootstrap pooled over seeds', () => {
  const gold: Example[] = Array.from({ length: 60 }, (_, i) => ex(`x${i} y`, [[0, `x${i}`.length, 'T']], { A: i % 2, B: 1 - (i % 2) }));
  const mk = (scheme: string, seed: number, hit: (i: number) => boolean): RunRecord => {
    const predictions = gold.map((g, i) => predOf(g, hit(i) ? g.spans.map((s) => [s.start, s.end, s.label] as [number, number, string]) : [], g.cats));
    return { scheme, seed, scores: scoreExamples(gold, predictions), predictions };
  };
  const rs = [
    mk('separate', 0, (i) => i % 2 === 0), mk('separate', 1, (i) => i % 3 !== 0),
    mk('shared', 0, (i) => i % 7 !== 0), mk('shared', 1, (i) => i % 5 !== 0),
    mk('same', 0, (i) => i % 2 === 0), mk('same', 1, (i) => i % 3 !== 0),
  ];
  const rows = compareSchemeRows(rs, { gold, metrics: ['ents_f'], samples: 300 });
  const shared = rows.find((r) => r.scheme === 'shared')!;
  const same = rows.find((r) => r.scheme === 'same')!;
  assert.equal(shared.p_test, 'bootstrap');
  assert.ok((shared.ents_f_p as number) < 0.01);
  assert.equal(same.ents_f_p, 1);
});
