// Small vector files written by the tests (GloVe text, fastText text, word2vec binary).
import { writeFileSync } from 'node:fs';

/** Words and their vectors used by the fixture files. */
export const FIXTURE: [string, number[]][] = [
  ['paris', [0.5, -0.25, 1.0]],
  ['london', [0.45, -0.2, 0.9]],
  ['jazz', [-1.5, 0.75, 0.0]],
  ['new york', [0.4, -0.3, 0.8]],
];

/** Writes the fixture as GloVe text (no header). */
export function writeGlove(file: string, rows = FIXTURE): void {
  writeFileSync(file, rows.map(([w, v]) => `${w} ${v.join(' ')}`).join('\n') + '\n');
}

/** Writes the fixture as fastText .vec text (a "count dim" header first). */
export function writeVec(file: string, rows = FIXTURE): void {
  writeFileSync(file, `${rows.length} ${rows[0][1].length}\n` + rows.map(([w, v]) => `${w} ${v.join(' ')}`).join('\n') + '\n');
}

/** Writes the fixture in word2vec's binary format. */
export function writeWord2vec(file: string, rows = FIXTURE.filter(([w]) => !w.includes(' '))): void {
  const parts: Buffer[] = [Buffer.from(`${rows.length} ${rows[0][1].length}\n`)];
  for (const [w, v] of rows) {
    const values = Buffer.alloc(4 * v.length);
    v.forEach((x, d) => values.writeFloatLE(x, 4 * d));
    parts.push(Buffer.from(`${w} `, 'utf8'), values, Buffer.from('\n'));
  }
  writeFileSync(file, Buffer.concat(parts));
}
