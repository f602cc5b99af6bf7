import { setHashes } from './hashes';
import { utf16ToCodePoint } from './offsets';
import type { ProdigyTask } from './prodigyTask';
import type { Example, Span } from './types';

/**
 * Prodigy tasks that loadProdigy(tasks, {task: 'auto'}) reads back into the same Example: one
 * accepted NER task with tokens and spans (when meta.hasNer is not false), one rejected NER task
 * per negSpan, and one binary textcat task per known category (1 → accept, 0 → reject). Offsets
 * are written as code points (Python's, Prodigy's); `_input_hash` is kept from meta when present.
 */
export function toProdigyTasks(example: Example): ProdigyTask[] {
  const { text } = example;
  const cp = utf16ToCodePoint(text);
  const { hasNer, hasCats, _input_hash, _task_hash, ...meta } = example.meta ?? {};
  void hasCats;
  void _task_hash;
  const tokenIndex = (offset: number, key: 'start' | 'end'): number => example.tokens.findIndex((t) => t[key] === offset);
  const tokens = example.tokens.map((t, id) => ({ text: t.text, start: cp(t.start), end: cp(t.end), id }));
  const spans = (ss: readonly Span[]) =>
    ss.map((s) => ({
      text: text.slice(s.start, s.end),
      start: cp(s.start),
      end: cp(s.end),
      token_start: tokenIndex(s.start, 'start'),
      token_end: tokenIndex(s.end, 'end'),
      label: s.label,
    }));
  const base = { text, ...(typeof _input_hash === 'number' ? { _input_hash } : {}), ...(Object.keys(meta).length ? { meta } : {}) };
  const tasks: ProdigyTask[] = [];
  if (hasNer !== false) tasks.push({ ...base, tokens, spans: spans(example.spans), answer: 'accept' });
  for (const neg of example.negSpans ?? []) tasks.push({ ...base, tokens, spans: spans([neg]), answer: 'reject' });
  for (const [label, value] of Object.entries(example.cats)) tasks.push({ ...base, label, answer: value === 1 ? 'accept' : 'reject' });
  return tasks.map((t) => setHashes(t));
}
