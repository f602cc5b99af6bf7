import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Example } from '../../../lib/data/types';
import { tokenize } from '../../../lib/data/tokenize';
import { trainPipeline } from '../../../lib/models';

// Every scheme added beside shared/separate accepts any Example set: multilabel categories, texts
// without categories, texts without (or without annotated) entities, one task only.

const eg = (text: string, ents: [string, string][], cats: Record<string, number>, meta?: Example['meta']): Example => ({
  text,
  tokens: tokenize(text),
  spans: ents.map(([word, label]) => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length, label })),
  cats,
  ...(meta ? { meta } : {}),
});

const mixed: Example[] = [
  eg('fire at Acme in Oslo', [['Acme', 'ORG'], ['Oslo', 'CITY']], { INTEREST: 1, NEWS: 1 }, { doc: 'd1', paragraph: 0 }), // two positives
  eg('Acme sells shoes', [['Acme', 'ORG']], { INTEREST: 0, NEWS: 1 }, { doc: 'd1', paragraph: 1 }),
  eg('nothing to see here', [], { INTEREST: 0 }, { doc: 'd1', paragraph: 2 }), // no entities, only a rejection
  eg('Bolt bought Cask in Rome', [['Bolt', 'ORG'], ['Cask', 'ORG'], ['Rome', 'CITY']], {}), // no categories
  eg('leak in Oslo', [], { INTEREST: 1 }, { hasNer: false }), // NER not annotated
  eg('Rome weather', [['Rome', 'CITY']], { NEWS: 1 }),
];
const nerOnly = mixed.filter((e) => e.meta?.hasNer !== false).map((e) => ({ ...e, cats: {} }));
const catsOnly = mixed.map((e) => ({ ...e, spans: [] }));

const config = (scheme: string) => ({
  scheme,
  epochs: 2,
  batchSize: 4,
  dropout: 0,
  encoder: { width: 16, depth: 1, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [200, 50, 100, 50] },
  training: { warmupSteps: 0 },
});

for (const scheme of ['conditioned', 'label-token', 'ner-features', 'soft-cascade', 'hard-cascade']) {
  test(`${scheme}: trains and predicts on multilabel, category-less, entity-less and single-task data`, async () => {
    for (const [name, data] of [['mixed', mixed], ['ner only', nerOnly], ['cats only', catsOnly]] as const) {
      const p = await trainPipeline(config(scheme), data);
      const preds = p.predictExamples(data);
      assert.equal(preds.length, data.length, name);
      for (const [i, pred] of preds.entries()) {
        assert.deepEqual(Object.keys(pred.cats).sort(), p.labels.cats, `${name} ${i}: one score per category`);
        assert.ok(pred.spans.every((s) => p.labels.ents.includes(s.label) && data[i].text.slice(s.start, s.end).trim().length > 0), `${name} ${i}`);
      }
      if (name === 'mixed') assert.equal(p.labelSet.exclusive, false);
      p.dispose();
    }
  });
}
