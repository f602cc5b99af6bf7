import { check } from '../errors';
import { toAsyncIterator, type StreamSource } from './iter';
import { mulberry32 } from '../util/mulberry32';

/** Options of the sorters (`preferUncertain`, `preferHighScores`, `preferLowScores`). */
export interface SorterOptions {
  /**
   * 'ema' (default): keep an exponential moving average and variance of each item's merit and yield items
   * whose merit is at least `mean + bias * std` of the items before it. 'probability': yield each item with
   * probability `clamp(merit + bias, 0.05, 1)`, trusting the scores directly.
   */
  algorithm?: 'ema' | 'probability';
  /** Shifts the threshold: in std units for 'ema' (higher → pickier), added to the probability otherwise. Default 0. */
  bias?: number;
  /** Random number generator in [0, 1) for 'probability' (default: mulberry32 seeded with 0). */
  rng?: () => number;
  /** Smoothing of the 'ema' statistics: weight of the newest merit (default 0.1). */
  alpha?: number;
  /** 'ema' only: after this many items dropped in a row, the next one is yielded, so a drifting stream never stalls (default 20). */
  patience?: number;
}

// Floor of the 'probability' sorter: even scores of exactly 0 or 1 let some examples through.
const MIN_PROBABILITY = 0.05;

/**
 * Prodigy's `prefer_uncertain`: from `[score, item]` pairs (score = probability of the label), yields items
 * whose uncertainty `1 - |2 * score - 1|` is high. Lazy; memory is constant.
 */
export function preferUncertain<T>(scored: StreamSource<readonly [number, T]>, opts: SorterOptions = {}): AsyncIterableIterator<T> {
  return sortByMerit(scored, (s) => 1 - Math.abs(2 * s - 1), opts, 'preferUncertain');
}

/** Prodigy's `prefer_high_scores`: yields items whose score is high (relative to the moving average for 'ema'). */
export function preferHighScores<T>(scored: StreamSource<readonly [number, T]>, opts: SorterOptions = {}): AsyncIterableIterator<T> {
  return sortByMerit(scored, (s) => s, opts, 'preferHighScores');
}

/** Prodigy's `prefer_low_scores`: yields items whose score is low (relative to the moving average for 'ema'). */
export function preferLowScores<T>(scored: StreamSource<readonly [number, T]>, opts: SorterOptions = {}): AsyncIterableIterator<T> {
  return sortByMerit(scored, (s) => 1 - s, opts, 'preferLowScores');
}

async function* sortByMerit<T>(
  scored: StreamSource<readonly [number, T]>,
  merit: (score: number) => number,
  opts: SorterOptions,
  fn: string,
): AsyncIterableIterator<T> {
  const algorithm = opts.algorithm ?? 'ema';
  const bias = opts.bias ?? 0;
  const alpha = opts.alpha ?? 0.1;
  const patience = opts.patience ?? 20;
  check(algorithm === 'ema' || algorithm === 'probability', 'E007', () => `${fn}: algorithm must be 'ema' or 'probability', got ${JSON.stringify(algorithm)}`);
  check(Number.isFinite(bias), 'E007', () => `${fn}: bias must be a finite number, got ${bias}`);
  check(alpha > 0 && alpha <= 1, 'E007', () => `${fn}: alpha must be in (0, 1], got ${alpha}`);
  check(Number.isInteger(patience) && patience >= 1, 'E007', () => `${fn}: patience must be an integer >= 1, got ${patience}`);
  const rng = opts.rng ?? mulberry32(0);
  const it = toAsyncIterator(scored);
  let mean = 0;
  let variance = 0;
  let seen = 0;
  let dropped = 0;
  let finished = false;
  try {
    for (let r = await it.next(); !r.done; r = await it.next()) {
      const pair = r.value;
      check(Array.isArray(pair) && pair.length === 2, 'E002', () => `${fn}: expected [score, item] pairs, got ${JSON.stringify(pair)?.slice(0, 80)}`, { index: seen });
      const score = pair[0];
      check(typeof score === 'number' && Number.isFinite(score), 'E002', () => `${fn}: score must be a finite number, got ${score}`, { index: seen });
      const m = merit(score);
      let keep: boolean;
      if (algorithm === 'probability') {
        keep = rng() < Math.min(1, Math.max(MIN_PROBABILITY, m + bias));
      } else {
        // Compare with the statistics of the items before this one, then fold it in.
        keep = seen === 0 || m >= mean + bias * Math.sqrt(variance) || dropped >= patience;
        if (seen === 0) mean = m;
        else {
          const diff = m - mean;
          mean += alpha * diff;
          variance = (1 - alpha) * (variance + alpha * diff * diff);
        }
      }
      seen++;
      if (keep) {
        dropped = 0;
        yield pair[1];
      } else dropped++;
    }
    finished = true;
  } finally {
    if (!finished) await it.return?.();
  }
}

