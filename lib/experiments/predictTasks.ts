import { setHashes } from '../data/hashes';
import { codePointToUtf16, utf16ToCodePoint, type ProdigyTask } from '../data/prodigy';
import { tokenize } from '../data/tokenize';
import type { Example, Token } from '../data/types';
import { WorkbenchError, type ErrorLocation } from '../errors';
import { argmaxLabel } from '../eval/catTask';
import type { JointPipeline, LabelSet } from '../models';

/** Options of `predictTasks`. */
export interface PredictTasksOptions {
  /** Texts predicted together (default 64): memory holds one batch, whatever the input size. */
  batchSize?: number;
}

/**
 * Predicts a stream of tasks (getStream's: each with a string `text`) lazily, one batch at a time, and yields Prodigy tasks (toProdigyTask):
 * the input's fields kept, predictions as `spans`, `cats`, `options` and `accept`. Memory holds one
 * batch; output starts after the first batch is read.
 */
export async function* predictTasks(pipeline: JointPipeline, source: AsyncIterable<ProdigyTask> | Iterable<ProdigyTask>, opts: PredictTasksOptions = {}): AsyncGenerator<ProdigyTask> {
  for await (const batch of predictBatches(pipeline, source, opts)) {
    for (const { input, predicted } of batch) yield toProdigyTask(input, predicted, pipeline.labelSet);
  }
}

/** The input tasks in batches of `batchSize`, each with its predicted Example (UTF-16 offsets); lazy. */
export async function* predictBatches(
  pipeline: JointPipeline,
  source: AsyncIterable<ProdigyTask> | Iterable<ProdigyTask>,
  opts: PredictTasksOptions = {},
): AsyncGenerator<{ input: ProdigyTask; predicted: Example }[]> {
  const batchSize = opts.batchSize ?? 64;
  let batch: { task: ProdigyTask; example: Example }[] = [];
  const flush = () => {
    const predicted = pipeline.predictExamples(batch.map((b) => b.example));
    const out = batch.map((b, i) => ({ input: b.task, predicted: predicted[i] }));
    batch = [];
    return out;
  };
  let index = 0;
  for await (const task of source) {
    const where = { index: index++ };
    if (typeof task.text !== 'string') throw new WorkbenchError('E002', `a task needs a string "text", got ${JSON.stringify(task.text)}`, { ...where, field: 'text' });
    batch.push({ task, example: { text: task.text, tokens: taskTokens(task, where), spans: [], cats: {} } });
    if (batch.length >= batchSize) yield flush();
  }
  if (batch.length) yield flush();
}

/**
 * A predicted example as a Prodigy task that goes straight back into Prodigy: the input task's
 * fields (meta, ids) kept; `tokens` with code-point offsets, `id` and `ws`; `spans` with code-point
 * offsets, `token_start`/`token_end` (inclusive, as Prodigy) and `text`; `cats` (every category's
 * score); a choice task's `options` and `accept` (the argmax for exclusive categories, else every
 * category scoring ≥ 0.5); `_input_hash` kept when given and `_task_hash` over the new question.
 */
export function toProdigyTask(input: ProdigyTask, predicted: Example, labels: Pick<LabelSet, 'cats' | 'exclusive'>): ProdigyTask {
  const { _task_hash: _t, answer: _a, accept: _acc, options: _o, spans: _s, cats: _c, tokens: _k, ...kept } = input;
  const text = predicted.text;
  const cp = utf16ToCodePoint(text);
  const tokens = predicted.tokens;
  const tokenAt = new Map(tokens.map((t, i) => [t.start, i]));
  const tokenEnd = new Map(tokens.map((t, i) => [t.end, i]));
  const out: ProdigyTask = {
    ...kept,
    text,
    tokens: tokens.map((t, i) => ({ text: t.text, start: cp(t.start), end: cp(t.end), id: i, ws: tokens[i + 1] ? tokens[i + 1].start > t.end : text.length > t.end })),
    spans: predicted.spans.map((s) => ({ start: cp(s.start), end: cp(s.end), text: text.slice(s.start, s.end), label: s.label, token_start: tokenAt.get(s.start), token_end: tokenEnd.get(s.end) })),
  };
  if (labels.cats.length) {
    out.cats = Object.fromEntries(labels.cats.map((c) => [c, round(predicted.cats[c] ?? 0)]));
    out.options = labels.cats.map((c) => ({ id: c, text: c }));
    const top = argmaxLabel(predicted.cats, labels.cats);
    out.accept = labels.exclusive ? (top === undefined ? [] : [top]) : labels.cats.filter((c) => (predicted.cats[c] ?? 0) >= 0.5);
  }
  return setHashes(out);
}

function round(p: number): number {
  return Math.round(p * 1e6) / 1e6;
}

/** The task's own tokens (code-point offsets, converted) or `tokenize(text)`. */
function taskTokens(task: ProdigyTask, where?: ErrorLocation): Token[] {
  const text = task.text as string;
  if (!Array.isArray(task.tokens)) return tokenize(text);
  const toUtf16 = codePointToUtf16(text);
  return task.tokens.map((t, i) => {
    const { start, end } = (t ?? {}) as { start?: unknown; end?: unknown };
    if (!Number.isInteger(start) || !Number.isInteger(end)) throw new WorkbenchError('E002', 'a token needs integer start and end', { ...where, field: `tokens[${i}]` });
    const s = toUtf16(start as number);
    const e = toUtf16(end as number);
    if (s === undefined || e === undefined || s >= e) throw new WorkbenchError('E004', `token [${start}, ${end}) is outside the text`, { ...where, field: `tokens[${i}]` });
    return { text: text.slice(s, e), start: s, end: e };
  });
}
