/**
 * Which tag sequences are valid, as sparse predecessor lists (AllenNLP's `allowed_transitions`):
 * BILUO allows I-X/L-X only after B-X/I-X and O/B/U only after O/L/U, starts outside an
 * entity and ends outside one; BIO forbids I-X except after B-X or I-X.
 */
export interface TagConstraints {
  /** Number of tags. */
  nTags: number;
  /** allowed[from * nTags + to] = 1 when `to` may follow `from`. */
  allowed: Uint8Array;
  /** 1 when a sequence may start with the tag. */
  start: Uint8Array;
  /** 1 when a sequence may end with the tag. */
  end: Uint8Array;
  /** For each tag `to`, the tags that may precede it (CSR: prevIndex[prevOffset[to] .. prevOffset[to + 1]]). */
  prevOffset: Int32Array;
  prevIndex: Int32Array;
  /**
   * Tags grouped by identical predecessor lists (BILUO: O, B-X and U-X share one list; I-X and L-X
   * pair another), so decoding without transition scores takes one max per group: O(K) per token.
   * groupOf[tag] is the tag's group; groupHead[g] a tag of group g (whose prev list is the group's).
   */
  groupOf: Int32Array;
  groupHead: Int32Array;
}

/** Parses 'B-LOC' into ['B', 'LOC']; 'O' into ['O', '']. */
export function splitTag(tag: string): [string, string] {
  if (tag === 'O') return ['O', ''];
  const i = tag.indexOf('-');
  return [tag.slice(0, i), tag.slice(i + 1)];
}

/** The transition constraints of a tag list in the BILUO or BIO scheme. */
export function tagConstraints(tags: readonly string[], tagScheme: 'biluo' | 'bio'): TagConstraints {
  const n = tags.length;
  const parts = tags.map(splitTag);
  const allowed = new Uint8Array(n * n);
  const start = new Uint8Array(n);
  const end = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const [p, label] = parts[j];
    if (tagScheme === 'biluo') {
      start[j] = p === 'O' || p === 'B' || p === 'U' ? 1 : 0;
      end[j] = p === 'O' || p === 'L' || p === 'U' ? 1 : 0;
    } else {
      start[j] = p === 'I' ? 0 : 1;
      end[j] = 1;
    }
    for (let i = 0; i < n; i++) allowed[i * n + j] = canFollow(parts[i], [p, label], tagScheme) ? 1 : 0;
  }
  const prevOffset = new Int32Array(n + 1);
  const prev: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) if (allowed[i * n + j]) prev.push(i);
    prevOffset[j + 1] = prev.length;
  }
  const groupOf = new Int32Array(n);
  const heads: number[] = [];
  const seen = new Map<string, number>();
  for (let j = 0; j < n; j++) {
    const key = prev.slice(prevOffset[j], prevOffset[j + 1]).join(',');
    let g = seen.get(key);
    if (g === undefined) {
      g = heads.length;
      seen.set(key, g);
      heads.push(j);
    }
    groupOf[j] = g;
  }
  return { nTags: n, allowed, start, end, prevOffset, prevIndex: Int32Array.from(prev), groupOf, groupHead: Int32Array.from(heads) };
}

function canFollow([pp, pl]: [string, string], [p, l]: [string, string], scheme: 'biluo' | 'bio'): boolean {
  if (scheme === 'biluo') {
    const inside = pp === 'B' || pp === 'I';
    if (p === 'I' || p === 'L') return inside && pl === l;
    return !inside;
  }
  if (p === 'I') return (pp === 'B' || pp === 'I') && pl === l;
  return true;
}

/** True when a tag-id sequence satisfies the constraints (start, every transition, end). */
export function isValidSequence(path: ArrayLike<number>, c: TagConstraints): boolean {
  const T = path.length;
  if (T === 0) return true;
  if (!c.start[path[0]] || !c.end[path[T - 1]]) return false;
  for (let t = 1; t < T; t++) if (!c.allowed[path[t - 1] * c.nTags + path[t]]) return false;
  return true;
}
