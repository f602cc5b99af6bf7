import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { debugData, type DataProblem } from '../../lib/experiments/debugData';

const span = (start: number, end: number, label: string) => ({ start, end, label });
const options = [{ id: 'A' }, { id: 'B' }];

/** An NER file and a textcat file over the same texts with known conflicts, duplicates and a text under two hashes. */
function conflictFiles(): { ner: string; textcat: string } {
  const dir = mkdtempSync(join(tmpdir(), 'debugdata-'));
  const write = (name: string, tasks: object[]) => {
    const path = join(dir, name);
    writeFileSync(path, tasks.map((t) => JSON.stringify(t)).join('\n') + '\n');
    return path;
  };
  const paris = 'fly to Paris now';
  const ny = 'a hotel in New York City';
  const ner = write('ner.jsonl', [
    /* 1 */ { text: paris, spans: [span(7, 12, 'CITY')], answer: 'accept' },
    /* 2 */ { text: paris, spans: [span(7, 12, 'CITY')], answer: 'accept' }, // duplicate of 1, not a conflict
    /* 3 */ { text: paris, spans: [span(7, 12, 'CITY')], answer: 'reject' }, // conflict (spans): accepted, then rejected
    /* 4 */ { text: paris, spans: [span(7, 12, 'CITY')], answer: 'accept' }, // conflict (spans): rejected, then accepted; duplicate of 1
    /* 5 */ { text: ny, spans: [span(11, 19, 'CITY')], answer: 'accept' },
    /* 6 */ { text: ny, spans: [span(11, 24, 'CITY')], answer: 'accept' }, // conflict (spans) + span dropped: "New York" replaced
    /* 7 */ { text: 'book Rome', spans: [span(5, 9, 'CITY')], answer: 'accept' },
    /* 8 */ { text: 'book Rome', spans: [], answer: 'accept' }, // conflict (spans) + span dropped: "no entities" clears Rome
    /* 9 */ { text: 'book Rome', spans: [span(5, 9, 'CITY')], answer: 'accept' }, // conflict (spans): entities after "no entities"; duplicate of 7
    /* 10 */ { text: 'same text', _input_hash: 1, spans: [], answer: 'accept' },
    /* 11 */ { text: 'same text', _input_hash: 2, spans: [span(0, 4, 'CITY')], answer: 'accept' }, // same text, another given hash
  ]);
  const textcat = write('textcat.jsonl', [
    /* 1 */ { text: paris, label: 'FLIGHT', answer: 'accept' },
    /* 2 */ { text: paris, label: 'FLIGHT', answer: 'reject' }, // conflict (cats)
    /* 3 */ { text: 'pick one', options, accept: ['A'], answer: 'accept' },
    /* 4 */ { text: 'pick one', options, accept: ['B'], answer: 'accept' }, // conflict (cats): one task, two categories changed; not a duplicate
    /* 5 */ { text: 'pick one', options, accept: ['B'], answer: 'accept' }, // duplicate of 4, not a conflict
    /* 6 */ { text: ny, label: 'HOTEL', answer: 'accept' },
  ]);
  return { ner, textcat };
}

test("debugData takes conflicts from the merger's stats: exact counts by kind, each problem once with its first file:line", async () => {
  const { ner, textcat } = conflictFiles();
  const report = await debugData([{ path: ner, kind: 'ner' }, { path: textcat, kind: 'textcat' }]);
  assert.deepEqual(report.conflicts, { cats: 2, spans: 5 });
  assert.equal(report.load.conflicts, 7);
  assert.deepEqual(report.load.conflictKinds, { cats: 2, spans: 5 });
  assert.equal(report.load.spansDropped, 2);
  assert.equal(report.load.sameTextHashes, 1);
  assert.deepEqual(report.load.firstAt, {
    conflict: { file: ner, line: 3 },
    spanConflict: { file: ner, line: 3 },
    catConflict: { file: textcat, line: 2 },
    spanDropped: { file: ner, line: 6 },
    sameTextHash: { file: ner, line: 11 },
  });
  assert.equal(report.duplicates, 4);
  assert.equal(report.wouldFail, false);
  // One problem per kind: the merger's three warnings and the duplicates, nothing counted twice.
  const byCode = (code?: string) => report.problems.filter((p) => p.code === code);
  const only = (code: string): DataProblem => {
    const found = byCode(code);
    assert.equal(found.length, 1, `${code}: ${JSON.stringify(found)}`);
    return found[0];
  };
  const w016 = only('W016');
  assert.equal(w016.count, 7);
  assert.deepEqual(w016.where, { file: ner, line: 3 });
  assert.match(w016.message, /\(7 cases: 2 about a category, 5 about entities\): "Paris" CITY \(.*ner\.jsonl:1\) accepted, then rejected \(.*ner\.jsonl:3\)/);
  const w015 = only('W015');
  assert.equal(w015.count, 2);
  assert.deepEqual(w015.where, { file: ner, line: 6 });
  assert.match(w015.message, /"New York" CITY \(.*ner\.jsonl:5\) replaced by "New York City" CITY \(.*ner\.jsonl:6\); "Rome" CITY \(.*ner\.jsonl:7\) cleared by an accept with no spans \(.*ner\.jsonl:8\)$/);
  const w017 = only('W017');
  assert.equal(w017.count, 1);
  assert.deepEqual(w017.where, { file: ner, line: 11 });
  const conflictLike = report.problems.filter((p) => /contradict|disagree|conflict|accepted and rejected/i.test(p.message));
  assert.deepEqual(conflictLike, [w016]);
  const dup = report.problems.filter((p) => /^duplicate task/.test(p.message));
  assert.equal(dup.length, 1);
  assert.equal(dup[0].count, 4);
  assert.deepEqual(dup[0].where, { file: ner, line: 2 });
  assert.equal(report.problems.filter((p) => p.level === 'error').length, 0);
});

test('debugData: no conflicts, no merger problems (the same answers repeated are duplicates only)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'debugdata-'));
  const ner = join(dir, 'ner.jsonl');
  const task = { text: 'fly to Paris now', spans: [span(7, 12, 'CITY')] };
  writeFileSync(ner, `${JSON.stringify(task)}\n${JSON.stringify(task)}\n`);
  const report = await debugData([{ path: ner, kind: 'ner' }]);
  assert.deepEqual(report.conflicts, { cats: 0, spans: 0 });
  assert.deepEqual(report.load.firstAt, {});
  assert.equal(report.duplicates, 1);
  assert.deepEqual(report.problems.filter((p) => p.code?.startsWith('W')), []);
});

test('debugData still counts conflicts when merging stops on an error (E005 on tokens), with their first location', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'debugdata-'));
  const text = 'fly to Paris now';
  const ner = join(dir, 'ner.jsonl');
  const tasks = [
    { text, spans: [span(7, 12, 'CITY')] },
    { text, spans: [span(7, 12, 'CITY')], answer: 'reject' },
    // Its own tokens disagree with the first task's: merging fails in examples() (E005).
    { text: 'a hotel in Rome', tokens: [{ text: 'a', start: 0, end: 1, id: 0 }, { text: 'hotel in Rome', start: 2, end: 15, id: 1 }], spans: [] },
    { text: 'a hotel in Rome', spans: [span(11, 15, 'CITY')] },
  ];
  writeFileSync(ner, tasks.map((t) => JSON.stringify(t)).join('\n') + '\n');
  const report = await debugData([{ path: ner, kind: 'ner' }]);
  assert.equal(report.wouldFail, true);
  assert.deepEqual(report.problems.filter((p) => p.level === 'error').map((p) => `${p.code}@${p.where?.line}`), ['E005@4']);
  assert.deepEqual(report.conflicts, { cats: 0, spans: 2 });
  const w016 = report.problems.find((p) => p.code === 'W016');
  assert.equal(w016?.count, 2);
  assert.deepEqual(w016?.where, { file: ner, line: 2 });
});
