import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSlotIntent } from '../../lib/data/slotIntent';
import { datasetPath } from '../../lib/data/dataDir';
import { WorkbenchError } from '../../lib/errors';

function fixture(files: { 'seq.in': string; 'seq.out': string; label: string }, split?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'slots-'));
  const dir = split ? join(root, split) : root;
  mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return root;
}

test('loadSlotIntent(dir) trims trailing and repeated spaces, joins tokens by one space', () => {
  const dir = fixture({
    'seq.in': 'find  jetmore  massachusetts weather \nplay westbam \n',
    'seq.out': 'O B-city I-city O \nO B-artist\n',
    label: 'GetWeather\nPlayMusic\n',
  });
  const [a, b] = loadSlotIntent(dir);
  assert.equal(a.text, 'find jetmore massachusetts weather');
  assert.deepEqual(a.tokens.map((t) => a.text.slice(t.start, t.end)), ['find', 'jetmore', 'massachusetts', 'weather']);
  assert.deepEqual(a.spans, [{ start: 5, end: 26, label: 'city' }]);
  assert.deepEqual(a.cats, { GetWeather: 1, PlayMusic: 0 });
  assert.deepEqual(b.cats, { GetWeather: 0, PlayMusic: 1 });
  assert.equal(b.meta?.line, 2);
});

test('loadSlotIntent(dir): I- without B- starts a span; #-joined intents set several cats', () => {
  const dir = fixture(
    {
      'seq.in': 'fares from boston to denver\n',
      'seq.out': 'O O I-from O B-to\n',
      label: 'atis_airfare#atis_flight\n',
    },
    'valid',
  );
  // A dataset folder plus split; 'dev' finds the 'valid' folder.
  const [e] = loadSlotIntent(dir, { split: 'dev' });
  assert.deepEqual(e.spans.map((s) => [e.text.slice(s.start, s.end), s.label]), [['boston', 'from'], ['denver', 'to']]);
  assert.deepEqual(e.cats, { atis_airfare: 1, atis_flight: 1 });
});

test('loadSlotIntent(dir) names file and line when seq.in and seq.out disagree', () => {
  const dir = fixture({ 'seq.in': 'a b\nc d e\n', 'seq.out': 'O O\nO O\n', label: 'x\ny\n' });
  assert.throws(
    () => loadSlotIntent(dir),
    (e: unknown) => e instanceof WorkbenchError && e.code === 'E103' && e.message.includes(`${join(dir, 'seq.out')}:2`) && /3 tokens.*2 tags/.test(e.message),
  );
  const short = fixture({ 'seq.in': 'a\nb\n', 'seq.out': 'O\n', label: 'x\ny\n' });
  assert.throws(() => loadSlotIntent(short), /E103.*seq\.out:2/);
  const badTag = fixture({ 'seq.in': 'a b\n', 'seq.out': 'O X-city\n', label: 'x\n' });
  assert.throws(() => loadSlotIntent(badTag), /E102.*seq\.out:1.*tags\[1\]/);
  assert.throws(() => loadSlotIntent(join(dir, 'nope')), /E013/);
});

test('loadSlotIntent on the real SNIPS and ATIS splits matches their SOURCE.md counts', (t) => {
  const snips = datasetPath('snips');
  const atis = datasetPath('atis');
  if (!snips || !atis) return t.skip('SNIPS/ATIS not found in the data directory (set WORKBENCH_DATA)');
  const train = loadSlotIntent(join(snips, 'train'));
  assert.equal(train.length, 13084);
  assert.equal(Object.keys(train[0].cats).length, 7);
  assert.equal(train.reduce((n, e) => n + e.tokens.length, 0), 117700);
  assert.equal(new Set(train.flatMap((e) => e.spans.map((s) => s.label))).size, 39);
  assert.ok(train.every((e) => Object.values(e.cats).filter((v) => v === 1).length === 1));
  assert.equal(train[0].text, 'listen to westbam alumb allergic on google music');
  assert.deepEqual(train[0].spans.map((s) => train[0].text.slice(s.start, s.end)), ['westbam', 'allergic', 'google music']);
  const atisTrain = loadSlotIntent(atis);
  assert.equal(atisTrain.length, 4478);
  assert.equal(atisTrain.reduce((n, e) => n + e.tokens.length, 0), 50497);
  assert.equal(atisTrain.filter((e) => Object.values(e.cats).filter((v) => v === 1).length > 1).length, 23);
  assert.equal(loadSlotIntent(atis, { split: 'test' }).length, 893);
});
