import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Example } from '../../../lib/data/types';
import { tokenize } from '../../../lib/data/tokenize';
import { makeBatch } from '../../../lib/models/inputs/batch';
import { prepareForTraining } from '../../../lib/models/inputs/doc';
import { featureSettings, Featurizer } from '../../../lib/models/encoder/features';
import { collectLabels } from '../../../lib/models/inputs/labels';
import { NgramHasher } from '../../../lib/models/heads/ngrams';

const eg = (text: string, spans: Example['spans'], cats: Record<string, number>, meta?: Example['meta']): Example => ({ text, tokens: tokenize(text), spans, cats, meta });

const data = [
  eg('fly to New York', [{ start: 7, end: 15, label: 'CITY' }], { FLIGHT: 1, MUSIC: 0 }),
  eg('play jazz', [{ start: 5, end: 9, label: 'GENRE' }], { MUSIC: 1 }),
  eg('play jazz now', [], { MUSIC: 1 }, { hasNer: false }),
  eg('to Berlinx', [{ start: 3, end: 9, label: 'CITY' }], {}), // span ends inside a token
];

test('prepareForTraining: BILUO tag ids, unknown tags for misaligned spans and NER-less texts, category masks', () => {
  const labels = collectLabels(data, 'biluo', 'auto');
  const { docs, stats } = prepareForTraining(data, labels);
  const tag = (name: string) => labels.tags.indexOf(name);
  assert.deepEqual([...docs[0].tags!], [tag('O'), tag('O'), tag('B-CITY'), tag('L-CITY')]);
  assert.deepEqual([...docs[1].tags!], [tag('O'), tag('U-GENRE')]);
  assert.deepEqual([...docs[2].tags!], [-1, -1, -1], 'meta.hasNer === false: every tag unknown');
  assert.deepEqual([...docs[3].tags!], [tag('O'), -1], 'misaligned span: its token unknown');
  assert.deepEqual(stats, { unknownTagTokens: 1, unknownEntityLabels: 0, unknownCatLabels: 0, nerUnannotated: 1, rejectedSpans: 0, rejectedSpansUnused: 0 });
  // cats sorted [FLIGHT, MUSIC]; absent = unknown (mask 0).
  assert.deepEqual([...docs[0].cats!], [1, 0]);
  assert.deepEqual([...docs[0].catMask!], [1, 1]);
  assert.deepEqual([...docs[1].catMask!], [0, 1]);
  assert.deepEqual([...docs[3].catMask!], [0, 0]);
});

test('makeBatch(docs) concatenates tokens, keys, tags and category rows; n-grams per text', () => {
  const labels = collectLabels(data, 'bio', 'auto');
  const { docs } = prepareForTraining(data, labels);
  const f = new Featurizer(featureSettings(['NORM', 'SHAPE']));
  const batch = makeBatch(docs.slice(0, 2), f, labels.cats.length, new NgramHasher(2, 1 << 16));
  assert.deepEqual(batch.lengths, [4, 2]);
  assert.equal(batch.nTokens, 6);
  assert.equal(batch.keys.keys.length, 12);
  assert.deepEqual([...batch.keys.keys.slice(8, 10)], [...f.tokenKeys('play')]);
  assert.deepEqual([...batch.tags!], [...docs[0].tags!, ...docs[1].tags!]);
  assert.deepEqual([...batch.cats!], [1, 0, 0, 1]);
  assert.deepEqual(batch.ngrams!.lengths, [7, 3], '4 unigrams + 3 bigrams; 2 + 1');
  assert.ok([...batch.ngrams!.ids].every((id) => id >= 0 && id < 1 << 16));
  const bare = makeBatch([{ index: 0, text: 'x', tokens: tokenize('x') }], f, 2);
  assert.equal(bare.tags, undefined);
  assert.equal(bare.cats, undefined);
});
