// Student t statistics for "mean ± CI over seeds" and paired seed comparisons, in plain JS.
import { check } from '../errors';

/** A mean with its Student t confidence interval; bounds (and std) are null when n < 2 (CI undefined). */
export interface MeanCI {
  mean: number | null;
  low: number | null;
  high: number | null;
  /** Sample standard deviation (n - 1 denominator). */
  std: number | null;
  n: number;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(x) for x > 0 (Lanczos, g = 7; ~1e-15 relative error). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = LANCZOS[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

// Continued fraction of the incomplete beta (modified Lentz; Numerical Recipes 6.4).
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(lnFront) * betaContinuedFraction(1 - x, b, a)) / b;
}

/** Standard normal CDF (erfc Chebyshev fit, |error| < 1.2e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** Standard normal quantile (Acklam's rational approximation, ~1e-9 relative error). */
export function normalQuantile(p: number): number {
  check(p > 0 && p < 1, 'E007', () => `normalQuantile: p must be in (0, 1), got ${p}`, { field: 'p' });
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - pLow) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Student t CDF P(T ≤ t) with df degrees of freedom (df = Infinity: the normal CDF). */
export function tCdf(t: number, df: number): number {
  check(df > 0, 'E007', () => `tCdf: df must be > 0, got ${df}`, { field: 'df' });
  if (!Number.isFinite(df)) return normalCdf(t);
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** Student t quantile: the t with P(T ≤ t) = p (bisection on `tCdf`, to ~1e-12). */
export function tQuantile(p: number, df: number): number {
  check(p > 0 && p < 1, 'E007', () => `tQuantile: p must be in (0, 1), got ${p}`, { field: 'p' });
  check(df > 0, 'E007', () => `tQuantile: df must be > 0, got ${df}`, { field: 'df' });
  if (!Number.isFinite(df)) return normalQuantile(p);
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (p < 0.5) return -tQuantile(1 - p, df);
  if (p === 0.5) return 0;
  let lo = 0;
  let hi = Math.max(1, normalQuantile(p));
  while (tCdf(hi, df) < p) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Mean of finite numbers (null for none). */
export function meanOf(values: readonly number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** Mean with a Student t confidence interval (default 95%) — for scores over seeds. */
export function meanCI(values: readonly number[], opts: { confidence?: number } = {}): MeanCI {
  const confidence = opts.confidence ?? 0.95;
  check(confidence > 0 && confidence < 1, 'E007', () => `meanCI: confidence must be in (0, 1), got ${confidence}`, { field: 'confidence' });
  values.forEach((v, i) => check(Number.isFinite(v), 'E007', () => `meanCI: value ${v} is not a finite number`, { index: i }));
  const n = values.length;
  const mean = meanOf(values);
  if (mean === null || n < 2) return { mean, low: null, high: null, std: null, n };
  const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const half = (tQuantile((1 + confidence) / 2, n - 1) * std) / Math.sqrt(n);
  return { mean, low: mean - half, high: mean + half, std, n };
}

/** Result of a paired t-test: mean difference (b - a), t statistic, df and two-sided p-value. */
export interface PairedTTest {
  diff: number | null;
  t: number | null;
  df: number;
  pValue: number | null;
}

/**
 * Paired two-sided t-test of b against a (e.g. two schemes paired by seed). p is null with fewer
 * than 2 pairs; with zero variance it is 1 if the mean difference is 0, else 0.
 */
export function pairedTTest(a: readonly number[], b: readonly number[]): PairedTTest {
  check(a.length === b.length, 'E505', () => `pairedTTest: ${a.length} values vs ${b.length}`);
  const diffs = a.map((x, i) => b[i] - x);
  const n = diffs.length;
  const diff = meanOf(diffs);
  if (diff === null || n < 2) return { diff, t: null, df: Math.max(n - 1, 0), pValue: null };
  const sd = Math.sqrt(diffs.reduce((s, d) => s + (d - diff) ** 2, 0) / (n - 1));
  if (sd === 0) return { diff, t: diff === 0 ? 0 : Math.sign(diff) * Infinity, df: n - 1, pValue: diff === 0 ? 1 : 0 };
  const t = diff / (sd / Math.sqrt(n));
  return { diff, t, df: n - 1, pValue: Math.min(1, 2 * (1 - tCdf(Math.abs(t), n - 1))) };
}
