import { WorkbenchError } from '../errors';
import { mulberry32 } from '../util/mulberry32';

/** Options of trainDevSplit. */
export interface TrainDevSplitOptions<T> {
  /** Dev size: a fraction in [0, 1) of the examples, or a whole count ≥ 1. */
  dev: number;
  /** Seed of the shuffle: the same seed and input give the same split. */
  seed: number;
  /**
   * Stratum of an example (e.g. its gold category). When given, every stratum keeps its share
   * (largest-remainder rounding), every stratum with ≥ 2 examples gets at least one dev item and
   * at least one train item, and a stratum of one stays in train. With more such strata than dev
   * slots, the dev set grows to one item per stratum.
   */
  stratifyBy?: (example: T, index: number) => string;
}

/**
 * Deterministic seeded train/dev split; both halves keep the input order.
 * Without stratifyBy, dev is a uniformly random subset of the requested size.
 */
export function trainDevSplit<T>(examples: T[], opts: TrainDevSplitOptions<T>): { train: T[]; dev: T[] } {
  const n = examples.length;
  const target = devCount(n, opts.dev);
  if (!Number.isFinite(opts.seed)) throw new WorkbenchError('E007', `seed must be a finite number, got ${opts.seed}`, { field: 'seed' });
  const random = mulberry32(opts.seed);
  const inDev = new Uint8Array(n);
  if (!opts.stratifyBy) {
    for (const i of shuffled(range(n), random).slice(0, target)) inDev[i] = 1;
  } else {
    const strata = new Map<string, number[]>();
    examples.forEach((e, i) => {
      const key = opts.stratifyBy!(e, i);
      const members = strata.get(key);
      if (members) members.push(i);
      else strata.set(key, [i]);
    });
    const groups = [...strata.values()];
    const counts = allocate(
      groups.map((g) => g.length),
      target,
    );
    groups.forEach((members, s) => {
      for (const i of shuffled(members, random).slice(0, counts[s])) inDev[i] = 1;
    });
  }
  const train: T[] = [];
  const dev: T[] = [];
  examples.forEach((e, i) => (inDev[i] ? dev : train).push(e));
  return { train, dev };
}

/** Number of dev items for `n` examples from a fraction or a count. */
function devCount(n: number, dev: number): number {
  if (!(dev >= 0) || !Number.isFinite(dev)) {
    throw new WorkbenchError('E007', `dev must be a fraction in [0, 1) or a count ≥ 1, got ${dev}`, { field: 'dev' });
  }
  if (dev < 1) return Math.round(n * dev);
  if (!Number.isInteger(dev) || dev > n) {
    throw new WorkbenchError('E007', `dev as a count must be a whole number ≤ the ${n} examples, got ${dev}`, { field: 'dev' });
  }
  return dev;
}

/**
 * Dev counts per stratum summing to `target` where the bounds allow: largest-remainder shares,
 * clamped to [1, size - 1] for strata of ≥ 2 and to 0 for singletons. Ties go to the first stratum.
 */
function allocate(sizes: number[], target: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const quota = sizes.map((s) => (total ? (s * target) / total : 0));
  const lo = sizes.map((s) => (s >= 2 ? 1 : 0));
  const hi = sizes.map((s) => Math.max(0, s - 1));
  const counts = quota.map((q, s) => Math.min(hi[s], Math.max(lo[s], Math.floor(q))));
  let sum = counts.reduce((a, b) => a + b, 0);
  const order = range(sizes.length);
  if (sum < target) {
    // Give the missing items to the strata furthest below their quota.
    order.sort((a, b) => quota[b] - counts[b] - (quota[a] - counts[a]) || a - b);
    for (let pass = 0; sum < target && pass < target; pass++) {
      let moved = false;
      for (const s of order) {
        if (sum >= target) break;
        if (counts[s] < hi[s]) {
          counts[s]++;
          sum++;
          moved = true;
        }
      }
      if (!moved) break;
    }
  } else if (sum > target) {
    // Take back from the strata furthest above their quota, never below one per stratum.
    order.sort((a, b) => counts[b] - quota[b] - (counts[a] - quota[a]) || a - b);
    for (let pass = 0; sum > target && pass < total; pass++) {
      let moved = false;
      for (const s of order) {
        if (sum <= target) break;
        if (counts[s] > lo[s]) {
          counts[s]--;
          sum--;
          moved = true;
        }
      }
      if (!moved) break;
    }
  }
  return counts;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Fisher–Yates shuffle of a copy, driven by the injected generator. */
function shuffled<T>(items: T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

