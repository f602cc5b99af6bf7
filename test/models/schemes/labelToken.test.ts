import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSampleJoint } from '../../../lib/data/sample';
import { scoreExamples } from '../../../lib/eval/evaluate';
import { trainPipeline, validateConfig } from '../../../lib/models';
import { goldLabelIds, labelTokens, predictedLabelIds, prependLabelTokens } from '../../../lib/models/schemes/labelTokens';

test('prependLabelTokens: one label row before each text, real rows mapped past it', () => {
  const tokens = labelTokens(['A', 'B'], 2);
  assert.equal(tokens.none, 2);
  assert.equal(new Set(tokens.keys).size, 6, 'every label token and attribute has its own key');
  const input = { keys: { keys: Int32Array.from([10, 11, 20, 21, 30, 31]), nTokens: 3, nAttrs: 2 }, lengths: [2, 1] };
  const { input: out, realRows } = prependLabelTokens(input, [1, 2], tokens);
  assert.deepEqual(out.lengths, [3, 2]);
  assert.equal(out.keys.nTokens, 5);
  assert.deepEqual([...realRows], [1, 2, 4]);
  const k = tokens.keys;
  assert.deepEqual([...out.keys.keys], [k[2], k[3], 10, 11, 20, 21, k[4], k[5], 30, 31]);
});

test('goldLabelIds / predictedLabelIds: first known positive, none when all negative, -1 when unknown', () => {
  // 3 texts × 2 cats: positive B; known negatives only; unknown.
  const cats = Float32Array.from([0, 1, 0, 0, 0, 0]);
  const mask = Float32Array.from([1, 1, 1, 1, 0, 0]);
  assert.deepEqual([...goldLabelIds(cats, mask, 3, 2)], [1, 2, -1]);
  const probs = [0.3, 0.7, 0.4, 0.45];
  assert.deepEqual([...predictedLabelIds(probs, 2, 2, true)], [1, 1], 'exclusive: argmax');
  assert.deepEqual([...predictedLabelIds(probs, 2, 2, false)], [1, 2], 'multilabel: none below 0.5');
  assert.deepEqual([...predictedLabelIds([], 1, 0, true)], [0], 'no categories: the none token');
});

test('label-token: predicted entities keep the right char offsets despite the prepended token', async () => {
  const all = await loadSampleJoint();
  // Texts whose first token starts an entity: a one-row shift would move it.
  const usable = all.filter((e) => e.meta?.hasNer !== false && Object.values(e.cats).some((v) => v === 1));
  const startsWithEntity = (e: (typeof all)[number]) => e.spans.some((s) => s.start === e.tokens[0].start);
  const train = [...usable.filter(startsWithEntity), ...usable.filter((e) => !startsWithEntity(e)).slice(0, 27)];
  const p = await trainPipeline(
    {
      scheme: 'label-token',
      schemeOptions: { predictedLabelRate: 0.2 },
      epochs: 20,
      batchSize: 8,
      learnRate: 0.01,
      dropout: 0,
      encoder: { width: 32, depth: 1, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [500, 100, 200, 100] },
      training: { warmupSteps: 0 },
    },
    train,
  );
  const preds = p.predictExamples(train);
  assert.equal(scoreExamples(train, preds).ents_f, 1);
  assert.ok(train.filter(startsWithEntity).length > 0, 'the sample has texts starting with an entity');
  for (const [i, eg] of train.entries()) assert.deepEqual(preds[i].spans, eg.spans.map(({ start, end, label }) => ({ start, end, label })), eg.text);
  p.dispose();
  assert.throws(() => validateConfig({ scheme: 'label-token', schemeOptions: { predictedLabelRate: 2 } }), /E010.*predictedLabelRate/);
});
