import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { init, loadWeights } from '../../engine';
import { WorkbenchError } from '../../errors';
import { buildPipeline } from './build';
import { checkCatEntityLabels } from '../crf/catConsistent';
import { validateConfig } from '../config/config';
import type { ModelConfig } from '../config/types';
import { decodeTable } from '../../vectors/binary';
import { rawConfigHash } from '../config/hash';
import { ATTRIBUTES, type FeatureSettings } from '../encoder/features';
import type { JointPipeline } from './jointPipeline';
import { ngramSettingsFor, type NgramSettings } from '../heads/ngrams';
import { tagNames, type LabelSet } from '../inputs/labels';
import { holdsOnlyPipelineFiles, PIPELINE_FILES, sha256, type PipelineManifest } from './save';
import { restoreStaleOld } from '../../util/replaceFolder';

/**
 * Loads a pipeline saved by `pipeline.save(dir)`. Every file is checked before use: present
 * (E403), same size and sha256 as manifest.json says (E404: truncated or modified), and
 * consistent with the others (E405: config hash, labels, features); weights are checked by
 * name and shape. Each error names the file. Only JSON and float arrays are read: never code.
 * A pipeline that a save killed half-way had moved aside, with nothing in its place, is put back first.
 */
export async function loadPipeline(dir: string): Promise<JointPipeline> {
  const root = resolve(dir);
  // A save killed between its two moves left the pipeline aside and nothing in its place: put it back.
  await restoreStaleOld(root, holdsOnlyPipelineFiles);
  const manifestPath = join(root, PIPELINE_FILES.manifest);
  const manifest = parseJson(await readFile(manifestPath), manifestPath) as PipelineManifest;
  if (manifest?.format !== 'workbench-pipeline' || typeof manifest.files !== 'object' || manifest.files === null) {
    throw new WorkbenchError('E405', 'not a workbench pipeline manifest (format "workbench-pipeline" and files expected)', { file: manifestPath });
  }
  const data: Record<string, Buffer> = {};
  const names = [PIPELINE_FILES.config, PIPELINE_FILES.labels, PIPELINE_FILES.features, PIPELINE_FILES.weightsManifest, PIPELINE_FILES.weights];
  for (const name of PIPELINE_FILES.vectors in manifest.files ? [...names, PIPELINE_FILES.vectors] : names) {
    const file = join(root, name);
    const expected = manifest.files[name];
    if (!expected) throw new WorkbenchError('E405', `manifest.json does not list ${name}`, { file: manifestPath });
    const bytes = await readFile(file);
    if (bytes.byteLength !== expected.bytes) {
      throw new WorkbenchError('E404', `${bytes.byteLength} bytes, manifest.json says ${expected.bytes} (${bytes.byteLength < expected.bytes ? 'truncated' : 'modified'})`, {
        file,
      });
    }
    if (sha256(bytes) !== expected.sha256) {
      throw new WorkbenchError('E404', 'checksum mismatch: the file changed after the pipeline was saved', { file });
    }
    data[name] = bytes;
  }
  const configPath = join(root, PIPELINE_FILES.config);
  const rawConfig = parseJson(data[PIPELINE_FILES.config], configPath);
  const rawHash = rawConfigHash(rawConfig);
  if (rawHash !== manifest.configHash) {
    throw new WorkbenchError('E405', `config does not match manifest.json (hash ${rawHash} vs ${manifest.configHash})`, { file: configPath });
  }
  let config: ModelConfig;
  try {
    // Keys added to the schema since the pipeline was saved get their (behaviour-preserving) defaults.
    config = validateConfig(withSavedDefaults(rawConfig));
  } catch (err) {
    throw new WorkbenchError('E405', `invalid config: ${(err as Error).message}`, { file: configPath });
  }
  if (config.scheme !== manifest.scheme) {
    throw new WorkbenchError('E405', `scheme ${config.scheme} but manifest.json says ${manifest.scheme}`, { file: configPath });
  }
  const labelsPath = join(root, PIPELINE_FILES.labels);
  const labels = parseJson(data[PIPELINE_FILES.labels], labelsPath) as LabelSet;
  checkLabels(labels, config, labelsPath);
  const featuresPath = join(root, PIPELINE_FILES.features);
  const { ngrams, ...features } = parseJson(data[PIPELINE_FILES.features], featuresPath) as FeatureSettings & { ngrams?: NgramSettings };
  checkFeatures(features, ngrams, config, featuresPath);
  const vectorsPath = join(root, PIPELINE_FILES.vectors);
  const vectorBytes = data[PIPELINE_FILES.vectors];
  if ((config.encoder.vectors !== null) !== (vectorBytes !== undefined)) {
    throw new WorkbenchError('E405', `config.json encoder.vectors is ${JSON.stringify(config.encoder.vectors)} but manifest.json ${vectorBytes ? 'lists' : 'does not list'} ${PIPELINE_FILES.vectors}`, { file: manifestPath });
  }
  const vectors = vectorBytes ? decodeTable(vectorBytes, vectorsPath) : undefined;
  await init();
  const pipeline = buildPipeline({ config, labels, features, ...(ngrams ? { ngrams } : {}), ...(vectors ? { vectors } : {}) });
  try {
    await loadWeights(root, pipeline.params());
  } catch (err) {
    pipeline.dispose();
    throw err;
  }
  return pipeline;
}

/**
 * A saved config with the values of keys added to the schema after it was written whose defaults
 * differ from the behaviour it was trained with: a pipeline saved before `encoder.vectors` existed
 * had none, whatever today's default is.
 */
function withSavedDefaults(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const { encoder } = raw as { encoder?: unknown };
  if (typeof encoder !== 'object' || encoder === null || 'vectors' in encoder) return raw;
  return { ...raw, encoder: { ...encoder, vectors: null } };
}

async function readFile(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new WorkbenchError('E403', code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? String(err)})`, { file });
  }
}

function parseJson(bytes: Buffer, file: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new WorkbenchError('E001', (err as Error).message, { file });
  }
}

function checkLabels(labels: LabelSet, config: ModelConfig, file: string): void {
  const ok =
    labels !== null &&
    Array.isArray(labels.ents) &&
    Array.isArray(labels.cats) &&
    Array.isArray(labels.tags) &&
    typeof labels.exclusive === 'boolean' &&
    labels.tagScheme === config.heads.tagger.tagScheme &&
    JSON.stringify(labels.tags) === JSON.stringify(tagNames(labels.ents, labels.tagScheme));
  if (!ok) throw new WorkbenchError('E405', `labels do not fit config.json (tag scheme ${config.heads.tagger.tagScheme}) or are malformed`, { file });
  checkCatEntityLabels(labels, file);
}

function checkFeatures(features: FeatureSettings, ngrams: NgramSettings | undefined, config: ModelConfig, file: string): void {
  const attrsOk =
    Array.isArray(features.attrs) &&
    Array.isArray(features.seeds) &&
    features.attrs.length === features.seeds.length &&
    features.attrs.every((a) => (ATTRIBUTES as readonly string[]).includes(a)) &&
    JSON.stringify(features.attrs) === JSON.stringify(config.encoder.attrs) &&
    features.seeds.every((s) => Number.isInteger(s));
  if (!attrsOk) throw new WorkbenchError('E405', `feature attributes/seeds do not match config.json encoder.attrs ${JSON.stringify(config.encoder.attrs)}`, { file });
  const want = ngramSettingsFor(config.heads.textcat);
  const same = (a: NgramSettings, b: NgramSettings): boolean => a.maxN === b.maxN && a.rows === b.rows && (a.charMaxN ?? 0) === (b.charMaxN ?? 0);
  if (want === undefined ? ngrams !== undefined : ngrams === undefined || !same(ngrams, want)) {
    throw new WorkbenchError('E405', 'n-gram settings do not match config.json heads.textcat', { file });
  }
}
