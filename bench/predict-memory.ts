// Memory of `workbench predict` on large inputs: the command streams, so its peak RSS should not
// grow with the input size. Trains a tiny pipeline on the shipped sample, writes inputs of the
// given sizes (JSONL, one chatbot-like text per line), runs the built CLI on each with the output
// piped to a counting sink, and reads the child's peak RSS (VmHWM in /proc, Linux only).
// Run: npm run build && node --import tsx bench/predict-memory.ts [--mb 10,100,1000]   → prints JSON.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = join(__dirname, '..');
const bin = join(root, 'bin', 'workbench.js');
const arg = process.argv.indexOf('--mb');
const sizesMb = (arg > 0 ? process.argv[arg + 1] : '10,100').split(',').map(Number);

const WORDS = ['book', 'a', 'flight', 'to', 'Lima', 'on', 'Sunday', 'play', 'jazz', 'by', 'Nina', 'Simone', 'weather', 'in', 'Oslo', 'tomorrow', 'table', 'for', 'two', 'near', 'the', 'station'];

async function writeInput(path: string, mb: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let n = 0;
  let seed = 1;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  while (bytes < mb * 1e6) {
    const words = Array.from({ length: 6 + Math.floor(rand() * 10) }, () => WORDS[Math.floor(rand() * WORDS.length)]);
    const line = JSON.stringify({ text: words.join(' '), meta: { id: n } }) + '\n';
    bytes += Buffer.byteLength(line);
    n++;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return n;
}

function run(args: string[]): Promise<{ code: number | null; peakRssMb: number; lines: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let peakKb = 0;
    let lines = 0;
    child.stdout.on('data', (d: Buffer) => {
      for (const b of d) if (b === 10) lines++;
    });
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // the process has exited
      }
    }, 100);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, peakRssMb: peakKb / 1024, lines, seconds: (performance.now() - t0) / 1000 });
    });
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-predict-'));
  try {
    const config = join(dir, 'tiny.json');
    writeFileSync(config, JSON.stringify({ epochs: 2, encoder: { width: 32, depth: 1 } }));
    const model = join(dir, 'model');
    const sample = join(root, 'data', 'sample');
    const trained = await run(['train', '--ner', join(sample, 'ner.jsonl'), '--textcat', join(sample, 'textcat.jsonl'), '--config', config, '--output', model]);
    if (trained.code !== 0) throw new Error('training failed');
    const rows = [];
    for (const mb of sizesMb) {
      const input = join(dir, `input-${mb}.jsonl`);
      const texts = await writeInput(input, mb);
      const r = await run(['predict', model, input]);
      if (r.code !== 0 || r.lines !== texts) throw new Error(`predict on ${mb} MB: exit ${r.code}, ${r.lines} of ${texts} tasks`);
      rows.push({ inputMb: statSync(input).size / 1e6, texts, peakRssMb: Number(r.peakRssMb.toFixed(1)), seconds: Number(r.seconds.toFixed(1)), textsPerSecond: Math.round(texts / r.seconds) });
      rmSync(input);
    }
    process.stdout.write(JSON.stringify({ bench: 'predict-memory', date: new Date().toISOString(), node: process.version, rows }, null, 2) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
