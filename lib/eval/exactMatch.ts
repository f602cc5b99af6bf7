import type { Example } from '../data/types';
import { checkAligned } from './align';
import { resolveCatTask, type CatOptions, type CatTask } from './catTask';
import { catCounts, type CatCounts } from './scoreCats';
import { entityCounts } from './scoreEntities';

/** Per example, 1 when all entities (as a set) and the category prediction are right (unknown categories are not checked). */
export function exactMatchFlags(gold: readonly Example[], pred: readonly Example[], cats: CatTask | CatCounts): Uint8Array {
  const c = 'tp' in cats ? cats : catCounts(gold, pred, cats);
  const flags = new Uint8Array(gold.length);
  for (let i = 0; i < gold.length; i++) {
    const e = entityCounts(gold[i], pred[i]);
    const catsRight = !c.scored[i] || c.correct[i] === 1;
    flags[i] = e.fp === 0 && e.fn === 0 && catsRight ? 1 : 0;
  }
  return flags;
}

/**
 * The fraction of examples whose category (argmax if exclusive, thresholded set if multilabel) and
 * entities are all right: the "sentence accuracy" of SLU papers. Null for no examples.
 */
export function exactMatch(gold: readonly Example[], pred: readonly Example[], opts: CatOptions = {}): number | null {
  checkAligned(gold, pred, 'exactMatch');
  if (gold.length === 0) return null;
  const flags = exactMatchFlags(gold, pred, resolveCatTask(gold, pred, opts));
  return flags.reduce((a, b) => a + b, 0) / gold.length;
}
