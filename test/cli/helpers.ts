// Runs the built `workbench` command as a user would (node bin/workbench.js ...): needs `npm run build`.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'workbench.js');
export const SAMPLE = { ner: join(ROOT, 'data', 'sample', 'ner.jsonl'), textcat: join(ROOT, 'data', 'sample', 'textcat.jsonl'), mixed: join(ROOT, 'data', 'sample', 'mixed.jsonl') };

/** What a finished command printed and its exit code. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `workbench ...args` in the repository root and resolves when it exits. */
export function workbench(args: string[], opts: { cwd?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** What a command printed before its stdout reader went away, and how it ended. */
export interface ClosedStdoutResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The first chunk read from stdout, after which the reader closed the pipe. */
  firstChunk: string;
  stderr: string;
}

/**
 * Runs `workbench ...args` with stdout piped to a reader that closes the pipe after the first chunk
 * (what `| head -c N` does), so later writes to stdout fail with EPIPE. `stdin` is written and left
 * open when given (the command must stop on its own), else closed. `closeStderr` closes stderr's
 * reader at the same moment (`2>&1 | head`; stderr then stays as read so far). Kills the command
 * after `timeoutMs` (then code is null and signal SIGKILL).
 */
export function workbenchClosingStdout(args: string[], opts: { stdin?: string; timeoutMs?: number; closeStderr?: boolean } = {}): Promise<ClosedStdoutResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let firstChunk = '';
    let stderr = '';
    child.stdout.once('data', (d) => {
      firstChunk = String(d);
      child.stdout.destroy();
      if (opts.closeStderr) child.stderr.destroy();
    });
    child.stderr.on('data', (d) => (stderr += d));
    if (opts.stdin !== undefined) child.stdin.write(opts.stdin);
    else child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, signal, firstChunk, stderr });
    });
  });
}

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'workbench-cli-'));
}

/** Writes `lines` (objects as JSON, strings as they are) to `dir/name` and returns the path. */
export function writeLines(dir: string, name: string, lines: (object | string)[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}

/** A tiny config: trains on the sample in about a second. */
export const TINY_CONFIG = { epochs: 2, encoder: { width: 32, depth: 1 } };

/** Trains a tiny pipeline on the shipped sample with the CLI; resolves to its folder. */
export async function trainTiny(dir: string): Promise<string> {
  const config = join(dir, 'tiny.json');
  writeFileSync(config, JSON.stringify(TINY_CONFIG));
  const out = join(dir, 'model');
  const r = await workbench(['train', '--ner', SAMPLE.ner, '--textcat', SAMPLE.textcat, '--config', config, '--output', out]);
  if (r.code !== 0) throw new Error(`train failed (${r.code}): ${r.stderr}`);
  return out;
}
