// Load time and memory of the static vectors: the first use (converting the npm package's JSON
// into the binary cache) and a later process (reading the cache), each in a fresh child process.
// Usage: node --import tsx bench/vectors.ts [--source glove-6b-100d]
// The conversion runs against an empty temporary WORKBENCH_CACHE, so the real cache is untouched.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const source = args[args.indexOf('--source') + 1] && args.includes('--source') ? args[args.indexOf('--source') + 1] : 'glove-6b-100d';

/** Runs loadVectors(source) in a child process; returns its wall time (ms), peak RSS (MB) and the table's size. */
function loadInChild(cache: string): { ms: number; maxRssMb: number; size: number; dim: number; cacheFile: string } {
  const code = `
    const { performance } = require('node:perf_hooks');
    const { loadVectors, vectorCacheFile } = require('./lib/vectors');
    (async () => {
      const t0 = performance.now();
      const table = await loadVectors(${JSON.stringify(source)});
      const ms = performance.now() - t0;
      console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, size: table.size, dim: table.dim, cacheFile: await vectorCacheFile(${JSON.stringify(source)}) }));
    })();`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', code], { env: { ...process.env, WORKBENCH_CACHE: cache }, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const cache = mkdtempSync(join(tmpdir(), 'bench-vectors-'));
try {
  const first = loadInChild(cache);
  const later = loadInChild(cache);
  const round = (x: number) => Math.round(x);
  console.log(`# vectors ${source}: ${first.size} words × ${first.dim}; cache file ${(statSync(first.cacheFile).size / 1e6).toFixed(1)} MB`);
  console.log(JSON.stringify({
    source,
    words: first.size,
    dim: first.dim,
    cache_mb: Math.round(statSync(first.cacheFile).size / 1e5) / 10,
    first_use_ms: round(first.ms),
    first_use_max_rss_mb: round(first.maxRssMb),
    cached_load_ms: round(later.ms),
    cached_max_rss_mb: round(later.maxRssMb),
  }));
} finally {
  rmSync(cache, { recursive: true, force: true });
}
