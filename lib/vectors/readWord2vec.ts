import { promises as fs } from 'node:fs';
import { WorkbenchError } from '../errors';
import { RowBuilder } from './rowBuilder';
import { quantizeRows, type VectorTable } from './table';

/**
 * Reads word2vec's binary format (`.bin`, as written by word2vec -binary 1 and gensim
 * save_word2vec_format(binary=True)): a `count dim\n` header, then per word its UTF-8 bytes up to
 * a space and `dim` little-endian float32 values (a '\n' between records is allowed). A file cut
 * short is an error naming the word where it ends (E701).
 */
export async function readWord2vecBinary(file: string, source = file): Promise<VectorTable> {
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (err) {
    throw new WorkbenchError('E701', `cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file });
  }
  const eol = buf.indexOf(0x0a);
  const header = eol < 0 ? '' : buf.toString('latin1', 0, eol).trim();
  const m = /^(\d+) (\d+)$/.exec(header);
  if (!m) throw new WorkbenchError('E701', `the first line should be "count dim", got ${JSON.stringify(header.slice(0, 40))}`, { file, line: 1 });
  const count = Number(m[1]);
  const dim = Number(m[2]);
  if (dim < 1) throw new WorkbenchError('E701', `dimension ${dim} in the header`, { file, line: 1 });
  const builder = new RowBuilder(dim, Math.min(count, 1 << 22));
  let pos = eol + 1;
  for (let i = 0; i < count; i++) {
    while (pos < buf.length && (buf[pos] === 0x0a || buf[pos] === 0x20)) pos++;
    const space = buf.indexOf(0x20, pos);
    if (space < 0 || space + 1 + 4 * dim > buf.length) {
      throw new WorkbenchError('E701', `the file ends inside vector ${i + 1} of ${count} (truncated?)`, { file, index: i });
    }
    const word = buf.toString('utf8', pos, space);
    const offset = builder.add(word);
    const rows = builder.buffer;
    for (let d = 0; d < dim; d++) rows[offset + d] = buf.readFloatLE(space + 1 + 4 * d);
    pos = space + 1 + 4 * dim;
  }
  return quantizeRows(builder.words, builder.values(), dim, source);
}
