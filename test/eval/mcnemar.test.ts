import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mcnemarCats, mcnemarExact } from '../../lib/eval/mcnemar';
import { close, ex, predOf } from './helpers';

// 2 · Σ_{j ≤ k} C(m, j) / 2^m with exact integers (an independent reference for the log-space sum).
function exactTwoSided(k: number, m: number): number {
  let c = 1n;
  let tail = 0n;
  for (let j = 0; j <= k; j++) {
    tail += c;
    c = (c * BigInt(m - j)) / BigInt(j + 1);
  }
  const scale = 10n ** 30n;
  return Math.min(1, (2 * Number((tail * scale) / 2n ** BigInt(m))) / 1e30);
}

test('mcnemarExact: counts and hand-computed p-values', () => {
  // 0 vs 6 discordant: 2 · (1/2)^6.
  const r = mcnemarExact([0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 1, 1, 1, 1, 0]);
  assert.deepEqual({ ...r, pValue: undefined }, { n: 8, onlyA: 0, onlyB: 6, both: 1, neither: 1, pValue: undefined });
  close(r.pValue, 0.03125, 1e-12);
  // 1 vs 9: 2 · (C(10,0) + C(10,1)) / 2^10 = 22 / 1024.
  const a = [1, ...Array(9).fill(0)];
  const b = [0, ...Array(9).fill(1)];
  close(mcnemarExact(a, b).pValue, 22 / 1024, 1e-12);
  // Symmetric in A and B; 3 vs 2 is far from significant (capped at 1); no discordant pair gives 1.
  close(mcnemarExact(b, a).pValue, 22 / 1024, 1e-12);
  assert.equal(mcnemarExact([1, 1, 1, 0, 0], [0, 0, 0, 1, 1]).pValue, 1);
  assert.equal(mcnemarExact([1, 0, true], [1, 0, true]).pValue, 1);
});

test('mcnemarExact: matches exact integer arithmetic on large counts', () => {
  for (const [k, m] of [
    [450, 1000],
    [20, 60],
    [100, 230],
  ] as const) {
    const a = [...Array(k).fill(1), ...Array(m - k).fill(0)];
    const b = a.map((x) => 1 - x);
    close(mcnemarExact(a, b).pValue, exactTwoSided(k, m), 1e-9);
  }
});

test('mcnemarExact: the scored mask leaves examples out; lengths must agree', () => {
  const r = mcnemarExact([1, 0, 0], [0, 1, 1], [1, 1, 0]);
  assert.equal(r.n, 2);
  assert.equal(r.onlyB, 1);
  assert.throws(() => mcnemarExact([1, 0], [1]), /2 flags for A but 1 for B/);
  assert.throws(() => mcnemarExact([1, 0], [1, 0], [1]), /1 scored flags for 2 examples/);
});

test('mcnemarCats: intent accuracy and sentence exact match of two prediction sets', () => {
  const gold = [
    ex('book a flight', [[7, 13, 'X']], { BOOK: 1, PLAY: 0 }),
    ex('play some jazz', [[10, 14, 'G']], { BOOK: 0, PLAY: 1 }),
    ex('play rock', [], { BOOK: 0, PLAY: 1 }),
  ];
  const a = [predOf(gold[0], [[7, 13, 'X']], { BOOK: 0.9, PLAY: 0.1 }), predOf(gold[1], [], { BOOK: 0.2, PLAY: 0.8 }), predOf(gold[2], [], { BOOK: 0.7, PLAY: 0.3 })];
  const b = [predOf(gold[0], [[7, 13, 'X']], { BOOK: 0.1, PLAY: 0.9 }), predOf(gold[1], [[10, 14, 'G']], { BOOK: 0.4, PLAY: 0.6 }), predOf(gold[2], [], { BOOK: 0.1, PLAY: 0.9 })];
  const acc = mcnemarCats(gold, a, b);
  assert.deepEqual([acc.n, acc.onlyA, acc.onlyB, acc.both, acc.neither], [3, 1, 1, 1, 0]);
  assert.equal(acc.pValue, 1);
  // Sentence level: A gets only text 0 right (entities of text 1 missed), B texts 1 and 2.
  const sent = mcnemarCats(gold, a, b, 'sentence_acc');
  assert.deepEqual([sent.onlyA, sent.onlyB, sent.both, sent.neither], [1, 2, 0, 0]);
  assert.throws(() => mcnemarCats(gold, a.slice(1), b), /3 gold examples but 2 predictions/);
});
