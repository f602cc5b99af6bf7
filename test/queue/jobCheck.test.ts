import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRunJob } from '../../lib/queue/jobCheck';
import { sampleJob } from './helpers';
import { planExperiment } from '../../lib/experiments/runExperiment';
import { queueSafeKey } from '../../lib/experiments/runJob';
import { sampleData, tempDir, TINY } from '../experiments/helpers';

test('checkRunJob(job) accepts a planned job as it comes out of the queue (JSON)', async () => {
  const job = await sampleJob();
  const back = checkRunJob(JSON.parse(JSON.stringify(job)), job.runKey);
  assert.deepEqual(back, job);
});

test('checkRunJob(job) rejects a tampered job with E903 naming the field', async () => {
  const job = await sampleJob();
  const cases: [unknown, RegExp][] = [
    [{ ...job, config: { ...job.config, learnRate: 0.5 } }, /field "configHash".*hashes to/],
    [{ ...job, config: { ...job.config, scheme: "require('child_process')" } }, /field "config".*does not validate/],
    [{ ...job, config: { ...job.config, seed: 4 } }, /field "config.seed"/],
    [{ ...job, seed: 4, config: { ...job.config, seed: 4 } }, /field "configHash"|field "runKey"/],
    [{ ...job, trainSize: 20 }, /field "runKey".*hash to run key/],
    [{ ...job, dataHash: { ...job.dataHash, train: 'zz' } }, /field "dataHash.train"/],
    [{ ...job, evaluate: { code: 'x' } }, /field "evaluate.code"/],
    [[job], /field "data".*not an object/],
  ];
  for (const [value, re] of cases) assert.throws(() => checkRunJob(value), (err: Error) => err.message.startsWith('[E903]') && re.test(err.message), String(re));
  assert.throws(() => checkRunJob(job, 'another-id'), /\[E903\].*job id another-id is not its run key/);
});

test('run keys are never all digits (BullMQ refuses a custom job id that reads as an integer)', async () => {
  assert.equal(queueSafeKey('1234567890123456'), 'f234567890123456');
  assert.equal(queueSafeKey('0123456789012345'), 'f123456789012345');
  assert.equal(queueSafeKey('12345678901234a6'), '12345678901234a6');
  // The run keys of the cancellation tests' sweep: one of them was all digits (the sweep never started).
  const plan = planExperiment({ data: await sampleData(), schemes: ['shared', 'separate', 'soft-cascade'], seeds: [0, 1], config: { ...TINY, epochs: 30 }, outDir: tempDir() });
  const keys = plan.map((p) => p.job.runKey);
  assert.ok(keys.length === 6 && keys.every((k) => /^[0-9a-f]{16}$/.test(k) && /[a-f]/.test(k)), keys.join(' '));
});
