// A tiny fake data directory for bench tests: SNIPS-style slot/intent splits and CoNLL-2003-style
// NER files (no ATIS), pointed to by WORKBENCH_DATA.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CITIES = ['paris', 'london', 'berlin', 'tokyo', 'rome', 'madrid', 'oslo', 'lima'];
const ARTISTS = ['adele', 'queen', 'abba', 'muse', 'blur', 'oasis', 'sting', 'toto'];

/** `n` SNIPS-style lines (seq.in, seq.out, label), two intents, varied by `offset`. */
function slotLines(n: number, offset: number): { seqIn: string[]; seqOut: string[]; label: string[] } {
  const out = { seqIn: [] as string[], seqOut: [] as string[], label: [] as string[] };
  for (let i = 0; i < n; i++) {
    const k = i + offset;
    if (k % 2 === 0) {
      out.seqIn.push(`what is the weather in ${CITIES[k % CITIES.length]} today`);
      out.seqOut.push('O O O O O B-city B-timeRange');
      out.label.push('GetWeather');
    } else {
      out.seqIn.push(`play some ${ARTISTS[k % ARTISTS.length]} please`);
      out.seqOut.push('O O B-artist O');
      out.label.push('PlayMusic');
    }
  }
  return out;
}

/** `n` CoNLL-2003-style sentences (word POS chunk NER), under one -DOCSTART-. */
function conllText(n: number, offset: number): string {
  const lines = ['-DOCSTART- -X- -X- O', ''];
  for (let i = 0; i < n; i++) {
    const k = i + offset;
    const city = CITIES[k % CITIES.length].replace(/^./, (c) => c.toUpperCase());
    const person = ARTISTS[k % ARTISTS.length].replace(/^./, (c) => c.toUpperCase());
    lines.push(`${person} NNP B-NP B-PER`, `visited VBD B-VP O`, `${city} NNP B-NP B-LOC`, `. . O O`, '');
  }
  return lines.join('\n');
}

/** Creates the fake data directory (snips and conll2003 only) and returns its path. */
export function makeFakeDataDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'bench-fake-data-'));
  const splits: [string, number, number][] = [
    ['train', 40, 0],
    ['valid', 12, 3],
    ['test', 12, 5],
  ];
  for (const [split, n, offset] of splits) {
    const dir = join(root, 'snips', split);
    mkdirSync(dir, { recursive: true });
    const l = slotLines(n, offset);
    writeFileSync(join(dir, 'seq.in'), l.seqIn.join('\n') + '\n');
    writeFileSync(join(dir, 'seq.out'), l.seqOut.join('\n') + '\n');
    writeFileSync(join(dir, 'label'), l.label.join('\n') + '\n');
  }
  mkdirSync(join(root, 'conll2003'));
  writeFileSync(join(root, 'conll2003', 'train.txt'), conllText(30, 0));
  writeFileSync(join(root, 'conll2003', 'valid.txt'), conllText(10, 2));
  writeFileSync(join(root, 'conll2003', 'test.txt'), conllText(10, 4));
  return root;
}
