import type { Example } from '../../data/types';
import { WorkbenchError } from '../../errors';
import { tagNames, type LabelSet } from '../inputs/labels';
import type { PredictedEntity } from '../pipeline/pipeline';
import { splitTag } from '../crf/tagConstraints';

/**
 * The CAT_ENT label set of the `conditioned` scheme: an entity label per (category, entity type)
 * pair seen in the training data ('PlayMusic_artist'), plus the plain type ('artist') for entities
 * of texts without a positive category. Only observed pairs are kept, so the tag set stays close to
 * the plain one (SNIPS: 53 pairs of 7 × 39 possible, 213 BILUO tags instead of 1,093).
 */
export interface ConditionedTags {
  /** The tag set the tagger scores (ents = CAT_ENT names, cats as in the pipeline's labels). */
  tagLabels: LabelSet;
  /** Category index (in labels.cats) of each CAT_ENT label; -1 for a plain one. */
  catOf: Int32Array;
  /** Plain entity type of each CAT_ENT label. */
  entOf: string[];
  /** CAT_ENT label name → its index. */
  index: Map<string, number>;
}

/**
 * The category a text's entities are tagged with: the first category (in sorted label order) that
 * is known and positive; -1 when none is (no categories, only rejections, unknown). Multilabel
 * texts with several positives are thus conditioned on the alphabetically first one.
 */
export function conditionCategory(cats: ArrayLike<number>, mask: ArrayLike<number>, offset: number, nCats: number): number {
  for (let j = 0; j < nCats; j++) if (mask[offset + j] > 0 && cats[offset + j] > 0) return j;
  return -1;
}

/** `conditionCategory` of an Example (same rule: value ≥ 0.5 is positive, as prepareForTraining binarises). */
export function exampleCondition(eg: Example, cats: readonly string[]): number {
  for (let j = 0; j < cats.length; j++) {
    const v = eg.cats[cats[j]];
    if (v !== undefined && v >= 0.5) return j;
  }
  return -1;
}

/** The CAT_ENT name of a pair: `${cat}_${ent}`, or the plain type without a category. */
export function conditionedName(cat: string | undefined, ent: string): string {
  return cat === undefined ? ent : `${cat}_${ent}`;
}

/**
 * The label set with the observed (category, entity) pairs added as `schemeLabels.cat` /
 * `schemeLabels.ent` (parallel lists, '' = no category), sorted by CAT_ENT name. Texts marked
 * meta.hasNer === false add nothing (their spans are not NER annotation).
 */
export function collectConditionedLabels(labels: LabelSet, train: readonly Example[]): LabelSet {
  const known = new Set(labels.ents);
  const pairs = new Map<string, [string, string]>();
  for (const eg of train) {
    if (eg.meta?.hasNer === false) continue;
    const c = exampleCondition(eg, labels.cats);
    const cat = c >= 0 ? labels.cats[c] : undefined;
    for (const s of eg.spans) if (known.has(s.label)) pairs.set(conditionedName(cat, s.label), [cat ?? '', s.label]);
  }
  const names = [...pairs.keys()].sort();
  return { ...labels, schemeLabels: { cat: names.map((n) => pairs.get(n)![0]), ent: names.map((n) => pairs.get(n)![1]) } };
}

/** The tagger's CAT_ENT tag set from a label set carrying `schemeLabels` (E405 when they are missing or inconsistent). */
export function conditionedTags(labels: LabelSet): ConditionedTags {
  const cat = labels.schemeLabels?.cat;
  const ent = labels.schemeLabels?.ent;
  if (!Array.isArray(cat) || !Array.isArray(ent) || cat.length !== ent.length) {
    throw new WorkbenchError('E405', 'the conditioned scheme needs labels.schemeLabels {cat, ent} (parallel lists): train it with trainPipeline', {
      field: 'schemeLabels',
    });
  }
  const catIndex = new Map(labels.cats.map((c, i) => [c, i]));
  const names = cat.map((c, i) => conditionedName(c === '' ? undefined : c, ent[i]));
  const index = new Map<string, number>();
  names.forEach((n, i) => {
    if (index.has(n)) {
      throw new WorkbenchError('E401', `category and entity labels combine to "${n}" twice; rename a category or an entity label`, { field: 'labels' });
    }
    if ((cat[i] !== '' && !catIndex.has(cat[i])) || !labels.ents.includes(ent[i])) {
      throw new WorkbenchError('E405', `schemeLabels pair (${cat[i]}, ${ent[i]}) names an unknown category or entity label`, { field: 'schemeLabels' });
    }
    index.set(n, i);
  });
  return {
    tagLabels: { ents: names, cats: labels.cats, tags: tagNames(names, labels.tagScheme), tagScheme: labels.tagScheme, exclusive: labels.exclusive },
    catOf: Int32Array.from(cat, (c) => (c === '' ? -1 : catIndex.get(c)!)),
    entOf: [...ent],
    index,
  };
}

/**
 * Plain tag id → CAT_ENT tag id for each condition: row c (category c) and row nCats (no
 * category), [(nCats + 1) × plainTags.length]; -1 where the pair was never seen (unknown tag).
 */
export function goldTagMap(labels: LabelSet, t: ConditionedTags): Int32Array {
  const nCats = labels.cats.length;
  const K = labels.tags.length;
  const tagId = new Map(t.tagLabels.tags.map((name, i) => [name, i]));
  const map = new Int32Array((nCats + 1) * K).fill(-1);
  for (let c = 0; c <= nCats; c++) {
    labels.tags.forEach((tag, j) => {
      const [prefix, ent] = splitTag(tag);
      if (prefix === 'O') map[c * K + j] = 0;
      else map[c * K + j] = tagId.get(`${prefix}-${conditionedName(c < nCats ? labels.cats[c] : undefined, ent)}`) ?? -1;
    });
  }
  return map;
}

/**
 * Reads the category off the decoded CAT_ENT entities and maps their labels back to plain types:
 * votes v = share of entity tokens per category (plain-labelled entities do not vote); the
 * category scores become (1 − w)·textcat + w·v, and stay the textcat's when no entity votes.
 */
export function readConditioned(
  ents: PredictedEntity[],
  tokens: readonly { start: number; end: number }[],
  cats: Record<string, number>,
  t: ConditionedTags,
  voteWeight: number,
): { ents: PredictedEntity[]; cats: Record<string, number> } {
  const catNames = t.tagLabels.cats;
  const votes = new Float64Array(catNames.length);
  let total = 0;
  const plain = ents.map((e) => {
    const i = t.index.get(e.label)!;
    const c = t.catOf[i];
    if (c >= 0) {
      const n = tokens.filter((tok) => tok.start >= e.start && tok.end <= e.end).length;
      votes[c] += n;
      total += n;
    }
    return { ...e, label: t.entOf[i] };
  });
  if (total === 0 || catNames.length === 0) return { ents: plain, cats };
  const combined: Record<string, number> = {};
  catNames.forEach((name, c) => (combined[name] = (1 - voteWeight) * (cats[name] ?? 0) + (voteWeight * votes[c]) / total));
  return { ents: plain, cats: combined };
}
