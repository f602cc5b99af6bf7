import type { ProdigyTask } from '../data/prodigy';
import { WorkbenchError } from '../errors';
import type { JointPipeline } from '../models';
import { findWithPhrases, type FindOptions } from '../streams/findWithPhrases';
import type { PhraseMatcher } from '../streams/phraseMatcher';
import { preferHighScores, type SorterOptions } from '../streams/sorters';
import { predictBatches, toProdigyTask } from './predictTasks';
import { catUncertainty, nerUncertainty } from './uncertainty';

/** Which uncertainty orders the stream: entities, categories, or their mean. */
export type SuggestStrategy = 'joint' | 'ner' | 'cat';

/** Options of `suggestTasks`. */
export interface SuggestOptions {
  /** Default 'joint'. */
  strategy?: SuggestStrategy;
  /** Phrase patterns: tasks matching one come first (findWithPhrases), marked as such. */
  patterns?: PhraseMatcher;
  /** findWithPhrases' options (atMost, giveUpAfter, ...). */
  find?: FindOptions;
  /** The sorter's options (algorithm, bias, patience, ...). */
  sorter?: SorterOptions;
  /** Texts scored together (default 64). */
  batchSize?: number;
}

/** What a suggested task carries in `meta`: its score and why it was chosen. */
export interface SuggestMeta {
  score: number;
  ner_uncertainty: number;
  cat_uncertainty: number;
  reason: string;
}

/**
 * The joint model in the annotation loop: tasks matching `patterns` first (findWithPhrases), then
 * the stream ordered by the chosen uncertainty with Prodigy's `prefer_uncertain` semantics (the
 * same moving-average sorter, applied to the uncertainty: a task is yielded when it is more
 * uncertain than the recent ones, so low-uncertainty tasks are skipped). Uncertainties are
 * nerUncertainty (1 − per-token probability of the decoded tags) and catUncertainty (margin
 * between the two best categories, or the mean binary uncertainty); 'joint' is their mean. Each
 * task carries the predictions (predictTasks) and `meta.score`, the uncertainties and `meta.reason`.
 * Lazy: memory holds a batch and the sorter's state.
 */
export async function* suggestTasks(pipeline: JointPipeline, source: AsyncIterable<ProdigyTask> | Iterable<ProdigyTask>, opts: SuggestOptions = {}): AsyncGenerator<ProdigyTask> {
  const strategy = opts.strategy ?? 'joint';
  if (strategy !== 'joint' && strategy !== 'ner' && strategy !== 'cat') {
    throw new WorkbenchError('E007', `strategy must be 'joint', 'ner' or 'cat', got ${JSON.stringify(strategy)}`, { field: 'strategy' });
  }
  const labels = pipeline.labelSet;
  if ((strategy === 'ner' && labels.ents.length === 0) || (strategy === 'cat' && labels.cats.length === 0)) {
    throw new WorkbenchError('E603', `the pipeline has no ${strategy === 'ner' ? 'entity' : 'category'} labels: use another --strategy`, { field: 'strategy' });
  }
  const stream = opts.patterns ? findWithPhrases(source, opts.patterns, opts.find) : source;
  const scored = scoreBatches(pipeline, stream, strategy, opts.batchSize ?? 64);
  // Pattern matches bypass the sorter; findWithPhrases puts them first, so they leave first.
  const matched: ProdigyTask[] = [];
  async function* forSorter(): AsyncGenerator<readonly [number, ProdigyTask]> {
    for await (const [score, task] of scored) {
      if ((task.meta as { matched?: boolean } | undefined)?.matched) matched.push(task);
      else yield [score, task] as const;
    }
  }
  for await (const task of preferHighScores(forSorter(), opts.sorter)) {
    while (matched.length) yield matched.shift()!;
    yield task;
  }
  while (matched.length) yield matched.shift()!;
}

async function* scoreBatches(
  pipeline: JointPipeline,
  source: AsyncIterable<ProdigyTask> | Iterable<ProdigyTask>,
  strategy: SuggestStrategy,
  batchSize: number,
): AsyncGenerator<readonly [number, ProdigyTask]> {
  const labels = pipeline.labelSet;
  for await (const batch of predictBatches(pipeline, source, { batchSize })) {
    const ner = labels.ents.length ? nerUncertainty(pipeline, batch.map((b) => b.predicted)) : batch.map(() => 0);
    for (const [i, { input, predicted }] of batch.entries()) {
      const task = toProdigyTask(input, predicted, labels);
      const cat = labels.cats.length ? catUncertainty(predicted.cats, labels.cats, labels.exclusive) : 0;
      const parts = [strategy !== 'cat' && labels.ents.length ? ner[i] : undefined, strategy !== 'ner' && labels.cats.length ? cat : undefined].filter((v): v is number => v !== undefined);
      const score = parts.reduce((a, b) => a + b, 0) / Math.max(1, parts.length);
      const meta = (task.meta ?? {}) as Record<string, unknown>;
      const matches = meta.matches as { text: string; label: string }[] | undefined;
      const reason =
        meta.matched && matches?.length
          ? `pattern match: ${matches.map((m) => `"${m.text}" (${m.label})`).join(', ')}`
          : `${strategy} uncertainty ${score.toFixed(3)} (entities ${ner[i].toFixed(3)}, categories ${cat.toFixed(3)})`;
      const suggest: SuggestMeta = { score: round(score), ner_uncertainty: round(ner[i]), cat_uncertainty: round(cat), reason };
      yield [score, { ...task, meta: { ...meta, ...suggest } }] as const;
    }
  }
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
