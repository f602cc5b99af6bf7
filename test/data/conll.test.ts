import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConll } from '../../lib/data/conll';
import { datasetPath } from '../../lib/data/dataDir';

function file(body: string): string {
  const p = join(mkdtempSync(join(tmpdir(), 'conll-')), 'x.txt');
  writeFileSync(p, body);
  return p;
}
const ents = (e: { text: string; spans: { start: number; end: number; label: string }[] }) => e.spans.map((s) => `${e.text.slice(s.start, s.end)}/${s.label}`);

test('loadConll(path) reads IOB2, -DOCSTART- document ids and blank-line sentences', () => {
  const p = file(
    ['-DOCSTART- -X- -X- O', '', 'EU NNP B-NP B-ORG', 'rejects VBZ B-VP O', 'German JJ B-NP B-MISC', '', 'Peter NNP B-NP B-PER', 'Blackburn NNP I-NP I-PER', '', '', '-DOCSTART- -X- -X- O', '', 'BRUSSELS NNP B-NP B-LOC'].join('\n'),
  );
  const ex = loadConll(p);
  assert.deepEqual(ex.map((e) => e.text), ['EU rejects German', 'Peter Blackburn', 'BRUSSELS']);
  assert.deepEqual(ex.map(ents), [['EU/ORG', 'German/MISC'], ['Peter Blackburn/PER'], ['BRUSSELS/LOC']]);
  assert.deepEqual(ex.map((e) => [e.meta?.doc, e.meta?.sentence, e.meta?.line]), [['doc-0', 0, 3], ['doc-0', 1, 7], ['doc-1', 0, 13]]);
  assert.deepEqual(ex[0].cats, {});
});

test('loadConll(path) reads IOB1: I-X after O starts an entity, B-X separates same-type neighbours', () => {
  const p = file(['The O', 'European I-ORG', 'Commission I-ORG', 'and O', 'Paris I-LOC', 'Rome B-LOC', 'met O'].join('\n') + '\n');
  const [e] = loadConll(p);
  assert.deepEqual(ents(e), ['European Commission/ORG', 'Paris/LOC', 'Rome/LOC']);
  assert.equal(e.meta?.doc, undefined); // no -DOCSTART- before it
});

test('loadConll(path) reads BILUO tags and names the line of an unknown tag', () => {
  const [e] = loadConll(file('New B-LOC\nYork L-LOC\nis O\nbig U-X\n'));
  assert.deepEqual(ents(e), ['New York/LOC', 'big/X']);
  const bad = file('a O\n\nb O\nc Z-LOC\n');
  assert.throws(() => loadConll(bad), (err: Error) => /E102/.test(err.message) && err.message.includes(`${bad}:4`) && /field "tag"/.test(err.message));
});

test('loadConll on the real CoNLL-2003 train split matches SOURCE.md counts', (t) => {
  const dir = datasetPath('conll2003');
  if (!dir) return t.skip('CoNLL-2003 not found in the data directory (set WORKBENCH_DATA)');
  const ex = loadConll(join(dir, 'train.txt'));
  assert.equal(ex.length, 14041);
  assert.equal(new Set(ex.map((e) => e.meta?.doc)).size, 946);
  assert.equal(ex.reduce((n, e) => n + e.tokens.length, 0), 203621);
  const byType: Record<string, number> = {};
  for (const e of ex) for (const s of e.spans) byType[s.label] = (byType[s.label] ?? 0) + 1;
  assert.deepEqual(byType, { ORG: 6321, MISC: 3438, PER: 6600, LOC: 7140 });
});
