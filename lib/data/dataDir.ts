import { existsSync } from 'node:fs';
import { resolve, join } from 'node:path';

/**
 * The directory holding the real public datasets (SNIPS, ATIS, CoNLL-2003, GUM, ...).
 * `WORKBENCH_DATA` wins (`none` = use only the shipped sample); else `../shared/data` relative to
 * the working directory or to the package root, when it exists; else undefined (callers fall back
 * to the shipped sample).
 */
export function dataDir(): string | undefined {
  const env = process.env.WORKBENCH_DATA;
  if (env === 'none') return undefined;
  if (env) return resolve(env);
  const candidates = [resolve(process.cwd(), '../shared/data'), resolve(packageRoot(), '../shared/data')];
  return candidates.find((p) => existsSync(p));
}

/** Path of one dataset inside the data directory, or undefined when it is absent. */
export function datasetPath(name: string): string | undefined {
  const dir = dataDir();
  if (!dir) return undefined;
  const p = join(dir, name);
  return existsSync(p) ? p : undefined;
}

/** The repository root (where package.json and the shipped data/ live), from lib/ or dist/. */
export function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    dir = resolve(dir, '..');
  }
  return process.cwd();
}

/** Path of a file in the repository's shipped sample (data/). */
export function samplePath(...parts: string[]): string {
  return join(packageRoot(), 'data', ...parts);
}
