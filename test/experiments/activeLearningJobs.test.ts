import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulateActiveLearning, type ActiveLearningPoint, type SimulateActiveLearningOptions } from '../../lib/experiments/activeLearning';
import { countingTrainer, sampleData, tempDir, TINY } from './helpers';

/** A progress stream that keeps what is written. */
function captured(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { write: (s: string) => out.push(s), isTTY, columns: 400 } };
}

/** What a seed decides: the point without its timings. */
const outcome = (p: ActiveLearningPoint) => ({ ...p, trainSeconds: 0, selectSeconds: 0 });

/** Each curve file's rounds (points without timings, and picks), by file name. */
function curveFiles(dir: string): Record<string, unknown> {
  const files: Record<string, unknown> = {};
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const curve = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { rounds: { point: ActiveLearningPoint; picked: number[] }[] };
    files[f] = curve.rounds.map((r) => ({ point: outcome(r.point), picked: r.picked }));
  }
  return files;
}

/** The raw text of every file in `dir`. */
const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

async function options(): Promise<SimulateActiveLearningOptions> {
  const data = await sampleData();
  const pool = [...data.train, ...data.dev];
  return { pool, test: data.test, seedSize: 10, batchSize: 8, rounds: 2, strategy: ['random', 'joint'], seeds: [0, 1], config: TINY, name: 'sample', progress: 'none' };
}

test('simulateActiveLearning({ jobs: 2 }) simulates the curves in child processes, with the points and files of jobs 1, and resumes from outDir', async () => {
  const base = await options();
  const dir1 = tempDir('al-jobs1-');
  const inProcess = await simulateActiveLearning({ ...base, outDir: dir1 });

  const dir2 = tempDir('al-jobs2-');
  const bar = captured(true);
  const rounds: ActiveLearningPoint[] = [];
  const parallel = await simulateActiveLearning({ ...base, outDir: dir2, jobs: 2, progress: 'bar', progressStream: bar.stream, onRound: (p) => rounds.push(p) });
  assert.deepEqual(parallel.map(outcome), inProcess.map(outcome), 'same points, in the same order (seed, strategy, round)');
  assert.deepEqual(curveFiles(dir2), curveFiles(dir1), 'same curve files, same rounds and picks');
  assert.equal(Object.keys(curveFiles(dir2)).length, 4);
  assert.equal(rounds.length, 12);
  assert.deepEqual(rounds.map(outcome).sort(byCurve), parallel.map(outcome).sort(byCurve), 'onRound saw every point');
  // The parallel progress line lists the curves running in children.
  // The curves' children start in either order: the active list names this one first or after another.
  assert.match(bar.out.join(''), /\d active: (?:[^·]*, )?sample random seed=0 round 0/);

  const before = snapshot(dir2);
  const lines = captured(false);
  const again: ActiveLearningPoint[] = [];
  const resumed = await simulateActiveLearning({ ...base, outDir: dir2, jobs: 2, progress: 'lines', progressStream: lines.stream, onRound: (p) => again.push(p) });
  assert.deepEqual(resumed, parallel, 'loaded from outDir: the timings too');
  assert.equal(again.length, 12);
  assert.equal(lines.out.filter((l) => l.includes('(resumed)')).length, 12, 'every round resumed, none trained');
  assert.deepEqual(snapshot(dir2), before, 'files untouched');

  // One more round: each child loads its curve's 3 rounds and trains only the 4th, as jobs 1 does.
  const longer = await simulateActiveLearning({ ...base, rounds: 3, outDir: dir2, jobs: 2 });
  const longerInProcess = await simulateActiveLearning({ ...base, rounds: 3, outDir: dir1 });
  assert.deepEqual(longer.map(outcome), longerInProcess.map(outcome));
  assert.deepEqual(longer.filter((p) => p.round < 3), parallel, 'the cached rounds were not retrained');
  assert.deepEqual(curveFiles(dir2), curveFiles(dir1));
});

function byCurve(a: ActiveLearningPoint, b: ActiveLearningPoint): number {
  return a.seed - b.seed || a.strategy.localeCompare(b.strategy) || a.round - b.round;
}

test('simulateActiveLearning checks jobs (E601): a whole number ≥ 1, and no custom trainer beside it', async () => {
  const base = await options();
  const outDir = tempDir('al-jobs-');
  await assert.rejects(simulateActiveLearning({ ...base, outDir, jobs: 0 }), /\[E601\].*field "jobs".*got 0/);
  await assert.rejects(simulateActiveLearning({ ...base, outDir, jobs: 1.5 }), /\[E601\].*field "jobs".*got 1\.5/);
  const trainer = countingTrainer();
  await assert.rejects(simulateActiveLearning({ ...base, outDir, jobs: 2, trainer }), /\[E601\].*field "trainer".*trainPipeline/);
  assert.equal(trainer.calls, 0);
  assert.equal(readdirSync(outDir).length, 0);
});

test('simulateActiveLearning({ jobs: 2 }): failed children stop new curves, then an E907 error names each failed curve', async () => {
  const base = await options();
  const outDir = tempDir('al-jobs-');
  // A vector file that does not exist passes config validation and fails when the first training starts.
  const config = { ...TINY, encoder: { ...TINY.encoder, vectors: '/nonexistent/vectors.vec' } };
  const rounds: ActiveLearningPoint[] = [];
  await assert.rejects(simulateActiveLearning({ ...base, config, outDir, jobs: 2, onRound: (p) => rounds.push(p) }), (err: Error) => {
    assert.match(err.message, /^\[E907\]/);
    assert.match(err.message, /2 of 4 active-learning curve\(s\) failed, 2 not started/);
    assert.match(err.message, /\nsample random seed 0: \[E702\] .*\/nonexistent\/vectors\.vec/);
    assert.match(err.message, /\nsample joint seed 0: \[E702\] /);
    return true;
  });
  assert.equal(rounds.length, 0);
  assert.deepEqual(readdirSync(outDir), [], 'no round finished, no curve file');
});
