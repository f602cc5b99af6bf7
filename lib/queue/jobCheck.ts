import { WorkbenchError } from '../errors';
import type { EvaluateOptions } from '../eval/evaluate';
import { runKeyOf, type RunJob } from '../experiments/runJob';
import { configHash, validateConfig } from '../models';

const HASH = /^[0-9a-f]{16}$/;

/**
 * A queue job's payload checked field by field before a worker trains it: plain JSON of the right
 * types, a config that passes validateConfig and hashes to its configHash, and a run key that is
 * the hash of the rest. Nothing in a job is executed; a job failing a check is an E903 error
 * naming the field.
 */
export function checkRunJob(value: unknown, jobId?: string): RunJob {
  const fail = (field: string, detail: string): never => {
    throw new WorkbenchError('E903', `${jobId ? `job ${jobId}: ` : ''}${detail}`, { field });
  };
  if (!isPlain(value)) return fail('data', 'the job data is not an object');
  const v = value as Record<string, unknown>;
  for (const f of ['runKey', 'dataset', 'scheme', 'configHash'] as const) if (typeof v[f] !== 'string' || v[f] === '') fail(f, `${f} must be a non-empty string`);
  if (!HASH.test(v.runKey as string)) fail('runKey', 'runKey must be 16 hex characters');
  if (!Number.isInteger(v.seed) || (v.seed as number) < 0) fail('seed', 'seed must be a whole number ≥ 0');
  if (v.trainSize !== 'all' && (!Number.isInteger(v.trainSize) || (v.trainSize as number) < 1)) fail('trainSize', "trainSize must be a whole number ≥ 1 or 'all'");
  if (v.recordSize !== undefined && (!Number.isInteger(v.recordSize) || (v.recordSize as number) < 1)) fail('recordSize', 'recordSize must be a whole number ≥ 1');
  if (v.evalOn !== 'test' && v.evalOn !== 'dev') fail('evalOn', "evalOn must be 'test' or 'dev'");
  const dataHash = v.dataHash as Record<string, unknown>;
  if (!isPlain(dataHash)) fail('dataHash', 'dataHash must be an object');
  for (const split of ['train', 'dev', 'eval']) if (typeof dataHash[split] !== 'string' || !HASH.test(dataHash[split] as string)) fail(`dataHash.${split}`, 'must be a 16-hex fingerprint');
  const evaluate = checkEvaluate(v.evaluate, fail);
  if (!isPlain(v.config)) fail('config', 'config must be an object');
  const config = v.config as Record<string, unknown>;
  if (config.seed !== v.seed) fail('config.seed', `config.seed (${JSON.stringify(config.seed)}) differs from the job's seed ${String(v.seed)}`);
  let validated: Record<string, unknown>;
  try {
    validated = validateConfig(config) as unknown as Record<string, unknown>;
  } catch (err) {
    return fail('config', `the config does not validate: ${(err as Error).message}`);
  }
  if (configHash(validated) !== v.configHash) fail('configHash', `the config hashes to ${configHash(validated)}, not to the job's ${String(v.configHash)}`);
  const job: RunJob = {
    runKey: v.runKey as string,
    dataset: v.dataset as string,
    scheme: v.scheme as string,
    seed: v.seed as number,
    trainSize: v.trainSize as number | 'all',
    ...(v.recordSize !== undefined ? { recordSize: v.recordSize as number } : {}),
    evalOn: v.evalOn as 'test' | 'dev',
    config: validated,
    configHash: v.configHash as string,
    dataHash: { train: dataHash.train as string, dev: dataHash.dev as string, eval: dataHash.eval as string },
    evaluate,
  };
  if (runKeyOf(job) !== job.runKey) fail('runKey', `the job's fields hash to run key ${runKeyOf(job)}, not to ${job.runKey}`);
  if (jobId !== undefined && jobId !== job.runKey) fail('runKey', `the job id ${jobId} is not its run key ${job.runKey}`);
  return job;
}

function checkEvaluate(value: unknown, fail: (field: string, detail: string) => never): EvaluateOptions {
  if (value === undefined) return {};
  if (!isPlain(value)) return fail('evaluate', 'evaluate must be an object');
  const e = value as Record<string, unknown>;
  for (const k of Object.keys(e)) if (!['threshold', 'exclusive', 'labels'].includes(k)) fail(`evaluate.${k}`, 'unknown scoring option');
  if (e.threshold !== undefined && typeof e.threshold !== 'number') fail('evaluate.threshold', 'must be a number');
  if (e.exclusive !== undefined && typeof e.exclusive !== 'boolean') fail('evaluate.exclusive', 'must be true or false');
  if (e.labels !== undefined && !(Array.isArray(e.labels) && e.labels.every((l) => typeof l === 'string'))) fail('evaluate.labels', 'must be a list of strings');
  return e as EvaluateOptions;
}

function isPlain(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}
