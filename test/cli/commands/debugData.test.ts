import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SAMPLE, tempDir, workbench, writeLines } from '../helpers';

test('debug-data on the sample: counts per label and category, co-occurrence, exit 0', async () => {
  const r = await workbench(['debug-data', '--ner', SAMPLE.ner, '--textcat', SAMPLE.textcat]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /=== Entity labels/);
  assert.match(r.stdout, /^CITY +152 +142 +2$/m);
  assert.match(r.stdout, /=== Entity × category/);
  assert.match(r.stdout, /240 texts: 227 in both sets, 3 NER only, 10 textcat only/);
  assert.match(r.stdout, /training can start/);
});

test('debug-data --json gives the report as JSON', async () => {
  const r = await workbench(['debug-data', '--ner', SAMPLE.ner, '--textcat', SAMPLE.textcat, '--json']);
  assert.equal(r.code, 0);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.texts, { total: 240, both: 227, nerOnly: 3, catsOnly: 10 });
  assert.equal(report.wouldFail, false);
  assert.deepEqual(report.cooccurrence.cats, ['BOOK_FLIGHT', 'BOOK_HOTEL', 'FIND_RESTAURANT', 'GET_WEATHER', 'PLAY_MUSIC']);
});

test('debug-data: a mixed file read as NER is an error with file and line (exit 1); as --data it is split', async () => {
  const bad = await workbench(['debug-data', '--ner', SAMPLE.mixed]);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /\[E101\] a textcat task in the NER file: this is a mixed set .*KeyError: 'label'.*mixed\.jsonl:2, field "options"/);
  assert.match(bad.stdout, /training would fail/);
  const ok = await workbench(['debug-data', '--data', SAMPLE.mixed, '--json']);
  assert.equal(ok.code, 0);
  const report = JSON.parse(ok.stdout);
  assert.ok(report.files[0].ner > 0 && report.files[0].textcat > 0);
});

test('debug-data keeps going after bad lines and counts each problem: invalid JSON, spans, duplicates, conflicts', async () => {
  const dir = tempDir();
  const ner = writeLines(dir, 'ner.jsonl', [
    { text: 'fly to Paris now', spans: [{ start: 7, end: 12, label: 'CITY' }], answer: 'accept' },
    '{"text": "broken',
    { text: 'a hotel in Rome', spans: [{ start: 11, end: 40, label: 'CITY' }], answer: 'accept' },
    { text: 'a hotel in Oslo', spans: [{ start: 12, end: 15, label: 'CITY' }], answer: 'accept' },
    { text: 'fly to Paris now', spans: [{ start: 7, end: 12, label: 'CITY' }], answer: 'accept' },
    { text: 'fly to Paris now', spans: [{ start: 7, end: 12, label: 'CITY' }], answer: 'reject' },
  ]);
  const textcat = writeLines(dir, 'textcat.jsonl', [
    { text: 'fly to Paris now', label: 'FLIGHT', answer: 'accept' },
    { text: 'fly to Paris now', label: 'FLIGHT', answer: 'reject' },
    { text: 'a hotel in Rome', label: 'FLIGHT', answer: 'reject' },
  ]);
  const r = await workbench(['debug-data', '--ner', ner, '--textcat', textcat, '--json']);
  assert.equal(r.code, 1);
  const report = JSON.parse(r.stdout);
  const codes = report.problems.filter((p: { level: string }) => p.level === 'error').map((p: { code: string; where?: { line: number } }) => `${p.code}@${p.where?.line}`);
  // Every bad line is reported: reading goes on after each.
  assert.deepEqual(codes, ['E001@2', 'E004@3', 'E005@4']);
  assert.ok(report.problems.some((p: { message: string }) => /category FLIGHT has only negative answers \(2\)/.test(p.message)));
  assert.equal(report.duplicates, 1);
  // Conflicts come from the merger (W016), once, with the first conflicting line.
  assert.deepEqual(report.conflicts, { cats: 1, spans: 1 });
  assert.equal(report.load.conflicts, 2);
  const merged = report.problems.filter((p: { code?: string }) => /^W01[5-7]$/.test(p.code ?? ''));
  assert.deepEqual(merged.map((p: { code: string; count: number; where: { file: string; line: number } }) => [p.code, p.count, p.where.file, p.where.line]), [['W016', 2, ner, 6]]);
  assert.equal(report.problems.filter((p: { message: string }) => /contradict|disagree|conflict/i.test(p.message)).length, 1);
  assert.equal(report.wouldFail, true);
  // The text report shows the same problem with its file:line.
  const text = await workbench(['debug-data', '--ner', ner, '--textcat', textcat]);
  assert.equal(text.code, 1);
  assert.match(text.stdout, /^⚠ \[W016\] Annotations of the same text disagree; the later answer was kept \(2 cases: 1 about a category, 1 about entities\): .*\(.*ner\.jsonl:6\)$/m);
  assert.match(text.stdout, /^⚠ duplicate task .*\(.*ner\.jsonl:5\)$/m);
  assert.equal(text.stdout.match(/disagree|contradict/g)?.length, 1);
});

test('debug-data without data prints the usage and exits 2', async () => {
  const r = await workbench(['debug-data']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no data/);
  assert.match(r.stderr, /Usage: workbench debug-data/);
});

test('debug-data: data with nothing to learn (no spans, no positive category) would fail: E805, exit 1', async () => {
  const dir = tempDir();
  const textcat = writeLines(dir, 'textcat.jsonl', [
    { text: 'fly to Paris now', label: 'FLIGHT', answer: 'reject' },
    { text: 'a hotel in Rome', label: 'FLIGHT', answer: 'reject' },
  ]);
  const r = await workbench(['debug-data', '--textcat', textcat]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /\[E805\] no entity spans and no category has a positive answer/);
});

test('debug-data --data reads a CoNLL file too (no categories: NER counts only)', async () => {
  const dir = tempDir();
  const conll = writeLines(dir, 'train.conll', ['Paris B-LOC', 'is O', '', 'Bob B-PER', 'Smith I-PER']);
  const r = await workbench(['debug-data', '--data', conll, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.entities.map((e: { label: string; spans: number }) => [e.label, e.spans]), [['LOC', 1], ['PER', 1]]);
  assert.deepEqual(report.texts, { total: 2, both: 0, nerOnly: 2, catsOnly: 0 });
});
