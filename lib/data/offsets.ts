// Offsets between Python strings (Unicode code points, what Prodigy writes) and JavaScript strings
// (UTF-16 code units, what Example offsets are).

/** Maps code-point offsets of `text` (Python, Prodigy) to UTF-16 offsets (JavaScript); valid for 0..codePointLength(text). */
export function codePointToUtf16(text: string): (offset: number) => number {
  if (!hasSurrogates(text)) return (offset) => offset;
  const table: number[] = [];
  let u = 0;
  for (const ch of text) {
    table.push(u);
    u += ch.length;
  }
  table.push(u);
  return (offset) => table[offset];
}

/** Maps UTF-16 offsets of `text` to code-point offsets (an offset inside a surrogate pair maps to its code point). */
export function utf16ToCodePoint(text: string): (offset: number) => number {
  if (!hasSurrogates(text)) return (offset) => offset;
  const table = new Array<number>(text.length + 1);
  let cp = 0;
  let u = 0;
  for (const ch of text) {
    for (let k = 0; k < ch.length; k++) table[u + k] = cp;
    u += ch.length;
    cp++;
  }
  table[u] = cp;
  return (offset) => table[offset];
}

/** Length of `text` in code points (Python's len). */
export function codePointLength(text: string): number {
  if (!hasSurrogates(text)) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function hasSurrogates(text: string): boolean {
  return /[\uD800-\uDFFF]/.test(text);
}
