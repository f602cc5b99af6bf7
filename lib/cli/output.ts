import { once } from 'node:events';
import { writeJsonl } from '../data';

/**
 * Writes records as JSONL to `path` (atomically: a temporary file renamed when complete) or, without
 * a path, to stdout, waiting for the pipe to drain so memory stays bounded. Resolves to the count.
 */
export async function writeRecords(records: AsyncIterable<unknown>, path?: string): Promise<number> {
  if (path !== undefined) return writeJsonl(path, records);
  let count = 0;
  for await (const record of records) {
    count++;
    if (!process.stdout.write(JSON.stringify(record) + '\n')) await once(process.stdout, 'drain');
  }
  return count;
}
