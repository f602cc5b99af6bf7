import type { Token } from './types';

// spaCy's English tokenizer, rule for rule where it matters (spacy/lang/punctuation.py,
// spacy/lang/char_classes.py, spacy/tokenizer.pyx): split on whitespace, then for each chunk strip
// prefixes and suffixes until nothing changes (stopping at special cases and URLs / e-mails), then split
// the middle on infixes. Every character of a chunk lands in exactly one token, in order.

const EMOJI = String.raw`\p{RI}\p{RI}|\p{Extended_Pictographic}(?:\uFE0F|\p{EMod})*(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{EMod})*)*`;
// LIST_ICONS: other symbols (except the degree sign, which belongs to its number: "30°C").
const ICON = String.raw`(?!°)\p{So}`;
const PUNCT = String.raw`…,:;!?¿؟¡()\[\]{}<>_#*&。？！，、；：～·।،۔؛٪`;
const BACKTICK = '`';
const QUOTES = String.raw`'"”“${BACKTICK}‘´’‚„»«「」『』（）〔〕【】《》〈〉⟦⟧`;
const ELLIPSIS = String.raw`\.\.+|…+`;
const UNITS = [
  'km²', 'km³', 'km', 'm²', 'm³', 'm', 'dm²', 'dm³', 'dm', 'cm²', 'cm³', 'cm', 'mm²', 'mm³', 'mm', 'ha', 'µm',
  'nm', 'yd', 'in', 'ft', 'kg', 'g', 'mg', 'µg', 't', 'lb', 'oz', 'm/s', 'km/h', 'kmh', 'mph', 'hPa', 'Pa',
  'mbar', 'mb', 'MB', 'kb', 'KB', 'gb', 'GB', 'tb', 'TB', 'T', 'G', 'M', 'K', '%',
]
  .sort((a, b) => b.length - a.length)
  .map((u) => u.replace(/[/]/g, '\\/'))
  .join('|');

const PREFIX_RE = new RegExp(
  String.raw`^(?:${EMOJI}|${ELLIPSIS}|''|${BACKTICK}${BACKTICK}|[§%=—–]|\+(?![0-9])|[${PUNCT}]|[${QUOTES}]|\p{Sc}|${ICON})`,
  'u',
);
// Alternatives are tried at each position from the left, so the leftmost (hence longest) suffix wins,
// as with spaCy's `suffix_search`.
const SUFFIX_RE = new RegExp(
  String.raw`(?:${EMOJI}|${ELLIPSIS}|''|['’][sS]|[—–]|[${PUNCT}]|[${QUOTES}]|${ICON}` +
    String.raw`|(?<=[0-9])\+|(?<=°[FfCcKk])\.|(?<=[0-9])\p{Sc}|(?<=[0-9])(?:${UNITS})` +
    String.raw`|(?<=[0-9\p{Ll}%²\-+${PUNCT}${QUOTES}])\.|(?<=\p{Lu}\p{Lu})\.)$`,
  'u',
);
const INFIX_RE = new RegExp(
  String.raw`${ELLIPSIS}|${EMOJI}|${ICON}` +
    String.raw`|(?<=[0-9])[+\-*^](?=[0-9-])` +
    String.raw`|(?<=[\p{Ll}'"”’])\.(?=[\p{Lu}'"“‘])` +
    String.raw`|(?<=[\p{L}\p{M}]),(?=[\p{L}\p{M}])` +
    String.raw`|(?<=[\p{L}\p{M}0-9])(?:---|--|——|[-–—~])(?=[\p{L}\p{M}])` +
    String.raw`|(?<=[\p{L}\p{M}0-9])[:<>=/](?=[\p{L}\p{M}])`,
  'gu',
);

// Kept whole (spaCy's token_match / url_match). The last character must not be trailing punctuation,
// so "see http://x.org/a." still loses its full stop to the suffix rule first.
const URL_RE = /^(?:(?:https?|ftp):\/\/|www\.)[^\s/?#]+\.[^\s/?#]*[^\s]*$/iu;
const URL_END_RE = /[\p{L}\p{N}/#=&~_+\-]$/u;
const EMAIL_RE = /^[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}$/u;

// Special cases (spaCy tokenizer exceptions), as split points. Contractions are split generically:
// "don't" → "do" "n't", "can't" → "ca" "n't", "I'm" → "I" "'m"; "'s" is a suffix rule ("it's").
const CONTRACTION_NT = /^(\p{L}+)(n['’]t)$/iu;
const CONTRACTION_CLITIC = /^(\p{L}+)(['’](?:m|re|ve|d|ll))$/iu;
const ABBREVIATIONS = new Set(
  (
    'Mr. Mrs. Ms. Dr. Prof. St. Jr. Sr. Mt. Ft. Gen. Gov. Sen. Rep. Rev. Capt. Col. Lt. Sgt. Inc. Ltd. Co. ' +
    'Corp. Bros. vs. etc. e.g. i.e. a.m. p.m. approx. dept. est. no. No. Jan. Feb. Mar. Apr. Jun. Jul. ' +
    'Aug. Sep. Sept. Oct. Nov. Dec. Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. ' +
    'La. Md. Mass. Mich. Minn. Miss. Mo. Mont. Neb. Nev. Okla. Ore. Pa. Tenn. Va. Wash. Wis. vol. p. pp. ' +
    "ca. cf. fig. Fig. al. Messrs. n't 'm 're 've 'd 'll 's"
  ).split(' '),
);

/** Split points (relative offsets) of a special case, or undefined when `s` is not one. */
function specialSplit(s: string): number[] | undefined {
  if (ABBREVIATIONS.has(s)) return [];
  const last = s.charCodeAt(s.length - 1);
  // Cheap pre-check: contractions end with "t", "m", "e", "d" or "l" and contain an apostrophe.
  if (s.length < 3 || !(s.includes("'") || s.includes('’'))) return undefined;
  if (last === 0x74 || last === 0x54) {
    const m = CONTRACTION_NT.exec(s);
    if (m) return [m[1].length];
  }
  const m = CONTRACTION_CLITIC.exec(s);
  if (m) return [m[1].length];
  return undefined;
}

function keepWhole(s: string): boolean {
  const at = s.indexOf('@');
  if (at > 0) return EMAIL_RE.test(s);
  const c = s.charCodeAt(0) | 0x20;
  if (c !== 0x68 && c !== 0x66 && c !== 0x77) return false; // h, f, w
  return URL_RE.test(s) && URL_END_RE.test(s);
}

/**
 * Tokenize a text with spaCy-like English rules: whitespace splits; URLs, e-mail addresses and numbers
 * ("3.14", "1,000", "-2.5", "10:30") stay whole; prefix/suffix punctuation is split off ("(Berlin)." →
 * "(" "Berlin" ")" "."); contractions split as spaCy does ("don't" → "do" "n't"); infix hyphens between
 * letters split ("well-known" → "well" "-" "known"); each emoji is its own token. Offsets are UTF-16.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    // Scan the chunk, tracking whether all but its last character are "plain": ASCII letters and digits
    // with no digit→letter step (that may be a number with a unit, "10km").
    let j = i + 1;
    let prev = text.charCodeAt(i);
    let plainBody = true;
    let plain = isAsciiAlnum(prev);
    while (j < n) {
      const c = text.charCodeAt(j);
      if (isSpace(c)) break;
      plainBody = plain;
      if (plain && (!isAsciiAlnum(c) || (isDigit(prev) && !isDigit(c)))) plain = false;
      prev = c;
      j++;
    }
    if (plain) {
      // Fast path: no rule splits a plain chunk.
      out.push({ text: text.slice(i, j), start: i, end: j });
    } else if (j - i > 1 && plainBody && isPlainSuffix(text, i, j, prev)) {
      // Fast path: a plain word followed by one punctuation mark ("word," "word.") that the suffix rules split off.
      out.push({ text: text.slice(i, j - 1), start: i, end: j - 1 });
      out.push({ text: text[j - 1], start: j - 1, end: j });
    } else {
      splitChunk(text, i, j, out);
    }
    i = j;
  }
  return out;
}

/** Whether the last character `c` of the chunk [start, end), plain before it, is split off as a suffix. */
function isPlainSuffix(text: string, start: number, end: number, c: number): boolean {
  // , ; : ! ? ) ] } and " always split; "." only after a lower-case letter or digit, unless an abbreviation.
  if (c === 0x2c || c === 0x3b || c === 0x3a || c === 0x21 || c === 0x3f || c === 0x29 || c === 0x5d || c === 0x7d || c === 0x22) return true;
  if (c !== 0x2e) return false;
  const p = text.charCodeAt(end - 2);
  if (!((p >= 0x61 && p <= 0x7a) || isDigit(p))) return false;
  return !ABBREVIATIONS.has(text.slice(start, end));
}

function splitChunk(text: string, start: number, end: number, out: Token[]): void {
  const prefixEnds: number[] = [];
  const suffixStarts: number[] = [];
  let a = start;
  let b = end;
  let special: number[] | undefined;
  let sub = text.slice(a, b);
  while (a < b) {
    special = specialSplit(sub);
    if (special || keepWhole(sub)) break;
    const before = b - a;
    const pre = PREFIX_RE.exec(sub);
    if (pre) {
      a += pre[0].length;
      prefixEnds.push(a);
      sub = text.slice(a, b);
      if (a < b && (special = specialSplit(sub))) break;
    }
    if (a < b) {
      const suf = SUFFIX_RE.exec(sub);
      if (suf && suf[0].length < sub.length) {
        b -= suf[0].length;
        suffixStarts.push(b);
        sub = text.slice(a, b);
      } else if (suf && !pre) {
        // The whole rest is one suffix-only piece (e.g. "'s" alone): keep it as one token.
        break;
      }
    }
    if (b - a === before) break;
  }
  let from = start;
  for (const e of prefixEnds) {
    out.push({ text: text.slice(from, e), start: from, end: e });
    from = e;
  }
  if (a < b) {
    if (special) pushSplit(text, a, b, special, out);
    else if (keepWhole(sub)) out.push({ text: sub, start: a, end: b });
    else splitInfixes(text, a, b, sub, out);
  }
  for (let k = suffixStarts.length - 1; k >= 0; k--) {
    const s = suffixStarts[k];
    const e = k === 0 ? end : suffixStarts[k - 1];
    out.push({ text: text.slice(s, e), start: s, end: e });
  }
}

function pushSplit(text: string, a: number, b: number, cuts: number[], out: Token[]): void {
  let from = a;
  for (const c of cuts) {
    out.push({ text: text.slice(from, a + c), start: from, end: a + c });
    from = a + c;
  }
  out.push({ text: text.slice(from, b), start: from, end: b });
}

function splitInfixes(text: string, a: number, b: number, sub: string, out: Token[]): void {
  INFIX_RE.lastIndex = 0;
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = INFIX_RE.exec(sub)) !== null) {
    const s = m.index;
    const e = s + m[0].length;
    if (e === s) {
      INFIX_RE.lastIndex++;
      continue;
    }
    if (s === 0) continue; // spaCy ignores an infix at the very start of the piece
    if (s > from) out.push({ text: sub.slice(from, s), start: a + from, end: a + s });
    out.push({ text: m[0], start: a + s, end: a + e });
    from = e;
  }
  if (from < sub.length) out.push({ text: from === 0 ? sub : sub.slice(from), start: a + from, end: b });
}

/** JavaScript's `\s` (the whitespace `String.prototype.trim` removes), by code unit. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
