import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSampleJoint } from '../../../lib/data/sample';
import { Rng, tf } from '../../../lib/engine';
import { makeBatch } from '../../../lib/models/inputs/batch';
import { prepareForTraining } from '../../../lib/models/inputs/doc';
import { trainPipeline } from '../../../lib/models';
import { tagTypeIds, tokenTypes } from '../../../lib/models/schemes/entityTypes';

test('tagTypeIds / tokenTypes: one type per entity label (0 = O), gold where known during warm-up', () => {
  const typeOf = tagTypeIds(['O', 'B-A', 'I-A', 'L-A', 'U-A', 'B-B', 'I-B', 'L-B', 'U-B'], ['A', 'B']);
  assert.deepEqual([...typeOf], [0, 1, 1, 1, 1, 2, 2, 2, 2]);
  const predicted = Int32Array.from([0, 4, 0]);
  const gold = Int32Array.from([8, -1, 0]);
  assert.deepEqual([...tokenTypes(predicted, gold, true, typeOf)], [2, 1, 0]);
  assert.deepEqual([...tokenTypes(predicted, gold, false, typeOf)], [0, 1, 0]);
});

test('ner-features: the textcat reads gold entity types during warm-up, predicted ones after', async () => {
  const all = await loadSampleJoint();
  const train = all.filter((e) => e.meta?.hasNer !== false && Object.values(e.cats).some((v) => v === 1)).slice(0, 24);
  const p = await trainPipeline(
    {
      scheme: 'ner-features',
      schemeOptions: { warmupEpochs: 2 },
      epochs: 2,
      batchSize: 8,
      learnRate: 0.01,
      dropout: 0,
      encoder: { width: 32, depth: 1, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [500, 100, 200, 100] },
      training: { warmupSteps: 0 },
    },
    train,
  );
  const { docs } = prepareForTraining(train.slice(0, 8), p.labelSet);
  // The same texts with every gold entity tag replaced by 'O': only the textcat's input can change.
  const blanked = docs.map((d) => ({ ...d, tags: new Int32Array(d.tags!.length) }));
  const catLoss = (ds: typeof docs, epoch: number): number =>
    tf.tidy(() => p.model.loss(makeBatch(ds, p.featurizer, p.labelSet.cats.length), { isTrain: false, rng: new Rng(0) }, { epoch }).parts.cat.dataSync()[0]);
  assert.notEqual(catLoss(docs, 1), catLoss(blanked, 1), 'warm-up: gold types reach the textcat');
  assert.notEqual(catLoss(docs, 2), catLoss(blanked, 2), 'epoch 2 is still warm-up');
  assert.equal(catLoss(docs, 3), catLoss(blanked, 3), 'after warm-up the gold tags are not read');
  p.dispose();
});
