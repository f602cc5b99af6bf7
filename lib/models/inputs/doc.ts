import { toBio, toBiluo } from '../../data/biluo';
import type { Example, ExampleMeta, Token } from '../../data/types';
import type { RejectedSpan } from '../crf/factoredLoss';
import type { LabelSet } from './labels';

/** One text ready for the model: tokens, and (when training) gold tag ids and category targets. */
export interface PreparedDoc {
  /** Position in the caller's list. */
  index: number;
  text: string;
  tokens: Token[];
  meta?: ExampleMeta;
  /** Gold tag id per token; -1 = unknown (misaligned span). Undefined at prediction time. */
  tags?: Int32Array;
  /** Category targets (0/1 per label of LabelSet.cats) and which are known. */
  cats?: Float32Array;
  catMask?: Float32Array;
  /** Spans the annotator rejected (negSpans), as forced tag sequences for the CRF's rejection loss. */
  rejected?: RejectedSpan[];
}

/** Counts of annotation that could not be used as-is (reported, never silently dropped). */
export interface PrepareStats {
  /** Tokens whose tag is unknown because a span did not align with token boundaries. */
  unknownTagTokens: number;
  /** Entity spans whose label is not in the label set (ignored: their tokens are unknown). */
  unknownEntityLabels: number;
  /** Category values whose label is not in the label set (ignored). */
  unknownCatLabels: number;
  /** Texts without NER annotation (meta.hasNer === false): every tag unknown. */
  nerUnannotated: number;
  /** Rejected spans (negSpans) turned into rejection-loss terms (used by CRF taggers). */
  rejectedSpans: number;
  /** Rejected spans left out: not on token boundaries, or a label outside the label set. */
  rejectedSpansUnused: number;
}

/** Docs for prediction: tokens and text only. */
export function prepareForPrediction(examples: readonly Pick<Example, 'text' | 'tokens' | 'meta'>[]): PreparedDoc[] {
  return examples.map((eg, index) => ({ index, text: eg.text, tokens: eg.tokens, meta: eg.meta }));
}

/**
 * Docs for training: gold tag ids in the label set's scheme ('-' for spans that do not align with
 * tokens becomes -1, so the loss skips those tokens; a text with meta.hasNer === false has every
 * tag unknown) and category targets with a mask (a category absent from `cats` is unknown, spaCy's
 * missing value).
 */
export function prepareForTraining(examples: readonly Example[], labels: LabelSet): { docs: PreparedDoc[]; stats: PrepareStats } {
  const tagIndex = new Map(labels.tags.map((t, i) => [t, i]));
  const catIndex = new Map(labels.cats.map((c, i) => [c, i]));
  const entLabels = new Set(labels.ents);
  const stats: PrepareStats = { unknownTagTokens: 0, unknownEntityLabels: 0, unknownCatLabels: 0, nerUnannotated: 0, rejectedSpans: 0, rejectedSpansUnused: 0 };
  const toTags = labels.tagScheme === 'biluo' ? toBiluo : toBio;
  const docs = examples.map((eg, index) => {
    const known = eg.spans.filter((s) => entLabels.has(s.label));
    stats.unknownEntityLabels += eg.spans.length - known.length;
    const names = toTags({ text: eg.text, tokens: eg.tokens, spans: known }, { misaligned: 'missing', index });
    for (const s of eg.spans) {
      if (entLabels.has(s.label)) continue;
      eg.tokens.forEach((t, i) => t.end > s.start && t.start < s.end && (names[i] = '-'));
    }
    // mergeDatasets marks texts seen only by textcat: their empty `spans` is unknown, not "no entities".
    const annotated = eg.meta?.hasNer !== false;
    if (!annotated) stats.nerUnannotated++;
    const rejected = (eg.negSpans ?? []).map((span) => rejectedSpan(span, eg.tokens, tagIndex, labels.tagScheme));
    stats.rejectedSpans += rejected.filter(Boolean).length;
    stats.rejectedSpansUnused += rejected.filter((r) => !r).length;
    const tags = annotated ? Int32Array.from(names, (n) => tagIndex.get(n) ?? -1) : new Int32Array(names.length).fill(-1);
    if (annotated) for (const n of names) if (n === '-') stats.unknownTagTokens++;
    const cats = new Float32Array(labels.cats.length);
    const catMask = new Float32Array(labels.cats.length);
    for (const [label, value] of Object.entries(eg.cats)) {
      const j = catIndex.get(label);
      if (j === undefined) {
        stats.unknownCatLabels++;
        continue;
      }
      cats[j] = value >= 0.5 ? 1 : 0;
      catMask[j] = 1;
    }
    const used = rejected.filter((r): r is RejectedSpan => r !== undefined);
    return { index, text: eg.text, tokens: eg.tokens, meta: eg.meta, tags, cats, catMask, ...(used.length ? { rejected: used } : {}) };
  });
  return { docs, stats };
}

/**
 * A rejected span as forced tag sequences (see RejectedSpan), or undefined when its ends are not
 * token boundaries or its label has no tags. BIO needs the entity to stop at the span's end: the
 * probability of `B I…` continued by `I-label` is subtracted (when a token follows).
 */
function rejectedSpan(span: { start: number; end: number; label: string }, tokens: Token[], tagIndex: Map<string, number>, scheme: 'biluo' | 'bio'): RejectedSpan | undefined {
  const first = tokens.findIndex((t) => t.start === span.start);
  const last = tokens.findIndex((t) => t.end === span.end);
  const tag = (prefix: string) => tagIndex.get(`${prefix}-${span.label}`);
  if (first < 0 || last < first || tag('B') === undefined) return undefined;
  const n = last - first + 1;
  if (scheme === 'biluo') {
    const tags = n === 1 ? [tag('U')!] : [tag('B')!, ...new Array<number>(n - 2).fill(tag('I')!), tag('L')!];
    return { start: first, sequences: [{ sign: 1, tags: Int32Array.from(tags) }] };
  }
  const tags = [tag('B')!, ...new Array<number>(n - 1).fill(tag('I')!)];
  const sequences: RejectedSpan['sequences'] = [{ sign: 1, tags: Int32Array.from(tags) }];
  if (last + 1 < tokens.length) sequences.push({ sign: -1, tags: Int32Array.from([...tags, tag('I')!]) });
  return { start: first, sequences };
}
