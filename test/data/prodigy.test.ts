import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codePointLength, codePointToUtf16, loadProdigy, prodigyTaskKind, readProdigy, utf16ToCodePoint } from '../../lib/data/prodigy';
import { inputHash } from '../../lib/data/hashes';
import { WorkbenchError } from '../../lib/errors';

const surface = (e: { text: string; spans: { start: number; end: number; label: string }[] }) => e.spans.map((s) => `${e.text.slice(s.start, s.end)}/${s.label}`);

/** Asserts one WorkbenchError with this code whose message names every given part. */
function failsWith(code: string, ...parts: string[]) {
  return (err: unknown) => {
    assert.ok(err instanceof WorkbenchError, String(err));
    assert.equal(err.code, code, err.message);
    for (const p of parts) assert.ok(err.message.includes(p), `"${p}" missing from: ${err.message}`);
    return true;
  };
}

function file(lines: unknown[]): string {
  const p = join(mkdtempSync(join(tmpdir(), 'prodigy-')), 'tasks.jsonl');
  writeFileSync(p, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return p;
}

test('codePointToUtf16(text) / utf16ToCodePoint(text) convert offsets around emoji', () => {
  const text = '😀 Berlin 🇩🇪 ok'; // 😀 and each regional indicator are 2 UTF-16 units, 1 code point
  assert.equal(codePointLength(text), 14);
  assert.equal(text.length, 17);
  const toU = codePointToUtf16(text);
  assert.deepEqual([0, 1, 2, 8, 9, 10, 11, 14].map(toU), [0, 2, 3, 9, 10, 12, 14, 17]);
  assert.equal(text.slice(toU(2), toU(8)), 'Berlin');
  const toCp = utf16ToCodePoint(text);
  assert.deepEqual([0, 1, 2, 3, 9, 11, 12, 14, 17].map(toCp), [0, 0, 1, 2, 8, 9, 10, 11, 14]);
  assert.equal(codePointToUtf16('plain')(3), 3);
});

test('loadProdigy(tasks, {task: "ner"}) converts code-point spans after an emoji to UTF-16', async () => {
  // Prodigy (Python) offsets: "Berlin" is at code points 2..8 of "😀 Berlin".
  const [e] = await loadProdigy([{ text: '😀 Berlin is big', spans: [{ start: 2, end: 8, label: 'LOC' }] }], { task: 'ner' });
  assert.deepEqual(e.spans, [{ start: 3, end: 9, label: 'LOC' }]);
  assert.deepEqual(surface(e), ['Berlin/LOC']);
  // With Prodigy tokens (code points too), token offsets are converted as well.
  const [f] = await loadProdigy(
    [
      {
        text: '🎧 play Nina Simone',
        tokens: [
          { text: '🎧', start: 0, end: 1, id: 0, ws: true },
          { text: 'play', start: 2, end: 6, id: 1, ws: true },
          { text: 'Nina', start: 7, end: 11, id: 2, ws: true },
          { text: 'Simone', start: 12, end: 18, id: 3, ws: false },
        ],
        spans: [{ start: 7, end: 18, token_start: 2, token_end: 3, label: 'PERSON' }],
        answer: 'accept',
      },
    ],
    { task: 'ner' },
  );
  assert.deepEqual(f.tokens.map((t) => [t.text, t.start, t.end]), [['🎧', 0, 2], ['play', 3, 7], ['Nina', 8, 12], ['Simone', 13, 19]]);
  assert.deepEqual(surface(f), ['Nina Simone/PERSON']);
});

test('loadProdigy(path, {task: "ner"}) tokenizes tasks without tokens and keeps hashes in meta', async () => {
  const [e] = await loadProdigy(file([{ text: 'Fly to Paris.', spans: [{ start: 7, end: 12, label: 'CITY' }], meta: { source: 'x' } }]), { task: 'ner' });
  assert.deepEqual(e.tokens.map((t) => t.text), ['Fly', 'to', 'Paris', '.']);
  assert.equal(e.meta?.source, 'x');
  assert.equal(e.meta?._input_hash, inputHash({ text: 'Fly to Paris.' }));
  assert.equal(e.meta?.hasNer, true);
  assert.equal(e.meta?.hasCats, false);
});

test('loadProdigy drops ignores, keeps NER rejects as negSpans and merges tasks of one text', async () => {
  const text = 'Paris Hilton visited Rome';
  const { examples, stats } = await readProdigy(
    [
      { text, spans: [{ start: 0, end: 5, label: 'LOC' }], answer: 'reject' },
      { text, spans: [{ start: 0, end: 12, label: 'PERSON' }], answer: 'accept' },
      { text, spans: [{ start: 21, end: 25, label: 'LOC' }], answer: 'accept' },
      { text, spans: [{ start: 21, end: 25, label: 'PERSON' }], answer: 'ignore' },
      { text: 'Only rejected Oslo', spans: [{ start: 14, end: 18, label: 'PERSON' }], answer: 'reject' },
      { text: 'Ignored entirely', spans: [], answer: 'ignore' },
    ],
    { task: 'ner' },
  );
  assert.deepEqual(stats, {
    tasks: 6, ignored: 2, accepted: 2, rejected: 2, ner: 4, textcat: 0, examples: 2,
    conflicts: 0, conflictExamples: [], conflictKinds: { cats: 0, spans: 0 },
    spansDropped: 0, spansDroppedExamples: [], sameTextHashes: 0, sameTextHashExamples: [], firstAt: {},
  });
  assert.equal(examples.length, 2);
  assert.deepEqual(surface(examples[0]), ['Paris Hilton/PERSON', 'Rome/LOC']);
  assert.deepEqual(examples[0].negSpans, [{ start: 0, end: 5, label: 'LOC' }]);
  assert.deepEqual(examples[1].spans, []);
  assert.deepEqual(examples[1].negSpans, [{ start: 14, end: 18, label: 'PERSON' }]);
  assert.equal(examples[1].meta?.hasNer, false); // only a rejected suggestion: spans are unknown, not empty
});

test('loadProdigy: a later answer on the same span wins', async () => {
  const text = 'see Rome';
  const span = { start: 4, end: 8, label: 'LOC' };
  const [acceptThenReject] = await loadProdigy([{ text, spans: [span], answer: 'accept' }, { text, spans: [span], answer: 'reject' }], { task: 'ner' });
  assert.deepEqual(acceptThenReject.spans, []);
  assert.deepEqual(acceptThenReject.negSpans, [span]);
  const [rejectThenAccept] = await loadProdigy([{ text, spans: [span], answer: 'reject' }, { text, spans: [span], answer: 'accept' }], { task: 'ner' });
  assert.deepEqual(rejectThenAccept.spans, [span]);
  assert.equal(rejectThenAccept.negSpans, undefined);
});

test('loadProdigy(tasks, {task: "textcat"}) reads binary accept/reject and choice tasks', async () => {
  const options = [{ id: 'FLIGHT' }, { id: 'HOTEL' }, { id: 'MUSIC' }];
  const examples = await loadProdigy(
    [
      { text: 'a', label: 'FLIGHT', answer: 'accept' },
      { text: 'a', label: 'HOTEL', answer: 'reject' },
      { text: 'b', options, accept: ['HOTEL'], answer: 'accept' },
      { text: 'c', options, accept: ['MUSIC'], answer: 'reject' },
      { text: 'd', options, accept: [], answer: 'ignore' },
      { text: 'e', options: [{ id: 1 }, { id: 2 }], accept: [2] },
    ],
    { task: 'textcat' },
  );
  assert.deepEqual(
    examples.map((e) => [e.text, e.cats]),
    [
      ['a', { FLIGHT: 1, HOTEL: 0 }],
      ['b', { FLIGHT: 0, HOTEL: 1, MUSIC: 0 }], // not chosen among the options shown → 0
      ['c', { MUSIC: 0 }], // a rejected choice says only that MUSIC is wrong
      ['e', { '1': 0, '2': 1 }],
    ],
  );
  assert.ok(examples.every((e) => e.meta?.hasCats && !e.meta?.hasNer && e.spans.length === 0 && e.tokens.length > 0));
});

test('loadProdigy(tasks, {task: "auto"}) decides per task; prodigyTaskKind(task) classifies', async () => {
  const text = 'book Rome';
  const [e] = await loadProdigy(
    [
      { text, spans: [{ start: 5, end: 9, label: 'CITY' }] },
      { text, label: 'TRAVEL', spans: [{ start: 0, end: 4, label: 'PATTERN' }], answer: 'accept' }, // textcat.teach with a pattern span
    ],
    { task: 'auto' },
  );
  assert.deepEqual(surface(e), ['Rome/CITY']);
  assert.deepEqual(e.cats, { TRAVEL: 1 });
  assert.equal(prodigyTaskKind({ text, tokens: [] }), 'ner');
  assert.equal(prodigyTaskKind({ text, options: [], accept: [] }), 'textcat');
  assert.equal(prodigyTaskKind({ text, options: [] }), 'other');
  await assert.rejects(loadProdigy([{ text: 'plain' }], { task: 'auto' }), failsWith('E104', 'example 0'));
});

test('loadProdigy errors name file, line and field for every kind of bad input', async () => {
  const ok = { text: 'fly to Rome', spans: [{ start: 7, end: 11, label: 'CITY' }] };
  const cases: [unknown[], 'ner' | 'textcat', string, string, string][] = [
    [[ok, '{"text": "broken'], 'ner', 'E001', ':2', ''],
    [[ok, ok, { spans: [] }], 'ner', 'E002', ':3', 'field "text"'],
    [[ok, { ...ok, answer: 'maybe' }], 'ner', 'E002', ':2', 'field "answer"'],
    [[{ text: 'x', label: 'A' }, ok], 'textcat', 'E003', ':2', 'field "label"'],
    [[ok, { text: 'x', label: 'A' }], 'ner', 'E101', ':2', 'field "label"'],
    [[{ text: 'x', options: [{ id: 'A' }], accept: ['B'] }], 'textcat', 'E002', ':1', 'field "accept[0]"'],
    [[{ text: 'x', options: [{ text: 'no id' }], accept: [] }], 'textcat', 'E002', ':1', 'field "options[0].id"'],
    [[ok, { text: 'fly to Rome', spans: [{ start: 7, end: 12, label: 'CITY' }] }], 'ner', 'E004', ':2', 'field "spans[0].end"'],
    [[{ text: 'fly to Rome', spans: [{ start: -1, end: 3, label: 'X' }] }], 'ner', 'E004', ':1', 'field "spans[0].start"'],
    [[{ text: 'fly to Rome', spans: [{ start: 8, end: 11, label: 'CITY' }] }], 'ner', 'E005', ':1', 'field "spans[0].start"'],
    [[{ text: 'fly to Rome', spans: [{ start: 7, end: 11, token_start: 1, token_end: 2, label: 'CITY' }] }], 'ner', 'E005', ':1', 'field "spans[0].token_start"'],
    [[{ text: 'fly to Rome', spans: [{ start: 0, end: 6, label: 'A' }, { start: 4, end: 11, label: 'B' }] }], 'ner', 'E006', ':1', 'field "spans[1]"'],
    [[{ text: 'fly to Rome', spans: [{ start: 7, end: 11 }] }], 'ner', 'E002', ':1', 'field "spans[0].label"'],
    [[{ text: 'x y', tokens: [{ text: 'x', start: 0, end: 1 }, { text: 'z', start: 2, end: 3 }] }], 'ner', 'E002', ':1', 'field "tokens[1].text"'],
  ];
  for (const [lines, task, code, line, field] of cases) {
    const p = file(lines);
    await assert.rejects(loadProdigy(p, { task }), failsWith(code, `${p}${line}`, field));
  }
  // In memory, the example index replaces file and line.
  await assert.rejects(loadProdigy([ok, { text: 'fly to Rome', spans: [{ start: 7, end: 99, label: 'CITY' }] }], { task: 'ner' }), failsWith('E004', 'example 1', 'field "spans[0].end"'));
  // The mixed-set message says how to split.
  await assert.rejects(loadProdigy([ok], { task: 'textcat' }), failsWith('E003', 'splitByTask(tasks)', 'db-out'));
  await assert.rejects(loadProdigy([ok], { task: 'both' as never }), failsWith('E007', 'field "task"'));
});

test('loadProdigy hints at UTF-16 offsets when a span text only matches them', async () => {
  // A JavaScript tool wrote UTF-16 offsets: "Rome" is 6..10 in UTF-16 units but 5..9 in code points.
  await assert.rejects(
    loadProdigy([{ text: '😀 to Rome now', spans: [{ start: 6, end: 10, text: 'Rome', label: 'CITY' }] }], { task: 'ner' }),
    failsWith('E002', 'field "spans[0].text"', 'UTF-16'),
  );
});
