import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreEntityTokens } from '../../lib/eval/tokenEntities';
import { scoreExamples } from '../../lib/eval/evaluate';
import { close, ex, predOf } from './helpers';

// "fly from new york to boston": gold FROM = "new york", TO = "boston"; "play jazz now": GENRE = "jazz".
const gold = [ex('fly from new york to boston', [[9, 17, 'FROM'], [21, 27, 'TO']]), ex('play jazz now', [[5, 9, 'GENRE']])];
// Predicted: FROM = "york" (half the span), CITY = "boston" (a label gold never has), GENRE = "jazz".
const pred = [predOf(gold[0], [[13, 17, 'FROM'], [21, 27, 'CITY']]), predOf(gold[1], [[5, 9, 'GENRE']])];

test("scoreEntityTokens: Rasa's token labels, averaged over gold labels weighted by support (sklearn average='weighted')", () => {
  // Tokens: new FROM/-, york FROM/FROM, boston TO/CITY, jazz GENRE/GENRE. Gold labels FROM (2 tokens), TO (1), GENRE (1).
  // Precision: FROM 1/1, TO 0 (never predicted: sklearn's zero_division), GENRE 1 → (2·1 + 0 + 1) / 4.
  // Recall: FROM 1/2, TO 0, GENRE 1 → (2·0.5 + 0 + 1) / 4. F1: FROM 2/3, TO 0, GENRE 1 → (2·2/3 + 1) / 4.
  const s = scoreEntityTokens(gold, pred);
  close(s.ents_token_p, 0.75);
  close(s.ents_token_r, 0.5);
  close(s.ents_token_f, (4 / 3 + 1) / 4);
  // Exact spans are stricter on the same predictions: 1 of 3 spans right.
  const all = scoreExamples(gold, pred);
  close(all.ents_f, 1 / 3);
  close(all.ents_token_f, (4 / 3 + 1) / 4);
});

test('scoreEntityTokens: a token takes the label of the span overlapping it most; no gold entity token gives null', () => {
  // A predicted span ending inside "york" (chars 13-15) still labels the token; the gold span covers it whole.
  const s = scoreEntityTokens([gold[0]], [predOf(gold[0], [[9, 15, 'FROM'], [21, 27, 'TO']])]);
  close(s.ents_token_f, 1);
  assert.deepEqual(scoreEntityTokens([ex('nothing here')], [predOf(ex('nothing here'), [[0, 7, 'X']])]), { ents_token_p: null, ents_token_r: null, ents_token_f: null });
  assert.throws(() => scoreEntityTokens(gold, pred.slice(0, 1)), /scoreEntityTokens/);
});
