import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSampleJoint } from '../../../lib/data/sample';
import { loadPipeline, trainPipeline, type JointPipeline } from '../../../lib/models';
import { PREDICT_TEXTS, trainSavedPipeline } from './helpers';

let root: string;
let saved: string;
let pipeline: JointPipeline;
const texts = PREDICT_TEXTS;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'models-save-'));
  saved = join(root, 'model');
  pipeline = await trainSavedPipeline(saved);
});

after(() => {
  pipeline.dispose();
  rmSync(root, { recursive: true, force: true });
});

/** A fresh copy of the saved pipeline to damage. */
function copy(name: string): string {
  const dir = join(root, name);
  cpSync(saved, dir, { recursive: true });
  return dir;
}

/** Rewrites manifest.json's size and checksum of `file`, so only the content check further down can fail. */
function reseal(dir: string, file: string, patch: (m: Record<string, any>) => void = () => {}): void {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const data = readFileSync(join(dir, file));
  manifest.files[file] = { bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex') };
  patch(manifest);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

test('save(dir) writes config, labels, features, weights and a manifest; no temp dirs left', () => {
  // vectors.wbvec: the default encoder reads static vectors (encoder.vectors 'glove-6b-100d'), and a saved pipeline keeps the table it trained with.
  assert.deepEqual(readdirSync(saved).sort(), ['config.json', 'features.json', 'labels.json', 'manifest.json', 'vectors.wbvec', 'weights.bin', 'weights.json']);
  assert.deepEqual(readdirSync(root).filter((n) => n.includes('tmp')), []);
  const manifest = JSON.parse(readFileSync(join(saved, 'manifest.json'), 'utf8'));
  assert.equal(manifest.scheme, 'shared.v1');
  assert.match(manifest.files['weights.bin'].sha256, /^[0-9a-f]{64}$/);
});

test('loadPipeline(dir) restores bit-identical predictions', async () => {
  const loaded = await loadPipeline(saved);
  assert.deepEqual(loaded.predict(texts), pipeline.predict(texts));
  loaded.dispose();
});

test('save(dir) replaces an earlier saved pipeline but refuses a directory that is not one', async () => {
  await pipeline.save(saved);
  assert.ok(existsSync(join(saved, 'manifest.json')));
  const other = join(root, 'not-a-model');
  mkdirSync(other);
  writeFileSync(join(other, 'notes.txt'), 'keep me');
  await assert.rejects(pipeline.save(other), /E016.*not-a-model.*not a saved pipeline.*notes\.txt/);
  assert.equal(readFileSync(join(other, 'notes.txt'), 'utf8'), 'keep me');
});

test('loadPipeline: a missing file is an error naming it', async () => {
  const dir = copy('missing');
  unlinkSync(join(dir, 'weights.bin'));
  await assert.rejects(loadPipeline(dir), /E403.*weights\.bin.*no such file/);
  await assert.rejects(loadPipeline(join(root, 'nowhere')), /E403.*manifest\.json/);
});

test('loadPipeline: a truncated weights file is an error naming it', async () => {
  const dir = copy('truncated');
  truncateSync(join(dir, 'weights.bin'), 100);
  await assert.rejects(loadPipeline(dir), /E404.*weights\.bin.*truncated/);
});

test('loadPipeline: a changed byte (same size) is a checksum error naming the file', async () => {
  const dir = copy('flipped');
  const bin = readFileSync(join(dir, 'weights.bin'));
  bin[bin.length - 1] ^= 0xff;
  writeFileSync(join(dir, 'weights.bin'), bin);
  await assert.rejects(loadPipeline(dir), /E404.*weights\.bin.*checksum mismatch/);
});

test('loadPipeline: a config that does not match the manifest or the weights is an error naming the file', async () => {
  const dir = copy('config');
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  config.encoder.width = 24;
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  reseal(dir, 'config.json');
  await assert.rejects(loadPipeline(dir), /E405.*config\.json.*does not match manifest\.json/);
  // With the manifest's config hash updated too, the weights' shapes no longer fit.
  const { rawConfigHash } = await import('../../../lib/models/config/hash');
  reseal(dir, 'config.json', (m) => (m.configHash = rawConfigHash(config)));
  await assert.rejects(loadPipeline(dir), /weights\.json.*shape/);
});

test('loadPipeline: a config saved before a schema key was added still loads (the key gets its default)', async () => {
  const dir = copy('older');
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  delete config.training.averageDecay; // as written by a version without that key
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const { rawConfigHash } = await import('../../../lib/models/config/hash');
  reseal(dir, 'config.json', (m) => (m.configHash = rawConfigHash(config)));
  const loaded = await loadPipeline(dir);
  const { defaultConfig } = await import('../../../lib/models');
  assert.equal(loaded.config.training.averageDecay, defaultConfig().training.averageDecay);
  assert.deepEqual(loaded.predict(texts), pipeline.predict(texts));
  loaded.dispose();
});

test('loadPipeline: a pipeline saved before encoder.vectors and tokenizer existed loads without vectors and tokenizes with the workbench rules', async () => {
  const train = (await loadSampleJoint()).slice(0, 20);
  const plain = await trainPipeline({ epochs: 1, batchSize: 8, encoder: { width: 16, depth: 1, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [100, 50, 50, 50], vectors: null } }, train);
  const dir = join(root, 'before-vectors');
  await plain.save(dir);
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  for (const key of ['vectors', 'charNgrams', 'charRows', 'charWidth']) delete config.encoder[key];
  delete config.tokenizer;
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const { rawConfigHash } = await import('../../../lib/models/config/hash');
  reseal(dir, 'config.json', (m) => (m.configHash = rawConfigHash(config)));
  const loaded = await loadPipeline(dir);
  assert.equal(loaded.config.encoder.vectors, null);
  assert.equal(loaded.config.tokenizer, 'auto');
  assert.deepEqual(loaded.predict(texts), plain.predict(texts));
  loaded.dispose();
  plain.dispose();
});

test('loadPipeline: malformed labels or features are errors naming the file', async () => {
  const dir = copy('labels');
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8'));
  labels.tags = labels.tags.slice(1);
  writeFileSync(join(dir, 'labels.json'), JSON.stringify(labels));
  reseal(dir, 'labels.json');
  await assert.rejects(loadPipeline(dir), /E405.*labels\.json/);
  const dir2 = copy('features');
  writeFileSync(join(dir2, 'features.json'), '{"attrs": ["NORM"], "seeds": [1], "version": 1}');
  reseal(dir2, 'features.json');
  await assert.rejects(loadPipeline(dir2), /E405.*features\.json/);
  writeFileSync(join(dir2, 'features.json'), '{oops');
  reseal(dir2, 'features.json');
  await assert.rejects(loadPipeline(dir2), /E001.*features\.json/);
});
