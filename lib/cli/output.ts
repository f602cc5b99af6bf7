import { writeJsonl } from '../data';

/** The part of a writable stream the stdout helpers use (process.stdout, a socket, a test double). */
export interface OutStream {
  write(chunk: string): boolean;
  once(event: 'drain' | 'close' | 'error', listener: (...args: unknown[]) => void): unknown;
  removeListener(event: 'drain' | 'close' | 'error', listener: (...args: unknown[]) => void): unknown;
  readonly destroyed?: boolean;
  readonly writableEnded?: boolean;
  readonly errored?: Error | null;
}

/**
 * Whether `stream` still has a reader: false once a write failed (EPIPE: `| head` has exited), or
 * the stream was ended or destroyed. Writes after that are dropped by Node without an error.
 */
export function hasReader(stream: OutStream = process.stdout): boolean {
  return !stream.destroyed && !stream.writableEnded && (stream.errored ?? null) === null;
}

/** Resolves true when `stream` drains, false when it closes or fails first (its reader has gone). */
export function drained(stream: OutStream = process.stdout): Promise<boolean> {
  if (!hasReader(stream)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      stream.removeListener('drain', onDrain);
      stream.removeListener('close', onEnd);
      stream.removeListener('error', onEnd);
      resolve(ok);
    };
    const onDrain = done(true);
    const onEnd = done(false);
    stream.once('drain', onDrain);
    stream.once('close', onEnd);
    stream.once('error', onEnd);
  });
}

/**
 * Writes records as JSONL to `path` (atomically: a temporary file renamed when complete) or, without
 * a path, to `out` (stdout), waiting for the pipe to drain so memory stays bounded. When stdout's
 * reader goes away (`| head`), the records are its only output, so reading stops there (the
 * source's iterator is closed) instead of computing what nobody reads. Resolves to the count written.
 */
export async function writeRecords(records: AsyncIterable<unknown>, path?: string, out: OutStream = process.stdout): Promise<number> {
  if (path !== undefined) return writeJsonl(path, records);
  let count = 0;
  for await (const record of records) {
    if (!hasReader(out)) break;
    const ok = out.write(JSON.stringify(record) + '\n');
    if (!hasReader(out)) break;
    count++;
    if (!ok && !(await drained(out))) break;
  }
  return count;
}
