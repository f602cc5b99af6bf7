import type { CrfStructure } from './factoredCrf';

/**
 * Reusable work arrays (one set per structure: decoding and training are single-threaded and never
 * nested), so long runs do not spend their time allocating and collecting T·K arrays per text.
 */
export class Scratch {
  private f64 = new Map<string, Float64Array>();
  private i32 = new Map<string, Int32Array>();
  /** A Float64Array of at least n entries, zero-filled when `clear`. */
  float(name: string, n: number, clear = true): Float64Array {
    let a = this.f64.get(name);
    if (!a || a.length < n) this.f64.set(name, (a = new Float64Array(Math.max(n, 2 * (a?.length ?? 0)))));
    if (clear) a.fill(0, 0, n);
    return a;
  }
  int(name: string, n: number): Int32Array {
    let a = this.i32.get(name);
    if (!a || a.length < n) this.i32.set(name, (a = new Int32Array(Math.max(n, 2 * (a?.length ?? 0)))));
    return a;
  }
  private ids: Int32Array | undefined;
  /** 0, 1, …, n − 1 (exactly n entries). */
  identity(n: number): Int32Array {
    if (!this.ids || this.ids.length !== n) this.ids = Int32Array.from({ length: n }, (_, i) => i);
    return this.ids;
  }
}
const scratches = new WeakMap<CrfStructure, Scratch>();
/** Grow-only scratch arrays of one structure, by name (decoding and losses are synchronous; callers use distinct names). */
export function scratchOf(s: CrfStructure): Scratch {
  let x = scratches.get(s);
  if (!x) scratches.set(s, (x = new Scratch()));
  return x;
}
