import type { PRF } from './scores';

/** Precision/recall/F1 from counts; each is null when its denominator is 0 ("no data" is never 0). */
export function prf(tp: number, fp: number, fn: number): PRF {
  return {
    p: tp + fp > 0 ? tp / (tp + fp) : null,
    r: tp + fn > 0 ? tp / (tp + fn) : null,
    f: 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : null,
    tp,
    fp,
    fn,
    support: tp + fn,
  };
}

/** spaCy's PRFScore: a tp/fp/fn counter that adds up (`a.add(b)` is spaCy's `a += b`). */
export class PRFScore {
  constructor(
    public tp = 0,
    public fp = 0,
    public fn = 0,
  ) {}

  /** Adds another counter's counts into this one. */
  add(other: PRFScore): this {
    this.tp += other.tp;
    this.fp += other.fp;
    this.fn += other.fn;
    return this;
  }

  /** Counts a predicted set against a gold set (items compared by value). */
  scoreSet<T>(pred: Iterable<T>, gold: Iterable<T>): this {
    const g = new Set(gold);
    const p = new Set(pred);
    for (const x of p) {
      if (g.has(x)) this.tp++;
      else this.fp++;
    }
    for (const x of g) if (!p.has(x)) this.fn++;
    return this;
  }

  get precision(): number | null {
    return prf(this.tp, this.fp, this.fn).p;
  }

  get recall(): number | null {
    return prf(this.tp, this.fp, this.fn).r;
  }

  get fscore(): number | null {
    return prf(this.tp, this.fp, this.fn).f;
  }

  /** The scores and counts as a plain object. */
  toJSON(): PRF {
    return prf(this.tp, this.fp, this.fn);
  }
}
