import { WorkbenchError } from '../../errors';
import type { FieldSpec } from '../config/schema';

/** The `interestLabels` option both cascades declare. */
export const interestLabelsOption: FieldSpec = {
  kind: 'list',
  item: { kind: 'string' },
  default: [],
  doc: 'Categories that make a paragraph "of interest"; [] = every category.',
};

/** Indices (into the sorted `cats`) of the interest labels; [] means every category. E010 names an unknown label. */
export function interestIndices(cats: readonly string[], interestLabels: readonly string[]): number[] {
  if (interestLabels.length === 0) return cats.map((_, i) => i);
  return interestLabels.map((label) => {
    const i = cats.indexOf(label);
    if (i < 0) {
      throw new WorkbenchError('E010', `schemeOptions.interestLabels names "${label}", which is not a category of the training data (${cats.join(', ')})`, {
        field: 'schemeOptions.interestLabels',
      });
    }
    return i;
  });
}

/**
 * P(interest) of each text from category probabilities [nDocs × nCats]: exclusive → the sum over
 * the interest labels (the probability that the one category is among them); multilabel → their
 * max. Without categories every text is of interest (1).
 */
export function interestProbabilities(probs: ArrayLike<number>, nDocs: number, nCats: number, indices: readonly number[], exclusive: boolean): Float32Array {
  const out = new Float32Array(nDocs).fill(1);
  if (nCats === 0) return out;
  for (let b = 0; b < nDocs; b++) {
    let p = 0;
    for (const c of indices) p = exclusive ? p + probs[b * nCats + c] : Math.max(p, probs[b * nCats + c]);
    out[b] = Math.min(1, p);
  }
  return out;
}

/**
 * Whether each text is of interest by its gold categories: true when a known positive category is
 * an interest label, false when its categories are known and none is, undefined when unknown.
 */
export function goldInterest(
  cats: ArrayLike<number>,
  mask: ArrayLike<number>,
  nDocs: number,
  nCats: number,
  indices: readonly number[],
): (boolean | undefined)[] {
  const out: (boolean | undefined)[] = [];
  for (let b = 0; b < nDocs; b++) {
    let known = false;
    for (let c = 0; c < nCats; c++) if (mask[b * nCats + c] > 0) known = true;
    out.push(known ? indices.some((c) => mask[b * nCats + c] > 0 && cats[b * nCats + c] > 0) : undefined);
  }
  return out;
}

