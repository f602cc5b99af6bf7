import { createInterface } from 'node:readline';
import { WorkbenchError } from '../errors';
import { dedup, getStream } from '../streams';

/**
 * The tasks of INPUT: a file through getStream (every task needs a string `text`), or, for '-',
 * stdin read lazily line by line (a line starting with `{` is a JSON task, any other a text).
 */
export function inputTasks(input: string, opts: { dedup?: 'input' } = {}): AsyncIterable<Record<string, unknown>> {
  if (input !== '-') return getStream(input, { requireText: true, ...(opts.dedup ? { dedup: opts.dedup } : {}) });
  return opts.dedup ? dedup(stdinTasks(), { by: opts.dedup }) : stdinTasks();
}

async function* stdinTasks(): AsyncGenerator<Record<string, unknown>> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const raw of lines) {
      line++;
      const text = raw.trim();
      if (text === '') continue;
      if (!text.startsWith('{')) {
        yield { text: raw };
        continue;
      }
      let task: Record<string, unknown>;
      try {
        task = JSON.parse(text) as Record<string, unknown>;
      } catch (err) {
        throw new WorkbenchError('E001', (err as Error).message, { file: '<stdin>', line });
      }
      if (typeof task.text !== 'string') throw new WorkbenchError('E002', `expected a string, got ${JSON.stringify(task.text)}`, { file: '<stdin>', line, field: 'text' });
      yield task;
    }
  } finally {
    // Pauses stdin when the reader stops early (stdout's reader gone): an open stdin would keep the
    // process waiting for input nobody will use.
    lines.close();
  }
}
