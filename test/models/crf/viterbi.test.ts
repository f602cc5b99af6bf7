import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tagNames } from '../../../lib/models/inputs/labels';
import { isValidSequence, tagConstraints } from '../../../lib/models/crf/tagConstraints';
import { viterbi } from '../../../lib/models/crf/viterbi';
import { Rng } from '../../../lib/engine/random';

const tags = tagNames(['LOC', 'PER'], 'biluo');
const biluo = tagConstraints(tags, 'biluo');
const bioTags = tagNames(['LOC', 'PER'], 'bio');
const bio = tagConstraints(bioTags, 'bio');
const id = (name: string, names = tags) => names.indexOf(name);

test('tagConstraints(biluo) allows I/L only inside an entity of the same label', () => {
  const ok = (a: string, b: string) => biluo.allowed[id(a) * biluo.nTags + id(b)] === 1;
  assert.ok(ok('B-LOC', 'I-LOC') && ok('B-LOC', 'L-LOC') && ok('I-LOC', 'L-LOC'));
  assert.ok(ok('O', 'B-PER') && ok('U-LOC', 'U-PER') && ok('L-LOC', 'O'));
  assert.ok(!ok('O', 'I-LOC') && !ok('B-LOC', 'L-PER') && !ok('B-LOC', 'O') && !ok('U-LOC', 'L-LOC'));
  assert.deepEqual([...biluo.start].map((s, j) => (s ? tags[j] : '')).filter(Boolean), ['O', 'B-LOC', 'U-LOC', 'B-PER', 'U-PER']);
  assert.deepEqual([...biluo.end].map((s, j) => (s ? tags[j] : '')).filter(Boolean), ['O', 'L-LOC', 'U-LOC', 'L-PER', 'U-PER']);
});

test('tagConstraints(bio) forbids I-X after O or after another label', () => {
  const ok = (a: string, b: string) => bio.allowed[id(a, bioTags) * bio.nTags + id(b, bioTags)] === 1;
  assert.ok(ok('B-LOC', 'I-LOC') && ok('I-LOC', 'I-LOC') && ok('I-LOC', 'B-LOC') && ok('O', 'B-PER'));
  assert.ok(!ok('O', 'I-LOC') && !ok('B-PER', 'I-LOC'));
  assert.equal(bio.start[id('I-LOC', bioTags)], 0);
});

test('viterbi(emissions) prefers the best valid sequence over the greedy invalid one', () => {
  const K = tags.length;
  // Greedy argmax would be O I-LOC O (invalid); the best valid path is O U-LOC O or similar.
  const e = new Float32Array(3 * K).fill(-5);
  e[0 * K + id('O')] = 0;
  e[1 * K + id('I-LOC')] = 0;
  e[1 * K + id('U-LOC')] = -1;
  e[2 * K + id('O')] = 0;
  const path = [...viterbi(e, 3, biluo)].map((j) => tags[j]);
  assert.deepEqual(path, ['O', 'U-LOC', 'O']);
});

test('viterbi(emissions, T, c, scores) adds transition, start and end scores', () => {
  const K = tags.length;
  const e = new Float32Array(2 * K); // all equal: scores decide
  const trans = new Float32Array(K * K);
  trans[id('B-PER') * K + id('L-PER')] = 3;
  const start = new Float32Array(K);
  const end = new Float32Array(K);
  const path = [...viterbi(e, 2, biluo, { trans, start, end })].map((j) => tags[j]);
  assert.deepEqual(path, ['B-PER', 'L-PER']);
});

test('viterbi never yields an invalid sequence (property test, random scores, both schemes)', () => {
  const rng = new Rng(7);
  for (const [c, names] of [
    [biluo, tags],
    [bio, bioTags],
  ] as const) {
    const K = names.length;
    for (let trial = 0; trial < 300; trial++) {
      const T = 1 + rng.int(9);
      const e = Float32Array.from({ length: T * K }, () => rng.normal() * 3);
      const scores =
        trial % 2 === 0
          ? undefined
          : {
              trans: Float32Array.from({ length: K * K }, () => rng.normal()),
              start: Float32Array.from({ length: K }, () => rng.normal()),
              end: Float32Array.from({ length: K }, () => rng.normal()),
            };
      const path = viterbi(e, T, c, scores);
      assert.ok(isValidSequence(path, c), `invalid ${[...path].map((j) => names[j]).join(' ')}`);
    }
  }
});

test('viterbi finds the maximum with and without CRF scores (brute force over valid sequences, T ≤ 3)', () => {
  const rng = new Rng(3);
  const K = tags.length;
  for (let trial = 0; trial < 60; trial++) {
    const T = 1 + rng.int(3);
    const e = Float32Array.from({ length: T * K }, () => rng.normal());
    const trans = Float32Array.from({ length: K * K }, () => rng.normal());
    const start = Float32Array.from({ length: K }, () => rng.normal());
    const end = Float32Array.from({ length: K }, () => rng.normal());
    let best = -Infinity;
    const path = new Int32Array(T);
    const visit = (t: number): void => {
      if (t === T) {
        if (!isValidSequence(path, biluo)) return;
        let s = start[path[0]] + end[path[T - 1]];
        for (let u = 0; u < T; u++) s += e[u * K + path[u]] + (u > 0 ? trans[path[u - 1] * K + path[u]] : 0);
        best = Math.max(best, s);
        return;
      }
      for (let j = 0; j < K; j++) {
        path[t] = j;
        visit(t + 1);
      }
    };
    visit(0);
    const got = viterbi(e, T, biluo, { trans, start, end });
    let s = start[got[0]] + end[got[T - 1]];
    for (let u = 0; u < T; u++) s += e[u * K + got[u]] + (u > 0 ? trans[got[u - 1] * K + got[u]] : 0);
    assert.ok(Math.abs(s - best) < 1e-4, `viterbi ${s} vs brute force ${best}`);
    // Without transition scores (softmax tagger): the same maximum over emissions alone.
    trans.fill(0);
    start.fill(0);
    end.fill(0);
    best = -Infinity;
    visit(0);
    const plain = viterbi(e, T, biluo);
    let p = 0;
    for (let u = 0; u < T; u++) p += e[u * K + plain[u]];
    assert.ok(isValidSequence(plain, biluo) && Math.abs(p - best) < 1e-4, `plain viterbi ${p} vs brute force ${best}`);
  }
});

test('viterbi returns all-outside for NaN scores and an empty path for T = 0', () => {
  const K = tags.length;
  assert.deepEqual([...viterbi(new Float32Array(2 * K).fill(NaN), 2, biluo)], [0, 0]);
  assert.equal(viterbi(new Float32Array(0), 0, biluo).length, 0);
});
