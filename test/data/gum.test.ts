import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGum } from '../../lib/data/gum';
import { datasetPath } from '../../lib/data/dataDir';

const ents = (e: { text: string; spans: { start: number; end: number; label: string }[] }) => e.spans.map((s) => `${e.text.slice(s.start, s.end)}/${s.label}`);
const row = (id: string, form: string, misc = '_') => [id, form, '_', '_', '_', '_', '_', '_', '_', misc].join('\t');

function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gum-'));
  mkdirSync(join(dir, 'dep'));
  writeFileSync(join(dir, 'splits.md'), '## dev\n\n  * GUM_news_tiny\n\n## train\n\n  * GUM_bio_other\n');
  const doc = [
    '# newdoc id = GUM_news_tiny',
    '# meta::genre = news',
    '# newpar',
    '# text = Iodine deficiency hits Australia.',
    row('1', 'Iodine', 'Entity=(1-abstract-new-sssss-cf1-2-coref(2-substance-new-sssss-cf2-1-coref-Iodine)'),
    row('2', 'deficiency', 'Entity=1)'),
    row('3', 'hits'),
    row('4', 'Australia', 'Entity=(3-place-new-sssss-cf3-1-sgl-Australia)|SpaceAfter=No'),
    row('5', '.'),
    '',
    '# text = It\'s bad.',
    row('1-2', "It's"),
    row('1', 'It', 'Entity=(1-abstract-giv-sssss-cf1-1-coref)'),
    row('2', "'s"),
    row('3', 'bad', 'SpaceAfter=No'),
    row('4', '.'),
    '',
    '# newpar',
    '# text = Ask Cres Eastman.',
    row('1', 'Ask'),
    row('2', 'Cres', 'Entity=(4-person-new-sssss-cf1-2-coref-Cres_Eastman'),
    row('3', 'Eastman', 'Entity=4)|SpaceAfter=No'),
    row('4', '.'),
    '',
  ].join('\n');
  writeFileSync(join(dir, 'dep', 'GUM_news_tiny.conllu'), doc);
  writeFileSync(join(dir, 'dep', 'GUM_bio_other.conllu'), ['# newpar', row('1', 'Hello'), ''].join('\n'));
  return dir;
}

test('loadGum(dir) makes one Example per paragraph with genre cats, SpaceAfter and multi-word tokens', () => {
  const ex = loadGum(fixture(), { split: 'dev' });
  assert.deepEqual(ex.map((e) => e.text), ["Iodine deficiency hits Australia. It's bad.", 'Ask Cres Eastman.']);
  assert.deepEqual(ex[0].tokens.map((t) => t.text), ['Iodine', 'deficiency', 'hits', 'Australia', '.', 'It', "'s", 'bad', '.']);
  assert.ok(ex[0].tokens.every((t) => ex[0].text.slice(t.start, t.end) === t.text));
  assert.deepEqual(ex.map((e) => [e.meta?.doc, e.meta?.paragraph]), [['GUM_news_tiny', 0], ['GUM_news_tiny', 1]]);
  assert.deepEqual(ex[0].cats, { news: 1 });
});

test('loadGum(dir, {namedOnly}) keeps named mentions, or the outermost of all mentions', () => {
  const dir = fixture();
  const named = loadGum(dir, { split: 'dev' });
  assert.deepEqual(named.map(ents), [['Iodine/substance', 'Australia/place'], ['Cres Eastman/person']]);
  const all = loadGum(dir, { split: 'dev', namedOnly: false });
  assert.deepEqual(all.map(ents), [['Iodine deficiency/abstract', 'Australia/place', 'It/abstract'], ['Cres Eastman/person']]);
  const both = loadGum(dir);
  assert.equal(both.length, 3);
  assert.deepEqual(both[0].cats, { bio: 1, news: 0 }); // genre from the file name when there is no meta::genre
});

test('loadGum on the real corpus: split sizes from SOURCE.md, texts equal to # text lines', (t) => {
  const dir = datasetPath('gum');
  if (!dir) return t.skip('GUM not found in the data directory (set WORKBENCH_DATA)');
  const sizes = Object.fromEntries((['train', 'dev', 'test', 'test2'] as const).map((split) => [split, new Set(loadGum(dir, { split }).map((e) => e.meta?.doc)).size]));
  assert.deepEqual(sizes, { train: 177, dev: 30, test: 30, test2: 26 });
  const dev = loadGum(dir, { split: 'dev' });
  assert.equal(new Set(dev.map((e) => e.meta?.genre)).size, 15);
  // GUM_news_iodine: the first paragraph is the headline.
  const iodine = dev.filter((e) => e.meta?.doc === 'GUM_news_iodine');
  assert.equal(iodine.length, readFileSync(join(dir, 'dep', 'GUM_news_iodine.conllu'), 'utf8').split('\n').filter((l) => l === '# newpar').length);
  assert.equal(iodine[0].text, 'Australian children suffering from iodine deficiency');
  assert.deepEqual(ents(iodine[0]), ['iodine/substance']);
  assert.deepEqual(iodine[0].cats.news, 1);
  // Every paragraph's text is its sentences' "# text" joined by spaces.
  const texts = readFileSync(join(dir, 'dep', 'GUM_news_iodine.conllu'), 'utf8')
    .split('# newpar\n')
    .slice(1)
    .map((block) => [...block.matchAll(/^# text = (.*)$/gm)].map((m) => m[1]).join(' '));
  assert.deepEqual(iodine.map((e) => e.text), texts);
  assert.ok(dev.every((e) => e.spans.every((s) => e.tokens.some((tk) => tk.start === s.start) && e.tokens.some((tk) => tk.end === s.end))));
});
