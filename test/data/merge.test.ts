import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeDatasets, splitByTask } from '../../lib/data/merge';
import { setHashes } from '../../lib/data/hashes';
import { WorkbenchError } from '../../lib/errors';

test('splitByTask(tasks) separates NER, textcat and other tasks, keeping order', () => {
  const tasks = [
    { text: 'a', spans: [] },
    { text: 'b', label: 'X', answer: 'accept' },
    { text: 'c', options: [{ id: 'X' }], accept: ['X'] },
    { text: 'd' },
    { text: 'e', tokens: [], spans: [{ start: 0, end: 1, label: 'Y' }] },
    { text: 'f', label: 'X', spans: [{ start: 0, end: 1, label: 'PATTERN' }] },
  ];
  const parts = splitByTask(tasks);
  assert.deepEqual(parts.ner.map((t) => t.text), ['a', 'e']);
  assert.deepEqual(parts.textcat.map((t) => t.text), ['b', 'c', 'f']);
  assert.deepEqual(parts.other.map((t) => t.text), ['d']);
});

test('mergeDatasets(ner, textcat) joins by input hash, keeps first-seen order and one-sided texts', () => {
  const ner = [
    { text: 'fly to Rome', spans: [{ start: 7, end: 11, label: 'CITY' }] },
    { text: 'play Bowie', spans: [{ start: 5, end: 10, label: 'PERSON' }] },
    { text: 'ner only Oslo', spans: [{ start: 9, end: 13, label: 'CITY' }] },
  ];
  const options = [{ id: 'FLIGHT' }, { id: 'MUSIC' }];
  const textcat = [
    setHashes({ text: 'play Bowie', options, accept: ['MUSIC'], answer: 'accept' }),
    { text: 'fly to Rome', label: 'FLIGHT', answer: 'accept' },
    { text: 'fly to Rome', label: 'MUSIC', answer: 'reject' },
    { text: 'textcat only', label: 'MUSIC', answer: 'reject' },
  ];
  const merged = mergeDatasets(ner, textcat);
  assert.deepEqual(merged.map((e) => e.text), ['fly to Rome', 'play Bowie', 'ner only Oslo', 'textcat only']);
  assert.deepEqual(merged.map((e) => e.cats), [{ FLIGHT: 1, MUSIC: 0 }, { FLIGHT: 0, MUSIC: 1 }, {}, { MUSIC: 0 }]);
  assert.deepEqual(merged.map((e) => e.spans.length), [1, 1, 1, 0]);
  assert.deepEqual(merged.map((e) => [e.meta?.hasNer, e.meta?.hasCats]), [[true, true], [true, true], [true, false], [false, true]]);
  assert.equal(merged[1].meta?._input_hash, (textcat[0] as { _input_hash: number })._input_hash);
});

test('mergeDatasets: a later conflicting answer wins (binary label, overlapping accepted spans)', () => {
  const text = 'New York trip';
  const merged = mergeDatasets(
    [
      { text, spans: [{ start: 0, end: 3, label: 'ORG' }] },
      { text, spans: [{ start: 0, end: 8, label: 'CITY' }] },
    ],
    [
      { text, label: 'TRAVEL', answer: 'reject' },
      { text, label: 'TRAVEL', answer: 'accept' },
    ],
  );
  assert.equal(merged.length, 1);
  assert.deepEqual(merged[0].spans, [{ start: 0, end: 8, label: 'CITY' }]);
  assert.deepEqual(merged[0].cats, { TRAVEL: 1 });
});

test('mergeDatasets: errors name the set, the index and the field; textcat in the NER set is caught', () => {
  assert.throws(
    () => mergeDatasets([{ text: 'ok' }], [{ text: 'x', spans: [{ start: 0, end: 1, label: 'X' }] }]),
    (e: unknown) => e instanceof WorkbenchError && e.code === 'E003' && /<textcatTasks>, example 0, field "label"/.test(e.message),
  );
  assert.throws(
    () => mergeDatasets([{ text: 'ok' }, { text: 'x', label: 'A' }], []),
    (e: unknown) => e instanceof WorkbenchError && e.code === 'E101' && /<nerTasks>, example 1/.test(e.message),
  );
  // The same _input_hash on two different texts is a broken export, not a merge.
  assert.throws(() => mergeDatasets([{ text: 'a', _input_hash: 5 }], [{ text: 'b', label: 'X', _input_hash: 5 }]), /E002.*_input_hash/);
});

test('mergeDatasets: tasks of one text that disagree on tokens are reported', () => {
  const text = 'San Francisco';
  assert.throws(
    () =>
      mergeDatasets(
        [
          { text, tokens: [{ text: 'San Francisco', start: 0, end: 13 }], spans: [] },
          { text, spans: [{ start: 4, end: 13, label: 'CITY' }] }, // fits tokenize(), not the first task's tokens
        ],
        [],
      ),
    (e: unknown) => e instanceof WorkbenchError && e.code === 'E005' && /example 1/.test(e.message) && /disagree on tokens/.test(e.message),
  );
});
