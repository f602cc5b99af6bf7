import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSampleJoint } from '../../../lib/data/sample';
import type { Example } from '../../../lib/data/types';
import { loadPipeline, schemes, trainPipeline } from '../../../lib/models';
import { StaticVectors, vectorRows } from '../../../lib/models/encoder/staticVectors';
import { forgetLoadedVectors, quantizeRows } from '../../../lib/vectors';
import { tf } from '../../../lib/engine';
import { writeGlove } from '../../vectors/helpers';

let dir: string;
let train: Example[];
const savedCache = process.env.WORKBENCH_CACHE;
const small = { epochs: 2, batchSize: 8, encoder: { width: 16, depth: 1, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [100, 50, 50, 50] } };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'models-vectors-'));
  process.env.WORKBENCH_CACHE = join(dir, 'cache');
  train = (await loadSampleJoint()).slice(0, 24);
});

after(() => {
  if (savedCache === undefined) delete process.env.WORKBENCH_CACHE;
  else process.env.WORKBENCH_CACHE = savedCache;
  forgetLoadedVectors();
  rmSync(dir, { recursive: true, force: true });
});

test('vectorRows looks tokens up lower-cased; StaticVectors gives the row and an OOV flag column, no params', () => {
  const table = quantizeRows(['paris', 'jazz'], Float32Array.from([1, 2, -1, 0.5]), 2, 't');
  const rows = vectorRows(table, [[{ text: 'Paris' }, { text: 'rome' }], [{ text: 'JAZZ' }]]);
  assert.deepEqual(Array.from(rows), [0, -1, 1]);
  const layer = StaticVectors(table);
  tf.tidy(() => {
    const out = layer.forward(rows, { isTrain: true, rng: undefined as never }).arraySync();
    assert.deepEqual(out.map((r) => r.map((x) => Math.round(x * 10) / 10 + 0)), [
      [1, 2, 0],
      [0, 0, 1],
      [-1, 0.5, 0],
    ]);
  });
  assert.deepEqual(Object.keys(layer.params), []);
});

test('encoder.vectors: a pipeline trained with a vector file predicts bit-identically after loading with the file and the cache gone', async () => {
  const file = join(dir, 'vectors.txt');
  // Vectors for the sample's words: enough to change the model's input.
  const words = [...new Set(train.flatMap((e) => e.tokens.map((t) => t.text.toLowerCase())))].slice(0, 40);
  writeGlove(file, words.map((w, i) => [w, [Math.sin(i), Math.cos(i), (i % 5) / 5 - 0.4]]));
  const config = { ...small, encoder: { ...small.encoder, vectors: file, charNgrams: 4, charRows: 500, charWidth: 8 } };
  const p = await trainPipeline(config, train, train.slice(0, 4));
  const plain = await trainPipeline(small, train, train.slice(0, 4));
  const texts = [...train.slice(0, 6).map((e) => e.text), 'Paris in the spring, unseen-words here'];
  const preds = p.predict(texts);
  assert.notDeepEqual(preds, plain.predict(texts), 'vectors and character n-grams change the predictions');
  const saved = join(dir, 'model');
  await p.save(saved);
  assert.ok(readdirSync(saved).includes('vectors.wbvec'));
  assert.ok(statSync(join(saved, 'vectors.wbvec')).size < 2000);
  rmSync(file);
  rmSync(join(dir, 'cache'), { recursive: true, force: true });
  forgetLoadedVectors();
  const q = await loadPipeline(saved);
  assert.deepEqual(q.predict(texts), preds);
  assert.equal(q.config.encoder.vectors, file, 'the config still names the source');
  for (const x of [p, q, plain]) x.dispose();
});

test('encoder.vectors and encoder.charNgrams work with every scheme (each trains, saves and reloads bit-identically)', async () => {
  const file = join(dir, 'v2.txt');
  writeGlove(file, [['the', [1, 0]], ['a', [0, 1]], ['to', [0.5, 0.5]]]);
  for (const { id } of schemes.list()) {
    const p = await trainPipeline({ ...small, epochs: 1, scheme: id, encoder: { ...small.encoder, vectors: file, charNgrams: 3, charRows: 200, charWidth: 4 } }, train);
    const texts = train.slice(0, 5).map((e) => e.text);
    const saved = join(dir, `m-${id}`);
    await p.save(saved);
    const q = await loadPipeline(saved);
    assert.deepEqual(q.predict(texts), p.predict(texts), id);
    p.dispose();
    q.dispose();
  }
});

test('config: encoder.charNgrams 1 or 2 is E010; encoder.vectors takes null or a string', async () => {
  await assert.rejects(trainPipeline({ encoder: { charNgrams: 2 } }, train), /E010.*encoder\.charNgrams = 2 is invalid/);
  await assert.rejects(trainPipeline({ encoder: { vectors: 3 } }, train), /E010.*encoder\.vectors = 3 is invalid: expected a string/);
  await assert.rejects(trainPipeline({ ...small, encoder: { ...small.encoder, vectors: 'nope' } }, train), /E702.*"nope" is neither a known name/);
});

test('tokenizer "auto": a pipeline trained on whitespace-tokenized examples records "whitespace" and predict(text) splits raw text the same way', async () => {
  const { whitespaceTokenize } = await import('../../../lib/data');
  const texts = ['fly to st. louis tomorrow', 'book a top-rated table at dolorosa: now', 'play jazz'];
  const egs = texts.map((text, i) => {
    const tokens = whitespaceTokenize(text);
    const ent = i === 0 ? [{ start: tokens[2].start, end: tokens[3].end, label: 'CITY' }] : [];
    return { text, tokens, spans: ent, cats: { A: i === 2 ? 0 : 1, B: i === 2 ? 1 : 0 } };
  });
  const p = await trainPipeline({ ...small, epochs: 30 }, egs);
  assert.equal(p.config.tokenizer, 'whitespace');
  assert.deepEqual(p.predict(texts), p.predictExamples(egs).map((e) => ({ cats: e.cats, ents: e.spans.map((s) => ({ ...s, text: e.text.slice(s.start, s.end) })) })));
  const forced = await trainPipeline({ ...small, epochs: 1, tokenizer: 'workbench' }, egs);
  assert.equal(forced.config.tokenizer, 'workbench');
  p.dispose();
  forced.dispose();
});
