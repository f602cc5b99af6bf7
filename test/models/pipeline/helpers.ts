import { loadSampleJoint } from '../../../lib/data/sample';
import { trainPipeline, type JointPipeline } from '../../../lib/models';

/** Texts the save/load tests predict with both the trained and the reloaded pipeline. */
export const PREDICT_TEXTS = ['book a flight to Paris tomorrow', 'play some jazz'];

/** A one-epoch pipeline on 20 sample texts (tiny encoder, default vectors), saved to `dir`: the fixture of the save and save-safety tests. */
export async function trainSavedPipeline(dir: string): Promise<JointPipeline> {
  const train = (await loadSampleJoint()).slice(0, 20);
  const pipeline = await trainPipeline({ epochs: 1, batchSize: 8, encoder: { width: 16, depth: 1, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [100, 50, 50, 50] } }, train);
  await pipeline.save(dir);
  return pipeline;
}
