import { WorkbenchError, check } from '../errors';
import { tokenize } from '../data/tokenize';
import type { Token } from '../data/types';

/** A phrase pattern: a string, or a string with a label and an id. */
export type PhrasePattern = string | { pattern: string; label?: string; id?: string };

/** Options of `PhraseMatcher`. */
export interface PhraseMatcherOptions {
  /** Token attribute compared: 'ORTH' (exact text) or 'LOWER' (case-insensitive). Default 'ORTH', like spaCy. */
  attr?: 'ORTH' | 'LOWER';
  /** Label of patterns given without one (default 'PHRASE'). */
  defaultLabel?: string;
}

/** One phrase match: token range (end exclusive), character range (UTF-16, end exclusive), label, text. */
export interface PhraseMatch {
  label: string;
  id?: string;
  tokenStart: number;
  tokenEnd: number;
  start: number;
  end: number;
  text: string;
}

interface PatternInfo {
  label: string;
  id?: string;
}

// A trie over token keys; `children` is created lazily so the 100k leaves of a large pattern list
// cost no Map each.
interface TrieNode {
  children?: Map<string, TrieNode>;
  pattern?: PatternInfo;
}

/**
 * spaCy-style phrase matcher: patterns are tokenized with `tokenize` into a token trie. `match` finds, at each
 * token, every pattern starting there, then keeps non-overlapping matches as spaCy's `filter_spans` does:
 * longest first, and the earliest among equally long ones (so the longest match wins at each start). When two
 * patterns have the same tokens, the first added keeps its label.
 */
export class PhraseMatcher {
  readonly attr: 'ORTH' | 'LOWER';
  private readonly root: TrieNode = {};
  private count = 0;

  constructor(patterns: Iterable<PhrasePattern>, opts: PhraseMatcherOptions = {}) {
    const attr = opts.attr ?? 'ORTH';
    check(attr === 'ORTH' || attr === 'LOWER', 'E007', () => `PhraseMatcher: attr must be 'ORTH' or 'LOWER', got ${JSON.stringify(attr)}`);
    this.attr = attr;
    const defaultLabel = opts.defaultLabel ?? 'PHRASE';
    let index = 0;
    for (const p of patterns) {
      const text = typeof p === 'string' ? p : p?.pattern;
      if (typeof text !== 'string') {
        throw new WorkbenchError('E007', `PhraseMatcher: pattern must be a string or {pattern: string}, got ${JSON.stringify(p)}`, { index });
      }
      const keys = tokenize(text).map((t) => this.key(t.text));
      check(keys.length > 0, 'E007', () => `PhraseMatcher: pattern ${JSON.stringify(text)} has no tokens`, { index });
      const info: PatternInfo = typeof p === 'string' ? { label: defaultLabel } : { label: p.label ?? defaultLabel, id: p.id };
      this.addKeys(keys, info);
      index++;
    }
  }

  /** Number of distinct token sequences in the matcher. */
  get size(): number {
    return this.count;
  }

  /** Adds one pattern given as already-keyed tokens (e.g. a single lower-cased term). */
  addKeys(keys: readonly string[], info: PatternInfo): void {
    let node = this.root;
    for (const k of keys) {
      const children: Map<string, TrieNode> = node.children ?? (node.children = new Map());
      let child = children.get(k);
      if (!child) {
        child = {};
        children.set(k, child);
      }
      node = child;
    }
    if (!node.pattern) {
      node.pattern = info;
      this.count++;
    }
  }

  /** The comparison key of a token text under this matcher's attribute. */
  key(text: string): string {
    return this.attr === 'LOWER' ? text.toLowerCase() : text;
  }

  /**
   * Non-overlapping matches in a text (tokenized with `tokenize`) or in given tokens, in text order. With
   * tokens, pass the text they index into so match texts keep the original spacing.
   */
  match(textOrTokens: string | readonly Token[], sourceText?: string): PhraseMatch[] {
    const tokens = typeof textOrTokens === 'string' ? tokenize(textOrTokens) : textOrTokens;
    const n = tokens.length;
    const rootChildren = this.root.children;
    if (n === 0 || !rootChildren) return [];
    const keys: string[] = new Array(n);
    for (let i = 0; i < n; i++) keys[i] = this.key(tokens[i].text);
    // Candidates as [start, end, node]; every pattern ending along each walk.
    const cands: { s: number; e: number; p: PatternInfo }[] = [];
    for (let i = 0; i < n; i++) {
      let node = rootChildren.get(keys[i]);
      let j = i + 1;
      while (node) {
        if (node.pattern) cands.push({ s: i, e: j, p: node.pattern });
        if (!node.children || j >= n) break;
        node = node.children.get(keys[j++]);
      }
    }
    if (cands.length === 0) return [];
    let chosen = cands;
    if (cands.length > 1) {
      // filter_spans: longest first, then earliest; keep those not overlapping an already kept span.
      const order = cands.slice().sort((a, b) => b.e - b.s - (a.e - a.s) || a.s - b.s);
      const taken = new Uint8Array(n);
      chosen = [];
      for (const c of order) {
        let free = true;
        for (let t = c.s; t < c.e; t++) if (taken[t]) { free = false; break; }
        if (!free) continue;
        for (let t = c.s; t < c.e; t++) taken[t] = 1;
        chosen.push(c);
      }
      chosen.sort((a, b) => a.s - b.s);
    }
    const text = typeof textOrTokens === 'string' ? textOrTokens : sourceText;
    return chosen.map(({ s, e, p }) => {
      const start = tokens[s].start;
      const end = tokens[e - 1].end;
      const m: PhraseMatch = {
        label: p.label,
        tokenStart: s,
        tokenEnd: e,
        start,
        end,
        text: text !== undefined ? text.slice(start, end) : tokens.slice(s, e).map((t) => t.text).join(' '),
      };
      if (p.id !== undefined) m.id = p.id;
      return m;
    });
  }
}
