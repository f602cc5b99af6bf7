import { tokenRange } from '../../data/align';
import type { Example, Span } from '../../data/types';
import { WorkbenchError } from '../../errors';
import { fewExamples, warn, WorkbenchWarning, type WarningHandler } from '../../warnings';
import type { LabelSet } from '../inputs/labels';

/**
 * Checks the shape of training or dev examples before anything is built: each has text, tokens,
 * spans and cats (E002), and every span and rejected span has integer offsets with
 * 0 ≤ start < end ≤ text.length (E004 names the example index and the span).
 */
export function checkExamples(examples: unknown, field: string): void {
  if (!Array.isArray(examples)) throw new WorkbenchError('E007', `${field} must be an array of examples`, { field });
  examples.forEach((eg, i) => {
    if (typeof eg?.text !== 'string' || !Array.isArray(eg.tokens) || !Array.isArray(eg.spans) || typeof eg.cats !== 'object' || eg.cats === null) {
      throw new WorkbenchError('E002', `${field} example needs text, tokens, spans and cats`, { index: i, field });
    }
    for (const key of ['spans', 'negSpans'] as const) {
      const spans: unknown = eg[key];
      if (spans === undefined && key === 'negSpans') continue;
      if (!Array.isArray(spans)) throw new WorkbenchError('E002', `${key} must be a list`, { index: i, field: `${field}.${key}` });
      spans.forEach((s: Partial<Span> | null, j: number) => {
        const ok = Number.isInteger(s?.start) && Number.isInteger(s?.end) && s!.start! >= 0 && s!.start! < s!.end! && s!.end! <= eg.text.length;
        if (!ok) {
          throw new WorkbenchError(
            'E004',
            `span ${JSON.stringify(s)} does not fit the text's ${eg.text.length} UTF-16 units (need integers 0 ≤ start < end ≤ ${eg.text.length})`,
            { index: i, field: `${field}.${key}[${j}]` },
          );
        }
      });
    }
  });
}

/** What checkTrainingData found (each also raised as a warning). */
export interface TrainingDataReport {
  /** Spans and rejected spans of train whose ends are not token boundaries (their tokens are left out of the loss). */
  misalignedSpans: number;
  /** Multilabel categories with no negative (0) value in train: the model learns to always predict them. */
  categoriesWithoutNegatives: string[];
  /** Categories of dev that train never had: scored (always missed), never learnt. */
  devOnlyCategories: string[];
}

/**
 * Looks for training data that trains without error but not as the user expects, and warns once
 * per kind with the count and a few examples: W020 spans off token boundaries, W018 multilabel
 * categories without negatives, W019 dev categories train does not have.
 */
export function checkTrainingData(train: readonly Example[], dev: readonly Example[], labels: LabelSet, onWarning?: WarningHandler): TrainingDataReport {
  const misaligned: string[] = [];
  let misalignedSpans = 0;
  train.forEach((eg, i) => {
    for (const s of [...eg.spans, ...(eg.negSpans ?? [])]) {
      if (tokenRange(eg.tokens, s.start, s.end).aligned) continue;
      misalignedSpans++;
      if (misaligned.length < 3) misaligned.push(`example ${i}: ${JSON.stringify(eg.text.slice(s.start, s.end))} (${s.label}) [${s.start}, ${s.end})`);
    }
  });
  if (misalignedSpans) {
    warn(new WorkbenchWarning('W020', misalignedSpans, `${fewExamples(misaligned, misalignedSpans)}; their tokens are left out of the NER loss`, { field: 'train' }), onWarning);
  }
  const categoriesWithoutNegatives = labels.exclusive ? [] : labels.cats.filter((c) => !train.some((eg) => eg.cats[c] === 0));
  if (categoriesWithoutNegatives.length) {
    const detail = categoriesWithoutNegatives.map((c) => `${c} (${train.filter((eg) => eg.cats[c] === 1).length} positive, 0 negative)`);
    warn(
      new WorkbenchWarning('W018', categoriesWithoutNegatives.length, `${fewExamples(detail, detail.length)}: a multilabel model learns to always predict such a category; add texts where it is 0`, {
        field: 'train',
      }),
      onWarning,
    );
  }
  const known = new Set(labels.cats);
  const devSupport = new Map<string, number>();
  for (const eg of dev) for (const [c, v] of Object.entries(eg.cats)) if (!known.has(c)) devSupport.set(c, (devSupport.get(c) ?? 0) + (v === 1 ? 1 : 0));
  const devOnlyCategories = [...devSupport.keys()].sort();
  if (devOnlyCategories.length) {
    const detail = devOnlyCategories.map((c) => `${c} (${devSupport.get(c)} positive in dev)`);
    warn(new WorkbenchWarning('W019', devOnlyCategories.length, `${fewExamples(detail, detail.length)}: the model cannot predict it; evaluation keeps it, always missed`, { field: 'dev' }), onWarning);
  }
  return { misalignedSpans, categoriesWithoutNegatives, devOnlyCategories };
}
