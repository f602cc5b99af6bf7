import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSampleDocuments } from '../../../lib/data/sample';
import { Rng, tf } from '../../../lib/engine';
import { makeBatch } from '../../../lib/models/inputs/batch';
import { prepareForPrediction } from '../../../lib/models/inputs/doc';
import { trainPipeline } from '../../../lib/models';
import { interestIndices, interestProbabilities } from '../../../lib/models/schemes/interest';

test('interestProbabilities: exclusive sums the interest labels, multilabel takes their max, no cats → 1', () => {
  const probs = [0.2, 0.3, 0.5, 0.9, 0.05, 0.05];
  const idx = interestIndices(['A', 'B', 'C'], ['A', 'C']);
  assert.deepEqual(idx, [0, 2]);
  assert.deepEqual(interestIndices(['A', 'B'], []), [0, 1], '[] = every category');
  assert.throws(() => interestIndices(['A', 'B'], ['Z']), /E010.*"Z"/);
  assert.deepEqual([...interestProbabilities(probs, 2, 3, idx, true)].map((x) => +x.toFixed(4)), [0.7, 0.95]);
  assert.deepEqual([...interestProbabilities(probs, 2, 3, idx, false)].map((x) => +x.toFixed(4)), [0.5, 0.9]);
  assert.deepEqual([...interestProbabilities([], 2, 0, [], true)], [1, 1]);
});

test('soft-cascade: the tagger reads P(interest) as one more input, and it changes the tag scores', async () => {
  const paragraphs = await loadSampleDocuments();
  const p = await trainPipeline(
    {
      scheme: 'soft-cascade',
      schemeOptions: { interestLabels: ['INTEREST'] },
      epochs: 3,
      batchSize: 16,
      learnRate: 0.01,
      dropout: 0,
      encoder: { width: 32, depth: 1, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [500, 100, 200, 100] },
      heads: { tagger: { sentenceVector: false } },
      training: { regime: 'standard', warmupSteps: 0 }, // the CNN textcat's output bias is what the test moves
    },
    paragraphs,
  );
  // A linear tagger scores [token vector ; context] as W_tokens·x + W_context·c (taggerHead.ts).
  const inputs = p.params().get('model/tagger/dense/W')!.shape[0] + p.params().get('model/tagger/contextOutput/W')!.shape[0];
  assert.equal(inputs, 32 + 1, 'token vector + the probability');
  const batch = makeBatch(prepareForPrediction(paragraphs.slice(0, 6)), p.featurizer, p.labelSet.cats.length);
  const tagScores = () => tf.tidy(() => Array.from(p.model.forward(batch, { isTrain: false, rng: new Rng(0) }).tagScores!.dataSync()));
  // Force the classifier's P(INTEREST) to ~1, then ~0, through the textcat's output bias.
  const bias = p.params().get('model/textcat/dense/b')!;
  const saved = bias.dataSync().slice();
  const interest = p.labelSet.cats.indexOf('INTEREST');
  const setBias = (v: number) => tf.tidy(() => bias.assign(tf.tensor1d(p.labelSet.cats.map((_, i) => (i === interest ? v : -v)))));
  setBias(50);
  const high = tagScores();
  setBias(-50);
  const low = tagScores();
  tf.tidy(() => bias.assign(tf.tensor1d(saved)));
  const diff = high.map((x, i) => Math.abs(x - low[i]));
  assert.ok(Math.max(...diff) > 1e-4, `the feature moves the tag scores (max diff ${Math.max(...diff)})`);
  p.dispose();
});
