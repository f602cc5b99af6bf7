// The small-data textcat: character n-grams in the hasher, the 'bow' architecture (spaCy's TextCatBOW
// with a unit-length bag), the one-vs-rest squared hinge loss and the step minimum of training.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { init, Rng, setParam, tf } from '../../../lib/engine';
import { loadSampleJoint } from '../../../lib/data/sample';
import type { Example } from '../../../lib/data/types';
import { scoreExamples } from '../../../lib/eval/evaluate';
import { loadPipeline, trainPipeline, type JointPipeline } from '../../../lib/models';
import { BagOfNgrams } from '../../../lib/models/heads/bagOfNgrams';
import { validateConfig } from '../../../lib/models/config/config';
import { catHingeLoss, l2Penalty } from '../../../lib/models/heads/losses';
import { NgramHasher } from '../../../lib/models/heads/ngrams';
import { TextcatHead } from '../../../lib/models/heads/textcat';
import { epochsFor } from '../../../lib/models/training/train';

const toks = (s: string): { text: string }[] => s.split(' ').map((text) => ({ text }));

before(() => init());

test('NgramHasher: charMaxN 0 hashes exactly the word n-grams of before; character n-grams link word forms', () => {
  const words = new NgramHasher(2, 1 << 20);
  const withChars = new NgramHasher(2, 1 << 20, 0x6e6772, 5);
  const a = toks('Upgrading my printers');
  assert.deepEqual([...new NgramHasher(2, 1 << 20, 0x6e6772, 0).ids(a)], [...words.ids(a)]);
  // 3 unigrams + 2 bigrams, then for each of "<upgrading>" (11 chars), "<my>" (4), "<printers>" (10) the n-grams n = 2..5.
  const count = (len: number): number => [2, 3, 4, 5].reduce((s, n) => s + Math.max(0, len - n + 1), 0);
  const charIds = withChars.ids(a).length - words.ids(a).length;
  assert.ok(charIds <= count(11) + count(4) + count(10) && charIds >= count(11) + count(4) + count(10) - 3, `${charIds} character n-gram ids`);
  const shared = (x: string, y: string): number => {
    const sx = new Set(withChars.ids(toks(x)));
    return [...withChars.ids(toks(y))].filter((i) => sx.has(i)).length;
  };
  assert.equal(shared('upgrade', 'upgrading') > 5, true, 'upgrade/upgrading share "<up", "upg", "pgra", ...');
  assert.equal(shared('upgrade', 'printer'), 0);
  // Case-insensitive, and the same character string at different n never collides by construction of the seeds.
  assert.deepEqual([...withChars.ids(toks('PRINTER'))], [...withChars.ids(toks('printer'))]);
});

test('config: character n-grams start at 2, and "bow" needs features', () => {
  assert.throws(() => validateConfig({ heads: { textcat: { charNgrams: 1 } } }), /heads\.textcat\.charNgrams = 1 is invalid/);
  const standard = { training: { regime: 'standard' } };
  assert.throws(() => validateConfig({ ...standard, heads: { textcat: { architecture: 'bow' } } }), /architecture = "bow" needs features, and has none under training.regime "standard"/);
  assert.throws(() => validateConfig({ heads: { textcat: { loss: 'svm' } } }), /heads\.textcat\.loss/);
  const c = validateConfig({ heads: { textcat: { architecture: 'bow', charNgrams: 4 } } });
  assert.equal(c.heads.textcat.ngrams, 0);
  const d = validateConfig({});
  assert.deepEqual([d.heads.textcat.architecture, d.heads.textcat.charNgrams, d.heads.textcat.loss, d.training.minSteps], ['ensemble', 0, 'crossentropy', 0]);
});

test('epochsFor: adds epochs until the step minimum is reached', () => {
  assert.equal(epochsFor(15, 0, 53, 64), 15);
  assert.equal(epochsFor(15, 500, 53, 64), 500); // one step per epoch
  assert.equal(epochsFor(15, 500, 130, 64), 167); // three steps per epoch
  assert.equal(epochsFor(15, 20, 1000, 64), 15); // 16 steps per epoch already exceed it
  assert.equal(epochsFor(3, 10, 0, 64), 10);
});

test('catHingeLoss: squared hinge over known categories, exclusive positives make the rest negatives', () => {
  const logits = tf.tensor2d([
    [2, 0.5, -1], // positive 0 with margin 2: no loss; cat 1 needs ≤ −1: (1 + 0.5)² ; cat 2 satisfied
    [0, 0, 0], // reject of category 1 only (exclusive, no positive): (1 − 0)² for it alone
    [0, 0, 0], // nothing known: not scored
  ]);
  const cats = new Float32Array([1, 0, 0, 0, 0, 0, 0, 0, 0]);
  const mask = new Float32Array([1, 0, 0, 0, 1, 0, 0, 0, 0]);
  const exclusive = catHingeLoss(logits, cats, mask, true).arraySync();
  assert.ok(Math.abs(exclusive - (1.5 ** 2 + 1) / 2) < 1e-6, `${exclusive}`);
  // Multilabel: only the known entries count (row 0: category 0 positive, margin met → 0).
  const multilabel = catHingeLoss(logits, cats, mask, false).arraySync();
  assert.ok(Math.abs(multilabel - 1 / 2) < 1e-6, `${multilabel}`);
  // Gradient: −2·y·(1 − y·s) on violated margins, 0 elsewhere.
  const g = tf.grad((x: tf.Tensor) => catHingeLoss(x as tf.Tensor2D, cats, mask, true))(logits).arraySync() as number[][];
  assert.deepEqual(g[0].map((v) => Math.round(v * 1e5) / 1e5 + 0), [0, 1.5, 0]);
  assert.deepEqual(g[1].map((v) => Math.round(v * 1e5) / 1e5 + 0), [0, 1, 0]);
  assert.deepEqual(g[2].map((v) => v + 0), [0, 0, 0]);
});

test('l2Penalty: ½·λ·Σ‖W‖², gradient λ·W; heads.textcat.L2 needs a bag-of-ngrams model', () => {
  const a = tf.tensor2d([1, -2, 0, 3], [2, 2]);
  const b = tf.tensor1d([0.5]);
  assert.ok(Math.abs(l2Penalty([a, b], 0.1).arraySync() - 0.05 * (1 + 4 + 9 + 0.25)) < 1e-6);
  assert.equal(l2Penalty([], 0.1).arraySync(), 0);
  const g = tf.grad((w: tf.Tensor) => l2Penalty([w], 0.1))(a).arraySync() as number[][];
  assert.deepEqual(g.flat().map((v) => Math.round(v * 1e6) / 1e6 + 0), [0.1, -0.2, 0, 0.3]);
  assert.throws(() => validateConfig({ training: { regime: 'small' }, heads: { textcat: { L2: 0.001 } } }), /heads\.textcat\.L2 penalises the bag-of-ngrams weights, but there are none under training.regime "small"/);
  assert.equal(validateConfig({ heads: { textcat: { L2: 0.001, ngrams: 1 } } }).heads.textcat.L2, 0.001);
});

test('BagOfNgrams with normalize: the score is Σ W[g] / √n (bias added)', () => {
  const bow = BagOfNgrams({ nO: 2, rows: 8, normalize: true });
  const batch = { ids: Int32Array.from([1, 2, 3, 4, 5]), lengths: [4, 1] };
  bow.initialize(batch, new Rng(0));
  setParam(bow, 'W', tf.tensor2d([0, 0, 1, 0, 2, 0, 3, 0, 4, 1, 5, 1, 0, 0, 0, 0], [8, 2]));
  setParam(bow, 'b', tf.tensor1d([0.5, 0]));
  const out = bow.forward(batch, { isTrain: false, rng: new Rng(0) }).arraySync() as number[][];
  assert.ok(Math.abs(out[0][0] - ((1 + 2 + 3 + 4) / 2 + 0.5)) < 1e-5, `${out[0][0]}`);
  assert.ok(Math.abs(out[0][1] - 1 / 2) < 1e-5);
  assert.ok(Math.abs(out[1][0] - 5.5) < 1e-5 && Math.abs(out[1][1] - 1) < 1e-5);
});

test('TextcatHead "bow" reads the n-grams only: token vectors do not change its logits', () => {
  const head = TextcatHead({ nCats: 3, pooling: 'mean+max', hidden: 0, ngrams: 1, ngramRows: 64, charNgrams: 3, architecture: 'bow' });
  const ngrams = { ids: Int32Array.from([1, 5, 9, 2]), lengths: [3, 1] };
  const tokens = (v: number) => ({ data: tf.fill([4, 6], v) as tf.Tensor2D, lengths: [3, 1] });
  head.initialize({ tokens: tokens(0), ngrams }, new Rng(1));
  setParam(head.layers[0], 'W', tf.randomNormal([64, 3], 0, 1, 'float32', 7));
  const ctx = { isTrain: false, rng: new Rng(0) };
  const a = head.forward({ tokens: tokens(0), ngrams }, ctx).arraySync();
  const b = head.forward({ tokens: tokens(5), ngrams }, ctx).arraySync();
  assert.deepEqual(a, b);
  assert.throws(() => TextcatHead({ nCats: 2, pooling: 'mean', hidden: 0, ngrams: 0, ngramRows: 64, architecture: 'bow' }), /needs ngrams > 0 or charNgrams > 0/);
});

test('schemes with an encoder for the textcat alone do not build it for a "bow" textcat; ner-features refuses "bow"', async () => {
  const train = (await loadSampleJoint()).slice(0, 24);
  const small = { epochs: 1, batchSize: 8, encoder: { width: 16, depth: 1, attrs: ['NORM', 'SHAPE'], rows: [100, 20] } };
  const bow = { architecture: 'bow', ngrams: 1, charNgrams: 3 };
  for (const [scheme, encoderName] of [['separate', 'catEncoder'], ['label-token', 'catEncoder'], ['soft-cascade', 'paragraphEncoder'], ['hard-cascade', 'paragraphEncoder']] as const) {
    const withCnn = await trainPipeline({ ...small, scheme, training: { regime: 'standard' } }, train);
    const withBow = await trainPipeline({ ...small, scheme, heads: { textcat: bow } }, train);
    try {
      const names = (p: JointPipeline): string[] => [...p.params().keys()];
      assert.ok(names(withCnn).some((n) => n.includes(`/${encoderName}/`)), `${scheme}: ${encoderName} built for the CNN textcat`);
      assert.deepEqual(names(withBow).filter((n) => n.includes(`/${encoderName}/`)), [], `${scheme}: no ${encoderName} for a bow textcat`);
      assert.ok(names(withBow).some((n) => n.endsWith('bagOfNgrams/W')), scheme);
      const [pred] = withBow.predict(['play some jazz']);
      assert.equal(Object.keys(pred.cats).length, withBow.labels.cats.length, scheme);
    } finally {
      withCnn.dispose();
      withBow.dispose();
    }
  }
  assert.throws(() => validateConfig({ scheme: 'ner-features', heads: { textcat: bow } }), /architecture = "bow" does not apply to scheme ner-features/);
});

describeTraining();

function describeTraining(): void {
  let root: string;
  let train: Example[];
  let test_: Example[];
  let bow: JointPipeline;
  const config = {
    scheme: 'separate',
    epochs: 1,
    learnRate: 0.01,
    encoder: { width: 16, depth: 1, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [100, 50, 50, 50] },
    heads: { textcat: { architecture: 'bow', ngrams: 1, charNgrams: 4, loss: 'hinge' } },
    training: { minSteps: 200, warmupSteps: 10 },
  };

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'bow-textcat-'));
    const all = await loadSampleJoint();
    train = all.slice(0, 100);
    test_ = all.slice(200);
    bow = await trainPipeline(config, train);
  });
  after(() => {
    bow.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  test('a bow/hinge textcat trained on 100 sample texts for ≥ 200 steps fits them and classifies held-out texts', () => {
    assert.equal(scoreExamples(train, bow.predictExamples(train)).cats_acc, 1);
    const acc = scoreExamples(test_, bow.predictExamples(test_)).cats_acc as number;
    // Chance is 20 % (five intents); the held-out sample texts include multi-sentence paragraphs (72.5 % seen on wasm and cpu).
    assert.ok(acc >= 0.65, `held-out intent accuracy ${acc}`);
  });

  test('heads.textcat.L2 adds a cat_L2 loss part and shrinks the bag-of-ngrams weights', async () => {
    const norm = (p: JointPipeline): number => {
      const [w] = [...p.params()].filter(([n]) => n.endsWith('bagOfNgrams/W')).map(([, v]) => v);
      return Math.sqrt(tf.tidy(() => tf.sum(tf.square(w)).arraySync() as number));
    };
    const parts: string[] = [];
    const l2 = await trainPipeline({ ...config, heads: { textcat: { ...config.heads.textcat, L2: 0.01 } } }, train, [], {
      onProgress: (p) => {
        if (p.type === 'epoch' && p.epoch === 1) parts.push(...Object.keys(p.losses));
      },
    });
    assert.ok(parts.includes('cat_L2'), `loss parts ${parts.join(', ')}`);
    assert.ok(norm(l2) < 0.8 * norm(bow), `‖W‖ ${norm(l2)} with L2 vs ${norm(bow)} without`);
    l2.dispose();
  });

  test('the step minimum is what makes it fit: one epoch (2 steps) leaves it underfit', async () => {
    const oneStep = await trainPipeline({ ...config, training: { minSteps: 0, warmupSteps: 0 } }, train);
    const acc = scoreExamples(test_, oneStep.predictExamples(test_)).cats_acc as number;
    oneStep.dispose();
    assert.ok(acc < 0.55, `two steps already give ${acc}`);
  });

  test('save/load keeps the character n-gram settings and the predictions; a mismatch is refused', async () => {
    const dir = join(root, 'bow');
    await bow.save(dir);
    const features = JSON.parse(readFileSync(join(dir, 'features.json'), 'utf8'));
    assert.deepEqual({ maxN: features.ngrams.maxN, charMaxN: features.ngrams.charMaxN }, { maxN: 1, charMaxN: 4 });
    const loaded = await loadPipeline(dir);
    const texts = test_.slice(0, 10).map((e) => e.text);
    assert.deepEqual(loaded.predict(texts), bow.predict(texts));
    loaded.dispose();
    features.ngrams.charMaxN = 5;
    const data = JSON.stringify(features);
    writeFileSync(join(dir, 'features.json'), data);
    // Re-seal the manifest so the n-gram check, not the checksum, is what refuses it.
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.files['features.json'] = { bytes: Buffer.byteLength(data), sha256: createHash('sha256').update(data).digest('hex') };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    await assert.rejects(() => loadPipeline(dir), /n-gram settings do not match/);
  });
}
