import { join } from 'node:path';
import { inParallel, poolFailure } from './childPool';
import { ChildRunError, forkChild } from '../queue/forkChild';
import type { CurveMessage, CurveRequest } from './activeLearningChild';
import type { ActiveLearningPoint, CurveSpec } from './activeLearningCurve';

/** Options of `simulateCurvesInChildren`: the pool size and what to do as each curve's rounds start, train and end. */
export interface CurvePoolOptions {
  /** Curves simulated at once, each in a child process of its own (a whole number ≥ 1). */
  jobs: number;
  /** A round of the curve starts (or is about to be loaded from the cache). */
  onStart?: (spec: CurveSpec, round: number) => void;
  /** A training of the curve's current round finished an epoch. */
  onEpoch?: (spec: CurveSpec, epoch: number, epochs: number) => void;
  /** A round of the curve ended (an error thrown here fails the curve). */
  onRound?: (spec: CurveSpec, point: ActiveLearningPoint, resumed: boolean) => void;
  /** A curve failed; the pool starts no new curve, lets the running ones finish, then throws. */
  onFailure?: (spec: CurveSpec, error: Error) => void;
}

/**
 * Simulates each curve (simulateCurve) in a child process of its own, up to `jobs` at once, starting
 * the next as soon as one ends; each child writes its curve's cache file after every round. Returns
 * the points of each curve, in the order of `specs`. After a failure no further curve starts; the
 * curves in progress finish, then an E907 error names every failed curve and its error.
 */
export async function simulateCurvesInChildren(specs: readonly CurveSpec[], opts: CurvePoolOptions): Promise<ActiveLearningPoint[][]> {
  const points = specs.map((): ActiveLearningPoint[] => []);
  const outcome = await inParallel(specs, opts.jobs, (spec, k) => curveInChild(spec, points[k], opts), opts.onFailure);
  if (outcome.failures.length === 0) return points;
  const kept = specs[0].outDir ? `; the rounds that finished are cached in ${specs[0].outDir}` : '';
  throw poolFailure(outcome, specs.length, 'active-learning curve(s)', kept, curveName);
}

/** Runs one curve in a child process, appending its points to `points` as its rounds end. */
function curveInChild(spec: CurveSpec, points: ActiveLearningPoint[], opts: CurvePoolOptions): Promise<void> {
  // A callback that throws stops the curve (forkChild kills the child and rejects with the error).
  return forkChild<CurveRequest, CurveMessage, void>(
    join(__dirname, 'activeLearningChild'),
    { type: 'curve', spec },
    (m) => {
      if (m.type === 'start') opts.onStart?.(spec, m.round);
      else if (m.type === 'epoch') opts.onEpoch?.(spec, m.epoch, m.epochs);
      else if (m.type === 'round') {
        points.push(m.point);
        opts.onRound?.(spec, m.point, m.resumed);
      } else if (m.type === 'done') return { value: undefined };
      else if (m.type === 'error') return { error: new ChildRunError(m.message, m.stack) };
      return undefined;
    },
    { task: `simulating the active-learning curve ${curveName(spec)}` },
  );
}

/** The name of a curve in messages: 'snips joint seed 1'. */
function curveName(spec: CurveSpec): string {
  return `${spec.dataset} ${spec.strategy} seed ${spec.seed}`;
}
