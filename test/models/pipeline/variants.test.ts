import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSampleJoint } from '../../../lib/data/sample';
import { loadPipeline, trainPipeline } from '../../../lib/models';

// Architecture options beyond the defaults: each trains, predicts valid output and reloads bit-identically.
const variants: [string, Record<string, unknown>][] = [
  ['bag-of-ngrams ensemble, attention pooling, hidden textcat layer', { heads: { textcat: { ngrams: 2, ngramRows: 1000, pooling: 'attention', hidden: 16 } } }],
  ['BIO tags, CRF, hidden tagger layer, sentence vector', { heads: { tagger: { tagScheme: 'bio', hidden: 16, sentenceVector: true } } }],
  ['softmax tagger, mean pooling, exclusive forced off (multilabel)', { heads: { tagger: { decoder: 'softmax' }, textcat: { pooling: 'mean', mode: 'multilabel' } } }],
  ['maxout CNN, window 2, per-attribute widths, affix attributes', { encoder: { width: 24, activation: 'maxout', pieces: 2, window: 2, attrs: ['NORM', 'SUFFIX4', 'SHAPE'], attrWidths: [16, 8, 8], embedPieces: 2 } }],
];

for (const [name, extra] of variants) {
  test(`trainPipeline variant: ${name}`, async () => {
    const train = (await loadSampleJoint()).slice(0, 24);
    const config = { epochs: 2, batchSize: 8, encoder: { width: 24, depth: 1, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [300, 100, 100, 100] }, ...extra };
    const p = await trainPipeline(config, train, train.slice(0, 4));
    const texts = train.slice(0, 6).map((e) => e.text);
    const preds = p.predict(texts);
    for (const [i, pred] of preds.entries()) {
      assert.deepEqual(Object.keys(pred.cats).sort(), p.labels.cats);
      for (const v of Object.values(pred.cats)) assert.ok(v >= 0 && v <= 1);
      for (const e of pred.ents) assert.ok(p.labels.ents.includes(e.label) && e.text === texts[i].slice(e.start, e.end));
    }
    const dir = mkdtempSync(join(tmpdir(), 'models-variant-'));
    try {
      await p.save(dir + '/m');
      const q = await loadPipeline(dir + '/m');
      assert.deepEqual(q.predict(texts), preds);
      q.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      p.dispose();
    }
  });
}

test('trainPipeline: an exclusive textcat gives category scores that sum to 1', async () => {
  const train = (await loadSampleJoint()).filter((e) => Object.values(e.cats).filter((v) => v === 1).length === 1).slice(0, 20);
  const p = await trainPipeline({ epochs: 1, batchSize: 8, encoder: { width: 16, depth: 1, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [100, 50, 50, 50] }, heads: { textcat: { mode: 'exclusive' } } }, train);
  const sum = Object.values(p.predict('play some jazz').cats).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-5, `sum ${sum}`);
  p.dispose();
});

test('training.averageDecay: the pipeline ends with the averaged weights (differ from the last step, still fit the data)', async () => {
  const train = (await loadSampleJoint()).filter((e) => e.meta?.hasNer !== false && Object.values(e.cats).some((v) => v === 1)).slice(0, 20);
  const base = { epochs: 15, batchSize: 8, learnRate: 0.01, dropout: 0, encoder: { width: 24, depth: 1, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [300, 100, 100, 100] } };
  const plain = await trainPipeline({ ...base, training: { warmupSteps: 0, averageDecay: 0 } }, train);
  const averaged = await trainPipeline({ ...base, training: { warmupSteps: 0, averageDecay: 0.9 } }, train);
  const a = plain.predict(train.map((e) => e.text));
  const b = averaged.predict(train.map((e) => e.text));
  assert.notDeepEqual(a, b);
  const right = b.filter((p, i) => Object.entries(p.cats).sort((x, y) => y[1] - x[1])[0][0] === Object.keys(train[i].cats).find((k) => train[i].cats[k] === 1)).length;
  assert.ok(right >= 18, `averaged weights classify ${right}/20 training texts`);
  plain.dispose();
  averaged.dispose();
});
