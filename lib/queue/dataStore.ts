import { gunzipSync, gzipSync } from 'node:zlib';
import type { Redis } from 'ioredis';
import type { Example } from '../data/types';
import { WorkbenchError } from '../errors';
import { dataFingerprint } from '../experiments/fingerprint';
import { dataKey, type QueueTarget } from './target';

/** Seconds a stored dataset is kept after the last coordinator that needed it stored it (7 days). */
export const DATA_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Stores each example set under its fingerprint (gzipped JSON), once: a set already stored only has
 * its expiry renewed. Returns how many sets were uploaded.
 */
export async function putDatasets(redis: Redis, target: QueueTarget, sets: ReadonlyMap<string, readonly Example[]>, ttlSeconds = DATA_TTL_SECONDS): Promise<number> {
  let uploaded = 0;
  for (const [fingerprint, examples] of sets) {
    const key = dataKey(target, fingerprint);
    // EXPIRE answers 0 when the key is missing: only then is the set serialised and sent.
    if ((await redis.expire(key, ttlSeconds)) === 1) continue;
    await redis.set(key, gzipSync(JSON.stringify(examples)), 'EX', ttlSeconds);
    uploaded++;
  }
  return uploaded;
}

/**
 * The example set stored under `fingerprint`, checked against it: E904 when it is missing (expired,
 * or stored in another Redis) or does not hash to its fingerprint.
 */
export async function getDataset(redis: Redis, target: QueueTarget, fingerprint: string): Promise<Example[]> {
  const key = dataKey(target, fingerprint);
  const raw = await redis.getBuffer(key);
  if (raw === null) throw new WorkbenchError('E904', `no data stored under ${key} (expired? run the coordinator again to upload it)`, { field: 'dataHash' });
  let examples: unknown;
  try {
    examples = JSON.parse(gunzipSync(raw).toString('utf8'));
  } catch (err) {
    throw new WorkbenchError('E904', `${key} is not gzipped JSON: ${(err as Error).message}`, { field: 'dataHash' });
  }
  if (!Array.isArray(examples)) throw new WorkbenchError('E904', `${key} does not hold a list of examples`, { field: 'dataHash' });
  let actual: string;
  try {
    actual = dataFingerprint(examples as Example[]);
  } catch (err) {
    throw new WorkbenchError('E904', `${key} holds malformed examples: ${(err as Error).message}`, { field: 'dataHash' });
  }
  if (actual !== fingerprint) throw new WorkbenchError('E904', `${key} hashes to ${actual}, not to its fingerprint ${fingerprint}`, { field: 'dataHash' });
  return examples as Example[];
}
