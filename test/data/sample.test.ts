import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { loadProdigy, readProdigy } from '../../lib/data/prodigy';
import { loadSample, loadSampleDocuments, loadSampleJoint, sampleFiles } from '../../lib/data/sample';
import { splitByTask } from '../../lib/data/merge';
import { WorkbenchError } from '../../lib/errors';

test('sampleFiles() point at small shipped files', () => {
  const files = Object.values(sampleFiles());
  const total = files.reduce((n, p) => n + statSync(p).size, 0);
  assert.ok(total < 1_000_000, `sample is ${total} bytes`);
});

test('loadSampleJoint() gives ≥ 200 texts with spans and one exclusive intent each', async () => {
  const joint = await loadSampleJoint();
  assert.ok(joint.length >= 200, `${joint.length} texts`);
  const intents = new Set(joint.flatMap((e) => Object.keys(e.cats)));
  const types = new Set(joint.flatMap((e) => e.spans.map((s) => s.label)));
  assert.ok(intents.size >= 4 && types.size >= 4, `${intents.size} intents, ${types.size} entity types`);
  for (const e of joint) assert.ok(Object.values(e.cats).filter((v) => v === 1).length <= 1, e.text);
  const both = joint.filter((e) => e.meta?.hasNer && Object.values(e.cats).includes(1));
  assert.ok(both.length >= 200, `${both.length} texts with gold spans and a gold intent`);
  // Rejects and ignores are present, so the sample exercises negative evidence.
  assert.ok(joint.some((e) => e.negSpans?.length));
  assert.ok(joint.some((e) => !e.meta?.hasNer));
  assert.ok(joint.some((e) => Object.values(e.cats).includes(0) && !Object.values(e.cats).includes(1)));
});

test('the sample has emoji before entities, so code-point offsets matter', async () => {
  const { ner } = await loadSample();
  const joint = await loadSampleJoint();
  const astralBefore = joint.filter((e) => e.spans.some((s) => /[\uD800-\uDBFF]/.test(e.text.slice(0, s.start))));
  assert.ok(astralBefore.length >= 10, `${astralBefore.length} texts`);
  // Read naively as UTF-16, the raw Prodigy offsets would cut those entities wrong.
  const e = astralBefore[0];
  const raw = ner.find((t) => t.text === e.text && t.answer === 'accept') as { spans: { start: number; end: number }[] };
  assert.notEqual(e.text.slice(raw.spans.at(-1)!.start, raw.spans.at(-1)!.end), e.text.slice(e.spans.at(-1)!.start, e.spans.at(-1)!.end));
});

test('the sample has both textcat styles and the mixed file fails as textcat with a how-to-split message', async () => {
  const { textcat, mixed } = await loadSample();
  assert.ok(textcat.some((t) => Array.isArray(t.options)) && textcat.some((t) => typeof t.label === 'string'));
  assert.ok(textcat.some((t) => t.answer === 'reject') && textcat.some((t) => t.answer === 'ignore'));
  await assert.rejects(
    loadProdigy(sampleFiles().mixed, { task: 'textcat' }),
    (err: unknown) => err instanceof WorkbenchError && err.code === 'E003' && err.message.includes(`${sampleFiles().mixed}:`) && err.message.includes('splitByTask'),
  );
  const parts = splitByTask(mixed);
  assert.equal(parts.other.length, 0);
  const { stats } = await readProdigy(sampleFiles().mixed, { task: 'auto' });
  assert.equal(stats.ner + stats.textcat + stats.ignored, mixed.length);
  assert.equal(stats.examples, 40);
});

test('loadSampleDocuments() gives ≥ 20 documents of 5-15 paragraphs with INTEREST / OTHER and spans', async () => {
  const paragraphs = await loadSampleDocuments();
  const byDoc = new Map<string, number[]>();
  for (const p of paragraphs) {
    const list = byDoc.get(p.meta!.doc!) ?? [];
    list.push(p.meta!.paragraph!);
    byDoc.set(p.meta!.doc!, list);
  }
  assert.ok(byDoc.size >= 20);
  for (const [doc, list] of byDoc) {
    assert.ok(list.length >= 5 && list.length <= 15, doc);
    assert.deepEqual(list, list.map((_, i) => i), doc);
  }
  const interest = paragraphs.filter((p) => p.cats.INTEREST === 1);
  assert.ok(interest.length > 20 && interest.length < paragraphs.length / 2);
  assert.ok(paragraphs.every((p) => p.cats.INTEREST + p.cats.OTHER === 1));
  assert.ok(paragraphs.filter((p) => p.spans.length > 0).length > 0.8 * paragraphs.length);
});
