// Connections (a wrong URL or password fails fast with the URL named, password masked), the data
// store, and a worker refusing jobs whose config or data do not check out.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Queue, QueueEvents } from 'bullmq';
import { runExperimentRecords } from '../../lib/experiments/runExperiment';
import { dataFingerprint } from '../../lib/experiments/fingerprint';
import { getDataset, putDatasets } from '../../lib/queue/dataStore';
import { freePort, startLocalRedis, type LocalRedis } from '../../lib/queue/localRedis';
import { openRedis, redisOptions } from '../../lib/queue/redis';
import { dataKey, parseQueueTarget } from '../../lib/queue/target';
import { sampleData, tempDir, TINY } from '../experiments/helpers';
import { killAll, sampleJob, spawnTs, startWorkerProcess } from './helpers';

let redis: LocalRedis;
let locked: LocalRedis;
before(async () => {
  [redis, locked] = await Promise.all([startLocalRedis(), startLocalRedis({ password: 'right-pw' })]);
});
after(() => {
  killAll();
  redis?.stop();
  locked?.stop();
});

test('runExperiment({ queue }) on a port where nothing listens fails within seconds, naming the URL without its password', { timeout: 120_000 }, async () => {
  const port = await freePort();
  const t0 = Date.now();
  await assert.rejects(
    runExperimentRecords({ data: await sampleData(), schemes: ['shared'], seeds: [0], config: TINY, outDir: tempDir(), queue: `redis://:hunter2@127.0.0.1:${port}`, progress: 'none' }),
    (err: Error) => {
      assert.match(err.message, new RegExp(`^\\[E901\\] Cannot reach the job queue.*redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}: connection refused`));
      assert.ok(!err.message.includes('hunter2'));
      return true;
    },
  );
  assert.ok(Date.now() - t0 < 30_000, `failed after ${Date.now() - t0} ms`);
});

test('openRedis(target) on a password-protected Redis: no password and a wrong one are named as such; the right one connects', { timeout: 120_000 }, async () => {
  const url = `redis://127.0.0.1:${locked.port}`;
  await assert.rejects(openRedis(parseQueueTarget(url)), /\[E901\].*needs a password/);
  await assert.rejects(openRedis(parseQueueTarget(`redis://:wrong-pw@127.0.0.1:${locked.port}`)), (err: Error) => /\[E901\].*:\*\*\*@.*password is wrong/.test(err.message) && !err.message.includes('wrong-pw'));
  const client = await openRedis(parseQueueTarget(locked.url));
  assert.equal(await client.ping(), 'PONG');
  await client.quit();
});

test('workbench worker: a wrong URL exits 1 with the URL; no --queue and no WORKBENCH_QUEUE exits 2', { timeout: 120_000 }, async () => {
  const port = await freePort();
  const wrong = spawnTs('test/queue/cli.ts', ['worker', '--queue', `redis://:pw@127.0.0.1:${port}`]);
  assert.equal((await wrong.exited).code, 1);
  assert.match(wrong.stderr.join('\n'), new RegExp(`\\[E901\\].*redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}`));
  const missing = spawnTs('test/queue/cli.ts', ['worker']);
  assert.equal((await missing.exited).code, 2);
  assert.match(missing.stderr.join('\n'), /--queue <url> is required/);
});

test('putDatasets / getDataset store each set once and check it against its fingerprint', { timeout: 120_000 }, async () => {
  const target = parseQueueTarget({ url: redis.url, prefix: 'store' });
  const client = await openRedis(target);
  try {
    const { train, dev } = await sampleData();
    const sets = new Map([[dataFingerprint(train), train], [dataFingerprint(dev), dev]]);
    assert.equal(await putDatasets(client, target, sets), 2);
    assert.equal(await putDatasets(client, target, sets), 0, 'already stored: not sent again');
    assert.deepEqual(await getDataset(client, target, dataFingerprint(train)), JSON.parse(JSON.stringify(train)));
    await assert.rejects(getDataset(client, target, '0123456789abcdef'), /\[E904\].*no data stored/);
    // A set stored under another set's fingerprint is refused.
    await client.rename(dataKey(target, dataFingerprint(dev)), dataKey(target, '0123456789abcdef'));
    await assert.rejects(getDataset(client, target, '0123456789abcdef'), /\[E904\].*hashes to .*, not to its fingerprint 0123456789abcdef/);
  } finally {
    await client.quit();
  }
});

test('a worker refuses a job whose config was tampered with, or whose data is missing, without retrying', { timeout: 120_000 }, async () => {
  const target = parseQueueTarget({ url: redis.url, prefix: 'tamper' });
  const connection = redisOptions(target);
  const queue = new Queue('runs', { connection, prefix: 'tamper' });
  const events = new QueueEvents('runs', { connection, prefix: 'tamper' });
  const worker = startWorkerProcess(redis.url, 'tamper');
  try {
    await Promise.all([events.waitUntilReady(), worker.waitFor(/^worker ready/)]);
    const job = await sampleJob();
    const tampered = await queue.add('run', { ...job, config: { ...job.config, learnRate: 0.5 } }, { jobId: job.runKey, attempts: 3 });
    await assert.rejects(tampered.waitUntilFinished(events, 30_000), /\[E903\].*configHash/);
    assert.equal((await queue.getJob(job.runKey))?.attemptsMade, 1, 'not retried');
    // A valid job whose examples were never stored.
    const orphan = await queue.add('run', job, { jobId: 'x', attempts: 3 });
    await assert.rejects(orphan.waitUntilFinished(events, 30_000), /\[E903\].*job id x is not its run key/);
    await (await queue.getJob(job.runKey))!.remove();
    const unstored = await queue.add('run', job, { jobId: job.runKey, attempts: 3 });
    await assert.rejects(unstored.waitUntilFinished(events, 30_000), /\[E904\].*no data stored/);
    assert.ok(!worker.lines.some((l) => l.startsWith('started ')), 'nothing was trained');
  } finally {
    worker.child.kill('SIGTERM');
    await worker.exited;
    await events.close();
    await queue.close();
  }
});

test('runExperiment without a queue option uses WORKBENCH_QUEUE (notebooks); queue: null keeps it in-process', { timeout: 120_000 }, async () => {
  const port = await freePort();
  const saved = process.env.WORKBENCH_QUEUE;
  process.env.WORKBENCH_QUEUE = `redis://127.0.0.1:${port}`;
  try {
    const opts = { data: await sampleData(), schemes: ['shared'], seeds: [0], config: TINY, progress: 'none' as const };
    await assert.rejects(runExperimentRecords({ ...opts, outDir: tempDir() }), new RegExp(`\\[E901\\].*127\\.0\\.0\\.1:${port}`));
    assert.equal((await runExperimentRecords({ ...opts, outDir: tempDir(), queue: null })).length, 1);
  } finally {
    if (saved === undefined) delete process.env.WORKBENCH_QUEUE;
    else process.env.WORKBENCH_QUEUE = saved;
  }
});
