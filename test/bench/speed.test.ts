import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../bench/lib/args';
import type { SectionContext } from '../../bench/lib/section';
import { compareSpeed, fmtRatio, poolWorkerResults, speedConfigs, speedRatio, SPEED_ROUNDS, type WorkerResult } from '../../bench/lib/speedCompare';
import { measureModelSpeed, speedSection } from '../../bench/lib/speedSection';
import { summarize } from '../../bench/lib/stats';
import { makeFakeDataDir } from './fakeData';

const dataDir = makeFakeDataDir();
process.env.WORKBENCH_DATA = dataDir;
const runsDir = mkdtempSync(join(tmpdir(), 'bench-speed-runs-'));
after(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(runsDir, { recursive: true, force: true });
});

/** A worker result with these raw samples (train tokens/s per epoch, inference tokens/s per pass of two sets). */
const worker = (train: number[], inference: [number[], number[]], peakRssMB = 300, vectors: string | null = 'glove-6b-100d'): WorkerResult => ({
  backend: 'wasm',
  vectors,
  nTrain: 100,
  trainTokens: 1000,
  epochs: 3,
  runs: 1,
  trainTokensPerSecond: summarize(train),
  trainSeconds: summarize(train.map((x) => 1000 / x)),
  trainTokensPerSecondValues: train,
  trainSecondsValues: train.map((x) => 1000 / x),
  inference: inference.map((v, i) => ({ texts: [700, 5000][i], tokens: [6000, 45000][i], tokensPerSecond: summarize(v), tokensPerSecondValues: v })),
  modelBytes: 123,
  peakRssMB,
});

test('speedConfigs: B is the bench config with encoder.vectors null, A the bench config itself', () => {
  const config = { epochs: 3, encoder: { width: 64 } };
  const { a, b } = speedConfigs(config);
  assert.equal(a, config);
  assert.deepEqual(b, { epochs: 3, encoder: { width: 64, vectors: null } });
  assert.deepEqual(config, { epochs: 3, encoder: { width: 64 } });
  assert.deepEqual(speedConfigs({}).b, { encoder: { vectors: null } });
});

test('poolWorkerResults pools the raw samples of the rounds (median of all), sums trainings, keeps the highest peak RSS', () => {
  const pooled = poolWorkerResults([worker([10, 20, 30], [[1, 2], [5]], 300), worker([40, 50, 60], [[3, 4], [6]], 350)]);
  assert.deepEqual(pooled.trainTokensPerSecond, { median: 35, min: 10, max: 60, n: 6 });
  assert.deepEqual(pooled.inference.map((i) => i.tokensPerSecond), [
    { median: 2.5, min: 1, max: 4, n: 4 },
    { median: 5.5, min: 5, max: 6, n: 2 },
  ]);
  assert.equal(pooled.runs, 2);
  assert.equal(pooled.peakRssMB, 350);
  // Rounds timed on different data cannot be pooled.
  assert.throws(() => poolWorkerResults([worker([1], [[1], [1]]), { ...worker([1], [[1], [1]]), nTrain: 99 }]), /rounds differ/);
  assert.throws(() => poolWorkerResults([]), /no rounds/);
});

test('compareSpeed: ratio of the pooled medians (A / B) per measure, and each round A_i / B_i', () => {
  const a = [worker([90, 100, 110], [[800, 900], [1000]]), worker([70, 80, 90], [[700, 800], [1100]])];
  const b = [worker([100, 110, 120], [[1000], [1000]], 300, null), worker([100, 100, 100], [[900], [1000]], 300, null)];
  const [train, test700, test5000] = compareSpeed(a, b);
  assert.equal(train.measure, 'training tokens/s');
  assert.equal(train.a!.median, 90);
  assert.equal(train.b!.median, 100);
  assert.equal(train.ratio, 0.9);
  assert.deepEqual(train.perRound, [100 / 110, 80 / 100]);
  assert.equal(test700.measure, 'inference tokens/s (700 texts)');
  assert.equal(test700.ratio, 800 / 950);
  assert.equal(test5000.ratio, 1.05);
  assert.equal(fmtRatio(train), '0.900 (rounds 0.909, 0.800; target ≥ 0.85: met)');
  assert.equal(fmtRatio(test700), '0.842 (rounds 0.850, 0.833; target ≥ 0.85: not met)');
  assert.throws(() => compareSpeed(a, b.slice(1)), /2 rounds of A but 1 of B/);
  assert.equal(speedRatio(null, train.b), null);
  assert.equal(speedRatio(train.a, { median: 0, min: 0, max: 0, n: 1 }), null);
  assert.equal(fmtRatio({ ...train, ratio: null }), '–');
});

test('speed section (quick, fake SNIPS): the worker times default and vectors null alternately, A, B, A, B, and the table gives both and their ratio', async () => {
  const ctx = { args: parseArgs(['--quick'], 'out.json'), env: {}, runsDir, previous: {}, log: () => {} } as unknown as SectionContext;
  const speed = await measureModelSpeed(ctx);
  assert.ok(!('missing' in speed));
  assert.equal(SPEED_ROUNDS, 2);
  assert.deepEqual(
    speed.rounds.map((r) => [r.config, r.result.vectors]),
    [
      ['default', 'glove-6b-100d'],
      ['no vectors', null],
      ['default', 'glove-6b-100d'],
      ['no vectors', null],
    ],
  );
  // Quick: two 1-epoch trainings per round, pooled over both rounds.
  assert.equal(speed.model.runs, 4);
  assert.equal(speed.model.trainTokensPerSecond!.n, 4);
  assert.equal(speed.noVectors.trainTokensPerSecond!.n, 4);
  assert.equal(speed.model.inference[0].tokensPerSecond!.n, 10);
  assert.ok(speed.model.modelBytes > speed.noVectors.modelBytes, 'the default model saves its vectors');
  const saved = JSON.parse(readFileSync(join(runsDir, 'speed-worker.json'), 'utf8')) as { rounds: unknown[] };
  assert.equal(saved.rounds.length, 4);
  // Measured once per bench process: the section reuses it.
  assert.equal(await measureModelSpeed(ctx), speed);

  const result = await speedSection.run(ctx);
  assert.equal(result.status, 'ok');
  const rows = result.tables[0].rows.map((r) => [String(r[0]), r[1]]);
  const labels = rows.map(([l]) => l);
  for (const m of ['training tokens/s', 'inference tokens/s (12 texts)']) {
    assert.ok(labels.includes(`A/B ${m}: default (encoder.vectors "glove-6b-100d")`), labels.join('\n'));
    assert.ok(labels.includes(`A/B ${m}: encoder.vectors null`));
    const ratio = rows.find(([l]) => l === `A/B ${m}: ratio default / vectors null`);
    assert.match(String(ratio?.[1]), /^\d+\.\d{3} \(rounds \d+\.\d{3}, \d+\.\d{3}; target ≥ 0\.85: (met|not met)\)$/);
  }
  // The rows the section had before keep their meaning: the default model's pooled figures.
  assert.equal(rows.find(([l]) => l === 'training tokens/s (optimisation steps)')?.[1], rows.find(([l]) => l === 'A/B training tokens/s: default (encoder.vectors "glove-6b-100d")')?.[1]);
  assert.ok(existsSync(join(runsDir, 'speed-worker.json')));
});
