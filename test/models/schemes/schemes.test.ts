import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSampleJoint } from '../../../lib/data/sample';
import { datasetPath } from '../../../lib/data/dataDir';
import { loadSlotIntent } from '../../../lib/data/slotIntent';
import type { Example } from '../../../lib/data/types';
import { scoreExamples } from '../../../lib/eval/evaluate';
import { loadPipeline, schemes, trainPipeline, type EpochProgress } from '../../../lib/models';

// One table-driven contract for every registered scheme (thinc's test_layers_api, spaCy's
// test_overfitting_IO): overfit a handful of examples, save, reload, compare, batch vs one-by-one.

/** A tiny model: fast enough for ~1 s of training per scheme. */
const tiny = (scheme: string, extra: Record<string, unknown> = {}) => ({
  scheme,
  epochs: 20,
  batchSize: 8,
  learnRate: 0.01,
  dropout: 0,
  encoder: { width: 32, depth: 1, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [500, 100, 200, 100] },
  training: { regime: 'standard', warmupSteps: 0 }, // the settings these overfit checks were written for (not the small-data regime)
  ...extra,
});

async function sampleSet(n: number): Promise<Example[]> {
  const all = await loadSampleJoint();
  // Fully annotated texts with one known intent: the overfit target is unambiguous.
  return all.filter((e) => e.meta?.hasNer !== false && Object.values(e.cats).some((v) => v === 1)).slice(0, n);
}

for (const { id } of schemes.list()) {
  test(`scheme ${id}: overfits the sample, saves, reloads bit-identically, batches like one-by-one`, async () => {
    const train = await sampleSet(30);
    const epochs: EpochProgress[] = [];
    const pipeline = await trainPipeline(tiny(id), train, [], { onProgress: (p) => void (p.type === 'epoch' && epochs.push(p)) });
    const last = epochs.at(-1)!;
    const steps = last.step - epochs.at(-2)!.step;
    assert.ok(last.losses.total / steps < 0.02, `mean loss ${last.losses.total / steps}`);
    assert.ok(last.losses.ner !== undefined && last.losses.cat !== undefined, 'both tasks trained');
    const preds = pipeline.predictExamples(train);
    const scores = scoreExamples(train, preds);
    assert.equal(scores.ents_f, 1, 'entities right');
    assert.equal(scores.cats_acc, 1, 'categories right');

    const dir = mkdtempSync(join(tmpdir(), `models-${id}-`));
    try {
      await pipeline.save(join(dir, 'model'));
      const loaded = await loadPipeline(join(dir, 'model'));
      assert.equal(loaded.config.scheme, id);
      assert.deepEqual(loaded.labels, pipeline.labels);
      assert.deepEqual(loaded.predictExamples(train), preds, 'bit-identical predictions after reload');
      loaded.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const texts = train.map((e) => e.text);
    const batched = pipeline.predict(texts);
    assert.equal(batched.length, texts.length);
    texts.forEach((t, i) => assert.deepEqual(pipeline.predict(t), batched[i], `text ${i}`));
    for (const [i, p] of batched.entries()) for (const e of p.ents) assert.equal(e.text, texts[i].slice(e.start, e.end));
    pipeline.dispose();
  });

  test(`scheme ${id}: trains on a SNIPS subset and predicts`, async (t) => {
    const dir = datasetPath('snips');
    if (!dir) return t.skip('SNIPS not found (set WORKBENCH_DATA)');
    const train = loadSlotIntent(dir, { split: 'train' }).slice(0, 300);
    const dev = loadSlotIntent(dir, { split: 'valid' }).slice(0, 100);
    const pipeline = await trainPipeline(tiny(id, { epochs: 4, batchSize: 16 }), train, dev);
    const scores = scoreExamples(dev, pipeline.predictExamples(dev));
    // Far from converged, but clearly learning: well above chance (1/7 intents, 0 entities).
    assert.ok((scores.cats_acc ?? 0) > 0.5, `intent accuracy ${scores.cats_acc}`);
    assert.ok((scores.ents_f ?? 0) > 0.2, `slot F1 ${scores.ents_f}`);
    pipeline.dispose();
  });
}

test('trainPipeline: same config, seed and data give the same predictions; another seed does not', async () => {
  const train = await sampleSet(20);
  const run = async (seed: number) => {
    const p = await trainPipeline(tiny('shared', { epochs: 3, seed, dropout: 0.2, training: { warmupSteps: 0, averageDecay: 0.99 } }), train, train.slice(0, 5));
    const out = p.predict(train.map((e) => e.text));
    p.dispose();
    return out;
  };
  const a = await run(1);
  assert.deepEqual(await run(1), a);
  assert.notDeepEqual(await run(2), a);
});

test('trainPipeline: tf.memory().numTensors is the same after epoch 1 and after the last epoch', async () => {
  const { tf } = await import('../../../lib/engine');
  const train = await sampleSet(20);
  const counts: number[] = [];
  const p = await trainPipeline(tiny('shared', { epochs: 4, dropout: 0.1, training: { warmupSteps: 0, averageDecay: 0.99 } }), train, train.slice(0, 6), {
    onProgress: (e) => void (e.type === 'epoch' && counts.push(tf.memory().numTensors)),
  });
  assert.equal(counts.length, 4);
  assert.equal(counts[3], counts[0], `tensor counts per epoch: ${counts}`);
  p.dispose();
});

test('trainPipeline: progress reports steps and epochs with losses, dev scores and tokens/s; patience stops early', async () => {
  const train = await sampleSet(20);
  const events: string[] = [];
  let lastEpoch: EpochProgress | undefined;
  const p = await trainPipeline(tiny('shared', { epochs: 50, training: { warmupSteps: 0, patience: 2 } }), train, train.slice(0, 5), {
    onProgress: (e) => {
      events.push(e.type);
      if (e.type === 'epoch') lastEpoch = e;
    },
  });
  assert.ok(events.includes('step') && events.includes('epoch'));
  assert.ok(lastEpoch!.epoch < 50 && lastEpoch!.stopped === 'patience', `stopped at ${lastEpoch!.epoch} (${lastEpoch!.stopped})`);
  assert.ok(lastEpoch!.tokensPerSecond > 0 && typeof lastEpoch!.dev.ents_f === 'number' && typeof lastEpoch!.score === 'number');
  p.dispose();
  assert.throws(() => p.predict('x'), /E406/);
});

test('trainPipeline rejects bad input before training', async () => {
  await assert.rejects(trainPipeline({ epochs: 0 }, []), /E010.*epochs = 0/);
  await assert.rejects(trainPipeline({}, [{ text: 'x' } as unknown as Example]), /E002.*example 0/);
  await assert.rejects(trainPipeline({}, [{ text: 'x', tokens: [], spans: [], cats: {} }]), /E401/);
});
