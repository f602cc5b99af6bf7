import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHwu64, parseCsv, parseInlineEntities } from '../../lib/data/hwu64';
import { datasetPath } from '../../lib/data/dataDir';
import { toBiluo } from '../../lib/data/biluo';

const HEADER = 'answerid;scenario;intent;answer_annotation;answer_from_anno;answer_from_user';

/** A dataset folder laid out like the real one: KFold_1/{trainset,testset}/<intent>.csv. */
function fixture(files: Record<string, string>, split = 'trainset'): string {
  const root = mkdtempSync(join(tmpdir(), 'hwu64-'));
  const dir = join(root, 'KFold_1', split);
  mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return root;
}

test('parseInlineEntities(annotation) strips brackets and keeps character spans', () => {
  const { text, spans } = parseInlineEntities('wake me at [time : 10:30] [date : tomorrow] please');
  assert.equal(text, 'wake me at 10:30 tomorrow please');
  assert.deepEqual(spans, [
    { start: 11, end: 16, label: 'time' },
    { start: 17, end: 25, label: 'date' },
  ]);
  assert.deepEqual(parseInlineEntities('no entities here'), { text: 'no entities here', spans: [] });
});

test('parseInlineEntities(annotation) rejects stray brackets and empty values (E105)', () => {
  assert.throws(() => parseInlineEntities('set [time nine]', { file: 'a.csv', line: 3 }), /\[E105\].*a\.csv:3.*stray bracket/);
  assert.throws(() => parseInlineEntities('set [time : ]'), /\[E105\].*empty value/);
});

test('parseCsv(source, ";") reads quoted fields, doubled quotes, CRLF, BOM and multi-line fields', () => {
  const rows = parseCsv('\ufeffa;b\r\n"x;1";"say ""hi"""\n\n"two\nlines";z\n', ';');
  assert.deepEqual(rows, [
    { fields: ['a', 'b'], line: 1 },
    { fields: ['x;1', 'say "hi"'], line: 2 },
    { fields: ['two\nlines', 'z'], line: 4 },
  ]);
  assert.throws(() => parseCsv('a;"open\n', ';', 'f.csv'), /\[E013\].*f\.csv:1.*unterminated/);
});

test('loadHwu64(dir) reads intents as exclusive scenario_intent cats and inline entities as spans', () => {
  const root = fixture({
    'alarm_set.csv': `${HEADER}\n8737;alarm;set;"set an alarm for [date : tomorrow] at [time : six]";"set an alarm for tomorrow at six";"Set an alarm"\n`,
    'weather_query.csv': `${HEADER}\n1;weather;query;"is it [weather_descriptor : raining]?";"is it raining?";"is it raining"\n`,
  });
  const egs = loadHwu64(root);
  assert.equal(egs.length, 2);
  const [a, b] = egs;
  assert.equal(a.text, 'set an alarm for tomorrow at six');
  assert.deepEqual(a.spans, [
    { start: 17, end: 25, label: 'date' },
    { start: 29, end: 32, label: 'time' },
  ]);
  assert.deepEqual(a.cats, { alarm_set: 1, weather_query: 0 });
  assert.deepEqual(b.cats, { alarm_set: 0, weather_query: 1 });
  assert.deepEqual(b.tokens.map((t) => t.text), ['is', 'it', 'raining', '?']);
  assert.deepEqual(a.meta, { answerid: '8737', scenario: 'alarm', file: 'alarm_set.csv', line: 2 });
});

test('loadHwu64(dir, {split: "test"}) reads testset; a mismatch with answer_from_anno is E105', () => {
  const root = fixture({ 'iot_hue.csv': `${HEADER}\n5;iot;hue;"lights [colour : red]";"lights blue";"x"\n` }, 'testset');
  assert.throws(() => loadHwu64(root, { split: 'test' }), /\[E105\].*iot_hue\.csv:2.*answer_from_anno/);
  assert.throws(() => loadHwu64(root, { split: 'train' }), /\[E013\]/);
});

test('loadHwu64(dir) names the file and line of a row with a wrong field count (E002)', () => {
  const root = fixture({ 'a_b.csv': `${HEADER}\n1;a;b;"x"\n` });
  assert.throws(() => loadHwu64(root), /\[E002\].*a_b\.csv:2.*4 fields/);
});

test('loadHwu64 on the real fold 1: counts from SOURCE.md, spans on token boundaries', (t) => {
  const dir = datasetPath('hwu64');
  if (!dir) return t.skip('hwu64 not in the data directory');
  for (const [split, n, mentions, types] of [
    ['train', 9960, 8253, 54],
    ['test', 1076, 880, 45],
  ] as const) {
    const egs = loadHwu64(dir, { split });
    assert.equal(egs.length, n, split);
    assert.equal(Object.keys(egs[0].cats).length, 64);
    assert.equal(new Set(egs.map((e) => e.meta?.scenario)).size, 18);
    assert.equal(egs.reduce((a, e) => a + e.spans.length, 0), mentions);
    assert.equal(new Set(egs.flatMap((e) => e.spans.map((s) => s.label))).size, types);
    egs.forEach((e, i) => assert.ok(!toBiluo(e, { misaligned: 'missing', index: i }).includes('-'), e.text));
  }
});
