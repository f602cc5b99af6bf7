import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainDisplay } from '../../lib/cli/trainProgress';
import type { EpochProgress, StepProgress } from '../../lib/models';

const step = (epoch: number, n: number): StepProgress => ({ type: 'step', epoch, step: n, losses: { total: 1 }, learnRate: 0.001, tokens: 10 });
const epoch = (e: number, extra: Partial<EpochProgress> = {}): EpochProgress =>
  ({ type: 'epoch', epoch: e, step: e * 2, epochs: 2, losses: { total: 3.5, ner: 2, cat: 1.5 }, dev: { ents_f: 0.5, cats_acc: 0.75, score: 0.6 }, score: 0.6, isBest: e === 1, tokensPerSecond: 1000, seconds: e, devSeconds: 0.1, skippedBatches: 0, ...extra }) as EpochProgress;

function sinks(isTTY: boolean) {
  const out: string[] = [];
  const status: string[] = [];
  return { out, status, opts: { epochs: 2, out: { write: (s: string) => out.push(s) }, status: { isTTY, columns: 100, write: (s: string) => status.push(s) } } };
}

test('trainDisplay off a terminal: one line per epoch with the dev scores, nothing redrawn', () => {
  const s = sinks(false);
  const show = trainDisplay(s.opts);
  show(step(1, 1));
  show(epoch(1));
  show(step(2, 2));
  show(epoch(2, { stopped: 'epochs' }));
  assert.equal(s.status.length, 0);
  assert.equal(s.out.length, 3);
  assert.match(s.out[1], /^epoch +1 +ents_f 0\.500 +cats_acc 0\.750 +score 0\.600 +loss total 3\.50, ner 2\.00, cat 1\.50 +1000 tokens\/s +\*\n$/);
  assert.match(s.out[2], /\(stopped: epochs\)\n$/);
});

test('trainDisplay on a terminal: a bar over the epochs with an ETA on stderr, redrawn in place', () => {
  const s = sinks(true);
  const show = trainDisplay(s.opts);
  show(step(1, 1));
  show(epoch(1));
  show(step(2, 2));
  show(epoch(2, { stopped: 'epochs' }));
  const bar = s.status.filter((w) => w.startsWith('\r['));
  assert.ok(bar.length >= 3);
  assert.ok(bar.some((w) => /1\/2 epochs · epoch 2 · .*ETA/.test(w)));
  assert.match(s.status[s.status.length - 1], /\[#{20}\] 2\/2 epochs.*\n$/);
  assert.equal(s.out.length, 3);
});
