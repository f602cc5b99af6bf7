import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSampleJoint } from '../../../lib/data/sample';
import type { Example } from '../../../lib/data/types';
import { collectParams } from '../../../lib/engine';
import { loadPipeline, schemes, trainPipeline } from '../../../lib/models';

let dir: string;
let train: Example[];
const small = { epochs: 2, batchSize: 8, encoder: { width: 16, depth: 1, vectors: null, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [100, 50, 50, 50], attrWidths: [] } };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'models-attention-'));
  train = (await loadSampleJoint()).slice(0, 24);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('encoder.attention adds a self-attention block that changes predictions and reloads bit-identically, with every scheme', async () => {
  const texts = [...train.slice(0, 5).map((e) => e.text), 'book a table for two at the jazz bar in paris tomorrow evening'];
  for (const { id } of schemes.list()) {
    const config = { ...small, scheme: id, encoder: { ...small.encoder, attention: 2 } };
    const p = await trainPipeline(config, train);
    const names = [...collectParams(p.model.root).keys()].filter((k) => k.includes('selfAttention'));
    assert.ok(names.some((k) => k.endsWith('/Wqkv')) && names.some((k) => k.endsWith('/Wo')), `${id}: attention params ${names.join(', ')}`);
    const saved = join(dir, `m-${id}`);
    await p.save(saved);
    const q = await loadPipeline(saved);
    assert.equal(q.config.encoder.attention, 2);
    assert.deepEqual(q.predict(texts), p.predict(texts), id);
    if (id === schemes.list()[0].id) {
      const plain = await trainPipeline({ ...small, scheme: id }, train);
      assert.notDeepEqual(plain.predict(texts), p.predict(texts), 'attention changes the model');
      assert.equal([...collectParams(plain.model.root).keys()].filter((k) => k.includes('selfAttention')).length, 0, 'off by default');
      plain.dispose();
    }
    p.dispose();
    q.dispose();
  }
});

test('config: encoder.attention must divide encoder.width (E010 naming both)', async () => {
  await assert.rejects(trainPipeline({ ...small, encoder: { ...small.encoder, attention: 3 } }, train), /E010.*encoder\.attention = 3 heads must divide encoder\.width = 16/);
  await assert.rejects(trainPipeline({ ...small, encoder: { ...small.encoder, attention: -1 } }, train), /E010.*encoder\.attention/);
});
