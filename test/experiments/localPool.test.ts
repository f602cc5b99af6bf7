import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { runExperimentRecords, type ExperimentEvent } from '../../lib/experiments/runExperiment';
import { loadRuns, type ExperimentRun } from '../../lib/experiments/runStore';
import { countingTrainer, sampleData, tempDir, TINY } from './helpers';

const quiet = { progress: 'none' as const };
const CONFIG = { ...TINY, epochs: 2 };

/** What a seed decides: scores (without the timing ones), predictions and per-epoch losses. */
function outcome(r: ExperimentRun): unknown {
  return { run: `${r.scheme}/${r.seed}`, scores: { ...r.scores, predict_seconds: 0, tokens_per_second: 0 }, predictions: r.predictions, losses: r.history.map((h) => h.losses) };
}

test('runExperimentRecords({ jobs: 2 }) trains in two child processes at once, with the records of jobs 1, and resumes from outDir', async () => {
  const data = await sampleData();
  const opts = { data, schemes: ['shared', 'separate'], seeds: [0, 1], config: CONFIG, ...quiet };
  const inProcess = await runExperimentRecords({ ...opts, outDir: tempDir() });

  const outDir = tempDir();
  const events: ExperimentEvent[] = [];
  const parallel = await runExperimentRecords({ ...opts, outDir, jobs: 2, onProgress: (e) => events.push(e) });
  assert.deepEqual(parallel.map(outcome), inProcess.map(outcome), 'a child reproduces the in-process record of its seed');
  assert.deepEqual(parallel.map((r) => `${r.scheme}/${r.seed}`), ['shared/0', 'separate/0', 'shared/1', 'separate/1'], 'plan order');
  assert.equal(readdirSync(outDir).filter((f) => f.endsWith('.json')).length, 4);
  assert.deepEqual(loadRuns(outDir).map((r) => r.runKey).sort(), parallel.map((r) => r.runKey).sort());
  // Two runs start before any ends: they train at once.
  assert.deepEqual(events.slice(0, 2).map((e) => e.type), ['run-start', 'run-start']);
  for (const type of ['run-start', 'run-end'] as const) {
    assert.deepEqual(events.filter((e) => e.type === type).map((e) => e.run.index).sort(), [0, 1, 2, 3], type);
  }
  assert.ok(events.every((e) => e.type !== 'run-end' || !e.resumed));
  const epochs = events.filter((e) => e.type === 'train' && e.progress.type === 'epoch');
  assert.equal(epochs.length, 8, '2 epochs of each of the 4 runs');

  const again: ExperimentEvent[] = [];
  const resumed = await runExperimentRecords({ ...opts, outDir, jobs: 2, onProgress: (e) => again.push(e) });
  assert.deepEqual(resumed.map(outcome), parallel.map(outcome));
  assert.equal(again.filter((e) => e.type === 'train').length, 0, 'nothing trained again');
  assert.equal(again.filter((e) => e.type === 'run-end' && e.resumed).length, 4);
});

test('runExperimentRecords checks jobs (E601): a whole number ≥ 1, and no custom trainer beside it', async () => {
  const data = await sampleData();
  const outDir = tempDir();
  const base = { data, schemes: ['shared'], seeds: [0], config: CONFIG, outDir, ...quiet };
  await assert.rejects(runExperimentRecords({ ...base, jobs: 0 }), /\[E601\].*field "jobs".*got 0/);
  await assert.rejects(runExperimentRecords({ ...base, jobs: 1.5 }), /\[E601\].*field "jobs".*got 1\.5/);
  const trainer = countingTrainer();
  await assert.rejects(runExperimentRecords({ ...base, jobs: 2, trainer }), /\[E601\].*field "trainer".*trainPipeline/);
  assert.equal(trainer.calls, 0);
  assert.equal(readdirSync(outDir).length, 0);
});

test('runExperimentRecords({ jobs: 2 }): a failed child stops new runs, lets the started one finish, then throws naming the run', async () => {
  const data = await sampleData();
  const outDir = tempDir();
  // A vector file that does not exist passes config validation and fails when training starts.
  // The run beside it trains 40 epochs (seconds), so it is still running when the first fails (within its first second).
  const config = (scheme: string, seed: number): Record<string, unknown> =>
    scheme === 'shared' && seed === 0 ? { ...CONFIG, encoder: { ...CONFIG.encoder, vectors: '/nonexistent/vectors.vec' } } : { ...CONFIG, epochs: 40 };
  const events: ExperimentEvent[] = [];
  await assert.rejects(
    runExperimentRecords({ data, schemes: ['shared', 'separate'], seeds: [0, 1], config, outDir, jobs: 2, onProgress: (e) => events.push(e), ...quiet }),
    (err: Error) => {
      assert.match(err.message, /^\[E907\]/);
      assert.match(err.message, /1 of 4 run\(s\) failed, 2 not started/);
      assert.match(err.message, /sample shared seed 0 \([0-9a-f]{16}\): \[E702\] .*\/nonexistent\/vectors\.vec/);
      return true;
    },
  );
  assert.deepEqual(loadRuns(outDir).map((r) => `${r.scheme}/${r.seed}`), ['separate/0'], 'the run in progress finished and was kept');
  assert.deepEqual(events.filter((e) => e.type === 'run-start').map((e) => `${e.run.scheme}/${e.run.seed}`), ['shared/0', 'separate/0']);
});

test('runExperimentRecords({ jobs: 2 }): an onProgress that throws during a child\'s training stops that run with its error, and this process lives on', async () => {
  const data = await sampleData();
  const outDir = tempDir();
  const onProgress = (e: ExperimentEvent): void => {
    if (e.type === 'train') throw new Error('display broke');
  };
  await assert.rejects(
    runExperimentRecords({ data, schemes: ['shared'], seeds: [0, 1], config: CONFIG, outDir, jobs: 2, onProgress, ...quiet }),
    (err: Error) => {
      assert.match(err.message, /^\[E907\].* 2 of 2 run\(s\) failed/);
      assert.match(err.message, /sample shared seed 0 \([0-9a-f]{16}\): display broke/);
      assert.match(err.message, /sample shared seed 1 \([0-9a-f]{16}\): display broke/);
      return true;
    },
  );
  assert.deepEqual(loadRuns(outDir), [], 'no record of a stopped run');
});
