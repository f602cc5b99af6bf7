// Sections that run another bench script (bench/streams.ts, bench/engine.ts) as a child process and
// keep the JSON it prints.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Section } from './section';
import type { MdTable } from './table';

/** Runs `node --import tsx <script> [--quick]` and parses its stdout as JSON (stderr is passed through). */
export function runChildJson(script: string, args: string[], cwd: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with code ${code}`));
      // Some scripts print notes before the JSON: parse from the first line that opens an object.
      const start = out.search(/^\{/m);
      try {
        resolve(JSON.parse(start >= 0 ? out.slice(start) : out));
      } catch (err) {
        reject(new Error(`${script} did not print JSON: ${(err as Error).message}`));
      }
    });
  });
}

/** A section that runs bench/<script>.ts (with --quick in quick mode) and tabulates its JSON with `tables`. */
export function childSection(name: string, script: string, description: string, tables: (json: unknown) => MdTable[]): Section {
  return {
    name,
    description,
    async run(ctx) {
      const root = join(__dirname, '..', '..');
      const path = join(root, 'bench', script);
      if (!existsSync(path)) return { status: 'skipped', reason: `bench/${script} does not exist yet`, tables: [] };
      const json = await runChildJson(join('bench', script), ctx.args.quick ? ['--quick'] : [], root);
      return { status: 'ok', data: json, tables: tables(json) };
    },
  };
}

type Num = { median?: number; min?: number; max?: number } | number | undefined;
const med = (x: Num): number | undefined => (typeof x === 'number' ? x : x?.median);
const fmt = (x: Num, digits = 0): string | null => {
  const m = med(x);
  if (m === undefined) return null;
  if (typeof x === 'object' && x.min !== undefined && x.max !== undefined && x.min !== x.max) return `${m.toFixed(digits)} (${x.min.toFixed(digits)}–${x.max.toFixed(digits)})`;
  return m.toFixed(digits);
};

/** Tables of bench/engine.ts JSON: per backend and layout, inference and training-step throughput. */
export function engineTables(json: unknown): MdTable[] {
  const j = json as Record<string, { results?: Record<string, unknown>[] }>;
  const rows: (string | number | null)[][] = [];
  for (const [backend, v] of Object.entries(j)) {
    if (!v || typeof v !== 'object' || !Array.isArray(v.results)) continue;
    for (const r of v.results as Record<string, any>[]) {
      rows.push([backend, String(r.layout ?? ''), r.tokens ?? null, fmt(r.inference?.ms, 1), r.inference?.tokensPerSec ?? null, fmt(r.trainStep?.ms, 1), r.trainStep?.tokensPerSec ?? null]);
    }
  }
  return rows.length
    ? [{ title: 'Engine: encoder forward / train step (bench/engine.ts)', columns: ['backend', 'layout', 'tokens', 'inference ms', 'inference tok/s', 'train step ms', 'train tok/s'], rows }]
    : [];
}

/** Tables of bench/streams.ts JSON: every numeric leaf with a median, as one flat list. */
export function streamsTables(json: unknown): MdTable[] {
  const rows: (string | number | null)[][] = [];
  const walk = (v: unknown, path: string[]): void => {
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.median === 'number') {
      rows.push([path.join('.'), fmt(o as Num, o.median < 100 ? 2 : 0)]);
      return;
    }
    if (Array.isArray(v)) {
      // Name array items by their scalar fields ("tee[lag=0, streamLength=50000]") rather than their index.
      v.forEach((item, i) => {
        const scalars = item && typeof item === 'object' ? Object.entries(item).filter(([, x]) => typeof x === 'number' || typeof x === 'string') : [];
        const label = scalars.length ? scalars.map(([k, x]) => `${k}=${x}`).join(', ') : String(i);
        walk(item, [...path.slice(0, -1), `${path[path.length - 1] ?? ''}[${label}]`]);
      });
      return;
    }
    for (const [k, x] of Object.entries(o)) walk(x, [...path, k]);
  };
  walk(json, []);
  return rows.length ? [{ title: 'Streams (bench/streams.ts)', columns: ['measure', 'median (min–max)'], rows }] : [];
}
