/**
 * A small seeded random number generator (sfc32 seeded through splitmix32). There is no global
 * RNG anywhere in the workbench: every function that needs randomness takes an `Rng`.
 */

/** splitmix32: turns any 32-bit integer into a well-mixed one (used for seeding and forking). */
function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** FNV-1a hash of a string, so string salts fork as well as numbers. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A deterministic random stream: the same seed always gives the same numbers. */
export class Rng {
  /** The seed this stream started from (forks derive from it, not from the current state). */
  readonly seed: number;
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | undefined;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`Rng: seed must be a finite number, got ${seed}`);
    this.seed = seed >>> 0 === seed ? seed : hashString(String(seed));
    let s = this.seed;
    this.a = s = splitmix32(s);
    this.b = s = splitmix32(s);
    this.c = s = splitmix32(s);
    this.d = splitmix32(s);
    for (let i = 0; i < 12; i++) this.next(); // sfc32 warm-up
  }

  /** A float in [0, 1) with 32 bits of randomness. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A standard normal deviate (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Fisher–Yates shuffle of `a` in place; returns `a`. */
  shuffle<T>(a: T[]): T[] {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /**
   * An independent stream named by `salt`. It depends only on this stream's seed and the salt,
   * not on how many numbers were drawn, so adding a layer does not change its siblings' weights.
   */
  fork(salt: number | string): Rng {
    const s = typeof salt === 'number' ? splitmix32(salt >>> 0 === salt ? salt : hashString(String(salt))) : hashString(salt);
    return new Rng((splitmix32(this.seed ^ s) ^ Math.imul(s, 0x27d4eb2d)) >>> 0);
  }

  /** A fresh 31-bit seed drawn from this stream (for tfjs ops that take a numeric seed). */
  seedInt(): number {
    return this.int(0x7fffffff);
  }
}
