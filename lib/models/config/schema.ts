import { WorkbenchError } from '../../errors';

/**
 * A tiny declarative schema for plain-JSON configs: every field has a kind, a default and a doc
 * line (spaCy's "documented with a sensible range" habit). `validateAgainst` fills defaults,
 * rejects unknown keys with a did-you-mean, and names the key path and the bad value.
 */
export type FieldSpec =
  | { kind: 'int'; default: number; min?: number; max?: number; neutral?: number; doc: string }
  | { kind: 'number'; default: number; min?: number; max?: number; minExclusive?: boolean; neutral?: number; doc: string }
  | { kind: 'boolean'; default: boolean; doc: string }
  | { kind: 'enum'; values: readonly string[]; default: string; doc: string }
  | { kind: 'string'; default: string | null; nullable?: boolean; doc: string }
  | { kind: 'list'; item: ItemSpec; default: unknown[]; minLength?: number; maxLength?: number; doc: string }
  | { kind: 'section'; fields: SectionSpec; doc: string };

/** What one element of a list may be. */
export type ItemSpec =
  | { kind: 'int'; min?: number; max?: number }
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'string' };

// `neutral`: the value at which a key added to the schema later computes what the workbench did
// before the key existed (an option that is off). configHash leaves such a key out at that value,
// so adding an option keeps the hash of every config, and with it every cached run.

/** The fields of one config section, by key. */
export type SectionSpec = Record<string, FieldSpec>;

/** A JSON-ish plain object. */
export type PlainObject = Record<string, unknown>;

/** True for `{...}` objects (not arrays, not null). */
export function isPlainObject(x: unknown): x is PlainObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** `top` merged over `base`: plain objects recursively, anything else in `top` (arrays, scalars) replaces `base`'s value. Neither is modified. */
export function mergeConfig(base: PlainObject, top: PlainObject): PlainObject {
  const out: PlainObject = { ...base };
  for (const [k, v] of Object.entries(top)) {
    const prev = out[k];
    out[k] = isPlainObject(v) && isPlainObject(prev) ? mergeConfig(prev, v) : v;
  }
  return out;
}

/** The defaults of a section as a fresh plain object (deep copies of list defaults). */
export function defaultsOf(spec: SectionSpec): PlainObject {
  const out: PlainObject = {};
  for (const [key, field] of Object.entries(spec)) {
    out[key] = field.kind === 'section' ? defaultsOf(field.fields) : field.kind === 'list' ? [...field.default] : field.default;
  }
  return out;
}

/**
 * Validates `value` against `spec`, returning a new object with defaults filled in.
 * `path` prefixes key paths in messages (e.g. 'encoder'). `allKeys` lists every key path of the
 * whole config, so a key put in the wrong section gets "did you mean encoder.width?".
 */
export function validateAgainst(value: unknown, spec: SectionSpec, path: string, allKeys: string[] = []): PlainObject {
  const where = path || 'config';
  if (!isPlainObject(value)) {
    throw new WorkbenchError('E010', `${where} must be an object, got ${showValue(value)}`, { field: where });
  }
  for (const key of Object.keys(value)) {
    // Own keys only: `key in spec` would accept "constructor", "toString" or "__proto__" from Object.prototype.
    if (!Object.hasOwn(spec, key)) {
      const full = join(path, key);
      const hint = suggest(key, Object.keys(spec), path, allKeys);
      throw new WorkbenchError('E009', `unknown key "${full}"${hint ? `; did you mean "${hint}"?` : ''}`, { field: full });
    }
  }
  const out: PlainObject = {};
  for (const [key, field] of Object.entries(spec)) {
    const full = join(path, key);
    const v = value[key];
    if (v === undefined) {
      out[key] = field.kind === 'section' ? validateAgainst({}, field.fields, full, allKeys) : field.kind === 'list' ? [...field.default] : field.default;
    } else if (field.kind === 'section') {
      out[key] = validateAgainst(v, field.fields, full, allKeys);
    } else {
      out[key] = checkField(v, field, full);
    }
  }
  return out;
}

/** A validated `value` without the keys whose field declares a `neutral` value and holds it (what configHash hashes). */
export function withoutNeutral(value: PlainObject, spec: SectionSpec): PlainObject {
  const out: PlainObject = {};
  for (const [key, v] of Object.entries(value)) {
    const field = Object.hasOwn(spec, key) ? spec[key] : undefined;
    if (field?.kind === 'section' && isPlainObject(v)) out[key] = withoutNeutral(v, field.fields);
    else if (!(field && 'neutral' in field && field.neutral !== undefined && field.neutral === v)) out[key] = v;
  }
  return out;
}

/** Every key path of a schema ('encoder.width', ...), for did-you-mean across sections. */
export function keyPaths(spec: SectionSpec, path = ''): string[] {
  return Object.entries(spec).flatMap(([key, field]) => {
    const full = join(path, key);
    return field.kind === 'section' ? [full, ...keyPaths(field.fields, full)] : [full];
  });
}

function checkField(v: unknown, field: Exclude<FieldSpec, { kind: 'section' }>, full: string): unknown {
  if (field.kind === 'list') {
    if (!Array.isArray(v)) invalid(full, v, 'a list');
    if (field.minLength !== undefined && v.length < field.minLength) invalid(full, v, `a list of at least ${field.minLength} items`);
    if (field.maxLength !== undefined && v.length > field.maxLength) invalid(full, v, `a list of at most ${field.maxLength} items`);
    return v.map((item, i) => checkItem(item, field.item, `${full}[${i}]`));
  }
  if (field.kind === 'boolean') {
    if (typeof v !== 'boolean') invalid(full, v, 'true or false');
    return v;
  }
  if (field.kind === 'string' && field.nullable && v === null) return null;
  return checkItem(v, field, full);
}

function checkItem(v: unknown, spec: ItemSpec | FieldSpec, full: string): unknown {
  switch (spec.kind) {
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v)) invalid(full, v, 'an integer');
      checkRange(v, spec.min, spec.max, false, full);
      return v;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) invalid(full, v, 'a finite number');
      checkRange(v, spec.min, spec.max, 'minExclusive' in spec && spec.minExclusive === true, full);
      return v;
    case 'enum':
      if (typeof v !== 'string' || !spec.values.includes(v)) {
        const hint = typeof v === 'string' ? closest(v, spec.values) : undefined;
        invalid(full, v, `one of ${spec.values.map((s) => JSON.stringify(s)).join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`);
      }
      return v;
    case 'string':
      if (typeof v !== 'string') invalid(full, v, 'a string');
      return v;
    default:
      throw new Error(`unreachable field kind at ${full}`);
  }
}

function checkRange(v: number, min: number | undefined, max: number | undefined, minExclusive: boolean, full: string): void {
  if (min !== undefined && (minExclusive ? v <= min : v < min)) invalid(full, v, `${minExclusive ? '>' : '>='} ${min}`);
  if (max !== undefined && v > max) invalid(full, v, `<= ${max}`);
}

/** Throws the E010 error for a bad value: names the key path, the value and what was expected. */
export function invalid(full: string, v: unknown, expected: string): never {
  throw new WorkbenchError('E010', `${full} = ${showValue(v)} is invalid: expected ${expected}`, { field: full });
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** A value for an error message: JSON, except numbers JSON cannot show (NaN, ±Infinity) and undefined. */
export function showValue(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return `${v}n`;
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** A sibling key within edit distance 2, else a key of the same name in another section. */
function suggest(key: string, siblings: string[], path: string, allKeys: string[]): string | undefined {
  const near = closest(key, siblings);
  if (near !== undefined) return path ? `${path}.${near}` : near;
  const elsewhere = allKeys.filter((k) => k.split('.').pop() === key || closest(key, [k.split('.').pop() ?? '']) !== undefined);
  return elsewhere[0];
}

/** The candidate closest to `word` (case-insensitive edit distance ≤ max(1, ⌊len/3⌋), at most 2). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(2, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD && d <= limit) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** Edit distance with adjacent transpositions (optimal string alignment): "widht" → "width" is 1. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
