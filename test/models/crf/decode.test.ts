import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromBio, fromBiluo } from '../../../lib/data/biluo';
import { tokenize } from '../../../lib/data/tokenize';
import { Rng } from '../../../lib/engine/random';
import { collectLabels } from '../../../lib/models/inputs/labels';
import { decodeEntities, pathEntities } from '../../../lib/models/crf/decode';
import { tagConstraints } from '../../../lib/models/crf/tagConstraints';
import { viterbi } from '../../../lib/models/crf/viterbi';

const text = 'fly from New York to San Francisco on Monday morning please';
const tokens = tokenize(text);
const examples = [{ text, tokens, spans: [{ start: 9, end: 17, label: 'CITY' }, { start: 38, end: 44, label: 'DAY' }], cats: {} }];

for (const scheme of ['biluo', 'bio'] as const) {
  test(`pathEntities (${scheme}) equals lib/data's ${scheme === 'biluo' ? 'fromBiluo' : 'fromBio'} on random valid paths, with char offsets`, () => {
    const labels = collectLabels(examples, scheme, 'auto');
    const c = tagConstraints(labels.tags, scheme);
    const rng = new Rng(scheme === 'biluo' ? 5 : 6);
    const K = labels.tags.length;
    for (let trial = 0; trial < 200; trial++) {
      const scores = Float32Array.from({ length: tokens.length * K }, () => rng.normal() * 3);
      const path = viterbi(scores, tokens.length, c);
      const names = Array.from(path, (j) => labels.tags[j]);
      const expected = (scheme === 'biluo' ? fromBiluo : fromBio)(tokens, names).map((s) => ({ ...s, text: text.slice(s.start, s.end) }));
      assert.deepEqual(pathEntities(path, tokens, text, labels), expected);
    }
  });
}

test('decodeEntities(scores, ...) returns the constrained decoding as entities', () => {
  const labels = collectLabels(examples, 'biluo', 'auto');
  const c = tagConstraints(labels.tags, 'biluo');
  const K = labels.tags.length;
  const scores = new Float32Array(tokens.length * K).fill(-5);
  const gold = ['O', 'O', 'B-CITY', 'L-CITY', 'O', 'O', 'O', 'O', 'U-DAY', 'O', 'O'];
  gold.forEach((tag, t) => (scores[t * K + labels.tags.indexOf(tag)] = 0));
  assert.deepEqual(decodeEntities(scores, 0, tokens, text, labels, { constraints: c }), [
    { start: 9, end: 17, label: 'CITY', text: 'New York' },
    { start: 38, end: 44, label: 'DAY', text: 'Monday' },
  ]);
});
