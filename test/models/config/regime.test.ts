// training.regime: 'auto' resolved by the number of training texts and whether they have entities, the small-data settings under the
// user's keys, and the resolved regime saved with the pipeline.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSampleJoint } from '../../../lib/data/sample';
import type { Example } from '../../../lib/data/types';
import {
  SMALL_DATA_MAX_TEXTS,
  SMALL_DATA_SETTINGS,
  SMALL_JOINT_MAX_TEXTS,
  STANDARD_MIN_STEPS,
  configForTraining,
  epochsFor,
  loadPipeline,
  resolveRegime,
  trainPipeline,
  validateConfig,
  withRegime,
  type JointPipeline,
} from '../../../lib/models';

const withEntity: Example = { text: 'fly to Lima', tokens: [], spans: [{ start: 7, end: 11, label: 'CITY' }], cats: { FLY: 1 } };
const textcatOnly: Example = { text: 'play jazz', tokens: [], spans: [], cats: { MUSIC: 1 } };
const rejectedOnly: Example = { text: 'fly to Lima', tokens: [], spans: [], negSpans: [{ start: 0, end: 3, label: 'CITY' }], cats: {} };
const many = (e: Example, n: number): Example[] => Array.from({ length: n }, () => e);

test("'auto' is 'small' below SMALL_JOINT_MAX_TEXTS texts with entities, below SMALL_DATA_MAX_TEXTS without, else 'standard'", () => {
  const auto = validateConfig({});
  assert.equal(auto.training.regime, 'auto');
  assert.ok(SMALL_JOINT_MAX_TEXTS < SMALL_DATA_MAX_TEXTS);
  for (const [e, limit] of [[withEntity, SMALL_JOINT_MAX_TEXTS], [rejectedOnly, SMALL_JOINT_MAX_TEXTS], [textcatOnly, SMALL_DATA_MAX_TEXTS]] as const) {
    assert.equal(resolveRegime(auto, many(e, 30)), 'small');
    assert.equal(resolveRegime(auto, many(e, limit - 1)), 'small');
    assert.equal(resolveRegime(auto, many(e, limit)), 'standard');
    assert.equal(resolveRegime(auto, many(e, 4478)), 'standard'); // ATIS
  }
  // One text with entities makes the set joint.
  assert.equal(resolveRegime(auto, [...many(textcatOnly, SMALL_JOINT_MAX_TEXTS), withEntity]), 'standard');
  assert.equal(resolveRegime(auto, many(textcatOnly, SMALL_JOINT_MAX_TEXTS + 1)), 'small');
});

test("an explicit 'standard' or 'small' is kept whatever the data", () => {
  assert.equal(resolveRegime(validateConfig({ training: { regime: 'standard' } }), many(textcatOnly, 20)), 'standard');
  assert.equal(resolveRegime(validateConfig({ training: { regime: 'small' } }), many(withEntity, 5000)), 'small');
});

test('withRegime: the small settings fill only the keys the config leaves unset; standard adds only its step minimum', () => {
  const small = validateConfig(withRegime({}, 'small'));
  assert.equal(small.training.regime, 'small');
  assert.equal(small.learnRate, SMALL_DATA_SETTINGS.learnRate);
  assert.deepEqual(
    [small.heads.textcat.architecture, small.heads.textcat.charNgrams, small.heads.textcat.loss, small.heads.textcat.L2],
    ['bow', 5, 'hinge', 0.001],
  );
  assert.deepEqual([small.training.minSteps, small.training.warmupSteps, small.training.decay, small.training.averageDecay], [500, 0, false, 0]);

  const mine = validateConfig(withRegime({ learnRate: 0.005, heads: { textcat: { ngrams: 2 } }, training: { averageDecay: 0.99 } }, 'small'));
  assert.equal(mine.learnRate, 0.005);
  assert.equal(mine.heads.textcat.ngrams, 2);
  assert.equal(mine.heads.textcat.architecture, 'bow'); // a sibling key the user did not set
  assert.equal(mine.training.averageDecay, 0.99);
  assert.equal(mine.training.warmupSteps, 0);

  // A config that sets the training length keeps it: no step minimum is added.
  assert.equal(validateConfig(withRegime({ epochs: 3 }, 'small')).training.minSteps, 0);
  assert.equal(validateConfig(withRegime({ training: { minSteps: 50 } }, 'small')).training.minSteps, 50);
  // A key at its default value counts as unset ('standard' keeps the defaults), so a validated config (every key filled) trains as the config it came from.
  assert.equal(validateConfig(withRegime({ learnRate: 0.002, epochs: 15 }, 'small')).training.minSteps, 500);
  assert.equal(validateConfig(withRegime({ learnRate: 0.002, epochs: 15 }, 'small')).learnRate, 0.02);
  assert.equal(validateConfig(withRegime({ heads: { textcat: { loss: 'crossentropy' } } }, 'small')).heads.textcat.loss, 'hinge');
  for (const config of [{ scheme: 'separate' }, { scheme: 'separate', epochs: 4, heads: { textcat: { loss: 'crossentropy' } } }]) {
    assert.deepEqual(validateConfig(withRegime(validateConfig(config), 'small')), validateConfig(withRegime(config, 'small')));
  }

  // 'standard' is the defaults with a step minimum, unless the config sets the training length.
  const standard = validateConfig(withRegime({ learnRate: 0.005 }, 'standard'));
  assert.deepEqual(standard, { ...validateConfig({ learnRate: 0.005 }), training: { ...validateConfig({}).training, minSteps: STANDARD_MIN_STEPS, regime: 'standard' } });
  assert.equal(validateConfig(withRegime(validateConfig({}), 'standard')).training.minSteps, STANDARD_MIN_STEPS);
  assert.equal(validateConfig(withRegime({ epochs: 40 }, 'standard')).training.minSteps, 0);
  assert.equal(validateConfig(withRegime({ training: { minSteps: 100 } }, 'standard')).training.minSteps, 100);
  // The input is not modified.
  const given = { heads: { textcat: { L2: 0.1 } } };
  withRegime(given, 'small');
  assert.deepEqual(given, { heads: { textcat: { L2: 0.1 } } });
});

test('configForTraining: the defaults (3000 steps at least) on a large set, the small settings (500 steps at least) on a small one', () => {
  const large = configForTraining({}, many(withEntity, SMALL_JOINT_MAX_TEXTS));
  assert.deepEqual(large, { ...validateConfig({}), training: { ...validateConfig({}).training, minSteps: STANDARD_MIN_STEPS, regime: 'standard' } });
  // ATIS's 4,478 texts: 70 steps an epoch, so 43 epochs; SNIPS's 13,084: 205 steps an epoch, the 15 epochs are enough.
  assert.equal(epochsFor(large.epochs, large.training.minSteps, 4478, large.batchSize), 43);
  assert.equal(epochsFor(large.epochs, large.training.minSteps, 13084, large.batchSize), 15);
  const small = configForTraining({}, many(withEntity, 53));
  assert.equal(small.training.regime, 'small');
  assert.equal(epochsFor(small.epochs, small.training.minSteps, 53, small.batchSize), 500);
  assert.equal(epochsFor(large.epochs, large.training.minSteps, 53, large.batchSize), 3000);
  assert.throws(() => configForTraining({ training: { regime: 'tiny' } }, []), /training\.regime/);
  // ner-features refuses the bag-of-ngrams textcat: it keeps its own textcat and takes the other small settings.
  const nerFeatures = configForTraining({ scheme: 'ner-features' }, many(withEntity, 53));
  assert.deepEqual([nerFeatures.training.regime, nerFeatures.heads.textcat.architecture, nerFeatures.heads.textcat.loss, nerFeatures.learnRate, nerFeatures.training.minSteps], ['small', 'ensemble', 'crossentropy', 0.02, 500]);
  assert.throws(() => configForTraining({ scheme: 'ner-features', heads: { textcat: { architecture: 'bow', ngrams: 1 } } }, many(withEntity, 53)), /does not apply to scheme ner-features/);
});

test("under 'auto', heads.textcat.L2 or architecture 'bow' alone is valid where the small regime supplies the n-grams, E010 where the standard regime does not", () => {
  const l2 = { heads: { textcat: { L2: 0.01 } } };
  assert.equal(validateConfig(l2).heads.textcat.L2, 0.01, 'the regime is not known before the data');
  const small = configForTraining(l2, many(withEntity, 53));
  assert.deepEqual([small.training.regime, small.heads.textcat.L2, small.heads.textcat.architecture, small.heads.textcat.charNgrams], ['small', 0.01, 'bow', 5]);
  assert.throws(() => configForTraining(l2, many(withEntity, SMALL_JOINT_MAX_TEXTS)), /E010.*heads\.textcat\.L2 penalises the bag-of-ngrams weights, but there are none under training\.regime "standard"/);
  const bow = { heads: { textcat: { architecture: 'bow' } } };
  assert.equal(configForTraining(bow, many(textcatOnly, 50)).heads.textcat.architecture, 'bow');
  assert.throws(() => configForTraining(bow, many(textcatOnly, SMALL_DATA_MAX_TEXTS)), /E010.*"bow" needs features, and has none under training\.regime "standard"/);
  // ner-features keeps its own textcat under the small regime: L2 alone has nothing to penalise there either.
  assert.throws(() => configForTraining({ ...l2, scheme: 'ner-features' }, many(withEntity, 53)), /E010.*heads\.textcat\.L2.*under training\.regime "small"/);
});

describeTraining();

function describeTraining(): void {
  let root: string;
  let train: Example[];
  let small: JointPipeline;
  const texts = ['book a flight to Paris tomorrow', 'play some jazz', 'is it raining in Lima?'];
  const tiny = { epochs: 2, batchSize: 8, encoder: { width: 16, depth: 1, attrs: ['NORM', 'SHAPE'], rows: [100, 20], vectors: null } };

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'regime-'));
    train = (await loadSampleJoint()).slice(0, 24);
    small = await trainPipeline(tiny, train);
  });
  after(() => {
    small.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  test("a pipeline trained on 24 joint texts with 'auto' records 'small' and its settings; save/load predicts identically", async () => {
    assert.ok(train.some((e) => e.spans.length > 0));
    assert.equal(small.config.training.regime, 'small');
    assert.equal(small.config.heads.textcat.architecture, 'bow');
    assert.equal(small.config.learnRate, 0.02);
    const dir = join(root, 'small');
    await small.save(dir);
    const onDisk = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    assert.equal(onDisk.training.regime, 'small');
    const again = await loadPipeline(dir);
    try {
      assert.equal(again.config.training.regime, 'small');
      assert.deepEqual(again.predict(texts), small.predict(texts));
    } finally {
      again.dispose();
    }
  });

  test("an explicit 'standard' trains the defaults on the same texts and records 'standard'", async () => {
    const standard = await trainPipeline({ ...tiny, training: { regime: 'standard' } }, train);
    try {
      assert.equal(standard.config.training.regime, 'standard');
      assert.equal(standard.config.heads.textcat.architecture, 'ensemble');
      assert.equal(standard.config.learnRate, validateConfig({}).learnRate);
      assert.notDeepEqual(standard.predict(texts), small.predict(texts));
    } finally {
      standard.dispose();
    }
  });
}
