import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SAMPLE, tempDir, trainTiny, workbench, writeLines } from '../helpers';

let dir: string;
let model: string;
before(async () => {
  dir = tempDir();
  model = await trainTiny(dir);
});

interface Suggested {
  text: string;
  spans: unknown[];
  meta: { matched?: boolean; score: number; ner_uncertainty: number; cat_uncertainty: number; reason: string };
}

const parse = (stdout: string): Suggested[] => stdout.trim().split('\n').map((l) => JSON.parse(l));

test('suggest: pattern matches first, then texts chosen by uncertainty; each with its score and reason', async () => {
  const patterns = writeLines(dir, 'patterns.jsonl', [
    { label: 'CITY', pattern: 'lima' },
    { label: 'CITY', pattern: [{ lower: 'new' }, { lower: 'york' }] },
  ]);
  const r = await workbench(['suggest', model, SAMPLE.textcat, '--patterns', patterns]);
  assert.equal(r.code, 0, r.stderr);
  const tasks = parse(r.stdout);
  const matched = tasks.findIndex((t) => !t.meta.matched);
  assert.ok(matched > 0, 'some pattern matches');
  assert.ok(tasks.slice(0, matched).every((t) => /^pattern match: "(Lima|New York)" \(CITY\)(, "(Lima|New York)" \(CITY\))*$/i.test(t.meta.reason)));
  assert.ok(tasks.slice(matched).every((t) => !t.meta.matched && /^joint uncertainty \d\.\d{3} \(entities \d\.\d{3}, categories \d\.\d{3}\)$/.test(t.meta.reason)));
  for (const t of tasks) assert.ok(Math.abs(t.meta.score - (t.meta.ner_uncertainty + t.meta.cat_uncertainty) / 2) < 1e-5);
  // prefer_uncertain semantics: texts less uncertain than the recent ones are skipped; repeated texts come once.
  const texts = new Set(tasks.map((t) => t.text));
  assert.equal(texts.size, tasks.length);
  assert.ok(tasks.length < 240);
});

test('suggest --strategy cat scores by the category uncertainty alone', async () => {
  const r = await workbench(['suggest', model, SAMPLE.ner, '--strategy', 'cat']);
  assert.equal(r.code, 0, r.stderr);
  for (const t of parse(r.stdout)) assert.equal(t.meta.score, t.meta.cat_uncertainty);
});

test('suggest: a bad pattern exits 1 naming file, line and field; a bad strategy exits 2', async () => {
  const patterns = writeLines(dir, 'bad-patterns.jsonl', [{ label: 'CITY', pattern: 'lima' }, { label: 'CITY', pattern: [{ pos: 'PROPN' }] }]);
  const r = await workbench(['suggest', model, SAMPLE.textcat, '--patterns', patterns]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^\[E804\] Invalid patterns file \(.*bad-patterns\.jsonl:2, field "pattern\[0\]"\)/);
  const s = await workbench(['suggest', model, SAMPLE.textcat, '--strategy', 'entropy']);
  assert.equal(s.code, 2);
  assert.match(s.stderr, /'--strategy' must be joint, ner or cat/);
});
