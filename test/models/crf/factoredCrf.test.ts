import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crfGrads, crfLoss, crfLogPartition, expTransitions, transGradToMatrix } from '../../../lib/models/crf/crf';
import { crfStructure, expandTransitions, factoredCrfGrads } from '../../../lib/models/crf/factoredCrf';
import { expParams, factoredLogPartition } from '../../../lib/models/crf/factoredLattice';
import { factoredCrfLoss } from '../../../lib/models/crf/factoredLoss';
import { factoredViterbi, factoredViterbiLattice } from '../../../lib/models/crf/factoredViterbi';
import { tagNames } from '../../../lib/models/inputs/labels';
import { isValidSequence, tagConstraints } from '../../../lib/models/crf/tagConstraints';
import { viterbi } from '../../../lib/models/crf/viterbi';
import { Rng } from '../../../lib/engine/random';

// The factored CRF against the general sparse CRF (crf.ts, itself checked against enumeration)
// run on the expanded K×K transition matrix.

for (const scheme of ['biluo', 'bio'] as const) {
  const tags = tagNames(['A', 'B', 'C'], scheme);
  const c = tagConstraints(tags, scheme);
  const s = crfStructure(tags, c, scheme);
  const K = tags.length;
  const C = s.nClasses;
  const random = (rng: Rng) => ({
    A: Float32Array.from({ length: C * C }, () => rng.normal()),
    S: Float32Array.from({ length: C * C }, () => rng.normal()),
    start: Float32Array.from({ length: C }, () => rng.normal()),
    end: Float32Array.from({ length: C }, () => rng.normal()),
  });

  test(`crfStructure(${scheme}) classes and relations`, () => {
    assert.equal(C, scheme === 'biluo' ? 5 : 3);
    const rel = (a: string, b: string) => s.relation[s.classOf[tags.indexOf(a)] * C + s.classOf[tags.indexOf(b)]];
    if (scheme === 'biluo') {
      assert.equal(rel('L-A', 'B-B'), 1);
      assert.equal(rel('B-A', 'L-A'), 2);
      assert.equal(rel('O', 'I-A'), 0);
    } else {
      assert.equal(rel('I-A', 'B-B'), 1);
      assert.equal(rel('B-A', 'I-A'), 2);
    }
  });

  test(`factored CRF (${scheme}): log-partition, loss and gradients equal the general CRF on expanded scores`, () => {
    const rng = new Rng(scheme === 'biluo' ? 11 : 12);
    for (let trial = 0; trial < 6; trial++) {
      const T = 1 + rng.int(5);
      const e = Float32Array.from({ length: T * K }, () => rng.normal() * 2);
      const p = random(rng);
      const full = expandTransitions(p, s);
      assert.ok(Math.abs(factoredLogPartition(e, 0, T, p, s) - crfLogPartition(e, 0, T, full, c)) < 1e-4);
      // A valid gold path (from general Viterbi) with one unknown tag on odd trials.
      const gold = Int32Array.from(viterbi(Float32Array.from({ length: T * K }, () => rng.normal()), T, c));
      if (trial % 2 === 1) gold[rng.int(T)] = -1;
      const gf = factoredCrfGrads(T * K, s);
      const gg = crfGrads(T * K, c);
      const lf = factoredCrfLoss(e, 0, T, gold, 0, p, s, expParams(p, s), gf, 1);
      const lg = crfLoss(e, 0, T, gold, 0, full, c, expTransitions(full.trans, c), gg, 1);
      assert.ok(Math.abs(lf - lg) < 1e-4, `loss ${lf} vs ${lg}`);
      for (let k = 0; k < T * K; k++) assert.ok(Math.abs(gf.emissions[k] - gg.emissions[k]) < 1e-4, `emission grad ${k}`);
      // Chain rule from the K×K gradient to A, S, start, end.
      const dT = transGradToMatrix(gg.trans, c);
      const dA = new Float64Array(C * C);
      const dS = new Float64Array(C * C);
      for (let i = 0; i < K; i++) {
        for (let j = 0; j < K; j++) {
          const k = s.classOf[i] * C + s.classOf[j];
          dA[k] += dT[i * K + j];
          if (s.labelOf[i] >= 0 && s.labelOf[i] === s.labelOf[j]) dS[k] += dT[i * K + j];
        }
      }
      const dStart = new Float64Array(C);
      const dEnd = new Float64Array(C);
      for (let i = 0; i < K; i++) {
        dStart[s.classOf[i]] += gg.start[i];
        dEnd[s.classOf[i]] += gg.end[i];
      }
      for (let k = 0; k < C * C; k++) {
        assert.ok(Math.abs(gf.A[k] - dA[k]) < 1e-4, `dA[${k}] ${gf.A[k]} vs ${dA[k]}`);
        assert.ok(Math.abs(gf.S[k] - dS[k]) < 1e-4, `dS[${k}] ${gf.S[k]} vs ${dS[k]}`);
      }
      for (let k = 0; k < C; k++) {
        assert.ok(Math.abs(gf.start[k] - dStart[k]) < 1e-4 && Math.abs(gf.end[k] - dEnd[k]) < 1e-4, `start/end ${k}`);
      }
    }
  });

  test(`factoredViterbi (${scheme}) finds a valid path with the general Viterbi's best score`, () => {
    const rng = new Rng(scheme === 'biluo' ? 21 : 22);
    for (let trial = 0; trial < 1500; trial++) {
      const T = 1 + rng.int(8);
      // Half the trials have confident emissions (one tag far ahead per token), so the greedy
      // shortcut is taken whenever its gap condition holds; the rest exercise the full lattice.
      // A third are moderately confident (gaps of a few points), where only the per-token slack bound
      // can take the shortcut and a wrong bound would return a non-optimal path.
      const confident = trial % 3 === 1;
      const moderate = trial % 3 === 2;
      const e = Float32Array.from({ length: T * K }, () => rng.normal() * 2);
      if (confident) for (let t = 0; t < T; t++) e[t * K + rng.int(K)] += 20 + rng.normal() * 4;
      if (moderate) for (let t = 0; t < T; t++) e[t * K + rng.int(K)] += 3 + rng.next() * 6;
      const p = random(rng);
      const full = expandTransitions(p, s);
      const score = (path: Int32Array) => {
        let v = full.start[path[0]] + full.end[path[T - 1]];
        for (let t = 0; t < T; t++) v += e[t * K + path[t]] + (t > 0 ? full.trans[path[t - 1] * K + path[t]] : 0);
        return v;
      };
      const got = factoredViterbi(e, T, p, s);
      assert.ok(isValidSequence(got, c), 'valid');
      // The greedy shortcut, when taken, returns exactly the dynamic programme's path.
      assert.deepEqual(got, factoredViterbiLattice(e, T, p, s), `trial ${trial}: shortcut and lattice agree`);
      assert.ok(Math.abs(score(got) - score(viterbi(e, T, c, full))) < 1e-4, `trial ${trial}`);
    }
  });
}

test('crfStructure handles a tag set without entity labels (only O)', () => {
  const s = crfStructure(['O'], tagConstraints(['O'], 'biluo'), 'biluo');
  assert.equal(s.nClasses, 5);
  assert.deepEqual([...factoredViterbi(new Float32Array(3), 3, { A: new Float32Array(25), S: new Float32Array(25), start: new Float32Array(5), end: new Float32Array(5) }, s)], [0, 0, 0]);
});

test('crfStructure rejects constraints that do not factor by class', () => {
  const tags = tagNames(['A', 'B'], 'biluo');
  const c = tagConstraints(tags, 'biluo');
  c.allowed[tags.indexOf('O') * tags.length + tags.indexOf('B-A')] = 0; // O → B-A forbidden, O → B-B allowed
  assert.throws(() => crfStructure(tags, c, 'biluo'), /E407.*cannot be factored/);
});
