import { createHash } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import { packageRoot } from '../data/dataDir';

/** Version of the cached conversion: bump it when a reader's output changes, so old copies are not reused. */
export const CACHE_VERSION = 1;

/**
 * The folder holding converted vector tables: `WORKBENCH_CACHE` when set, else
 * node_modules/.cache/workbench under the package root (the usual home of tool caches, removed
 * with node_modules, never committed).
 */
export function cacheDir(): string {
  const env = process.env.WORKBENCH_CACHE;
  return env ? resolve(env) : join(packageRoot(), 'node_modules', '.cache', 'workbench');
}

/** Cache file of a named source ('glove-6b-100d' → glove-6b-100d.v1.wbvec). */
export function namedCacheFile(name: string): string {
  return join(cacheDir(), `${name}.v${CACHE_VERSION}.wbvec`);
}

/**
 * Cache file of a user's vector file: keyed by its absolute path, size and modification time, so
 * an edited or replaced file is converted again.
 */
export function fileCacheFile(file: string, size: number, mtimeMs: number): string {
  const key = createHash('sha256').update(`${resolve(file)}\n${size}\n${mtimeMs}\n${CACHE_VERSION}`).digest('hex').slice(0, 16);
  const stem = basename(file).replace(/[^\w.-]+/g, '_').slice(0, 60);
  return join(cacheDir(), `${stem}-${key}.v${CACHE_VERSION}.wbvec`);
}
