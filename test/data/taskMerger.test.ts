import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProdigy, readProdigy, TaskMerger } from '../../lib/data/prodigy';
import { mergeDatasets, mergeDatasetsWithStats } from '../../lib/data/merge';
import { inputHash } from '../../lib/data/hashes';
import { WorkbenchError } from '../../lib/errors';
import type { WorkbenchWarning } from '../../lib/warnings';

// Two distinct texts whose Prodigy input hashes (signed 32-bit MurmurHash3 of {"text": ...}) are
// equal, found by a birthday search over 2e5 such texts.
const A = 'Book a table for 6 at restaurant number 69286';
const B = 'Book a table for 2 at restaurant number 88983';

function collect(): { warnings: WorkbenchWarning[]; onWarning: (w: WorkbenchWarning) => void } {
  const warnings: WorkbenchWarning[] = [];
  return { warnings, onWarning: (w) => warnings.push(w) };
}

test('the colliding pair really has one 32-bit input hash', () => {
  assert.notEqual(A, B);
  assert.equal(inputHash({ text: A }), inputHash({ text: B }));
});

test('loadProdigy keeps two different texts with colliding computed input hashes apart', async () => {
  const examples = await loadProdigy([{ text: A, label: 'BOOK' }, { text: B, label: 'BOOK', answer: 'reject' }], { task: 'textcat' });
  assert.deepEqual(examples.map((e) => [e.text, e.cats.BOOK]), [[A, 1], [B, 0]]);
  // Both keep Prodigy's own hash value (interoperability).
  assert.equal(examples[0].meta?._input_hash, examples[1].meta?._input_hash);
});

test('mergeDatasets keeps two different texts with colliding computed input hashes apart', () => {
  const examples = mergeDatasets([{ text: A, spans: [] }], [{ text: B, label: 'BOOK' }]);
  assert.deepEqual(examples.map((e) => [e.text, e.meta?.hasNer, e.meta?.hasCats]), [[A, true, false], [B, false, true]]);
});

test('loadProdigy: E002 only when the tasks themselves give one _input_hash to two different texts', async () => {
  await assert.rejects(
    loadProdigy([{ text: 'one', _input_hash: 7, spans: [] }, { text: 'two', _input_hash: 7, spans: [] }], { task: 'ner' }),
    (err: unknown) => err instanceof WorkbenchError && err.code === 'E002' && /same input hash 7.*example 0/.test(err.message) && /example 1/.test(err.message),
  );
});

test('readProdigy warns (W017) and counts one text under two given _input_hash values', async () => {
  const { warnings, onWarning } = collect();
  const { examples, stats } = await readProdigy(
    [{ text: 'same', _input_hash: 1, label: 'X' }, { text: 'same', _input_hash: 2, label: 'Y' }],
    { task: 'textcat', onWarning },
  );
  assert.equal(examples.length, 2);
  assert.equal(stats.sameTextHashes, 1);
  assert.deepEqual(stats.sameTextHashExamples, ['"same" has _input_hash 1 (example 0) and 2 (example 1)']);
  assert.deepEqual(stats.firstAt, { sameTextHash: { index: 1 } });
  assert.deepEqual(warnings.map((w) => w.code), ['W017']);
  assert.match(warnings[0].message, /"same" has _input_hash 1 \(example 0\) and 2 \(example 1\)/);
  assert.deepEqual(warnings[0].location, { index: 1 });
});

test('readProdigy counts and names an earlier span dropped by an overlapping later accept (W015)', async () => {
  const text = 'fly to New York City today';
  const { warnings, onWarning } = collect();
  const { examples, stats } = await readProdigy(
    [
      { text, spans: [{ start: 7, end: 15, label: 'CITY' }] },
      { text, spans: [{ start: 7, end: 20, label: 'CITY' }] },
    ],
    { task: 'ner', onWarning },
  );
  assert.deepEqual(examples[0].spans, [{ start: 7, end: 20, label: 'CITY' }]);
  assert.equal(stats.spansDropped, 1);
  assert.deepEqual(stats.spansDroppedExamples, ['"New York" CITY (example 0) replaced by "New York City" CITY (example 1)']);
  assert.equal(stats.conflicts, 1);
  assert.deepEqual(stats.conflictKinds, { cats: 0, spans: 1 });
  assert.deepEqual(stats.firstAt, { conflict: { index: 1 }, spanConflict: { index: 1 }, spanDropped: { index: 1 } });
  const w015 = warnings.find((w) => w.code === 'W015');
  assert.ok(w015, 'no W015 warning');
  assert.equal(w015.count, 1);
  assert.deepEqual(w015.location, { index: 1 });
  assert.match(w015.message, /"New York" CITY \(example 0\) replaced by "New York City" CITY \(example 1\)/);
});

test('readProdigy without onWarning emits the warning through process.emitWarning', async () => {
  const seen: Error[] = [];
  const listener = (w: Error) => seen.push(w);
  process.on('warning', listener);
  try {
    const text = 'see Rome';
    await loadProdigy([{ text, spans: [{ start: 4, end: 8, label: 'LOC' }] }, { text, spans: [{ start: 4, end: 8, label: 'GPE' }] }], { task: 'ner' });
    await new Promise((r) => setImmediate(r));
  } finally {
    process.off('warning', listener);
  }
  assert.deepEqual(seen.map((w) => (w as WorkbenchWarning).code).sort(), ['W015', 'W016']);
});

test('mergeDatasetsWithStats counts conflicts (accept/reject, choice A then B, CITY then GPE) and describes them; the later answer wins', () => {
  const { warnings, onWarning } = collect();
  const options = [{ id: 'A' }, { id: 'B' }];
  const { examples, stats } = mergeDatasetsWithStats(
    [
      { text: 'to Paris', spans: [{ start: 3, end: 8, label: 'CITY' }] },
      { text: 'to Paris', spans: [{ start: 3, end: 8, label: 'GPE' }] },
    ],
    [
      { text: 'to Paris', label: 'TRAVEL', answer: 'accept' },
      { text: 'to Paris', label: 'TRAVEL', answer: 'reject' },
      { text: 'pick', options, accept: ['A'] },
      { text: 'pick', options, accept: ['B'] },
      { text: 'pick', options, accept: ['B'] },
    ],
    { onWarning },
  );
  assert.deepEqual(examples[0].spans, [{ start: 3, end: 8, label: 'GPE' }]);
  assert.deepEqual(examples[0].cats, { TRAVEL: 0 });
  assert.deepEqual(examples[1].cats, { A: 0, B: 1 });
  assert.equal(stats.conflicts, 3);
  // One per task: the choice task changing A and B is one category conflict.
  assert.deepEqual(stats.conflictKinds, { cats: 2, spans: 1 });
  assert.deepEqual(stats.firstAt, {
    conflict: { file: '<nerTasks>', index: 1 },
    spanConflict: { file: '<nerTasks>', index: 1 },
    spanDropped: { file: '<nerTasks>', index: 1 },
    catConflict: { file: '<textcatTasks>', index: 1 },
  });
  assert.equal(stats.spansDropped, 1);
  assert.equal(stats.conflictExamples.length, 3);
  assert.match(stats.conflictExamples[0], /"Paris" CITY \(<nerTasks> example 0\) replaced by "Paris" GPE \(<nerTasks> example 1\)/);
  assert.match(stats.conflictExamples[1], /category TRAVEL 1 \(<textcatTasks> example 0\) then 0 \(<textcatTasks> example 1\)/);
  assert.match(stats.conflictExamples[2], /category A 1 .* then 0 .*category B 0 .* then 1/);
  const w016 = warnings.find((w) => w.code === 'W016');
  assert.equal(w016?.count, 3);
  assert.deepEqual(w016?.location, { file: '<nerTasks>', index: 1 });
});

test('TaskMerger stats keep at most five described cases of each count, and the count of all', () => {
  const ner = Array.from({ length: 7 }, (_, i) => [
    { text: `to Paris ${i}`, spans: [{ start: 3, end: 8, label: 'CITY' }] },
    { text: `to Paris ${i}`, spans: [{ start: 3, end: 8, label: 'GPE' }] },
  ]).flat();
  const { stats } = mergeDatasetsWithStats(ner, [], { onWarning: () => {} });
  assert.equal(stats.conflicts, 7);
  assert.equal(stats.spansDropped, 7);
  assert.equal(stats.conflictExamples.length, 5);
  assert.equal(stats.spansDroppedExamples.length, 5);
  assert.match(stats.spansDroppedExamples[4], /"Paris" CITY \(<nerTasks> example 8\) replaced by "Paris" GPE \(<nerTasks> example 9\)/);
  // stats() is a copy: changing it does not change the merger's counts.
  const merger = new TaskMerger({ onWarning: () => {} });
  ner.forEach((t, index) => merger.add(t, 'ner', { index }));
  const first = merger.stats();
  first.conflictKinds.spans = 0;
  first.spansDroppedExamples.length = 0;
  first.firstAt.conflict = undefined;
  const again = merger.stats();
  assert.deepEqual(again.conflictKinds, { cats: 0, spans: 7 });
  assert.equal(again.spansDroppedExamples.length, 5);
  assert.deepEqual(again.firstAt.conflict, { index: 1 });
});

test('mergeDatasets: an accept with no spans clears earlier accepted spans (later wins), counted as a conflict', () => {
  const { warnings, onWarning } = collect();
  const { examples, stats } = mergeDatasetsWithStats(
    [
      { text: 'to Paris', spans: [{ start: 3, end: 8, label: 'CITY' }] },
      { text: 'to Paris', spans: [], answer: 'accept' },
    ],
    [],
    { onWarning },
  );
  assert.deepEqual(examples[0].spans, []);
  assert.equal(examples[0].meta?.hasNer, true);
  assert.equal(stats.spansDropped, 1);
  assert.equal(stats.conflicts, 1);
  assert.match(warnings.find((w) => w.code === 'W015')!.message, /"Paris" CITY \(<nerTasks> example 0\) cleared by an accept with no spans/);
  // And entities after "no entities": the later accept wins again, and that is a conflict too.
  const again = mergeDatasetsWithStats([{ text: 'to Paris', spans: [] }, { text: 'to Paris', spans: [{ start: 3, end: 8, label: 'CITY' }] }], [], { onWarning });
  assert.deepEqual(again.examples[0].spans, [{ start: 3, end: 8, label: 'CITY' }]);
  assert.equal(again.stats.conflicts, 1);
});

test('mergeDatasets: repeating the same answer is not a conflict', () => {
  const span = { start: 3, end: 8, label: 'CITY' };
  const { stats } = mergeDatasetsWithStats(
    [{ text: 'to Paris', spans: [span] }, { text: 'to Paris', spans: [span] }],
    [{ text: 'to Paris', label: 'T' }, { text: 'to Paris', label: 'T' }],
    { onWarning: () => assert.fail('no warning expected') },
  );
  assert.equal(stats.conflicts, 0);
  assert.deepEqual(stats.conflictKinds, { cats: 0, spans: 0 });
  assert.equal(stats.spansDropped, 0);
  assert.deepEqual(stats.firstAt, {});
});
