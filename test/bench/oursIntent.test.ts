import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Example } from '../../lib/data/types';
import type { ExperimentRun } from '../../lib/experiments/runStore';
import { mcnemarVsPeer } from '../../bench/lib/oursIntentSection';

const text = (t: string, intent: string, cats?: Record<string, number>): Example => ({ text: t, tokens: [], spans: [], cats: cats ?? { [intent]: 1 } });

test('mcnemarVsPeer: per seed, texts only ours / only the peer gets right, against the peer\'s predicted intents', () => {
  const labels = (gold: string) => (gold === 'A' ? { A: 1, B: 0, None: 0 } : gold === 'B' ? { A: 0, B: 1, None: 0 } : { A: 0, B: 0, None: 1 });
  const golds = ['A', 'B', 'A', 'None', 'B'];
  const test = golds.map((g, i) => text(`t${i}`, g, labels(g)));
  // Our scores per seed (argmax = prediction); the peer predicts A, A, A, None, B (texts 1 wrong).
  const ours = (preds: string[]): Example[] => test.map((e, i) => ({ ...e, cats: { A: preds[i] === 'A' ? 0.8 : 0.1, B: preds[i] === 'B' ? 0.8 : 0.1, None: preds[i] === 'None' ? 0.8 : 0.1 } }));
  const runs = [
    { seed: 0, predictions: ours(['A', 'B', 'B', 'B', 'B']) },
    { seed: 1, predictions: ours(['A', 'B', 'A', 'None', 'B']) },
  ] as unknown as ExperimentRun[];
  const r = mcnemarVsPeer(test, runs, ['A', 'A', 'A', 'None', 'B']);
  assert.deepEqual(
    r.map((x) => [x.seed, x.onlyA, x.onlyB, x.both, x.neither]),
    [
      [0, 1, 2, 2, 0],
      [1, 1, 0, 4, 0],
    ],
  );
  assert.equal(r[1].pValue, 1);
  // A peer label the gold never uses (nlp.js's 'None' on SNIPS) is simply wrong.
  const noNone = [text('x', 'A', { A: 1, B: 0 })];
  const run = [{ seed: 0, predictions: [{ ...noNone[0], cats: { A: 0.9, B: 0.1 } }] }] as unknown as ExperimentRun[];
  assert.deepEqual([mcnemarVsPeer(noNone, run, ['None'])[0].onlyA], [1]);
});
