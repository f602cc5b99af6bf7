import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crfStructure } from '../../../lib/models/crf/factoredCrf';
import { factoredViterbiLattice } from '../../../lib/models/crf/factoredViterbi';
import { tagNames } from '../../../lib/models/inputs/labels';
import { factoredPathScore, prunedFactoredViterbi } from '../../../lib/models/crf/prunedViterbi';
import { tagConstraints } from '../../../lib/models/crf/tagConstraints';
import { Rng } from '../../../lib/engine/random';

// The label-pruned Viterbi against the full dynamic programme, on emissions shaped like a
// trained tagger's (one tag per token ahead by a random margin, some tokens ambiguous between
// two labels) and transitions large enough that a bound without them would prune wrongly.

for (const scheme of ['biluo', 'bio'] as const) {
  test(`prunedFactoredViterbi (${scheme}) returns the full Viterbi path`, () => {
    const labels = Array.from({ length: 12 }, (_, i) => `L${i}`);
    const tags = tagNames(labels, scheme);
    const s = crfStructure(tags, tagConstraints(tags, scheme), scheme);
    const K = tags.length;
    const C = s.nClasses;
    const rng = new Rng(scheme === 'biluo' ? 41 : 42);
    let differentFromArgmax = 0;
    for (let trial = 0; trial < 1500; trial++) {
      const T = 1 + rng.int(12);
      const scale = trial % 3 === 0 ? 3 : 1;
      const p = {
        A: Float32Array.from({ length: C * C }, () => rng.normal() * scale),
        S: Float32Array.from({ length: C * C }, () => rng.normal() * scale),
        start: Float32Array.from({ length: C }, () => rng.normal()),
        end: Float32Array.from({ length: C }, () => rng.normal()),
      };
      const e = new Float32Array((T + 1) * K);
      for (let t = 0; t < T; t++) {
        for (let j = 0; j < K; j++) e[K + t * K + j] = rng.normal();
        e[K + t * K + rng.int(K)] += rng.next() * 8;
        if (rng.next() < 0.3) e[K + t * K + rng.int(K)] += rng.next() * 8;
      }
      const want = factoredViterbiLattice(e, T, p, s, K);
      const got = prunedFactoredViterbi(e, T, p, s, K);
      assert.deepEqual([...got], [...want], `trial ${trial}: T ${T}`);
      const argmax = Array.from({ length: T }, (_, t) => {
        let a = 0;
        for (let j = 1; j < K; j++) if (e[K + t * K + j] > e[K + t * K + a]) a = j;
        return a;
      });
      if (argmax.some((a, t) => a !== want[t])) differentFromArgmax++;
    }
    assert.ok(differentFromArgmax > 300, `${differentFromArgmax} cases where the best path is not the argmax`);
  });
}

test('factoredPathScore equals the sum of emissions, start, transitions and end', () => {
  const tags = tagNames(['A', 'B'], 'biluo');
  const s = crfStructure(tags, tagConstraints(tags, 'biluo'), 'biluo');
  const K = tags.length;
  const p = { A: Float32Array.from({ length: 25 }, (_, k) => k), S: Float32Array.from({ length: 25 }, (_, k) => 100 * k), start: Float32Array.of(1, 2, 3, 4, 5), end: Float32Array.of(10, 20, 30, 40, 50) };
  const e = Float32Array.from({ length: 3 * K }, (_, i) => i / 8);
  const path = Int32Array.from(['B-A', 'L-A', 'U-B'], (t) => tags.indexOf(t));
  const cls = (t: number) => s.classOf[path[t]];
  const want = p.start[cls(0)] + e[path[0]] + e[K + path[1]] + e[2 * K + path[2]] + p.A[cls(0) * 5 + cls(1)] + p.S[cls(0) * 5 + cls(1)] + p.A[cls(1) * 5 + cls(2)] + p.end[cls(2)];
  assert.ok(Math.abs(factoredPathScore(e, 0, path, p, s) - want) < 1e-9);
});
