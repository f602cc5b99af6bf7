/**
 * Adam with a warm-up/decay schedule, global-norm gradient clipping and decoupled L2 weight decay
 * (thinc's defaults: L2_is_weight_decay). Large params are updated with tf ops (moments on the
 * backend); small ones in JavaScript, since on wasm a tf op costs ~30 µs of dispatch however small.
 * (A lazy row-wise update of the hash tables, tried too, made training slower here.)
 */
import { tf } from './backend';
import { WorkbenchError } from '../errors';

/** Options of `Adam`. */
export interface AdamOptions {
  /** Peak learning rate (e.g. 0.001). */
  learnRate: number;
  /** First-moment decay (default 0.9). */
  beta1?: number;
  /** Second-moment decay (default 0.999). */
  beta2?: number;
  /** Denominator epsilon (default 1e-8). */
  eps?: number;
  /** Steps of linear warm-up from 0 to learnRate (default 0: none). */
  warmupSteps?: number;
  /** When set, the rate decays linearly after warm-up to 0 at this step. */
  totalSteps?: number;
  /** Maximum global L2 norm of all gradients together; larger gradients are scaled down (default: no clipping). */
  gradClip?: number;
  /** Decoupled weight decay: each step w -= lr·L2·w (default 0). */
  L2?: number;
}

/**
 * Scales gradients so their global L2 norm is at most `maxNorm` (all scaled by one factor,
 * clip / max(norm, clip), computed on the backend without a sync). Returns new tensors.
 */
export function clipByGlobalNorm(grads: tf.Tensor[], maxNorm: number): tf.Tensor[] {
  return tf.tidy(() => {
    if (grads.length === 0) return [];
    const norm = tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g)))));
    const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
    return grads.map((g) => tf.mul(g, scale));
  });
}

/** Params of at most this many values are updated in JavaScript (one download and upload beat ~15 tf ops). */
const SMALL_PARAM = 4096;

/** Moment estimates of a dense param, on the backend. */
interface Moments {
  m: tf.Variable;
  v: tf.Variable;
}

/** Moment estimates of a small param, updated in JavaScript. */
interface SmallMoments {
  m: Float32Array;
  v: Float32Array;
}

/** The constants of one Adam step. */
interface StepConstants {
  b1: number;
  b2: number;
  eps: number;
  /** Learning rate with the bias corrections folded in. */
  stepSize: number;
  /** lr·L2 (decoupled weight decay), 0 when off. */
  decay: number;
  /** Gradient scale from global-norm clipping (1 when not clipped). */
  scale: number;
}

/** Adam in place on every value: weights w, gradient g, moments m and s. */
function adamValues(h: StepConstants, g: Float32Array, w: Float32Array, m: Float32Array, s: Float32Array): void {
  const { b1, b2, eps, stepSize, decay, scale } = h;
  for (let k = 0; k < w.length; k++) {
    const gk = g[k] * scale;
    const mk = b1 * m[k] + (1 - b1) * gk;
    const sk = b2 * s[k] + (1 - b2) * gk * gk;
    m[k] = mk;
    s[k] = sk;
    w[k] -= (stepSize * mk) / (Math.sqrt(sk) + eps) + decay * w[k];
  }
}

function checkOption(name: string, value: number | undefined, ok: (x: number) => boolean, range: string): void {
  if (value !== undefined && !(typeof value === 'number' && ok(value))) {
    throw new WorkbenchError('E007', `Adam: ${name} must be ${range}, got ${value}`, { field: name });
  }
}

/** The Adam optimiser; `step` updates params in place from their gradients. */
export class Adam {
  readonly learnRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly warmupSteps: number;
  readonly totalSteps: number | undefined;
  readonly gradClip: number | undefined;
  readonly L2: number;
  private moments = new Map<tf.Variable, Moments>();
  private smallMoments = new Map<tf.Variable, SmallMoments>();
  private steps = 0;

  constructor(opts: AdamOptions) {
    checkOption('learnRate', opts.learnRate, (x) => x > 0 && Number.isFinite(x), 'a positive number');
    checkOption('beta1', opts.beta1, (x) => x >= 0 && x < 1, 'in [0, 1)');
    checkOption('beta2', opts.beta2, (x) => x >= 0 && x < 1, 'in [0, 1)');
    checkOption('eps', opts.eps, (x) => x > 0, 'positive');
    checkOption('warmupSteps', opts.warmupSteps, (x) => Number.isInteger(x) && x >= 0, 'a non-negative integer');
    checkOption('totalSteps', opts.totalSteps, (x) => Number.isInteger(x) && x > (opts.warmupSteps ?? 0), 'an integer above warmupSteps');
    checkOption('gradClip', opts.gradClip, (x) => x > 0, 'positive');
    checkOption('L2', opts.L2, (x) => x >= 0, 'non-negative');
    this.learnRate = opts.learnRate;
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.eps = opts.eps ?? 1e-8;
    this.warmupSteps = opts.warmupSteps ?? 0;
    this.totalSteps = opts.totalSteps;
    this.gradClip = opts.gradClip;
    this.L2 = opts.L2 ?? 0;
  }

  /** Number of updates made so far. */
  get stepCount(): number {
    return this.steps;
  }

  /** The learning rate used at update number `step` (1-based): linear warm-up, then constant or linear decay. */
  rateAt(step: number): number {
    if (this.warmupSteps > 0 && step <= this.warmupSteps) return (this.learnRate * step) / this.warmupSteps;
    if (this.totalSteps === undefined) return this.learnRate;
    const left = (this.totalSteps - step) / (this.totalSteps - this.warmupSteps);
    return this.learnRate * Math.max(0, left);
  }

  /**
   * One update of every param that has a gradient. `grads` is keyed by tf variable name (what
   * tf.variableGrads returns) or by the params' own names. Params without a gradient are left alone.
   */
  step(params: Map<string, tf.Variable>, grads: Record<string, tf.Tensor | null>): void {
    const pairs: Array<[tf.Variable, tf.Tensor]> = [];
    for (const [name, v] of params) {
      const g = grads[v.name] ?? grads[name];
      if (g) pairs.push([v, g]);
    }
    this.steps += 1;
    if (pairs.length === 0) return;
    const t = this.steps;
    const lr = this.rateAt(t);
    // Bias correction folded into the step size (Kingma & Ba, section 2).
    const stepSize = (lr * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
    tf.tidy(() => {
      // Small params (biases, norms, CRF transitions) are updated in JavaScript: for them a tf op's
      // dispatch costs more than its arithmetic, and Adam needs ~15 ops a param.
      const small = pairs.map(([v, g]) => (v.size <= SMALL_PARAM ? (g.dataSync() as Float32Array) : undefined));
      let scale = 1;
      if (this.gradClip !== undefined) {
        let sq = 0;
        for (const g of small) if (g) for (let k = 0; k < g.length; k++) sq += g[k] * g[k];
        const large = pairs.filter((_, i) => !small[i]).map(([, g]) => tf.sum(tf.square(g)));
        if (large.length) sq += tf.addN(large).dataSync()[0];
        scale = this.gradClip / Math.max(Math.sqrt(sq), this.gradClip);
      }
      const decay = this.L2 > 0 ? lr * this.L2 : 0;
      const h: StepConstants = { b1: this.beta1, b2: this.beta2, eps: this.eps, stepSize, decay, scale };
      pairs.forEach(([v, grad], i) => {
        const g = small[i];
        if (g) {
          let state = this.smallMoments.get(v);
          if (!state) this.smallMoments.set(v, (state = { m: new Float32Array(v.size), v: new Float32Array(v.size) }));
          const w = (v.dataSync() as Float32Array).slice(); // a copy: on cpu dataSync is the tensor's own storage
          adamValues(h, g, w, state.m, state.v);
          v.assign(tf.tensor(w, v.shape, 'float32'));
          return;
        }
        const state = this.momentsOf(v);
        const gs = scale === 1 ? grad : tf.mul(grad, scale);
        const m = tf.add(tf.mul(state.m, this.beta1), tf.mul(gs, 1 - this.beta1));
        const s = tf.add(tf.mul(state.v, this.beta2), tf.mul(tf.square(gs), 1 - this.beta2));
        state.m.assign(m);
        state.v.assign(s);
        let w: tf.Tensor = tf.sub(v, tf.mul(tf.div(m, tf.add(tf.sqrt(s), this.eps)), stepSize));
        if (decay > 0) w = tf.sub(w, tf.mul(v, decay));
        v.assign(w);
      });
    });
  }

  private momentsOf(v: tf.Variable): Moments {
    let state = this.moments.get(v);
    if (state === undefined) {
      state = { m: tf.variable(tf.zerosLike(v), false), v: tf.variable(tf.zerosLike(v), false) };
      this.moments.set(v, state);
    }
    return state;
  }

  /** Frees the moment estimates. */
  dispose(): void {
    for (const { m, v } of this.moments.values()) {
      m.dispose();
      v.dispose();
    }
    this.moments.clear();
    this.smallMoments.clear();
  }
}
