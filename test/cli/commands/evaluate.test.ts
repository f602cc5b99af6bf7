import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SAMPLE, tempDir, trainTiny, workbench, writeLines } from '../helpers';

let dir: string;
let model: string;
before(async () => {
  dir = tempDir();
  model = await trainTiny(dir);
});

test('evaluate prints spaCy-style scores: headline table, per type, per category', async () => {
  const r = await workbench(['evaluate', model, '--ner', SAMPLE.ner, '--textcat', SAMPLE.textcat]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /: 240 texts\n/);
  for (const key of ['ents_p', 'ents_r', 'ents_f', 'cats_score', 'cats_acc', 'cats_macro_f', 'sentence_acc']) assert.match(r.stdout, new RegExp(`^${key} +\\d`, 'm'), key);
  assert.match(r.stdout, /^CITY +[\d.]+ +[\d.]+ +[\d.]+ +\d+$/m);
  assert.match(r.stdout, /^BOOK_HOTEL +/m);
});

test('evaluate --json gives the Scores object; --html writes bars, the confusion heatmap and the error viewer', async () => {
  const html = join(dir, 'eval.html');
  const r = await workbench(['evaluate', model, '--data', SAMPLE.mixed, '--json', '--html', html]);
  assert.equal(r.code, 0, r.stderr);
  const scores = JSON.parse(r.stdout);
  assert.equal(scores.n_examples, 40);
  assert.equal(typeof scores.ents_f, 'number');
  assert.ok(scores.ents_per_type.CITY);
  const page = readFileSync(html, 'utf8');
  assert.match(page, /Entity F1 per type/);
  assert.match(page, /Category confusion/);
  assert.match(page, /class="wb-errors"/);
  assert.match(page, /texts have an entity or category wrong|wrong texts/);
});

test('evaluate on data with a bad line exits 1 naming file, line and field; without data exits 2', async () => {
  const bad = writeLines(dir, 'bad.jsonl', [{ text: 'fly to Paris', spans: [{ start: 7, end: 12, label: 'CITY' }] }, { text: 'x', cats: { FLIGHT: 0.7 } }]);
  const r = await workbench(['evaluate', model, '--data', bad]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^\[E802\] Invalid joint example \(.*bad\.jsonl:2, field "cats\.FLIGHT"\)/);
  const none = await workbench(['evaluate', model]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no data/);
  assert.match(none.stderr, /Usage: workbench evaluate/);
});

test('evaluate on a folder that is not a saved pipeline exits 1 with the loader error', async () => {
  const r = await workbench(['evaluate', dir, '--data', SAMPLE.mixed]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^\[E40\d\]/);
});

test('evaluate on paragraphs with meta.doc adds the document-level entity scores', async () => {
  const r = await workbench(['evaluate', model, '--data', join(ROOT, 'data', 'documents', 'reports.jsonl')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^doc_ents_f +[\d.]+$/m);
});

test('evaluate --html into a folder that does not exist: one line naming the path, exit 1, no stack trace', async () => {
  const r = await workbench(['evaluate', model, '--data', SAMPLE.mixed, '--html', '/nonexistent-folder/r.html']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: ENOENT: no such file or directory, open '\/nonexistent-folder\/r\.html'/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});
