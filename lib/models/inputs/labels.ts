import { WorkbenchError } from '../../errors';
import type { Example } from '../../data/types';

/** The labels a pipeline knows, saved as labels.json. */
export interface LabelSet {
  /** Entity labels, sorted. */
  ents: string[];
  /** Category labels, sorted. */
  cats: string[];
  /** Per-token tag names, 'O' first, then per label B/I/L/U (BILUO) or B/I (BIO). */
  tags: string[];
  /** Tag scheme of `tags`. */
  tagScheme: 'biluo' | 'bio';
  /** True: one category per text (softmax); false: independent categories (sigmoid). */
  exclusive: boolean;
  /** Scheme-specific label data read from the training data by `SchemeDefinition.labels` (e.g. conditioned's CAT_ENT pairs). */
  schemeLabels?: Record<string, string[]>;
  /** Exclusive categories: the entity labels seen with each category in training (what category-consistent decoding allows). */
  catEnts?: Record<string, string[]>;
  /** The consistency penalty λ `heads.tagger.catConsistent: 'auto'` chose on the dev set after training (0: independent decoding). */
  catPenalty?: number;
}

/** The tag names of a scheme over entity labels ('O', then 'B-X', 'I-X', 'L-X', 'U-X' per label). */
export function tagNames(ents: readonly string[], tagScheme: 'biluo' | 'bio'): string[] {
  const prefixes = tagScheme === 'biluo' ? ['B', 'I', 'L', 'U'] : ['B', 'I'];
  return ['O', ...ents.flatMap((l) => prefixes.map((p) => `${p}-${l}`))];
}

/**
 * Whether the categories of a data set look exclusive: at least two labels and every example
 * with any category information has exactly one positive (Prodigy binary answers with only
 * rejections, or texts with several positives, make it multilabel).
 */
export function inferExclusive(examples: Iterable<Example>): boolean {
  const labels = new Set<string>();
  let informative = 0;
  for (const eg of examples) {
    const entries = Object.entries(eg.cats);
    if (entries.length === 0) continue;
    for (const [label] of entries) labels.add(label);
    const positives = entries.filter(([, v]) => v >= 0.5).length;
    if (positives !== 1) return false;
    informative++;
  }
  return labels.size >= 2 && informative > 0;
}

/**
 * Collects the label set of the training examples. `mode` 'auto' infers exclusivity from the
 * data; 'exclusive' checks that no example has two positive categories (E402 names it) and that
 * there are at least two categories (E018).
 */
export function collectLabels(examples: readonly Example[], tagScheme: 'biluo' | 'bio', mode: 'auto' | 'exclusive' | 'multilabel'): LabelSet {
  const ents = new Set<string>();
  const cats = new Set<string>();
  for (const eg of examples) {
    for (const s of eg.spans) ents.add(s.label);
    for (const s of eg.negSpans ?? []) ents.add(s.label);
    for (const c of Object.keys(eg.cats)) cats.add(c);
  }
  if (ents.size === 0 && cats.size === 0) {
    throw new WorkbenchError('E401', `none of the ${examples.length} training examples has an entity or a category`, { field: 'train' });
  }
  let exclusive = mode === 'exclusive';
  if (mode === 'auto') exclusive = inferExclusive(examples);
  if (mode === 'exclusive' && cats.size === 1) {
    // A softmax over one category always says 1: nothing would be learnt.
    throw new WorkbenchError('E018', `the training data has one category (${[...cats][0]}); add the other categories, or use heads.textcat.mode "multilabel"`, {
      field: 'heads.textcat.mode',
    });
  }
  if (mode === 'exclusive') {
    examples.forEach((eg, i) => {
      const pos = Object.entries(eg.cats).filter(([, v]) => v >= 0.5);
      if (pos.length > 1) {
        throw new WorkbenchError('E402', `${pos.map(([k]) => k).join(', ')} are all positive; use heads.textcat.mode "multilabel"`, {
          index: i,
          field: 'cats',
        });
      }
    });
  }
  const entList = [...ents].sort();
  return { ents: entList, cats: [...cats].sort(), tags: tagNames(entList, tagScheme), tagScheme, exclusive };
}
