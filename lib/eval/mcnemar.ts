// McNemar's exact test: do two classifiers, scored on the same examples, differ in accuracy?
// (Dietterich 1998 recommends it for one train/test split, where seeds cannot be resampled.)
import type { Example } from '../data/types';
import { check } from '../errors';
import { checkAligned } from './align';
import { resolveCatTask, type CatOptions } from './catTask';
import { catCounts } from './scoreCats';
import { exactMatchFlags } from './exactMatch';
import { logGamma } from './stats';

/** Agreement counts of two systems on the same examples and the exact two-sided p-value. */
export interface McNemarResult {
  /** Examples scored (both systems' flags defined). */
  n: number;
  /** Right by A only. */
  onlyA: number;
  /** Right by B only. */
  onlyB: number;
  both: number;
  neither: number;
  /** Two-sided exact p-value: P(min(onlyA, onlyB) or fewer | onlyA + onlyB discordant, p = ½), doubled, capped at 1. */
  pValue: number;
}

/** Exact binomial McNemar test from per-example correctness flags (1/true = right); `scored` (default all) masks examples out. */
export function mcnemarExact(
  correctA: ArrayLike<number | boolean>,
  correctB: ArrayLike<number | boolean>,
  scored?: ArrayLike<number | boolean>,
): McNemarResult {
  check(correctA.length === correctB.length, 'E505', () => `mcnemarExact: ${correctA.length} flags for A but ${correctB.length} for B`);
  check(!scored || scored.length === correctA.length, 'E505', () => `mcnemarExact: ${scored?.length} scored flags for ${correctA.length} examples`);
  let n = 0;
  let onlyA = 0;
  let onlyB = 0;
  let both = 0;
  for (let i = 0; i < correctA.length; i++) {
    if (scored && !scored[i]) continue;
    n++;
    const a = Boolean(correctA[i]);
    const b = Boolean(correctB[i]);
    if (a && b) both++;
    else if (a) onlyA++;
    else if (b) onlyB++;
  }
  return { n, onlyA, onlyB, both, neither: n - onlyA - onlyB - both, pValue: binomialTwoSided(Math.min(onlyA, onlyB), onlyA + onlyB) };
}

/** McNemar's exact test on category accuracy ('cats_acc') or sentence exact match ('sentence_acc') of two prediction sets. */
export function mcnemarCats(
  gold: readonly Example[],
  predsA: readonly Example[],
  predsB: readonly Example[],
  metric: 'cats_acc' | 'sentence_acc' = 'cats_acc',
  opts: CatOptions = {},
): McNemarResult {
  checkAligned(gold, predsA, 'mcnemarCats (A)');
  checkAligned(gold, predsB, 'mcnemarCats (B)');
  const task = resolveCatTask(gold, [...predsA, ...predsB], opts);
  const a = catCounts(gold, predsA, task);
  const b = catCounts(gold, predsB, task);
  if (metric === 'sentence_acc') return mcnemarExact(exactMatchFlags(gold, predsA, a), exactMatchFlags(gold, predsB, b));
  // An example counts when both systems could be scored on it (gold categories present).
  const scored = a.scored.map((s, i) => (s && b.scored[i] ? 1 : 0));
  return mcnemarExact(a.correct, b.correct, scored);
}

// 2 · P(X ≤ k) for X ~ Binomial(m, ½), capped at 1; exact in log space for large m.
function binomialTwoSided(k: number, m: number): number {
  if (m === 0) return 1;
  const logHalfPowM = -m * Math.LN2;
  const logChoose = (j: number): number => logGamma(m + 1) - logGamma(j + 1) - logGamma(m - j + 1);
  let tail = 0;
  for (let j = 0; j <= k; j++) tail += Math.exp(logChoose(j) + logHalfPowM);
  return Math.min(1, 2 * tail);
}
