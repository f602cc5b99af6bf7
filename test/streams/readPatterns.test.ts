import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPatterns } from '../../lib/streams/readPatterns';
import { PhraseMatcher } from '../../lib/streams/phraseMatcher';

const dir = mkdtempSync(join(tmpdir(), 'patterns-'));
const file = (name: string, lines: unknown[]) => {
  const p = join(dir, name);
  writeFileSync(p, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return p;
};

test('readPatterns reads string and token-list patterns (lower / orth / text) with labels and ids', async () => {
  const p = file('ok.jsonl', [
    { label: 'CITY', pattern: 'new york' },
    { label: 'CITY', pattern: [{ lower: 'san' }, { LOWER: 'jose' }], id: 'sj' },
    { pattern: [{ orth: 'Lima' }] },
  ]);
  const patterns = await readPatterns(p);
  assert.deepEqual(patterns, [{ pattern: 'new york', label: 'CITY' }, { pattern: 'san jose', label: 'CITY', id: 'sj' }, { pattern: 'Lima' }]);
  const m = new PhraseMatcher(patterns, { attr: 'LOWER' });
  assert.deepEqual(m.match('fly to San Jose').map((x) => [x.text, x.label, x.id]), [['San Jose', 'CITY', 'sj']]);
});

test('readPatterns rejects what a phrase matcher cannot match, naming file, line and field (E804)', async () => {
  await assert.rejects(readPatterns(file('pos.jsonl', [{ label: 'X', pattern: 'a' }, { label: 'X', pattern: [{ lower: 'a' }, { pos: 'NOUN' }] }])), /\[E804\].*pos\.jsonl:2, field "pattern\[1\]"/);
  await assert.rejects(readPatterns(file('num.jsonl', [{ label: 'X', pattern: 3 }])), /\[E804\].*num\.jsonl:1, field "pattern"/);
  await assert.rejects(readPatterns(file('label.jsonl', [{ label: 1, pattern: 'a' }])), /\[E804\].*label\.jsonl:1, field "label"/);
});
