import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNluEvaluation, nluEvaluationTokens } from '../../lib/data/nluEvaluation';
import { datasetPath } from '../../lib/data/dataDir';

function fixture(sentences: unknown[], name = 'TinyCorpus'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'nlueval-')), `${name}.json`);
  writeFileSync(file, JSON.stringify({ name, desc: '', lang: 'en', sentences }));
  return file;
}

test('nluEvaluationTokens(text) splits punctuation off and keeps non-ASCII letters in words', () => {
  assert.deepEqual(nluEvaluationTokens('next train in münchner freiheit?').map((t) => t.text), ['next', 'train', 'in', 'münchner', 'freiheit', '?']);
  assert.deepEqual(nluEvaluationTokens('Ubuntu 9.10').map((t) => [t.text, t.start, t.end]), [
    ['Ubuntu', 0, 6],
    ['9', 7, 8],
    ['.', 8, 9],
    ['10', 9, 11],
  ]);
});

test('loadNluEvaluation(file) splits by `training`, maps inclusive token indexes to char spans', () => {
  const file = fixture([
    {
      text: 'when is the next train in muncher freiheit?',
      intent: 'DepartureTime',
      entities: [
        { entity: 'Vehicle', start: 4, stop: 4, text: 'train' },
        { entity: 'StationStart', start: 6, stop: 7, text: 'muncher freiheit' },
      ],
      training: true,
    },
    { text: 'i want to go marienplatz', intent: 'FindConnection', entities: [{ entity: 'StationDest', start: 4, stop: 4, text: 'marienplatz' }], training: false },
  ]);
  const c = loadNluEvaluation(file);
  assert.equal(c.name, 'TinyCorpus');
  assert.equal(c.train.length, 1);
  assert.equal(c.test.length, 1);
  const [a] = c.train;
  assert.deepEqual(
    a.spans.map((s) => [a.text.slice(s.start, s.end), s.label]),
    [
      ['train', 'Vehicle'],
      ['muncher freiheit', 'StationStart'],
    ],
  );
  assert.deepEqual(a.cats, { DepartureTime: 1, FindConnection: 0 });
  assert.deepEqual(c.test[0].cats, { DepartureTime: 0, FindConnection: 1 });
  assert.deepEqual(c.repaired, []);
});

test('loadNluEvaluation(file) re-locates an entity whose indexes are off by a token, and lists the repair', () => {
  const file = fixture([
    { text: 'Problem upgrading Ubuntu 9.10', intent: 'Make Update', entities: [{ entity: 'UbuntuVersion', start: 3, stop: 5, text: 'Ubuntu 9.10' }], training: true },
  ]);
  const c = loadNluEvaluation(file);
  const [a] = c.train;
  assert.deepEqual(a.spans, [{ start: 18, end: 29, label: 'UbuntuVersion' }]);
  assert.deepEqual(c.repaired, [{ index: 0, entity: 'UbuntuVersion', text: 'Ubuntu 9.10', from: [3, 5], to: [2, 5] }]);
});

test('loadNluEvaluation(file) errors: unknown entity text (E106), bad field (E002), bad JSON (E001)', () => {
  const unknown = fixture([{ text: 'shut down now', intent: 'Shutdown', entities: [{ entity: 'X', start: 0, stop: 0, text: 'reboot' }], training: true }]);
  assert.throws(() => loadNluEvaluation(unknown), /\[E106\].*example 0.*entities\[0\].*reboot/);
  const bad = fixture([{ text: 'hi', intent: 'A', entities: [], training: 'yes' }]);
  assert.throws(() => loadNluEvaluation(bad), /\[E002\].*field "training"/);
  const broken = join(mkdtempSync(join(tmpdir(), 'nlueval-')), 'x.json');
  writeFileSync(broken, '{"sentences": [');
  assert.throws(() => loadNluEvaluation(broken), /\[E001\]/);
});

test('loadNluEvaluation on the real corpora: split counts and intents from SOURCE.md', (t) => {
  const dir = datasetPath('nlu_evaluation_corpora');
  if (!dir) return t.skip('nlu_evaluation_corpora not in the data directory');
  for (const [file, train, test_, intents] of [
    ['AskUbuntuCorpus.json', 53, 109, 5],
    ['WebApplicationsCorpus.json', 30, 59, 8],
    ['ChatbotCorpus.json', 100, 106, 2],
  ] as const) {
    const c = loadNluEvaluation(join(dir, file));
    assert.equal(c.train.length, train, file);
    assert.equal(c.test.length, test_, file);
    assert.equal(Object.keys(c.train[0].cats).length, intents, file);
    for (const e of [...c.train, ...c.test]) {
      for (const s of e.spans) {
        assert.ok(e.tokens.some((tok) => tok.start === s.start) && e.tokens.some((tok) => tok.end === s.end), `${file}: ${e.text}`);
      }
    }
    // Only AskUbuntu has entities whose token indexes miss their text (4 of 129).
    assert.equal(c.repaired.length, file === 'AskUbuntuCorpus.json' ? 4 : 0, file);
  }
});
