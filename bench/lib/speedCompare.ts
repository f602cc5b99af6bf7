// The speed section's A/B: the default model and the same config without pretrained vectors, timed
// by the same speed worker in alternating rounds (A, B, A, B), pooled per config and compared.
import { deepMerge } from './ours';
import { summarize, type Summary } from './stats';

/** What bench/lib/speedWorker.ts prints for one training config. */
export interface WorkerResult {
  missing?: string;
  backend: string;
  configHash?: string;
  /** The resolved `encoder.vectors` of the timed config. */
  vectors?: string | null;
  nTrain: number;
  trainTokens: number;
  epochs: number;
  runs: number;
  trainTokensPerSecond: Summary | null;
  trainSeconds: Summary | null;
  trainTokensPerSecondValues?: number[];
  trainSecondsValues?: number[];
  inference: { texts: number; tokens: number; tokensPerSecond: Summary | null; tokensPerSecondValues?: number[] }[];
  modelBytes: number;
  peakRssMB: number;
}

/** Overrides of the B config: the default without pretrained vectors. */
export const NO_VECTORS = { encoder: { vectors: null } } as const;

/** Rounds of the A/B: each config is timed this many times, alternating A, B, A, B. */
export const SPEED_ROUNDS = 2;

/** The speed target of the default over the no-vectors config (a ratio of tokens/s; printed, not asserted). */
export const SPEED_RATIO_TARGET = 0.85;

/** The --config overrides of the A (default) and B (no vectors) configs, given the bench's --config. */
export function speedConfigs(config: Record<string, unknown>): { a: Record<string, unknown>; b: Record<string, unknown> } {
  return { a: config, b: deepMerge(config, NO_VECTORS) };
}

/** Rounds of one config pooled into one result: samples concatenated, trainings summed, peak RSS the highest; the rounds must agree on data and inference sets. */
export function poolWorkerResults(rounds: readonly WorkerResult[]): WorkerResult {
  if (rounds.length === 0) throw new Error('poolWorkerResults: no rounds');
  const [first] = rounds;
  for (const r of rounds) {
    if (r.nTrain !== first.nTrain || r.epochs !== first.epochs || r.inference.length !== first.inference.length || r.inference.some((s, i) => s.texts !== first.inference[i].texts)) {
      throw new Error(`poolWorkerResults: rounds differ in training data or inference sets (${r.nTrain} vs ${first.nTrain} texts)`);
    }
  }
  const values = (pick: (r: WorkerResult) => number[] | undefined, fallback: (r: WorkerResult) => Summary | null): number[] =>
    rounds.flatMap((r) => pick(r) ?? (fallback(r) ? [fallback(r)!.median] : []));
  const trainTps = values((r) => r.trainTokensPerSecondValues, (r) => r.trainTokensPerSecond);
  const trainSeconds = values((r) => r.trainSecondsValues, (r) => r.trainSeconds);
  return {
    ...first,
    runs: rounds.reduce((a, r) => a + r.runs, 0),
    trainTokensPerSecond: summarize(trainTps),
    trainSeconds: summarize(trainSeconds),
    trainTokensPerSecondValues: trainTps,
    trainSecondsValues: trainSeconds,
    inference: first.inference.map((s, i) => {
      const tps = values((r) => r.inference[i].tokensPerSecondValues, (r) => r.inference[i].tokensPerSecond);
      return { texts: s.texts, tokens: s.tokens, tokensPerSecond: summarize(tps), tokensPerSecondValues: tps };
    }),
    peakRssMB: Math.max(...rounds.map((r) => r.peakRssMB)),
  };
}

/** a / b of two medians; null when either is missing or b is not positive. */
export function speedRatio(a: Summary | null | undefined, b: Summary | null | undefined): number | null {
  return a && b && b.median > 0 ? a.median / b.median : null;
}

/** One measure of the A/B: both configs' pooled figures, the ratio of their medians (A / B), and each round's ratio. */
export interface SpeedRatio {
  measure: string;
  a: Summary | null;
  b: Summary | null;
  ratio: number | null;
  perRound: (number | null)[];
}

/** Training tokens/s and inference tokens/s (per inference set) of A against B; round i of A is paired with round i of B. */
export function compareSpeed(aRounds: readonly WorkerResult[], bRounds: readonly WorkerResult[]): SpeedRatio[] {
  if (aRounds.length !== bRounds.length || aRounds.length === 0) throw new Error(`compareSpeed: ${aRounds.length} rounds of A but ${bRounds.length} of B`);
  const a = poolWorkerResults(aRounds);
  const b = poolWorkerResults(bRounds);
  if (a.nTrain !== b.nTrain || a.inference.length !== b.inference.length) throw new Error('compareSpeed: A and B were timed on different data');
  const perRound = (pick: (r: WorkerResult) => Summary | null): (number | null)[] => aRounds.map((r, i) => speedRatio(pick(r), pick(bRounds[i])));
  return [
    { measure: 'training tokens/s', a: a.trainTokensPerSecond, b: b.trainTokensPerSecond, ratio: speedRatio(a.trainTokensPerSecond, b.trainTokensPerSecond), perRound: perRound((r) => r.trainTokensPerSecond) },
    ...a.inference.map((s, i) => ({
      measure: `inference tokens/s (${s.texts} texts)`,
      a: s.tokensPerSecond,
      b: b.inference[i].tokensPerSecond,
      ratio: speedRatio(s.tokensPerSecond, b.inference[i].tokensPerSecond),
      perRound: perRound((r) => r.inference[i].tokensPerSecond),
    })),
  ];
}

/** "0.912 (rounds 0.894, 0.931; target ≥ 0.85: met)"; '–' without a ratio. */
export function fmtRatio(r: SpeedRatio, target = SPEED_RATIO_TARGET): string {
  if (r.ratio === null) return '–';
  const rounds = r.perRound.map((x) => (x === null ? '–' : x.toFixed(3))).join(', ');
  return `${r.ratio.toFixed(3)} (round${r.perRound.length > 1 ? 's' : ''} ${rounds}; target ≥ ${target}: ${r.ratio >= target ? 'met' : 'not met'})`;
}
