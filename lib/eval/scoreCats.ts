import type { Example } from '../data/types';
import { check } from '../errors';
import { checkAligned } from './align';
import { rocAuc } from './auc';
import { argmaxLabel, goldLabel, resolveCatTask, type CatOptions, type CatTask } from './catTask';
import { prf } from './prf';
import type { CatConfusion, CatScores, PRF } from './scores';

/** Per-example category counts: label-major n × L arrays, plus whether each example was scored and right. */
export interface CatCounts {
  task: CatTask;
  n: number;
  /** tp[i * L + j]: example i, label j. */
  tp: Uint32Array;
  fp: Uint32Array;
  fn: Uint32Array;
  tn: Uint32Array;
  /** 1 when the example has known gold categories (it takes part in category scores). */
  scored: Uint8Array;
  /** 1 when the example's category prediction is right (argmax, or every known label at threshold). */
  correct: Uint8Array;
  /** Exclusive: gold and argmax label index per scored example (-1 otherwise; predIndex -1 = no scores predicted). */
  goldIndex: Int32Array;
  predIndex: Int32Array;
}

/** Counts category hits per example and label for a resolved task (one pass; the basis of all cat scores). */
export function catCounts(gold: readonly Example[], pred: readonly Example[], task: CatTask): CatCounts {
  const n = gold.length;
  const L = task.labels.length;
  const c: CatCounts = {
    task,
    n,
    tp: new Uint32Array(n * L),
    fp: new Uint32Array(n * L),
    fn: new Uint32Array(n * L),
    tn: new Uint32Array(n * L),
    scored: new Uint8Array(n),
    correct: new Uint8Array(n),
    goldIndex: new Int32Array(n).fill(-1),
    predIndex: new Int32Array(n).fill(-1),
  };
  if (L === 0) return c;
  const index = new Map(task.labels.map((l, j) => [l, j]));
  for (let i = 0; i < n; i++) {
    const g = gold[i].cats;
    for (const l of task.labels) {
      const v = g[l];
      check(v === undefined || v === 0 || v === 1, 'E002', () => `gold category value must be 0 or 1, got ${v}`, { index: i, field: `cats.${l}` });
    }
    const row = i * L;
    if (task.exclusive) {
      const gl = goldLabel(g, task.labels);
      if (gl === undefined) continue;
      const gj = index.get(gl)!;
      // No score for any label (nothing predicted) is a miss, not a vote for the first label.
      const predicted = task.labels.some((l) => pred[i].cats[l] !== undefined);
      const pj = predicted ? index.get(argmaxLabel(pred[i].cats, task.labels)!)! : -1;
      c.scored[i] = 1;
      c.goldIndex[i] = gj;
      c.predIndex[i] = pj;
      if (pj === -1) {
        c.fn[row + gj]++;
        for (let j = 0; j < L; j++) if (j !== gj) c.tn[row + j]++;
      } else if (gj === pj) {
        c.correct[i] = 1;
        c.tp[row + gj]++;
      } else {
        c.fp[row + pj]++;
        c.fn[row + gj]++;
      }
      for (let j = 0; j < L; j++) if (j !== gj && j !== pj) c.tn[row + j]++;
    } else {
      let known = 0;
      let right = 0;
      for (let j = 0; j < L; j++) {
        const v = g[task.labels[j]];
        if (v === undefined) continue;
        known++;
        const predicted = (pred[i].cats[task.labels[j]] ?? 0) >= task.threshold;
        if (predicted === (v === 1)) right++;
        if (v === 1) (predicted ? c.tp : c.fn)[row + j]++;
        else (predicted ? c.fp : c.tn)[row + j]++;
      }
      if (known > 0) {
        c.scored[i] = 1;
        c.correct[i] = right === known ? 1 : 0;
      }
    }
  }
  return c;
}

const meanOf = (xs: (number | null)[]): number | null => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
};

/** Sums per-example label counts into per-label and micro PRF, plus accuracy. */
export function catPRF(c: CatCounts, rows?: ArrayLike<number>): { perLabel: PRF[]; micro: PRF; acc: number | null } {
  const L = c.task.labels.length;
  const tp = new Float64Array(L), fp = new Float64Array(L), fn = new Float64Array(L);
  let scored = 0, correct = 0;
  const m = rows ? rows.length : c.n;
  for (let k = 0; k < m; k++) {
    const i = rows ? rows[k] : k;
    scored += c.scored[i];
    correct += c.correct[i];
    for (let j = 0; j < L; j++) {
      tp[j] += c.tp[i * L + j];
      fp[j] += c.fp[i * L + j];
      fn[j] += c.fn[i * L + j];
    }
  }
  const perLabel = [...tp.keys()].map((j) => prf(tp[j], fp[j], fn[j]));
  const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);
  return { perLabel, micro: prf(sum(tp), sum(fp), sum(fn)), acc: scored > 0 ? correct / scored : null };
}

/** Macro P/R/F: the mean of per-label values that are defined (a label with no gold and no prediction is skipped). */
export function macroPRF(perLabel: PRF[]): { p: number | null; r: number | null; f: number | null } {
  return { p: meanOf(perLabel.map((x) => x.p)), r: meanOf(perLabel.map((x) => x.r)), f: meanOf(perLabel.map((x) => x.f)) };
}

/**
 * Category scores over aligned gold/pred arrays: accuracy, micro/macro P/R/F, per-label P/R/F,
 * macro ROC AUC and a confusion matrix. Exclusive categories use the argmax; multilabel ones a
 * threshold, and gold labels absent from `cats` are unknown and not scored.
 */
export function scoreCats(gold: readonly Example[], pred: readonly Example[], opts: CatOptions = {}): CatScores {
  checkAligned(gold, pred, 'scoreCats');
  const task = resolveCatTask(gold, pred, opts);
  const c = catCounts(gold, pred, task);
  const { labels, exclusive } = task;
  const L = labels.length;
  const { perLabel, micro, acc } = catPRF(c);
  const macro = macroPRF(perLabel);

  const cats_auc_per_type: Record<string, number | null> = {};
  const cats_f_per_type: Record<string, PRF> = {};
  labels.forEach((l, j) => {
    const scores: number[] = [];
    const positive: boolean[] = [];
    for (let i = 0; i < gold.length; i++) {
      if (!c.scored[i]) continue;
      const g = gold[i].cats[l];
      if (!exclusive && g === undefined) continue;
      scores.push(pred[i].cats[l] ?? 0);
      positive.push(exclusive ? c.goldIndex[i] === j : g === 1);
    }
    cats_auc_per_type[l] = rocAuc(scores, positive);
    cats_f_per_type[l] = perLabel[j];
  });
  const cats_macro_auc = meanOf(Object.values(cats_auc_per_type));

  let cats_confusion: CatConfusion | null = null;
  if (L > 0 && exclusive) {
    const matrix = labels.map(() => new Array<number>(L).fill(0));
    // Examples without any predicted score have no column: they show up as a shortfall in their gold row.
    for (let i = 0; i < c.n; i++) if (c.scored[i] && c.predIndex[i] >= 0) matrix[c.goldIndex[i]][c.predIndex[i]]++;
    cats_confusion = { kind: 'exclusive', labels: [...labels], matrix };
  } else if (L > 0) {
    const matrix = labels.map((_, j): [[number, number], [number, number]] => {
      let tn = 0, fp = 0, fn = 0, tp = 0;
      for (let i = 0; i < c.n; i++) {
        tn += c.tn[i * L + j];
        fp += c.fp[i * L + j];
        fn += c.fn[i * L + j];
        tp += c.tp[i * L + j];
      }
      return [[tn, fp], [fn, tp]];
    });
    cats_confusion = { kind: 'multilabel', labels: [...labels], matrix };
  }

  return {
    cats_score: exclusive ? macro.f : cats_macro_auc,
    cats_score_desc: exclusive ? 'macro F' : 'macro AUC',
    cats_acc: acc,
    cats_micro_p: micro.p,
    cats_micro_r: micro.r,
    cats_micro_f: micro.f,
    cats_macro_p: macro.p,
    cats_macro_r: macro.r,
    cats_macro_f: macro.f,
    cats_macro_auc,
    cats_f_per_type,
    cats_auc_per_type,
    cats_confusion,
    cats_exclusive: exclusive,
    cats_n_examples: c.scored.reduce((a, b) => a + b, 0),
  };
}
