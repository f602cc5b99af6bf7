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
  // Errors of the file itself (missing, a folder) come out of the loop raw: rethrow them coded.
  let failure: Error | undefined;
  input.on('error', (err) => {
    failure = err;
    lines.close();
  });
  let line = 0;
  try {
    try {
      for await (const raw of lines) {
        line++;
        const text = line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
        if (text.trim() !== '') yield { text, line };
      }
    } catch (err) {
      throw fileError(err, 'cannot read it', path);
    }
    if (failure) throw fileError(failure, 'cannot read it', path);
  } finally {
    lines.close();
    input.destroy();
  }
}

/** A Node file-system error as a coded E013 naming the file (ENOENT → "no such file", EISDIR → "is a folder"). */
function fileError(err: unknown, what: string, path: string, index?: number): WorkbenchError {
  if (err instanceof WorkbenchError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  const why = code === 'ENOENT' ? 'no such file or folder' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : String((err as Error)?.message ?? err);
  return new WorkbenchError('E013', `${what}: ${why}${code ? ` (${code})` : ''}`, { file: path, ...(index !== undefined ? { index } : {}) });
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
 * Errors are coded and name the path: E013 a folder that does not exist or a path that is a folder,
 * E015 (with the record index) a record JSON cannot hold (a circular reference, a BigInt), E002 undefined.
 */
export async function writeJsonl<T>(path: string, records: Iterable<T> | AsyncIterable<T>): Promise<number> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  let handle;
  try {
    handle = await open(tmp, 'wx');
  } catch (err) {
    throw fileError(err, `cannot write next to it (in ${dirname(path)})`, path);
  }
  let count = 0;
  let closed = false;
  try {
    let buffer = '';
    for await (const record of records as AsyncIterable<T>) {
      let json: string | undefined;
      try {
        json = JSON.stringify(record);
      } catch (err) {
        throw new WorkbenchError('E015', `record ${count}: ${(err as Error).message.split('\n')[0]}`, { file: path, index: count });
      }
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
    try {
      await rename(tmp, path);
    } catch (err) {
      throw fileError(err, 'cannot replace it with the written file', path);
    }
    return count;
  } catch (err) {
    if (!closed) await handle.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}
