import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSampleDocuments } from '../../../lib/data/sample';
import { Rng, tf } from '../../../lib/engine';
import { evaluate } from '../../../lib/eval/evaluate';
import { makeBatch } from '../../../lib/models/inputs/batch';
import { prepareForTraining } from '../../../lib/models/inputs/doc';
import { trainPipeline } from '../../../lib/models';
import { goldInterest } from '../../../lib/models/schemes/interest';
import { keptTexts } from '../../../lib/models/schemes/subBatch';

const tiny = (schemeOptions: Record<string, unknown>, epochs = 4) => ({
  scheme: 'hard-cascade',
  schemeOptions: { interestLabels: ['INTEREST'], ...schemeOptions },
  epochs,
  batchSize: 16,
  learnRate: 0.01,
  dropout: 0,
  encoder: { width: 32, depth: 1, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [500, 100, 200, 100] },
  training: { regime: 'standard', warmupSteps: 0 }, // the scheme's own textcat, not the small-data regime's bag-of-ngrams
});

test('keptTexts / goldInterest: sub-batch rows and which paragraphs are of interest', () => {
  const input = { keys: { keys: Int32Array.from([1, 2, 3, 4, 5]), nTokens: 5, nAttrs: 1 }, lengths: [2, 1, 2] };
  const { input: sub, rows } = keptTexts(input, [true, false, true]);
  assert.deepEqual(sub.lengths, [2, 2]);
  assert.deepEqual([...sub.keys.keys], [1, 2, 4, 5]);
  assert.deepEqual([...rows], [0, 1, -1, 2, 3]);
  // cats [INTEREST, OTHER]: interest; other; unknown.
  assert.deepEqual(goldInterest([1, 0, 0, 1, 0, 0], [1, 1, 1, 1, 0, 0], 3, 2, [0]), [true, false, undefined]);
});

test('hard-cascade: dropped paragraphs have no entities; documents are scored whole', async () => {
  const paragraphs = await loadSampleDocuments();
  const p = await trainPipeline(tiny({}), paragraphs);
  const preds = p.predict(paragraphs.map((e) => e.text));
  const dropped = preds.filter((x) => x.cats.INTEREST < 0.5);
  const kept = preds.filter((x) => x.cats.INTEREST >= 0.5);
  assert.ok(dropped.length > 0 && kept.length > 0, `${dropped.length} dropped, ${kept.length} kept`);
  assert.ok(dropped.every((x) => x.ents.length === 0), 'no entities in dropped paragraphs');
  assert.ok(kept.some((x) => x.ents.length > 0), 'the NER ran on the kept ones');
  // Batched = one by one, also when some texts of a batch are dropped.
  paragraphs.slice(0, 12).forEach((e, i) => assert.deepEqual(p.predict(e.text), preds[i]));
  const scores = evaluate(p, paragraphs);
  assert.equal(scores.n_docs, 24);
  assert.equal(scores.n_paragraphs, 219);
  // Entities of dropped paragraphs are misses: recall is below what the kept paragraphs alone allow.
  assert.ok((scores.doc_ents_r ?? 1) < 1 && (scores.ents_r ?? 1) < 0.5, `doc recall ${scores.doc_ents_r}, ents recall ${scores.ents_r}`);
  p.dispose();
});

test("hard-cascade: trainNerOn 'interest' masks the NER loss of other paragraphs, 'all' does not", async () => {
  const paragraphs = await loadSampleDocuments();
  const other = paragraphs.filter((e) => e.cats.OTHER === 1 && e.spans.length > 0).slice(0, 6);
  const nerLoss = async (trainNerOn: string) => {
    const p = await trainPipeline(tiny({ trainNerOn }, 1), paragraphs.slice(0, 40));
    const { docs } = prepareForTraining(other, p.labelSet);
    const batch = makeBatch(docs, p.featurizer, p.labelSet.cats.length);
    const value = tf.tidy(() => p.model.loss(batch, { isTrain: true, rng: new Rng(0) }, { epoch: 1 }).parts.ner.dataSync()[0]);
    p.dispose();
    return value;
  };
  assert.equal(await nerLoss('interest'), 0);
  assert.ok((await nerLoss('all')) > 0);
});
