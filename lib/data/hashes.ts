// Prodigy-style task hashes: `_input_hash` identifies the input (the text), `_task_hash` the question
// asked about it (input + spans / label / options). Both are signed 32-bit MurmurHash3 values of a
// canonical JSON string (keys sorted at every level), so they are stable across runs, platforms and
// key order.

/** Default keys whose values identify a task's input (Prodigy's `input_keys`). */
export const INPUT_KEYS: readonly string[] = ['text', 'image', 'html', 'input'];
/** Default keys whose values identify the question asked about the input (Prodigy's `task_keys`). */
export const TASK_KEYS: readonly string[] = ['spans', 'label', 'options'];

// Scratch buffer for UTF-8 bytes of non-ASCII strings; grown on demand, never shrunk.
let scratch = new Uint8Array(256);

/**
 * MurmurHash3 x86 32-bit of the UTF-8 bytes of `str`, as a SIGNED 32-bit integer (like Python's
 * `mmh3.hash` / `murmurhash.hash`; use `h >>> 0` for the unsigned value). Lone surrogates hash as U+FFFD.
 */
export function murmurhash3_32(str: string, seed = 0): number {
  const n = str.length;
  let h = seed | 0;
  let i = 0;
  // ASCII fast path: one byte per code unit, four at a time, no allocation.
  for (; i + 3 < n; i += 4) {
    const c0 = str.charCodeAt(i);
    const c1 = str.charCodeAt(i + 1);
    const c2 = str.charCodeAt(i + 2);
    const c3 = str.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) >= 0x80) break;
    h = mixBlock(h, c0 | (c1 << 8) | (c2 << 16) | (c3 << 24));
  }
  if (i === n) return finish(h, n);
  let tailAscii = true;
  for (let j = i; j < n; j++) {
    if (str.charCodeAt(j) >= 0x80) {
      tailAscii = false;
      break;
    }
  }
  if (tailAscii) return tailBytesAscii(str, i, n, h);
  // General path: encode the rest to UTF-8 in the scratch buffer (at most 3 bytes per code unit).
  const need = (n - i) * 3;
  if (scratch.length < need) scratch = new Uint8Array(Math.max(need, scratch.length * 2));
  const buf = scratch;
  let len = 0;
  for (let j = i; j < n; j++) {
    let c = str.charCodeAt(j);
    if (c < 0x80) buf[len++] = c;
    else if (c < 0x800) {
      buf[len++] = 0xc0 | (c >> 6);
      buf[len++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = j + 1 < n ? str.charCodeAt(j + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          j++;
          buf[len++] = 0xf0 | (c >> 18);
          buf[len++] = 0x80 | ((c >> 12) & 0x3f);
          buf[len++] = 0x80 | ((c >> 6) & 0x3f);
          buf[len++] = 0x80 | (c & 0x3f);
          continue;
        }
        c = 0xfffd;
      }
      buf[len++] = 0xe0 | (c >> 12);
      buf[len++] = 0x80 | ((c >> 6) & 0x3f);
      buf[len++] = 0x80 | (c & 0x3f);
    }
  }
  let k = 0;
  for (; k + 3 < len; k += 4) h = mixBlock(h, buf[k] | (buf[k + 1] << 8) | (buf[k + 2] << 16) | (buf[k + 3] << 24));
  let t = 0;
  switch (len - k) {
    case 3:
      t ^= buf[k + 2] << 16;
    // falls through
    case 2:
      t ^= buf[k + 1] << 8;
    // falls through
    case 1:
      t ^= buf[k];
      h ^= mixK(t);
  }
  return finish(h, i + len);
}

function tailBytesAscii(str: string, i: number, n: number, h: number): number {
  for (; i + 3 < n; i += 4) {
    h = mixBlock(h, str.charCodeAt(i) | (str.charCodeAt(i + 1) << 8) | (str.charCodeAt(i + 2) << 16) | (str.charCodeAt(i + 3) << 24));
  }
  let t = 0;
  switch (n - i) {
    case 3:
      t ^= str.charCodeAt(i + 2) << 16;
    // falls through
    case 2:
      t ^= str.charCodeAt(i + 1) << 8;
    // falls through
    case 1:
      t ^= str.charCodeAt(i);
      h ^= mixK(t);
  }
  return finish(h, n);
}

function mixK(k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, 0x1b873593);
}

function mixBlock(h: number, k: number): number {
  h ^= mixK(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number, byteLength: number): number {
  h ^= byteLength;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * JSON with object keys sorted at every level and `undefined` members dropped, so equal data gives equal
 * strings whatever the key order.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    if (obj[key] === undefined || typeof obj[key] === 'function') continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(obj[key])}`);
  }
  return `{${parts.join(',')}}`;
}

// Spans are compared by start, end and label only (token ids, text or scores do not change the task)
// and as a set (sorted), so reordering spans does not change the hash.
function normalizeSpans(spans: unknown): unknown {
  if (!Array.isArray(spans)) return spans;
  const norm = spans.map((s) => {
    if (s === null || typeof s !== 'object') return s;
    const { start, end, label } = s as { start?: unknown; end?: unknown; label?: unknown };
    return { start, end, label };
  });
  return norm
    .map((s) => [canonicalJson(s), s] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map((p) => p[1]);
}

function pick(task: object, keys: readonly string[], normalize: boolean): Record<string, unknown> {
  const rec = task as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (rec[k] === undefined) continue;
    out[k] = normalize && k === 'spans' ? normalizeSpans(rec[k]) : rec[k];
  }
  return out;
}

/** Prodigy-style input hash: signed 32-bit MurmurHash3 of the canonical JSON of the present `keys`. */
export function inputHash(task: object, keys: readonly string[] = INPUT_KEYS): number {
  return murmurhash3_32(canonicalJson(pick(task, keys, false)));
}

/**
 * Prodigy-style task hash: the input hash (over `inputKeys`) combined with the present task `keys`
 * (spans by start/end/label only, order-independent).
 */
export function taskHash(task: object, keys: readonly string[] = TASK_KEYS, inputKeys: readonly string[] = INPUT_KEYS): number {
  return combineTaskHash(inputHash(task, inputKeys), task, keys);
}

function combineTaskHash(input: number, task: object, keys: readonly string[]): number {
  return murmurhash3_32(canonicalJson({ _input_hash: input, task: pick(task, keys, true) }));
}

/** Options of `setHashes`. */
export interface SetHashesOptions {
  /** Recompute hashes already present (default false: keep existing numeric hashes). */
  overwrite?: boolean;
  /** Keys identifying the input (default `INPUT_KEYS`). */
  inputKeys?: readonly string[];
  /** Keys identifying the question (default `TASK_KEYS`). */
  taskKeys?: readonly string[];
}

/**
 * A shallow copy of `task` with `_input_hash` and `_task_hash` set (the input is not mutated). Existing
 * numeric hashes are kept unless `overwrite`; the task hash is built on the (kept or new) input hash.
 */
export function setHashes<T extends object>(task: T, opts: SetHashesOptions = {}): T & { _input_hash: number; _task_hash: number } {
  const rec = task as Record<string, unknown>;
  const keepInput = !opts.overwrite && typeof rec._input_hash === 'number';
  const keepTask = !opts.overwrite && typeof rec._task_hash === 'number';
  const input = keepInput ? (rec._input_hash as number) : inputHash(task, opts.inputKeys ?? INPUT_KEYS);
  const taskH = keepTask ? (rec._task_hash as number) : combineTaskHash(input, task, opts.taskKeys ?? TASK_KEYS);
  return { ...task, _input_hash: input, _task_hash: taskH };
}

/** Seed of the second hash of contentHashes (any constant other than Prodigy's 0). */
const CONTENT_SEED = 0x9747b28c;

/**
 * Two 32-bit hashes that together tell tasks apart where Prodigy's 32-bit hash alone collides
 * (about one pair per 10^5 distinct texts): `hash`, the task's own `_input_hash` / `_task_hash`
 * when it has one, else the value setHashes computes; and `content`, an independently seeded
 * MurmurHash3 of the same canonical JSON (input keys for 'input'; input and task keys, spans
 * normalized, for 'task'). Equal tasks give equal pairs; the Prodigy value is kept, not replaced.
 */
export function contentHashes(task: object, by: 'input' | 'task'): { hash: number; content: number } {
  const rec = task as Record<string, unknown>;
  const givenInput = typeof rec._input_hash === 'number' ? rec._input_hash : undefined;
  const inputJson = canonicalJson(pick(task, INPUT_KEYS, false));
  if (by === 'input') return { hash: givenInput ?? murmurhash3_32(inputJson), content: murmurhash3_32(inputJson, CONTENT_SEED) };
  const taskJson = canonicalJson(pick(task, TASK_KEYS, true));
  // canonicalJson({_input_hash, task}) written out: keys sorted, so the hash equals taskHash's.
  const hash =
    typeof rec._task_hash === 'number' ? rec._task_hash : murmurhash3_32(`{"_input_hash":${givenInput ?? murmurhash3_32(inputJson)},"task":${taskJson}}`);
  return { hash, content: murmurhash3_32(`${inputJson}\n${taskJson}`, CONTENT_SEED) };
}
