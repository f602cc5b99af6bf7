import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configHash } from '../../lib/models/config/hash';
import { REGIME_RULES } from '../../lib/models/config/regime';
import { runExperiment, runExperimentRecords, runRows, type ExperimentEvent } from '../../lib/experiments/runExperiment';
import { loadRuns } from '../../lib/experiments/runStore';
import { compareSchemeRows } from '../../lib/eval/compareSchemes';
import { countingTrainer, sampleData, tempDir, TINY } from './helpers';

const quiet = { progress: 'none' as const };

test('runExperiment(opts) trains every scheme × seed once, then resumes without repeating work', async () => {
  const data = await sampleData();
  const outDir = tempDir();
  const first = countingTrainer();
  const events: ExperimentEvent[] = [];
  const runs = await runExperimentRecords({ data, schemes: ['shared', 'separate'], seeds: [0, 1], config: TINY, outDir, trainer: first, onProgress: (e) => events.push(e), ...quiet });
  assert.equal(first.calls, 4);
  assert.deepEqual(runs.map((r) => `${r.scheme}/${r.seed}`), ['shared/0', 'separate/0', 'shared/1', 'separate/1']);
  assert.equal(readdirSync(outDir).filter((f) => f.endsWith('.json')).length, 4);
  assert.ok(readdirSync(outDir).every((f) => !f.includes('.tmp')), 'no temp files left behind');
  assert.equal(events.filter((e) => e.type === 'run-end' && !e.resumed).length, 4);
  assert.ok(events.some((e) => e.type === 'train' && e.progress.type === 'epoch'));

  const again = countingTrainer();
  const resumedEvents: ExperimentEvent[] = [];
  const resumed = await runExperimentRecords({ data, schemes: ['shared', 'separate'], seeds: [0, 1], config: TINY, outDir, trainer: again, onProgress: (e) => resumedEvents.push(e), ...quiet });
  assert.equal(again.calls, 0);
  assert.deepEqual(resumed.map((r) => r.scores), runs.map((r) => r.scores));
  assert.equal(resumedEvents.filter((e) => e.type === 'run-end' && e.resumed).length, 4);
});

test('runExperiment(opts) reruns when the config changes, and with force', async () => {
  const data = await sampleData();
  const outDir = tempDir();
  const opts = { data, schemes: ['shared'], seeds: [0, 1], outDir, ...quiet };
  await runExperimentRecords({ ...opts, config: TINY, trainer: countingTrainer() });
  const changed = countingTrainer();
  await runExperimentRecords({ ...opts, config: { ...TINY, learnRate: 0.01 }, trainer: changed });
  assert.equal(changed.calls, 2);
  assert.equal(loadRuns(outDir).length, 4);
  const hash = configHash({ ...TINY, scheme: 'shared', seed: 1 });
  assert.deepEqual(loadRuns(outDir, { configHash: hash }).map((r) => r.seed), [1]);
  const forced = countingTrainer();
  await runExperimentRecords({ ...opts, config: TINY, trainer: forced, force: true });
  assert.equal(forced.calls, 2);
  assert.equal(loadRuns(outDir).length, 4, 'forced runs overwrite their own files');
});

test('runExperiment(opts) resumes an interrupted sweep from the runs already written', async () => {
  const data = await sampleData();
  const outDir = tempDir();
  const opts = { data, schemes: ['shared', 'separate'], seeds: [3], trainSizes: [20, 'all' as const], config: TINY, outDir, ...quiet };
  const crashing = countingTrainer(3);
  await assert.rejects(runExperimentRecords({ ...opts, trainer: crashing }), /simulated crash/);
  assert.equal(loadRuns(outDir).length, 2);
  const rest = countingTrainer();
  const runs = await runExperimentRecords({ ...opts, trainer: rest });
  assert.equal(rest.calls, 2);
  assert.deepEqual(runs.map((r) => [r.scheme, r.trainSize, r.nTrain]), [
    ['shared', 20, 20],
    ['separate', 20, 20],
    ['shared', 40, 40],
    ['separate', 40, 40],
  ]);
});

test('runExperiment(opts) is deterministic: same options, same scores and predictions', async () => {
  const data = await sampleData();
  const opts = { data, schemes: ['shared'], seeds: [7], trainSizes: [25], config: TINY, ...quiet };
  const [a] = await runExperimentRecords({ ...opts, outDir: tempDir() });
  const [b] = await runExperimentRecords({ ...opts, outDir: tempDir() });
  assert.deepEqual(
    { ...a.scores, predict_seconds: 0, tokens_per_second: 0 },
    { ...b.scores, predict_seconds: 0, tokens_per_second: 0 },
  );
  assert.deepEqual(a.predictions, b.predictions);
  assert.deepEqual(a.history.map((h) => h.losses), b.history.map((h) => h.losses));
});

test('runExperiment(opts) trains again a run cached under other regime rules (they decide the trained config)', async () => {
  const data = await sampleData();
  const outDir = tempDir();
  const opts = { data, schemes: ['shared'], seeds: [0], outDir, config: TINY, ...quiet };
  await runExperimentRecords({ ...opts, trainer: countingTrainer() });
  const rules = REGIME_RULES as { STANDARD_MIN_STEPS: number };
  const before = rules.STANDARD_MIN_STEPS;
  const rerun = countingTrainer();
  try {
    rules.STANDARD_MIN_STEPS = before + 1;
    await runExperimentRecords({ ...opts, trainer: rerun });
  } finally {
    rules.STANDARD_MIN_STEPS = before;
  }
  assert.equal(rerun.calls, 1);
  const same = countingTrainer();
  await runExperimentRecords({ ...opts, trainer: same });
  assert.equal(same.calls, 0, 'the first run, made under the current rules, is found again');
});

test('runExperiment run files carry config, hashes, history, timings, environment and predictions', async () => {
  const data = await sampleData();
  const outDir = tempDir();
  await runExperimentRecords({ data, schemes: ['separate'], seeds: [2], config: { ...TINY, epochs: 2 }, outDir, ...quiet });
  const [name] = readdirSync(outDir);
  assert.match(name, /^sample__separate__seed2__nall__[0-9a-f]{16}\.json$/);
  const run = JSON.parse(readFileSync(join(outDir, name), 'utf8'));
  assert.equal(run.configHash, configHash({ ...TINY, epochs: 2, scheme: 'separate', seed: 2 }));
  assert.equal(run.config.scheme, 'separate.v1');
  assert.equal(run.config.seed, 2);
  // The config as trained: the sample's 192 texts resolve 'auto' to the small regime and its settings.
  assert.equal(run.config.training.regime, 'auto');
  assert.equal(run.trainedConfig.training.regime, 'small');
  assert.equal(run.trainedConfig.heads.textcat.architecture, 'bow');
  assert.equal(run.trainedConfig.epochs, 2);
  assert.match(run.dataHash.train, /^[0-9a-f]{16}$/);
  assert.notEqual(run.dataHash.train, run.dataHash.eval);
  assert.equal(run.history.length, 2);
  assert.equal(run.timings.epochs, 2);
  assert.ok(run.timings.trainSeconds > 0 && run.timings.trainTokensPerSecond > 0 && run.timings.predictTokensPerSecond > 0);
  assert.equal(run.predictions.length, data.test.length);
  assert.equal(run.scores.n_examples, data.test.length);
  assert.ok(['wasm', 'cpu', 'tensorflow'].includes(run.environment.backend));
  assert.equal(typeof run.environment.cpu, 'string');
  assert.match(run.environment.packages['@tensorflow/tfjs'], /^4\./);
  assert.ok(!Number.isNaN(Date.parse(run.date)));
});

test('runExperiment(opts) returns a DataFrame with one row per run; runRows flattens scores; loadRuns feeds compareSchemes', async () => {
  const data = await sampleData();
  const outDir = tempDir();
  const df = await runExperiment({ data, schemes: ['shared', 'separate'], seeds: [0, 1], config: TINY, outDir, ...quiet });
  assert.deepEqual(df.shape, [4, df.columns.length]);
  for (const col of ['dataset', 'scheme', 'seed', 'ents_f', 'cats_score', 'sentence_acc', 'train_seconds', 'predict_tokens_per_second', 'configHash']) {
    assert.ok(df.columns.includes(col), col);
  }
  const runs = loadRuns(outDir);
  const rows = runRows(runs);
  assert.equal(rows.length, 4);
  assert.equal(rows[0].trainSize, null);
  const table = compareSchemeRows(runs, { gold: data.test, samples: 50 });
  assert.deepEqual(table.map((r) => r.scheme), ['separate', 'shared']);
  assert.equal(table[1].p_test, 'bootstrap');
});

test('runExperiment(opts) checks its options before training (E601)', async () => {
  const data = await sampleData();
  const outDir = tempDir();
  const base = { data, schemes: ['shared'], seeds: [0], config: TINY, outDir, ...quiet };
  await assert.rejects(runExperimentRecords({ ...base, seeds: [0, 0] }), /\[E601\].*field "seeds".*twice/);
  await assert.rejects(runExperimentRecords({ ...base, trainSizes: [41] }), /\[E601\].*trainSizes.*41.*40 training/);
  await assert.rejects(runExperimentRecords({ ...base, data: [data, data] }), /\[E601\].*two datasets are named "sample"/);
  await assert.rejects(runExperimentRecords({ ...base, data: { ...data, test: [] } }), /\[E601\].*no examples to evaluate/);
  // A config typo fails before any training.
  const trainer = countingTrainer();
  await assert.rejects(runExperimentRecords({ ...base, config: { epoch: 3 }, trainer }), /\[E009\]/);
  assert.equal(trainer.calls, 0);
});
