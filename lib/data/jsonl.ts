import { createReadStream } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { WorkbenchError } from '../errors';

/** One parsed JSONL record with its 1-based line number in the file. */
export interface JsonlEntry<T> {
  value: T;
  line: number;
}

/**
 * Reads a text file lazily, yielding each non-blank line with its 1-based line number (blank lines
 * still count). A UTF-8 byte-order mark on the first line is dropped. Stopping early (break) closes
 * the file without reading the rest.
 */
export async function* readTextLines(path: string): AsyncGenerator<{ text: string; line: number }> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const raw of lines) {
      line++;
      const text = line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      if (text.trim() !== '') yield { text, line };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

/**
 * Reads a JSONL file lazily, line by line, yielding each record with its 1-based line number.
 * Blank lines are skipped (they still count for line numbers). Invalid JSON throws E001 naming
 * file and line. Stopping early (break) closes the file without reading the rest.
 */
export async function* readJsonlEntries<T = unknown>(path: string): AsyncGenerator<JsonlEntry<T>> {
  for await (const { text, line } of readTextLines(path)) {
    let value: T;
    try {
      value = JSON.parse(text) as T;
    } catch (err) {
      throw new WorkbenchError('E001', `${(err as Error).message}; line starts with ${JSON.stringify(text.slice(0, 60))}`, {
        file: path,
        line,
      });
    }
    yield { value, line };
  }
}

/** Reads a JSONL file lazily, one record per non-blank line; invalid JSON throws E001 naming file and line. */
export async function* readJsonl<T = unknown>(path: string): AsyncGenerator<T> {
  for await (const entry of readJsonlEntries<T>(path)) yield entry.value;
}

/**
 * Writes records as JSONL atomically: into a temporary file in the same directory, renamed over
 * `path` only when every record was written, so readers never see a partial file. Resolves to the
 * number of records written; on error the temporary file is removed and `path` is untouched.
 */
export async function writeJsonl<T>(path: string, records: Iterable<T> | AsyncIterable<T>): Promise<number> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  const handle = await open(tmp, 'wx');
  let count = 0;
  let closed = false;
  try {
    let buffer = '';
    for await (const record of records as AsyncIterable<T>) {
      const json = JSON.stringify(record);
      if (json === undefined) {
        throw new WorkbenchError('E002', `record ${count} cannot be written as JSON (got ${typeof record})`, { file: path, index: count });
      }
      buffer += json + '\n';
      count++;
      // Flush in chunks: bounded memory for long streams, few system calls for short records.
      if (buffer.length >= 1 << 16) {
        await handle.write(buffer);
        buffer = '';
      }
    }
    if (buffer) await handle.write(buffer);
    await handle.sync();
    await handle.close();
    closed = true;
    await rename(tmp, path);
    return count;
  } catch (err) {
    if (!closed) await handle.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}
