import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { WorkbenchError, check } from '../errors';
import { setHashes } from '../data/hashes';
import { readJsonlEntries, readTextLines } from '../data/jsonl';
import { dedup } from './dedup';
import type { StreamSource } from './iter';

/** Options of `getStream`. */
export interface GetStreamOptions {
  /** Recompute `_input_hash` / `_task_hash` on every task (default false). */
  rehash?: boolean;
  /** Drop duplicates: true or 'task' by task hash, 'input' by input hash (default false). */
  dedup?: boolean | 'input' | 'task';
  /** Field holding the text; it is renamed to `text` (default 'text'). */
  inputKey?: string;
  /** Every task must have a string `text` (default false: image or html tasks need not): E002 naming file, line and field. */
  requireText?: boolean;
}

/** One task with where it came from, for error messages. */
interface Located {
  value: unknown;
  line?: number;
}

/**
 * A lazy stream of tasks (Prodigy's `get_stream`) from a file path, `'-'` or an iterable. Files: `.jsonl` (one JSON
 * object per non-blank line, read lazily), `.json` (an array), `.txt` (one text per non-blank line → `{text}`);
 * `'-'` reads standard input lazily (a line starting with `{` is a JSON task, any other a text).
 * Strings in an iterable or array become `{text}`. `inputKey` renames that field to `text`; `rehash`
 * recomputes the hashes; `dedup` drops repeats. An unknown extension or a missing file is an E013 error
 * naming the file.
 */
export function getStream(source: string | StreamSource<unknown>, opts: GetStreamOptions = {}): AsyncIterableIterator<Record<string, unknown>> {
  const inputKey = opts.inputKey ?? 'text';
  check(typeof inputKey === 'string' && inputKey.length > 0, 'E007', () => `getStream: inputKey must be a non-empty string, got ${JSON.stringify(inputKey)}`);
  const dedupBy = opts.dedup === true ? 'task' : opts.dedup || undefined;
  check(dedupBy === undefined || dedupBy === 'input' || dedupBy === 'task', 'E007', () => `getStream: dedup must be a boolean, 'input' or 'task', got ${JSON.stringify(opts.dedup)}`);
  const file = source === '-' ? STDIN : typeof source === 'string' ? source : undefined;
  let located: AsyncIterable<Located>;
  if (source === '-') {
    located = stdinLines();
  } else if (file !== undefined) {
    check(existsSync(file) && statSync(file).isFile(), 'E013', () => 'file not found (expected a .jsonl, .json or .txt file)', { file });
    const ext = extname(file).toLowerCase();
    if (ext === '.jsonl') located = readJsonlEntries(file);
    else if (ext === '.json') located = jsonArray(file);
    else if (ext === '.txt') located = textLines(file);
    else throw new WorkbenchError('E013', `unknown file extension "${ext}": getStream reads .jsonl, .json or .txt`, { file });
  } else {
    located = wrap(source);
  }
  const tasks = normalize(located, file, inputKey, opts.rehash ?? false, opts.requireText ?? false);
  return dedupBy ? dedup(tasks, { by: dedupBy }) : tasks;
}

/** How errors name standard input (the source '-'). */
const STDIN = '<stdin>';

/** Standard input read lazily, line by line: a line starting with `{` is a JSON task, any other a text. */
async function* stdinLines(): AsyncIterableIterator<Located> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const raw of lines) {
      line++;
      const text = raw.trim();
      if (text === '') continue;
      if (!text.startsWith('{')) {
        yield { value: { text: raw }, line };
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        throw new WorkbenchError('E001', (err as Error).message, { file: STDIN, line });
      }
      yield { value, line };
    }
  } finally {
    // Pauses stdin when the reader stops early (e.g. stdout's reader gone): an open stdin would keep
    // the process waiting for input nobody will use.
    lines.close();
  }
}

async function* wrap(source: StreamSource<unknown>): AsyncIterableIterator<Located> {
  for await (const value of source) yield { value };
}

async function* jsonArray(file: string): AsyncIterableIterator<Located> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new WorkbenchError('E001', (err as Error).message, { file });
  }
  check(Array.isArray(data), 'E013', () => `a .json source must hold an array of tasks, got ${data === null ? 'null' : typeof data}`, { file });
  for (const value of data) yield { value };
}

async function* textLines(file: string): AsyncIterableIterator<Located> {
  for await (const { text, line } of readTextLines(file)) yield { value: { text }, line };
}

async function* normalize(located: AsyncIterable<Located>, file: string | undefined, inputKey: string, rehash: boolean, requireText: boolean): AsyncIterableIterator<Record<string, unknown>> {
  let index = 0;
  for await (const { value, line } of located) {
    let task: Record<string, unknown>;
    if (typeof value === 'string') task = { text: value };
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) task = value as Record<string, unknown>;
    else throw new WorkbenchError('E002', `expected a task object or a string, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`, { file, line, index });
    if (inputKey !== 'text') {
      check(inputKey in task, 'E002', () => `task has no field "${inputKey}" (inputKey) to use as text; fields: ${Object.keys(task).join(', ')}`, { file, line, index, field: inputKey });
      const { [inputKey]: text, ...rest } = task;
      task = { ...rest, text };
    }
    check(!requireText || typeof task.text === 'string', 'E002', () => `expected a string, got ${JSON.stringify(task.text)}`, { file, line, index, field: 'text' });
    if (rehash) task = setHashes(task, { overwrite: true });
    yield task;
    index++;
  }
}
