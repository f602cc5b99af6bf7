// Cancelling a queued sweep: Ctrl-C (SIGINT) on a coordinator process, and `workbench sweep cancel`.
// Both must leave no waiting job, no active job and no child process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRuns } from '../../lib/experiments/runStore';
import { tempDir } from '../experiments/helpers';
import { alive, jobCounts, spawnTs, startWorkerProcess, until, useLocalRedis } from './helpers';

const redis = useLocalRedis();

const startedRe = /^started (\w+) \(.*\) attempt (\d+) pid (\d+)$/;
// Enough epochs that the run is still training when the cancellation arrives.
const SWEEP = { schemes: ['shared', 'separate', 'soft-cascade'], seeds: [0, 1] };

function coordinator(prefix: string, outDir: string) {
  return spawnTs('test/queue/coordinator.ts', [JSON.stringify({ url: redis.url, prefix, outDir, epochs: 30, ...SWEEP })]);
}

test('Ctrl-C on the coordinator removes its waiting runs and stops its active one (no child process left)', { timeout: 120_000 }, async () => {
  const worker = startWorkerProcess(redis.url, 'sigint');
  await worker.waitFor(/^worker ready/);
  const outDir = tempDir();
  const coord = coordinator('sigint', outDir);
  const [, , , pid] = await worker.waitFor(startedRe);
  coord.child.kill('SIGINT');
  const exit = await coord.exited;
  assert.equal(exit.code, 1);
  assert.match(coord.stderr.join('\n'), /\[E906\] Sweep cancelled: 6 of 6 run\(s\) cancelled/);
  assert.match(coord.stderr.join('\n'), /cancelled: 5 waiting run\(s\) removed, 1 active run\(s\) stopped/);
  await until(() => !alive(Number(pid)), 10_000, 'the child process of the stopped run to exit');
  const counts = await jobCounts(redis.url, 'sigint');
  assert.deepEqual([counts.waiting, counts.active, counts.delayed, counts.prioritized], [0, 0, 0, 0]);
  assert.equal(loadRuns(outDir).length, 0);
  assert.ok(worker.lines.some((l) => l.startsWith('cancelled ')));
  // The worker is still there and idle; SIGTERM ends it cleanly.
  worker.child.kill('SIGTERM');
  assert.equal((await worker.exited).code, 0);
});

test('workbench sweep cancel --queue URL stops the sweep of another process', { timeout: 120_000 }, async () => {
  const worker = startWorkerProcess(redis.url, 'cli');
  await worker.waitFor(/^worker ready/);
  const coord = coordinator('cli', tempDir());
  const [, , , pid] = await worker.waitFor(startedRe);
  await until(async () => (await jobCounts(redis.url, 'cli')).waiting === 5, 10_000, 'five waiting runs');
  const cancel = spawnTs('test/queue/cli.ts', ['sweep', 'cancel', '--queue', redis.url, '--prefix', 'cli']);
  assert.equal((await cancel.exited).code, 0, cancel.stderr.join('\n'));
  assert.match(cancel.lines.join('\n'), /removed 5 waiting run\(s\); stopped 1 active run\(s\)/);
  const exit = await coord.exited;
  assert.equal(exit.code, 1, 'the coordinator reports the cancelled sweep instead of hanging');
  assert.match(coord.stderr.join('\n'), /\[E906\] Sweep cancelled/);
  await until(() => !alive(Number(pid)), 10_000, 'the child process of the stopped run to exit');
  const counts = await jobCounts(redis.url, 'cli');
  assert.deepEqual([counts.waiting, counts.active], [0, 0]);
  worker.child.kill('SIGTERM');
  assert.equal((await worker.exited).code, 0);
});

test('a second SIGTERM hands the running run back to the queue; another worker finishes it', { timeout: 120_000 }, async () => {
  const first = startWorkerProcess(redis.url, 'handback');
  await first.waitFor(/^worker ready/);
  const outDir = tempDir();
  const coord = spawnTs('test/queue/coordinator.ts', [JSON.stringify({ url: redis.url, prefix: 'handback', outDir, epochs: 30, schemes: ['shared'], seeds: [0] })]);
  const [, key, , pid] = await first.waitFor(startedRe);
  first.child.kill('SIGTERM');
  await first.waitFor(/^SIGTERM: taking no new runs/);
  first.child.kill('SIGTERM');
  assert.equal((await first.exited).code, 0);
  assert.ok(first.lines.some((l) => l.startsWith(`handed back ${key} `)), first.lines.join('\n'));
  await until(() => !alive(Number(pid)), 10_000, 'the handed-back run’s child process to exit');
  assert.equal((await jobCounts(redis.url, 'handback')).waiting, 1);
  const second = startWorkerProcess(redis.url, 'handback');
  assert.equal((await coord.exited).code, 0, coord.stderr.join('\n'));
  assert.ok(second.lines.some((l) => l.startsWith(`finished ${key} `)));
  assert.equal(loadRuns(outDir).length, 1);
  second.child.kill('SIGTERM');
  assert.equal((await second.exited).code, 0);
});
