import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { Rng } from '../../lib/engine/random';
import type { Example } from '../../lib/data/types';
import type { Pipeline } from '../../lib/models/pipeline/pipeline';
import { pickBatch, simulateActiveLearning, toActiveLearningCurves, type ActiveLearningPoint } from '../../lib/experiments/activeLearning';
import { countingTrainer, sampleData, tempDir, TINY } from './helpers';

const quiet = { progress: 'none' as const };

async function setup() {
  const data = await sampleData();
  return { pool: [...data.train, ...data.dev], test: data.test };
}

test('simulateActiveLearning(opts) gives rounds + 1 points per strategy, all starting from the same seed set', async () => {
  const { pool, test: testSet } = await setup();
  const trainer = countingTrainer();
  const points = await simulateActiveLearning({ pool, test: testSet, seedSize: 10, batchSize: 8, rounds: 2, config: TINY, trainer, ...quiet });
  assert.equal(points.length, 4 * 3);
  assert.equal(trainer.calls, 12);
  assert.deepEqual([...new Set(points.map((p) => p.strategy))], ['random', 'ner-uncertainty', 'cat-uncertainty', 'joint']);
  for (const p of points) {
    assert.equal(p.size, 10 + 8 * p.round);
    assert.equal(typeof p.ents_f, 'number');
    assert.equal(typeof p.cats_acc, 'number');
  }
  const round0 = points.filter((p) => p.round === 0).map((p) => p.ents_f);
  assert.ok(round0.every((f) => f === round0[0]), 'same seed set and seed: same first model');
  // Different strategies label different examples, so some later round differs.
  const later = points.filter((p) => p.round === 2).map((p) => JSON.stringify([p.ents_f, p.cats_acc]));
  assert.ok(new Set(later).size > 1);
});

test('simulateActiveLearning(opts) caches curves: a rerun trains nothing, more rounds train only the new ones', async () => {
  const { pool, test: testSet } = await setup();
  const outDir = tempDir('al-');
  const base = { pool, test: testSet, seedSize: 10, batchSize: 8, strategy: ['random', 'joint'] as const, config: TINY, outDir, name: 'sample', ...quiet };
  const first = await simulateActiveLearning({ ...base, strategy: [...base.strategy], rounds: 1, trainer: countingTrainer() });
  assert.equal(readdirSync(outDir).filter((f) => f.endsWith('.json')).length, 2);
  const again = countingTrainer();
  const cached = await simulateActiveLearning({ ...base, strategy: [...base.strategy], rounds: 1, trainer: again });
  assert.equal(again.calls, 0);
  assert.deepEqual(cached, first);
  const longer = countingTrainer();
  const extended = await simulateActiveLearning({ ...base, strategy: [...base.strategy], rounds: 2, trainer: longer });
  assert.equal(longer.calls, 2);
  assert.equal(extended.length, 6);
  // The extension continues the cached curve exactly as a fresh run would.
  const fresh = await simulateActiveLearning({ ...base, strategy: [...base.strategy], rounds: 2, outDir: undefined });
  const key = (p: ActiveLearningPoint) => [p.strategy, p.round, p.size, p.ents_f, p.cats_acc];
  assert.deepEqual(extended.map(key), fresh.map(key));
});

test('simulateActiveLearning(opts) checks its options (E601)', async () => {
  const { pool, test: testSet } = await setup();
  const base = { pool, test: testSet, seedSize: 10, batchSize: 10, rounds: 1, config: TINY, ...quiet };
  await assert.rejects(simulateActiveLearning({ ...base, rounds: 10 }), /\[E601\].*exceeds the pool of 60/);
  await assert.rejects(simulateActiveLearning({ ...base, strategy: 'entropy' as never }), /\[E601\].*unknown strategy "entropy"/);
  await assert.rejects(simulateActiveLearning({ ...base, test: [] }), /\[E601\].*field "test"/);
});

/** A pipeline double whose category scores are given per text. */
function fakePipeline(cats: Record<string, Record<string, number>>): Pipeline {
  return {
    config: {},
    labels: { ents: [], cats: ['A', 'B'] },
    predict: (() => {
      throw new Error('unused');
    }) as Pipeline['predict'],
    predictExamples: (egs: Example[]) => egs.map((e) => ({ ...e, cats: cats[e.text] })),
    save: async () => undefined,
    dispose: () => undefined,
  };
}

const eg = (text: string): Example => ({ text, tokens: [], spans: [], cats: { A: 1, B: 0 } });

test('pickBatch(pipeline, pool, labelled, n, "cat-uncertainty") takes the least certain unlabelled texts, ties to the lower index', () => {
  const pool = ['sure', 'unsure', 'tie1', 'labelled', 'tie2', 'mid'].map(eg);
  const p = fakePipeline({
    sure: { A: 0.99, B: 0.01 },
    unsure: { A: 0.51, B: 0.49 },
    tie1: { A: 0.7, B: 0.3 },
    labelled: { A: 0.5, B: 0.5 },
    tie2: { A: 0.3, B: 0.7 },
    mid: { A: 0.8, B: 0.2 },
  });
  const pick = (n: number) => pickBatch(p, pool, new Set([3]), n, 'cat-uncertainty', new Rng(0), ['A', 'B'], true);
  assert.deepEqual(pick(1), [1]);
  assert.deepEqual(pick(2), [1, 2]);
  assert.deepEqual(pick(3), [1, 2, 4]);
  assert.deepEqual(pick(10), [0, 1, 2, 4, 5]);
});

test('pickBatch(..., "random") draws unlabelled indices from the injected generator', () => {
  const pool = Array.from({ length: 20 }, (_, i) => eg(`t${i}`));
  const labelled = new Set([0, 1, 2]);
  const a = pickBatch(fakePipeline({}), pool, labelled, 5, 'random', new Rng(4), [], true);
  assert.equal(a.length, 5);
  assert.ok(a.every((i) => !labelled.has(i)));
  assert.deepEqual(pickBatch(fakePipeline({}), pool, labelled, 5, 'random', new Rng(4), [], true), a);
  assert.notDeepEqual(pickBatch(fakePipeline({}), pool, labelled, 5, 'random', new Rng(5), [], true), a);
});

test('toActiveLearningCurves(points) averages seeds per size, one curve per strategy and task', () => {
  const pt = (strategy: 'random' | 'joint', seed: number, size: number, ents_f: number | null, cats_acc: number): ActiveLearningPoint => ({
    dataset: 'd', strategy, seed, round: 0, size, ents_p: null, ents_r: null, ents_f, cats_score: null, cats_acc, cats_macro_f: null, sentence_acc: null, trainSeconds: 0, selectSeconds: 0,
  });
  const curves = toActiveLearningCurves([pt('random', 0, 10, 0.2, 0.5), pt('random', 1, 10, 0.4, 0.7), pt('random', 0, 20, null, 0.8), pt('joint', 0, 10, 0.3, 0.6)]);
  const ner = curves.find((c) => c.task === 'NER' && c.strategy === 'random')!;
  assert.deepEqual(ner.sizes, [10]);
  assert.ok(Math.abs(ner.mean![0] - 0.3) < 1e-12);
  assert.ok(ner.low![0] < 0.3 && ner.high![0] > 0.3);
  const cat = curves.find((c) => c.task === 'textcat' && c.strategy === 'random')!;
  assert.deepEqual(cat.sizes, [10, 20]);
  const single = curves.find((c) => c.task === 'NER' && c.strategy === 'joint')!;
  assert.deepEqual([single.low, single.high], [[0.3], [0.3]]);
});
