// Fault tolerance of queued sweeps with real processes: a redis-server on a free loopback port (no
// persistence), `workbench worker` processes and coordinators, a worker killed with SIGKILL mid-run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { runExperimentRecords, type ExperimentEvent } from '../../lib/experiments/runExperiment';
import { loadRuns } from '../../lib/experiments/runStore';
import { openRedis } from '../../lib/queue/redis';
import { parseQueueTarget } from '../../lib/queue/target';
import { sampleData, tempDir, TINY } from '../experiments/helpers';
import { alive, jobCounts, startWorkerProcess, until, useLocalRedis } from './helpers';

const redis = useLocalRedis();

const SCHEMES = ['shared', 'separate', 'soft-cascade'];
const quiet = { progress: 'none' as const };
const startedRe = /^started (\w+) \(.*\) attempt (\d+) pid (\d+)$/;
const without = (s: Record<string, unknown>) => ({ ...s, predict_seconds: 0, tokens_per_second: 0 });

test('a queued sweep survives a worker killed with SIGKILL mid-run; two coordinators train each run once', { timeout: 120_000 }, async () => {
  const data = await sampleData();
  const queue = { url: redis.url, prefix: 'kill' };
  const workers = [startWorkerProcess(redis.url, 'kill'), startWorkerProcess(redis.url, 'kill')];
  await Promise.all(workers.map((w) => w.waitFor(/^worker ready/)));
  const events: ExperimentEvent[] = [];
  const opts = { data, schemes: SCHEMES, seeds: [0, 1], config: TINY, queue, ...quiet };
  const [dirA, dirB] = [tempDir('queue-a-'), tempDir('queue-b-')];
  const sweepA = runExperimentRecords({ ...opts, outDir: dirA, onProgress: (e) => events.push(e) });
  const sweepB = runExperimentRecords({ ...opts, outDir: dirB });

  // Kill whichever worker takes a run first, while its child process trains it.
  const first = await Promise.race(workers.map((w, i) => w.waitFor(startedRe).then((m) => ({ i, m }))));
  const [victim, survivor] = first.i === 0 ? workers : [workers[1], workers[0]];
  const [, killedKey, , childPid] = first.m;
  victim.child.kill('SIGKILL');
  assert.equal((await victim.exited).signal, 'SIGKILL');
  await until(() => !alive(Number(childPid)), 10_000, "the killed worker's child process to exit");

  const [runsA, runsB] = await Promise.all([sweepA, sweepB]);
  assert.equal(runsA.length, 6);
  for (const dir of [dirA, dirB]) {
    const files = readdirSync(dir);
    assert.equal(files.filter((f) => f.endsWith('.json')).length, 6, 'each run file exactly once');
    assert.ok(files.every((f) => !f.includes('.tmp')), 'no temp files');
    assert.equal(new Set(loadRuns(dir).map((r) => r.runKey)).size, 6);
  }
  assert.deepEqual(runsB.map((r) => r.runKey), runsA.map((r) => r.runKey));
  assert.deepEqual(runsB.map((r) => r.predictions), runsA.map((r) => r.predictions), 'both coordinators got the same records');
  // Each run finished once across the workers; the killed worker's run was taken up again.
  const finished = [...victim.lines, ...survivor.lines].filter((l) => l.startsWith('finished ')).map((l) => l.split(' ')[1]);
  assert.equal(finished.length, 6, finished.join(', '));
  assert.equal(new Set(finished).size, 6);
  assert.ok(survivor.lines.some((l) => l.startsWith(`started ${killedKey} `)), 'the survivor trained the killed run');
  // Progress came back as events: run starts and epochs of remote runs.
  assert.ok(events.some((e) => e.type === 'train' && e.progress.type === 'epoch' && e.progress.epoch === 1));
  assert.equal(events.filter((e) => e.type === 'run-end' && !e.resumed).length, 6);

  // The examples went to Redis once per fingerprint (train, dev, test), not once per job or coordinator.
  const client = await openRedis(parseQueueTarget(queue));
  assert.equal((await client.keys('kill:runs:data:*')).length, 3);
  await client.quit();

  // A queued run is the local run: same config, data and seed, same predictions and scores.
  const [local] = await runExperimentRecords({ data, schemes: [runsA[0].scheme], seeds: [runsA[0].seed], config: TINY, outDir: tempDir(), queue: null, ...quiet });
  assert.equal(local.runKey, runsA[0].runKey);
  assert.deepEqual(local.predictions, runsA[0].predictions);
  assert.deepEqual(without(local.scores as unknown as Record<string, unknown>), without(runsA[0].scores as unknown as Record<string, unknown>));

  // A coordinator started later on the same sweep (fresh run folder) trains nothing new.
  const before = survivor.lines.filter((l) => l.startsWith('started ')).length;
  const runsC = await runExperimentRecords({ ...opts, outDir: tempDir('queue-c-') });
  assert.deepEqual(runsC.map((r) => r.predictions), runsA.map((r) => r.predictions));
  assert.equal(survivor.lines.filter((l) => l.startsWith('started ')).length, before, 'no run trained again');

  // SIGTERM on an idle worker: it exits 0.
  survivor.child.kill('SIGTERM');
  assert.equal((await survivor.exited).code, 0);
});

test('a run that throws fails after its attempts with its message and stack; the other runs are kept', { timeout: 120_000 }, async () => {
  const good = await sampleData();
  // No entity and no category anywhere: training fails with E401 in the worker's child process.
  const bare = { ...good, name: 'unlabelled', train: good.train.map(({ negSpans: _, ...e }) => ({ ...e, spans: [], cats: {} })) };
  const worker = startWorkerProcess(redis.url, 'fail');
  await worker.waitFor(/^worker ready/);
  const outDir = tempDir();
  const failure = await runExperimentRecords({ data: [good, bare], schemes: ['shared'], seeds: [0], config: TINY, outDir, queue: { url: redis.url, prefix: 'fail', attempts: 2 }, ...quiet }).then(
    () => assert.fail('the sweep should fail'),
    (err: Error) => err,
  );
  assert.match(failure.message, /\[E905\] Queued runs failed/);
  assert.match(failure.message, /1 of 2 run\(s\) failed after 2 attempt/);
  assert.match(failure.message, /unlabelled shared seed 0 .*E401.*none of the 40 training examples has an entity or a category/);
  assert.match(failure.message, /\n\s+at .*train/, 'the stack of the error in the worker');
  assert.equal(worker.lines.filter((l) => /^started \w+ \(unlabelled/.test(l)).length, 2, 'tried twice');
  assert.deepEqual(loadRuns(outDir).map((r) => r.dataset), ['sample'], 'the good run is written');
  worker.child.kill('SIGTERM');
  assert.equal((await worker.exited).code, 0);
});

test('SIGTERM on a busy worker lets its run finish, then it exits 0; a run listed twice in a sweep is one job', { timeout: 120_000 }, async () => {
  const worker = startWorkerProcess(redis.url, 'term');
  await worker.waitFor(/^worker ready/);
  // Train sizes undefined and 'all' are the same run (same run key).
  const sweep = runExperimentRecords({ data: await sampleData(), schemes: ['separate'], seeds: [5], trainSizes: [undefined, 'all'], config: { ...TINY, epochs: 2 }, outDir: tempDir(), queue: { url: redis.url, prefix: 'term' }, ...quiet });
  await worker.waitFor(startedRe);
  worker.child.kill('SIGTERM');
  const [runs, exit] = await Promise.all([sweep, worker.exited]);
  assert.equal(runs.length, 2);
  assert.equal(runs[0], runs[1]);
  assert.equal(exit.code, 0);
  assert.ok(worker.lines.some((l) => l.startsWith('finished ')));
  const counts = await jobCounts(redis.url, 'term');
  assert.equal(counts.completed, 1);
});

test('Ctrl-C in a worker terminal (SIGINT to its process group) lets the running run finish, then the worker exits 0', { timeout: 120_000 }, async () => {
  const worker = startWorkerProcess(redis.url, 'ctrlc', [], { group: true });
  await worker.waitFor(/^worker ready/);
  const sweep = runExperimentRecords({ data: await sampleData(), schemes: ['shared'], seeds: [6], config: { ...TINY, epochs: 3 }, outDir: tempDir(), queue: { url: redis.url, prefix: 'ctrlc' }, ...quiet });
  const [, key] = await worker.waitFor(startedRe);
  process.kill(-worker.child.pid!, 'SIGINT');
  const [runs, exit] = await Promise.all([sweep, worker.exited]);
  assert.equal(runs.length, 1);
  assert.equal(exit.code, 0);
  assert.ok(worker.lines.some((l) => l.startsWith(`finished ${key} `)), worker.lines.join('\n'));
});
