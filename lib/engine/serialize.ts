/**
 * Weights on disk: weights.bin (every param's values in the platform's byte order, little-endian on
 * x86 and ARM, concatenated in manifest order) and weights.json (the manifest and the sha256 of
 * weights.bin). Files are written to a temporary name and renamed, so a crash never leaves a
 * half-written file under the real name.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tf } from './backend';
import { WorkbenchError } from '../errors';

/** Name of the values file inside a weights directory. */
export const WEIGHTS_BIN = 'weights.bin';
/** Name of the manifest file inside a weights directory. */
export const WEIGHTS_MANIFEST = 'weights.json';

/** One param in the manifest; `offset` and `length` are in bytes within weights.bin. */
export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  offset: number;
  length: number;
}

/** The manifest (weights.json). */
export interface WeightsManifest {
  format: 'workbench-weights';
  version: 1;
  /** sha256 of weights.bin, hex. */
  sha256: string;
  /** Size of weights.bin in bytes. */
  byteLength: number;
  params: WeightEntry[];
}

/** Writes `data` to `path` atomically: a temporary file in the same directory, then rename. */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, path);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/** Saves every param to `dir` (created if needed) as weights.bin + weights.json with a sha256 checksum. */
export async function saveWeights(params: Map<string, tf.Variable>, dir: string): Promise<void> {
  const entries: WeightEntry[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, v] of params) {
    if (v.dtype !== 'float32' && v.dtype !== 'int32') {
      throw new WorkbenchError('E007', `saveWeights: param '${name}' has dtype ${v.dtype}; only float32 and int32 are stored`, {
        field: name,
      });
    }
    const values = (await v.data()) as Float32Array | Int32Array;
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    entries.push({ name, shape: v.shape, dtype: v.dtype, offset, length: bytes.byteLength });
    chunks.push(bytes);
    offset += bytes.byteLength;
  }
  const bin = Buffer.concat(chunks);
  const manifest: WeightsManifest = {
    format: 'workbench-weights',
    version: 1,
    sha256: createHash('sha256').update(bin).digest('hex'),
    byteLength: bin.byteLength,
    params: entries,
  };
  await fs.mkdir(dir, { recursive: true });
  // The bin goes first: a reader always checks it against the manifest's checksum.
  await writeFileAtomic(join(dir, WEIGHTS_BIN), bin);
  await writeFileAtomic(join(dir, WEIGHTS_MANIFEST), JSON.stringify(manifest, null, 1) + '\n');
}

async function readOrFail(path: string): Promise<Buffer> {
  try {
    return await fs.readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new WorkbenchError('E304', code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? String(err)})`, { file: path });
  }
}

/** Reads and checks a manifest's structure. */
function parseManifest(text: string, file: string): WeightsManifest {
  let m: WeightsManifest;
  try {
    m = JSON.parse(text) as WeightsManifest;
  } catch (err) {
    throw new WorkbenchError('E305', `invalid JSON (${(err as Error).message})`, { file });
  }
  if (m?.format !== 'workbench-weights' || !Array.isArray(m.params) || typeof m.sha256 !== 'string') {
    throw new WorkbenchError('E305', 'not a workbench weights manifest (format, params, sha256 expected)', { file });
  }
  return m;
}

/**
 * Loads weights saved by `saveWeights` into `params`. Everything is checked before anything is
 * assigned: both files exist, the bin is complete and matches its checksum, and the names and
 * shapes match the params exactly. Errors name the file and the param.
 */
export async function loadWeights(dir: string, params: Map<string, tf.Variable>): Promise<void> {
  const manifestPath = join(dir, WEIGHTS_MANIFEST);
  const binPath = join(dir, WEIGHTS_BIN);
  const manifest = parseManifest((await readOrFail(manifestPath)).toString('utf8'), manifestPath);
  const bin = await readOrFail(binPath);
  if (bin.byteLength < manifest.byteLength) {
    const cut = manifest.params.find((e) => e.offset + e.length > bin.byteLength);
    throw new WorkbenchError(
      'E305',
      `truncated: ${bin.byteLength} of ${manifest.byteLength} bytes` +
        (cut ? `; param '${cut.name}' needs bytes ${cut.offset}–${cut.offset + cut.length}` : ''),
      { file: binPath, field: cut?.name },
    );
  }
  if (bin.byteLength !== manifest.byteLength) {
    throw new WorkbenchError('E305', `size ${bin.byteLength} bytes, manifest says ${manifest.byteLength}`, { file: binPath });
  }
  const digest = createHash('sha256').update(bin).digest('hex');
  if (digest !== manifest.sha256) {
    throw new WorkbenchError('E305', `checksum mismatch: sha256 ${digest}, manifest ${manifestPath} says ${manifest.sha256}`, {
      file: binPath,
    });
  }
  const byName = new Map(manifest.params.map((e) => [e.name, e]));
  for (const [name, v] of params) {
    const entry = byName.get(name);
    if (entry === undefined) {
      throw new WorkbenchError('E306', `param '${name}' of the model is not in the file`, { file: manifestPath, field: name });
    }
    if (entry.shape.length !== v.shape.length || entry.shape.some((d, i) => d !== v.shape[i])) {
      throw new WorkbenchError('E306', `param '${name}' has shape [${v.shape}] in the model but [${entry.shape}] in the file`, {
        file: manifestPath,
        field: name,
      });
    }
    if (entry.dtype !== v.dtype || entry.length !== v.size * 4) {
      throw new WorkbenchError('E306', `param '${name}' is ${v.dtype} in the model but ${entry.dtype} (${entry.length} bytes) in the file`, {
        file: manifestPath,
        field: name,
      });
    }
  }
  for (const entry of manifest.params) {
    if (!params.has(entry.name)) {
      throw new WorkbenchError('E306', `param '${entry.name}' in the file is not in the model`, { file: manifestPath, field: entry.name });
    }
  }
  for (const [name, v] of params) {
    const entry = byName.get(name)!;
    // Copy out of the Buffer: its offset need not be 4-byte aligned.
    const bytes = bin.buffer.slice(bin.byteOffset + entry.offset, bin.byteOffset + entry.offset + entry.length);
    const values = entry.dtype === 'int32' ? new Int32Array(bytes) : new Float32Array(bytes);
    tf.tidy(() => v.assign(tf.tensor(values, v.shape, v.dtype)));
  }
}
