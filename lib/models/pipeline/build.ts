import { Rng } from '../../engine';
import { makeBatch } from '../inputs/batch';
import type { PreparedDoc } from '../inputs/doc';
import { JointPipeline } from './jointPipeline';
import type { PipelineParts } from './save';
import { buildContext } from '../schemes/contract';
import { schemes } from '../schemes';

/** A one-token text: enough to infer every shape when no training data is at hand (loading). */
const SAMPLE_DOC: PreparedDoc = { index: 0, text: 'a', tokens: [{ text: 'a', start: 0, end: 1 }] };

/**
 * Builds the scheme's model for the parts (config, labels, features) and creates its params from
 * `sample` docs, seeded by config.seed (thinc's initialize-from-a-sample habit).
 */
export function buildPipeline(parts: PipelineParts, sample: PreparedDoc[] = [SAMPLE_DOC]): JointPipeline {
  const model = schemes.get(parts.config.scheme, 'scheme').item.build(buildContext(parts.config, parts.labels));
  const pipeline = new JointPipeline(parts, model);
  const batch = makeBatch(sample, pipeline.featurizer, parts.labels.cats.length, pipeline.ngramHasher);
  model.initialize(batch, new Rng(parts.config.seed).fork('init'));
  return pipeline;
}
