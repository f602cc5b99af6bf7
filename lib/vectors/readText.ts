import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { WorkbenchError } from '../errors';
import { RowBuilder } from './rowBuilder';
import { quantizeRows, type VectorTable } from './table';

/**
 * Reads text vectors: GloVe `.txt` (one `word v1 … vd` line per word) or fastText / word2vec text
 * `.vec` (the same after a `count dim` header line). The file is streamed line by line. The last
 * `dim` fields are the values and the rest is the word, so words with spaces (GloVe 840B) read
 * right. A line with a different number of values, or a value that is not a number, is an error
 * naming the file and line (E701): nothing is skipped silently.
 */
export async function readTextVectors(file: string, source = file): Promise<VectorTable> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let builder: RowBuilder | undefined;
  let declared: number | undefined;
  let lineNo = 0;
  try {
    for await (const raw of lines) {
      lineNo++;
      const line = raw.trimEnd();
      if (line === '') continue;
      const fields = line.split(' ');
      if (lineNo === 1 && fields.length === 2 && fields.every((f) => /^\d+$/.test(f))) {
        declared = Number(fields[0]);
        builder = new RowBuilder(Number(fields[1]), Math.min(declared, 1 << 22));
        continue;
      }
      builder ??= new RowBuilder(fields.length - 1);
      const dim = builder.dim;
      if (fields.length < dim + 1) {
        throw new WorkbenchError('E701', `${fields.length - 1} values, expected ${dim} (the dimension of the first vector or of the header)`, { file, line: lineNo });
      }
      const word = fields.slice(0, fields.length - dim).join(' ');
      const offset = builder.add(word);
      const rows = builder.buffer;
      for (let d = 0; d < dim; d++) {
        const v = Number(fields[fields.length - dim + d]);
        if (!Number.isFinite(v)) throw new WorkbenchError('E701', `value ${d + 1} of "${word}" is ${JSON.stringify(fields[fields.length - dim + d])}, not a number`, { file, line: lineNo });
        rows[offset + d] = v;
      }
    }
  } catch (err) {
    if (err instanceof WorkbenchError) throw err;
    throw new WorkbenchError('E701', `cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file });
  } finally {
    lines.close();
    stream.destroy();
  }
  if (!builder || builder.words.length === 0) throw new WorkbenchError('E701', 'no vectors in the file', { file });
  if (declared !== undefined && declared !== builder.words.length) {
    throw new WorkbenchError('E701', `the header declares ${declared} vectors but the file has ${builder.words.length} (truncated?)`, { file });
  }
  return quantizeRows(builder.words, builder.values(), builder.dim, source);
}
