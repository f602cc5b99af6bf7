import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readExamples, readNerTextcat } from '../../lib/data/readExamples';
import { sampleFiles } from '../../lib/data/sample';

const dir = mkdtempSync(join(tmpdir(), 'read-examples-'));
const file = (name: string, lines: (object | string)[]) => {
  const p = join(dir, name);
  writeFileSync(p, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return p;
};

test('readNerTextcat joins the sample sets; a text in one set only keeps the other annotation unknown', async () => {
  const { ner, textcat } = sampleFiles();
  const { examples, format, stats } = await readNerTextcat(ner, textcat);
  assert.equal(format, 'prodigy');
  assert.equal(examples.length, 240);
  assert.equal(stats!.lines, 515);
  assert.equal(examples.filter((e) => e.meta?.hasNer && e.meta?.hasCats).length, 227);
});

test('readNerTextcat: a task of the other kind is E101 naming the file and line', async () => {
  const { mixed, textcat } = sampleFiles();
  await assert.rejects(readNerTextcat(mixed, textcat), /\[E101\].*mixed\.jsonl:2, field "options"/);
});

test('readExamples(.jsonl) splits a mixed Prodigy file by task kind', async () => {
  const { examples, format, stats } = await readExamples(sampleFiles().mixed);
  assert.equal(format, 'prodigy');
  assert.equal(examples.length, 40);
  assert.deepEqual([stats!.ner, stats!.textcat, stats!.ignored], [41, 43, 2]);
  assert.equal(examples.filter((e) => e.meta?.hasNer && e.meta?.hasCats).length, 38);
});

test('readExamples reads joint lines (code-point offsets; cats 0/1, or options + accept over scores)', async () => {
  const p = file('joint.jsonl', [
    { text: '🏨 in Lima', spans: [{ start: 5, end: 9, label: 'CITY' }], cats: { HOTEL: 1, FLIGHT: 0 } },
    { text: 'fly to Oslo', spans: [], cats: { HOTEL: 0.2, FLIGHT: 0.9 }, options: [{ id: 'HOTEL' }, { id: 'FLIGHT' }], accept: ['FLIGHT'] },
    { text: 'no spans key', cats: { HOTEL: 1 } },
  ]);
  const { examples, format } = await readExamples(p);
  assert.equal(format, 'joint');
  assert.deepEqual(examples[0].spans, [{ start: 6, end: 10, label: 'CITY' }]); // UTF-16: the emoji is 2 units
  assert.deepEqual(examples[0].cats, { HOTEL: 1, FLIGHT: 0 });
  assert.deepEqual(examples[1].cats, { HOTEL: 0, FLIGHT: 1 });
  assert.equal(examples[2].meta?.hasNer, false);
});

test('readExamples: a category score without options/accept, or a reject, is E802 naming line and field', async () => {
  await assert.rejects(readExamples(file('bad.jsonl', [{ text: 'a b', cats: { X: 1 } }, { text: 'c d', cats: { X: 0.7 } }])), /\[E802\].*bad\.jsonl:2, field "cats\.X"/);
  await assert.rejects(readExamples(file('rej.jsonl', [{ text: 'a b', cats: { X: 1 }, answer: 'reject' }])), /\[E802\].*rej\.jsonl:1, field "answer"/);
});

test('readExamples reads CoNLL files and SNIPS/ATIS folders (with a split); other paths are E801', async () => {
  const conll = join(dir, 'a.conll');
  writeFileSync(conll, 'Paris B-LOC\nis O\n\nBob B-PER\n');
  const c = await readExamples(conll);
  assert.equal(c.format, 'conll');
  assert.deepEqual(c.examples.map((e) => e.spans.map((s) => s.label)), [['LOC'], ['PER']]);
  const snips = join(dir, 'snips');
  for (const split of ['train', 'test']) {
    mkdirSync(join(snips, split), { recursive: true });
    writeFileSync(join(snips, split, 'seq.in'), `fly to ${split === 'train' ? 'Oslo' : 'Rome'}\n`);
    writeFileSync(join(snips, split, 'seq.out'), 'O O B-city\n');
    writeFileSync(join(snips, split, 'label'), 'Flight\n');
  }
  const t = await readExamples(snips, { split: 'test' });
  assert.equal(t.format, 'slot-intent');
  assert.equal(t.examples[0].text, 'fly to Rome');
  await assert.rejects(readExamples(join(dir, 'nope.jsonl')), /\[E801\].*nope\.jsonl.*no such file/);
  await assert.rejects(readExamples(file('x.csv', ['a,b'])), /\[E801\].*unknown data format "\.csv"/);
});
