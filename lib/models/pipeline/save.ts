import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { saveWeights, type tf, WEIGHTS_BIN, WEIGHTS_MANIFEST } from '../../engine';
import { WorkbenchError } from '../../errors';
import { removeStaleSiblings, replaceFolder, restoreStaleOld, siblingPath, type FolderOps } from '../../util/replaceFolder';
import { encodeTable } from '../../vectors/binary';
import type { VectorTable } from '../../vectors/table';
import { rawConfigHash } from '../config/hash';
import type { ModelConfig } from '../config/types';
import type { FeatureSettings } from '../encoder/features';
import type { NgramSettings } from '../heads/ngrams';
import type { LabelSet } from '../inputs/labels';

/** Everything besides weights that a pipeline needs to predict (what save() writes as JSON). */
export interface PipelineParts {
  config: ModelConfig;
  labels: LabelSet;
  features: FeatureSettings;
  ngrams?: NgramSettings;
  /** The static vectors of `config.encoder.vectors` (save() stores them; loadPipeline reads them back). */
  vectors?: VectorTable;
}

/** What savePipeline writes: the parts (as JSON) and the weights. */
export interface SavedParts {
  parts: PipelineParts;
  params: Map<string, tf.Variable>;
}

/** File names of a saved pipeline directory. */
export const PIPELINE_FILES = {
  config: 'config.json',
  labels: 'labels.json',
  features: 'features.json',
  manifest: 'manifest.json',
  weights: WEIGHTS_BIN,
  weightsManifest: WEIGHTS_MANIFEST,
  /** The static vectors (encoder.vectors), as trained with: a pipeline never needs the vector package or cache. */
  vectors: 'vectors.wbvec',
} as const;

/** manifest.json: what the directory holds, with the size and sha256 of every file. */
export interface PipelineManifest {
  format: 'workbench-pipeline';
  version: 1;
  /** Versioned scheme id, e.g. 'shared.v1'. */
  scheme: string;
  /** rawConfigHash of config.json as written, checked at load (configHash, which leaves out keys at their neutral value, may differ). */
  configHash: string;
  files: Record<string, { bytes: number; sha256: string }>;
}

/** sha256 of bytes, hex. */
export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Writes a pipeline to `dir`: config.json, labels.json, features.json, weights.bin + weights.json,
 * vectors.wbvec (when the encoder reads static vectors: the quantised table it trained with) and
 * manifest.json (sizes and checksums of the others). Everything is written to a hidden sibling
 * folder first and moved into place (replaceFolder), so `dir` is never half-written, and a failed
 * move puts the old folder back (E017 names both paths). An existing `dir` is replaced only when it
 * is empty, or when its manifest.json is this workbench's pipeline manifest and it holds nothing but
 * the files that manifest lists; otherwise E016 names the folder and the files the workbench did
 * not write. Of the hidden `.NAME.tmp-PID-*` / `.NAME.old-PID-*` siblings a killed save left (that
 * process gone, only pipeline files inside), an old folder with nothing in its place is put back
 * first, and the rest are removed. `ops` is for tests.
 */
export async function savePipeline(pipeline: SavedParts, dir: string, ops?: FolderOps): Promise<void> {
  const target = resolve(dir);
  try {
    await fs.mkdir(dirname(target), { recursive: true });
  } catch (err) {
    throw new WorkbenchError('E017', `cannot create the parent folder ${dirname(target)} (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file: target });
  }
  // A save killed between its two moves left the old pipeline aside and nothing in its place: put it back.
  await restoreStaleOld(target, holdsOnlyPipelineFiles, ops);
  // Refuse before writing anything; checked again right before the move.
  await checkReplaceable(target);
  await removeStaleSiblings(target, holdsOnlyPipelineFiles, ops);
  const tmp = siblingPath(target, 'tmp');
  try {
    await fs.mkdir(tmp);
  } catch (err) {
    throw new WorkbenchError('E017', `cannot create ${tmp} (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file: target });
  }
  try {
    const { config, labels, features, ngrams, vectors } = pipeline.parts;
    const json = (x: unknown) => JSON.stringify(x, null, 2) + '\n';
    const texts: Record<string, string> = {
      [PIPELINE_FILES.config]: json(config),
      [PIPELINE_FILES.labels]: json(labels),
      [PIPELINE_FILES.features]: json({ ...features, ...(ngrams ? { ngrams } : {}) }),
    };
    for (const [name, text] of Object.entries(texts)) await fs.writeFile(join(tmp, name), text);
    await saveWeights(pipeline.params, tmp);
    if (vectors) await fs.writeFile(join(tmp, PIPELINE_FILES.vectors), encodeTable(vectors));
    const files: PipelineManifest['files'] = {};
    const names = [PIPELINE_FILES.config, PIPELINE_FILES.labels, PIPELINE_FILES.features, PIPELINE_FILES.weightsManifest, PIPELINE_FILES.weights];
    for (const name of vectors ? [...names, PIPELINE_FILES.vectors] : names) {
      const data = await fs.readFile(join(tmp, name));
      files[name] = { bytes: data.byteLength, sha256: sha256(data) };
    }
    const manifest: PipelineManifest = { format: 'workbench-pipeline', version: 1, scheme: config.scheme, configHash: rawConfigHash(config), files };
    await fs.writeFile(join(tmp, PIPELINE_FILES.manifest), json(manifest));
    await checkReplaceable(target);
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    if (err instanceof WorkbenchError) throw err;
    throw new WorkbenchError('E017', `writing ${tmp} failed (${(err as NodeJS.ErrnoException).code ?? String(err)}); it was removed, ${target} is unchanged`, { file: target });
  }
  // replaceFolder cleans up after itself (and keeps the new files when the old folder could not be put back).
  await replaceFolder(tmp, target, ops);
}

const OWN_FILES: ReadonlySet<string> = new Set(Object.values(PIPELINE_FILES));

/**
 * Whether `folder` holds only regular files with the names a pipeline save writes, or the
 * `NAME.tmp-PID-TIME` files writeFileAtomic makes of them (a killed save leaves partial folders).
 */
export async function holdsOnlyPipelineFiles(folder: string): Promise<boolean> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  return entries.every((e) => e.isFile() && OWN_FILES.has(e.name.replace(/\.tmp-\d+-\d+$/, '')));
}

/**
 * Throws E016 unless `target` is absent, an empty folder, or a saved pipeline: a manifest.json with
 * format "workbench-pipeline" and a file list, and no entry besides manifest.json and the listed
 * pipeline files. The error names the folder and the files the workbench did not write.
 */
async function checkReplaceable(target: string): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(target, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new WorkbenchError('E016', 'it is a file, not a folder; refusing to replace it', { file: target });
    throw new WorkbenchError('E016', `cannot read it (${code ?? String(err)}); refusing to replace it`, { file: target });
  }
  if (entries.length === 0) return;
  const names = entries.map((e) => e.name).sort();
  const listing = (xs: string[]) => xs.slice(0, 10).map((x) => JSON.stringify(x)).join(', ') + (xs.length > 10 ? `, … (${xs.length - 10} more)` : '');
  const manifest = names.includes(PIPELINE_FILES.manifest) ? await readManifest(join(target, PIPELINE_FILES.manifest)) : undefined;
  if (!manifest) {
    const why = names.includes(PIPELINE_FILES.manifest) ? 'its manifest.json is not a workbench pipeline manifest (format "workbench-pipeline" with a file list)' : 'it is not a saved pipeline (no manifest.json)';
    throw new WorkbenchError('E016', `${why}; refusing to replace a folder holding ${listing(names)}`, { file: target });
  }
  const listed = new Set([PIPELINE_FILES.manifest, ...Object.keys(manifest.files).filter((n) => OWN_FILES.has(n))]);
  const foreign = entries.filter((e) => !listed.has(e.name) || !e.isFile()).map((e) => e.name).sort();
  if (foreign.length) {
    throw new WorkbenchError('E016', `it holds files the workbench did not write: ${listing(foreign)}; move them out or save to another folder`, { file: target });
  }
}

async function readManifest(path: string): Promise<PipelineManifest | undefined> {
  try {
    const m = JSON.parse(await fs.readFile(path, 'utf8')) as PipelineManifest;
    return m?.format === 'workbench-pipeline' && m.files !== null && typeof m.files === 'object' && !Array.isArray(m.files) ? m : undefined;
  } catch {
    return undefined;
  }
}
