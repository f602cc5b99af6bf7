import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { WorkbenchError } from '../errors';
import { VectorTable } from './table';

/** First bytes of a workbench vector file ('.wbvec'). */
export const VECTOR_MAGIC = 'WBVEC001';

/** The JSON header of a '.wbvec' file. */
interface VectorHeader {
  dim: number;
  size: number;
  source: string;
  /** Bytes of the words block (UTF-8, words joined by '\n'). */
  wordBytes: number;
  quantization: 'int8-row';
}

/**
 * A VectorTable as one buffer: magic (8 bytes), header length (uint32 LE), JSON header, the words
 * (UTF-8, '\n'-separated), zero padding to 4 bytes, the row scales (float32 LE), the int8 rows.
 * Reading it back needs no parsing beyond the words, so a 341k-word table loads in well under a second.
 */
export function encodeTable(table: VectorTable): Buffer {
  if (table.words.some((w) => w.includes('\n'))) throw new WorkbenchError('E701', 'a word contains a line break; it cannot be stored', { file: table.source });
  const words = Buffer.from(table.words.join('\n'), 'utf8');
  const header: VectorHeader = { dim: table.dim, size: table.size, source: table.source, wordBytes: words.byteLength, quantization: 'int8-row' };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const start = 12 + headerBytes.byteLength + words.byteLength;
  const pad = (4 - (start % 4)) % 4;
  const scales = Buffer.from(table.scales.buffer, table.scales.byteOffset, table.scales.byteLength);
  const data = Buffer.from(table.data.buffer, table.data.byteOffset, table.data.byteLength);
  const lengths = Buffer.alloc(4);
  lengths.writeUInt32LE(headerBytes.byteLength, 0);
  return Buffer.concat([Buffer.from(VECTOR_MAGIC, 'latin1'), lengths, headerBytes, words, Buffer.alloc(pad), scales, data]);
}

/** Reads a buffer written by `encodeTable`; `file` names it in errors (E703 when it is cut or malformed). */
export function decodeTable(buf: Buffer, file: string): VectorTable {
  const bad = (why: string): never => {
    throw new WorkbenchError('E703', why, { file });
  };
  if (buf.byteLength < 12 || buf.toString('latin1', 0, 8) !== VECTOR_MAGIC) bad(`not a workbench vector file (expected magic ${VECTOR_MAGIC})`);
  const headerLength = buf.readUInt32LE(8);
  if (12 + headerLength > buf.byteLength) bad('header runs past the end of the file');
  let header: VectorHeader;
  try {
    header = JSON.parse(buf.toString('utf8', 12, 12 + headerLength)) as VectorHeader;
  } catch (err) {
    return bad(`header is not JSON (${(err as Error).message})`);
  }
  const { dim, size, wordBytes } = header;
  if (header.quantization !== 'int8-row' || ![dim, size, wordBytes].every((x) => Number.isInteger(x) && x >= 0) || dim < 1) bad(`invalid header ${JSON.stringify(header)}`);
  const wordsStart = 12 + headerLength;
  const start = wordsStart + wordBytes;
  const scalesStart = start + ((4 - (start % 4)) % 4);
  const dataStart = scalesStart + 4 * size;
  if (dataStart + size * dim !== buf.byteLength) bad(`${buf.byteLength} bytes, the header needs ${dataStart + size * dim} (truncated or modified)`);
  const words = size === 0 ? [] : buf.toString('utf8', wordsStart, start).split('\n');
  if (words.length !== size) bad(`${words.length} words, the header says ${size}`);
  // Copies, so the table does not depend on the buffer's alignment or lifetime.
  const scales = new Float32Array(size);
  Buffer.from(scales.buffer).set(buf.subarray(scalesStart, dataStart));
  const data = new Int8Array(size * dim);
  Buffer.from(data.buffer).set(buf.subarray(dataStart));
  return new VectorTable({ words, dim, scales, data, source: header.source });
}

/**
 * Writes `table` to `file` atomically: a uniquely named temporary file in the same folder, then a
 * rename. Two processes writing the same file at once each rename a complete file; a reader never
 * sees a partial one.
 */
export async function writeTableFile(file: string, table: VectorTable): Promise<void> {
  await fs.mkdir(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await fs.writeFile(tmp, encodeTable(table));
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/** Reads a '.wbvec' file (E701 when it cannot be read, E703 when it is malformed). */
export async function readTableFile(file: string): Promise<VectorTable> {
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (err) {
    throw new WorkbenchError('E701', `cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file });
  }
  return decodeTable(buf, file);
}
