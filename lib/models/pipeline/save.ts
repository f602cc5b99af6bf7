import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { saveWeights, type tf, WEIGHTS_BIN, WEIGHTS_MANIFEST } from '../../engine';
import { WorkbenchError } from '../../errors';
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
} as const;

/** manifest.json: what the directory holds, with the size and sha256 of every file. */
export interface PipelineManifest {
  format: 'workbench-pipeline';
  version: 1;
  /** Versioned scheme id, e.g. 'shared.v1'. */
  scheme: string;
  /** rawConfigHash of config.json as written (equal to configHash of the config at save time). */
  configHash: string;
  files: Record<string, { bytes: number; sha256: string }>;
}

/** sha256 of bytes, hex. */
export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Writes a pipeline to `dir`: config.json, labels.json, features.json, weights.bin + weights.json
 * and manifest.json (sizes and checksums of the others). Everything is written to a temporary
 * sibling directory first and renamed into place, so `dir` is never half-written. An existing
 * `dir` is replaced only if it is empty or a saved pipeline (has manifest.json).
 */
export async function savePipeline(pipeline: SavedParts, dir: string): Promise<void> {
  const target = resolve(dir);
  await fs.mkdir(dirname(target), { recursive: true });
  const tmp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
  await fs.mkdir(tmp);
  try {
    const { config, labels, features, ngrams } = pipeline.parts;
    const json = (x: unknown) => JSON.stringify(x, null, 2) + '\n';
    const texts: Record<string, string> = {
      [PIPELINE_FILES.config]: json(config),
      [PIPELINE_FILES.labels]: json(labels),
      [PIPELINE_FILES.features]: json({ ...features, ...(ngrams ? { ngrams } : {}) }),
    };
    for (const [name, text] of Object.entries(texts)) await fs.writeFile(join(tmp, name), text);
    await saveWeights(pipeline.params, tmp);
    const files: PipelineManifest['files'] = {};
    for (const name of [PIPELINE_FILES.config, PIPELINE_FILES.labels, PIPELINE_FILES.features, PIPELINE_FILES.weightsManifest, PIPELINE_FILES.weights]) {
      const data = await fs.readFile(join(tmp, name));
      files[name] = { bytes: data.byteLength, sha256: sha256(data) };
    }
    const manifest: PipelineManifest = { format: 'workbench-pipeline', version: 1, scheme: config.scheme, configHash: rawConfigHash(config), files };
    await fs.writeFile(join(tmp, PIPELINE_FILES.manifest), json(manifest));
    await replaceDir(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** Moves `tmp` to `target`, replacing an empty directory or an earlier saved pipeline. */
async function replaceDir(tmp: string, target: string): Promise<void> {
  if (!existsSync(target)) {
    await fs.rename(tmp, target);
    return;
  }
  const stat = await fs.stat(target);
  const entries = stat.isDirectory() ? await fs.readdir(target) : undefined;
  if (!entries || (entries.length > 0 && !entries.includes(PIPELINE_FILES.manifest))) {
    throw new WorkbenchError('E403', 'exists and is not a saved pipeline (no manifest.json); refusing to replace it', { file: target });
  }
  const old = join(dirname(target), `.${basename(target)}.old-${process.pid}-${Date.now()}`);
  await fs.rename(target, old);
  await fs.rename(tmp, target);
  await fs.rm(old, { recursive: true, force: true });
}
