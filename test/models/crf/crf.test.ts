import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crfGrads, crfLogPartition, crfLoss, expTransitions, transGradToMatrix, type CrfGrads } from '../../../lib/models/crf/crf';
import { tagNames } from '../../../lib/models/inputs/labels';
import { isValidSequence, tagConstraints } from '../../../lib/models/crf/tagConstraints';
import { Rng } from '../../../lib/engine/random';

const tags = tagNames(['A', 'B'], 'biluo');
const c = tagConstraints(tags, 'biluo');
const K = tags.length;

function randomParams(rng: Rng) {
  return {
    trans: Float32Array.from({ length: K * K }, () => rng.normal()),
    start: Float32Array.from({ length: K }, () => rng.normal()),
    end: Float32Array.from({ length: K }, () => rng.normal()),
  };
}

/** log Σ exp(score) over valid paths consistent with `gold` (-1 = any), by enumeration. */
function bruteLogZ(e: Float32Array, T: number, p: ReturnType<typeof randomParams>, gold?: number[]): number {
  const scores: number[] = [];
  const path = new Int32Array(T);
  const visit = (t: number): void => {
    if (t === T) {
      if (!isValidSequence(path, c)) return;
      let s = p.start[path[0]] + p.end[path[T - 1]];
      for (let u = 0; u < T; u++) s += e[u * K + path[u]] + (u > 0 ? p.trans[path[u - 1] * K + path[u]] : 0);
      scores.push(s);
      return;
    }
    for (let j = 0; j < K; j++) {
      if (gold && gold[t] >= 0 && gold[t] !== j) continue;
      path[t] = j;
      visit(t + 1);
    }
  };
  visit(0);
  const m = Math.max(...scores);
  return m + Math.log(scores.reduce((a, s) => a + Math.exp(s - m), 0));
}

function zeroGrads(n: number): CrfGrads {
  return crfGrads(n, c);
}

test('crfLogPartition equals enumeration over valid sequences', () => {
  const rng = new Rng(1);
  for (let T = 1; T <= 4; T++) {
    const e = Float32Array.from({ length: T * K }, () => rng.normal() * 2);
    const p = randomParams(rng);
    assert.ok(Math.abs(crfLogPartition(e, 0, T, p, c) - bruteLogZ(e, T, p)) < 1e-4);
  }
});

test('crfLoss(gold) = logZ − gold-path score, and with unknown tags = logZ − logZ(consistent paths)', () => {
  const rng = new Rng(2);
  const T = 4;
  const e = Float32Array.from({ length: T * K }, () => rng.normal());
  const p = randomParams(rng);
  const E = expTransitions(p.trans, c);
  const gold = [tags.indexOf('B-A'), tags.indexOf('L-A'), 0, tags.indexOf('U-B')];
  const full = crfLoss(e, 0, T, Int32Array.from(gold), 0, p, c, E, zeroGrads(T * K), 1);
  assert.ok(Math.abs(full - (bruteLogZ(e, T, p) - bruteLogZ(e, T, p, gold))) < 1e-4);
  const partial = [gold[0], -1, -1, gold[3]];
  const part = crfLoss(e, 0, T, Int32Array.from(partial), 0, p, c, E, zeroGrads(T * K), 1);
  assert.ok(Math.abs(part - (bruteLogZ(e, T, p) - bruteLogZ(e, T, p, partial))) < 1e-4);
  assert.ok(part < full, 'marginalising unknown tags lowers the loss');
});

test('crfLoss gradients match finite differences (emissions, transitions, start, end; known and unknown tags)', () => {
  const rng = new Rng(3);
  const T = 3;
  for (const gold of [
    [tags.indexOf('U-A'), tags.indexOf('B-B'), tags.indexOf('L-B')],
    [tags.indexOf('B-A'), -1, 0],
  ]) {
    const e = Float32Array.from({ length: T * K }, () => rng.normal());
    const p = randomParams(rng);
    const g = zeroGrads(T * K);
    const loss = (ee: Float32Array, pp: typeof p) => crfLoss(ee, 0, T, Int32Array.from(gold), 0, pp, c, expTransitions(pp.trans, c), zeroGrads(T * K), 1);
    crfLoss(e, 0, T, Int32Array.from(gold), 0, p, c, expTransitions(p.trans, c), g, 1);
    const gTrans = transGradToMatrix(g.trans, c);
    const h = 1e-2;
    const fd = (f: (d: number) => number) => (f(h) - f(-h)) / (2 * h);
    for (let k = 0; k < T * K; k += 3) {
      const num = fd((d) => {
        const ee = e.slice();
        ee[k] += d;
        return loss(ee, p);
      });
      assert.ok(Math.abs(num - g.emissions[k]) < 2e-3, `emission ${k}: ${num} vs ${g.emissions[k]}`);
    }
    for (let k = 0; k < K * K; k += 5) {
      if (!c.allowed[k]) continue;
      const num = fd((d) => {
        const trans = p.trans.slice();
        trans[k] += d;
        return loss(e, { ...p, trans });
      });
      assert.ok(Math.abs(num - gTrans[k]) < 2e-3, `trans ${k}: ${num} vs ${gTrans[k]}`);
    }
    for (const key of ['start', 'end'] as const) {
      for (let j = 0; j < K; j++) {
        const num = fd((d) => {
          const v = p[key].slice();
          v[j] += d;
          return loss(e, { ...p, [key]: v });
        });
        assert.ok(Math.abs(num - g[key][j]) < 2e-3, `${key} ${j}: ${num} vs ${g[key][j]}`);
      }
    }
  }
});

test('crfLoss of an empty sequence is 0 and leaves gradients untouched', () => {
  const p = randomParams(new Rng(4));
  const g = zeroGrads(0);
  assert.equal(crfLoss(new Float32Array(0), 0, 0, new Int32Array(0), 0, p, c, expTransitions(p.trans, c), g, 1), 0);
  assert.ok(g.start.every((v) => v === 0));
});
