import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf } from '../../../lib/engine';
import { loadSampleJoint } from '../../../lib/data/sample';
import { catLoss } from '../../../lib/models/heads/losses';
import { tokenCatLoss } from '../../../lib/models/heads/tokenCats';
import { loadPipeline, trainPipeline, type EpochProgress } from '../../../lib/models';

test('tokenCatLoss: catLoss over every token with its text’s targets; texts without a known category add nothing', () => {
  // Three texts of 2, 1 and 2 tokens; the third has no known category.
  const logits = tf.tensor2d([0.2, 1.0, -0.5, 0.3, 2.0, 0.1, 0.0, 0.0, 4.0, -4.0], [5, 2]);
  const cats = new Float32Array([1, 0, 0, 1, 0, 0]);
  const mask = new Float32Array([1, 1, 1, 1, 0, 0]);
  const got = tokenCatLoss(logits, [2, 1, 2], cats, mask, true).arraySync();
  const rows = tf.tensor2d([0.2, 1.0, -0.5, 0.3, 2.0, 0.1], [3, 2]);
  const expected = catLoss(rows, new Float32Array([1, 0, 1, 0, 0, 1]), new Float32Array(6).fill(1), true).arraySync();
  assert.ok(Math.abs(got - expected) < 1e-6, `${got} vs ${expected}`);
  // By hand: mean of −log softmax over the three scored tokens.
  const nll = (a: number, b: number, gold: 0 | 1) => -((gold === 0 ? a : b) - Math.log(Math.exp(a) + Math.exp(b)));
  assert.ok(Math.abs(got - (nll(0.2, 1.0, 0) + nll(-0.5, 0.3, 0) + nll(2.0, 0.1, 1)) / 3) < 1e-5);
  assert.throws(() => tokenCatLoss(logits, [2, 2], cats.subarray(0, 4), mask.subarray(0, 4), true), /lengths sum to 4, logits have 5 rows/);
  tf.dispose([logits, rows]);
});

const tiny = (tokenCats: number) => ({
  scheme: 'shared',
  schemeOptions: { tokenCats },
  epochs: 3,
  batchSize: 8,
  learnRate: 0.01,
  encoder: { width: 16, depth: 1, vectors: null, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [100, 50, 50, 50] },
  training: { regime: 'standard', warmupSteps: 0 },
});

test('shared scheme, schemeOptions.tokenCats: an extra loss that trains the encoder, a head saved with the model, the same predictions after reload', async () => {
  const train = (await loadSampleJoint()).slice(0, 30);
  const epochs: EpochProgress[] = [];
  const withTokens = await trainPipeline(tiny(1), train, [], { onProgress: (p) => void (p.type === 'epoch' && epochs.push(p)) });
  const without = await trainPipeline(tiny(0), train);
  assert.ok(epochs.every((e) => e.losses.token_cats > 0), 'token_cats loss reported every epoch');
  const names = [...withTokens.params().keys()];
  assert.ok(names.some((n) => n.includes('tokenCats')), names.join(', '));
  assert.ok(![...without.params().keys()].some((n) => n.includes('tokenCats')), 'no head when the weight is 0');
  // Same seed, same data: only the auxiliary loss differs, and it changes the encoder's weights.
  const encoderW = (p: typeof without) => [...p.params()].find(([n]) => n.includes('encoder'))![1].dataSync();
  assert.notDeepEqual(Array.from(encoderW(withTokens)), Array.from(encoderW(without)));

  const dir = mkdtempSync(join(tmpdir(), 'token-cats-'));
  try {
    await withTokens.save(join(dir, 'model'));
    const loaded = await loadPipeline(join(dir, 'model'));
    assert.equal(loaded.config.schemeOptions.tokenCats, 1);
    assert.deepEqual(loaded.predictExamples(train), withTokens.predictExamples(train));
    loaded.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await assert.rejects(trainPipeline(tiny(-1), train), /schemeOptions\.tokenCats/);
  withTokens.dispose();
  without.dispose();
});
