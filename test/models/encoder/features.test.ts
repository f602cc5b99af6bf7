import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Featurizer, attributeGetters, featureSettings, wordShape } from '../../../lib/models/encoder/features';
import { murmurhash3_32 } from '../../../lib/data/hashes';

test('wordShape(text) follows spaCy (X/x/d, runs cut after 4)', () => {
  assert.equal(wordShape('Apple'), 'Xxxxx');
  assert.equal(wordShape('Washington'), 'Xxxxx');
  assert.equal(wordShape('1984'), 'dddd');
  assert.equal(wordShape('123456'), 'dddd');
  assert.equal(wordShape('C3-PO'), 'Xd-XX');
  assert.equal(wordShape('Zürich'), 'Xxxxx');
  assert.equal(wordShape('e-mail'), 'x-xxxx');
});

test('attribute getters: NORM lower-cases, PREFIX first char, SUFFIX last 3', () => {
  assert.equal(attributeGetters.NORM('Berlin'), 'berlin');
  assert.equal(attributeGetters.PREFIX('Berlin'), 'B');
  assert.equal(attributeGetters.SUFFIX('Berlin'), 'lin');
  assert.equal(attributeGetters.SUFFIX('a'), 'a');
  assert.equal(attributeGetters.PREFIX3('Berlin'), 'ber');
  assert.equal(attributeGetters.SUFFIX4('Berlin'), 'rlin');
});

test('Featurizer.keys(docs) lays out keys[t * nAttrs + a] = murmurhash3_32(attr(token), seed[a])', () => {
  const settings = featureSettings(['NORM', 'PREFIX', 'SUFFIX', 'SHAPE']);
  assert.equal(new Set(settings.seeds).size, 4, 'per-attribute seeds differ');
  const f = new Featurizer(settings);
  const { keys, nTokens, nAttrs } = f.keys([[{ text: 'Hello' }, { text: 'World' }], [{ text: 'hello' }]]);
  assert.equal(nTokens, 3);
  assert.equal(nAttrs, 4);
  assert.equal(keys[0], murmurhash3_32('hello', settings.seeds[0]));
  assert.equal(keys[1], murmurhash3_32('H', settings.seeds[1]));
  assert.equal(keys[4 + 2], murmurhash3_32('rld', settings.seeds[2]));
  assert.equal(keys[4 + 3], murmurhash3_32('Xxxxx', settings.seeds[3]));
  // NORM of "Hello" and "hello" agree; PREFIX differs.
  assert.equal(keys[0], keys[8]);
  assert.notEqual(keys[1], keys[9]);
});

test('Featurizer: same text same keys across instances (settings fully determine keys)', () => {
  const a = new Featurizer(featureSettings(['NORM', 'SHAPE']));
  const b = new Featurizer(JSON.parse(JSON.stringify(a.settings)));
  assert.deepEqual([...a.tokenKeys('Zürich')], [...b.tokenKeys('Zürich')]);
});
