import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, truncateSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf, Rng, MultiHashEmbed, WindowConv, LayerNorm, chain, residual, collectParams, disposeLayer, saveWeights, loadWeights, type Ragged, type HashKeys } from '../../lib/engine';
import { BACKENDS, use } from './helpers';

const keys: HashKeys = { keys: Int32Array.from({ length: 12 }, (_, i) => i * 7777), nTokens: 6, nAttrs: 2 };
const lengths = [4, 2];

function build(seed: number) {
  const embed = MultiHashEmbed({ width: 6, rows: [30, 20] });
  const cnn = residual(chain<Ragged, Ragged>(WindowConv<Ragged>({ nO: 6 }), LayerNorm<Ragged>()));
  const rng = new Rng(seed);
  embed.initialize(keys, rng.fork(0));
  tf.tidy(() => cnn.initialize({ data: embed.forward(keys, { isTrain: false, rng }), lengths }, rng.fork(1)));
  const params = new Map([...collectParams(embed, 'embed'), ...collectParams(cnn, 'cnn')]);
  const predict = () =>
    tf.tidy(() => cnn.forward({ data: embed.forward(keys, { isTrain: false, rng }), lengths }, { isTrain: false, rng }).data.dataSync());
  return { params, predict, dispose: () => [embed, cnn].forEach(disposeLayer) };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'engine-weights-'));

for (const backend of BACKENDS) {
  test(`saveWeights / loadWeights round-trip gives bit-identical outputs on ${backend}`, async () => {
    await use(backend);
    const dir = tmp();
    const a = build(1);
    const b = build(2);
    assert.notDeepEqual(Array.from(b.predict()), Array.from(a.predict()));
    await saveWeights(a.params, join(dir, 'model'));
    assert.deepEqual(readdirSync(join(dir, 'model')).sort(), ['weights.bin', 'weights.json'], 'no temporary files left');
    await loadWeights(join(dir, 'model'), b.params);
    assert.deepEqual(Array.from(b.predict()), Array.from(a.predict()));
    for (const [name, v] of a.params) assert.deepEqual(Array.from(b.params.get(name)!.dataSync()), Array.from(v.dataSync()), name);
    a.dispose();
    b.dispose();
    rmSync(dir, { recursive: true });
  });
}

test('the manifest lists name, shape, dtype, byte offset and length, and the sha256 of the bin', async () => {
  await use('cpu');
  const dir = tmp();
  const a = build(1);
  await saveWeights(a.params, dir);
  const manifest = JSON.parse(readFileSync(join(dir, 'weights.json'), 'utf8'));
  assert.equal(manifest.params[0].name, 'embed/hashEmbed/E');
  assert.deepEqual(manifest.params[0].shape, [50, 6]);
  assert.deepEqual([manifest.params[0].offset, manifest.params[0].length, manifest.params[1].offset], [0, 1200, 1200]);
  assert.equal(manifest.byteLength, readFileSync(join(dir, 'weights.bin')).byteLength);
  assert.match(manifest.sha256, /^[0-9a-f]{64}$/);
  a.dispose();
  rmSync(dir, { recursive: true });
});

test('loadWeights errors name the file and the param', async (t) => {
  await use('cpu');
  const dir = tmp();
  const a = build(1);
  await saveWeights(a.params, dir);
  const bin = join(dir, 'weights.bin');
  const json = join(dir, 'weights.json');
  const original = readFileSync(bin);
  const manifest = readFileSync(json, 'utf8');

  await t.test('missing directory / file', async () => {
    await assert.rejects(loadWeights(join(dir, 'nope'), a.params), (e: Error) => /\[E304\].*nope\/weights\.json.*no such file/.test(e.message));
    rmSync(bin);
    await assert.rejects(loadWeights(dir, a.params), /\[E304\].*weights\.bin.*no such file/);
    writeFileSync(bin, original);
  });

  await t.test('truncated bin names the first param cut off', async () => {
    truncateSync(bin, original.byteLength - 10);
    const last = [...a.params.keys()].at(-1)!;
    await assert.rejects(loadWeights(dir, a.params), (e: Error) => {
      assert.match(e.message, /\[E305\].*weights\.bin.*truncated/);
      assert.ok(e.message.includes(`'${last}'`), e.message);
      return true;
    });
    writeFileSync(bin, original);
  });

  await t.test('checksum mismatch', async () => {
    const corrupt = Buffer.from(original);
    corrupt[17] ^= 0xff;
    writeFileSync(bin, corrupt);
    await assert.rejects(loadWeights(dir, a.params), /\[E305\].*weights\.bin.*checksum mismatch/);
    writeFileSync(bin, original);
  });

  await t.test('shape mismatch, missing and unexpected params', async () => {
    const other = MultiHashEmbed({ width: 6, rows: [31, 20] });
    other.initialize(keys, new Rng(0));
    const params = collectParams(other, 'embed');
    await assert.rejects(
      loadWeights(dir, params),
      /\[E306\].*weights\.json.*field "embed\/hashEmbed\/E".*shape \[51,6\] in the model but \[50,6\] in the file/,
    );
    const extra = new Map([...a.params, ['cnn/extra/W', params.get('embed/maxout/W')!]]);
    await assert.rejects(loadWeights(dir, extra), /param 'cnn\/extra\/W' of the model is not in the file/);
    const fewer = new Map([...a.params].slice(1));
    await assert.rejects(loadWeights(dir, fewer), /param 'embed\/hashEmbed\/E' in the file is not in the model/);
    disposeLayer(other);
  });

  await t.test('a failed load assigns nothing', async () => {
    const b = build(2);
    const before = b.predict();
    writeFileSync(json, manifest.replace('"sha256": "', '"sha256": "0'));
    await assert.rejects(loadWeights(dir, b.params), /checksum mismatch/);
    assert.deepEqual(Array.from(b.predict()), Array.from(before));
    b.dispose();
    writeFileSync(json, manifest);
  });

  await t.test('invalid manifest JSON', async () => {
    writeFileSync(json, '{"format": ');
    await assert.rejects(loadWeights(dir, a.params), /\[E305\].*weights\.json.*invalid JSON/);
    writeFileSync(json, manifest);
    await loadWeights(dir, a.params);
  });

  a.dispose();
  rmSync(dir, { recursive: true });
});
