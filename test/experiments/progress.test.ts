import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, formatProgress, progressReporter } from '../../lib/experiments/progress';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 120, write: (s: string) => writes.push(s) } };
}

/** A clock the test advances by hand (milliseconds). */
function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

test('progressReporter({mode: "bar"}) redraws one line with \\r, throttles epochs, ends with a newline', () => {
  const { writes, stream } = fakeStream(true);
  const c = clock();
  const p = progressReporter({ total: 2, mode: 'bar', stream, now: c.now, throttleMs: 100 });
  p.start('snips shared seed=0');
  p.epoch(1, 3, 0.5);
  p.epoch(2, 3, 0.6); // within the throttle window: not drawn
  c.advance(150);
  p.epoch(3, 3, 0.7);
  c.advance(10_000);
  p.end();
  p.start('snips separate seed=0');
  p.end({ resumed: true });
  p.finish();
  assert.ok(writes.every((w) => w.startsWith('\r')));
  assert.ok(writes.slice(0, -1).every((w) => !w.includes('\n')));
  assert.ok(writes[writes.length - 1].endsWith('\n'));
  assert.ok(!writes.some((w) => w.includes('epoch 2/3')));
  assert.ok(writes.some((w) => w.includes('epoch 3/3 dev 0.700')));
  assert.match(writes[writes.length - 1], /\[#{20}\] 2\/2 runs \(1 resumed\)/);
  assert.deepEqual([p.state.done, p.state.resumed], [2, 1]);
});

test('progressReporter({mode: "lines"}) writes one line per finished run, with an ETA from runs actually trained', () => {
  const { writes, stream } = fakeStream(false);
  const c = clock();
  const p = progressReporter({ total: 3, mode: 'lines', stream, now: c.now });
  p.start('a');
  p.end({ resumed: true });
  p.start('b');
  c.advance(60_000);
  p.end();
  p.finish();
  assert.equal(writes.length, 2);
  assert.match(writes[0], /1\/3 runs \(1 resumed\) · a .*\(resumed\)\n$/);
  assert.match(writes[1], /2\/3 runs \(1 resumed\) · b · 1m00s, ETA 1m00s\n$/);
});

test('progressReporter({mode: "notebook"}) updates one display in place with a <progress> element', () => {
  const html: string[] = [];
  const p = progressReporter({ total: 4, mode: 'notebook', display: { html: (s) => html.push(s) }, throttleMs: 0 });
  p.start('x <y>');
  p.epoch(1, 2, null);
  p.end();
  p.finish();
  assert.ok(html.length >= 3);
  assert.match(html[html.length - 1], /<progress value="1" max="4"/);
  assert.ok(html.some((h) => h.includes('x &lt;y&gt;')), 'labels are escaped');
});

test('progressReporter({mode: "auto"}) picks the bar on a terminal and lines otherwise; "none" writes nothing', () => {
  for (const [isTTY, first] of [
    [true, '\r'],
    [false, '['],
  ] as const) {
    const { writes, stream } = fakeStream(isTTY);
    const p = progressReporter({ total: 1, stream });
    p.start('r');
    p.end();
    assert.ok(writes.length > 0 && writes[0].startsWith(first), `isTTY=${isTTY}`);
  }
  const { writes, stream } = fakeStream(true);
  const p = progressReporter({ total: 1, mode: 'none', stream });
  p.start('r');
  p.end();
  p.finish();
  assert.deepEqual(writes, []);
});

test('formatProgress(state) and formatDuration(seconds)', () => {
  assert.equal(
    formatProgress({ done: 1, total: 4, resumed: 0, unit: 'runs', current: 'atis shared seed=1', epoch: 2, epochs: 10, score: 0.81234, elapsedSeconds: 75, etaSeconds: 225 }, 8),
    '[##------] 1/4 runs · atis shared seed=1 · epoch 2/10 dev 0.812 · 1m15s, ETA 3m45s',
  );
  assert.deepEqual([formatDuration(0), formatDuration(59.6), formatDuration(61), formatDuration(3725)], ['0s', '1m00s', '1m01s', '1h02m']);
});

test('progressReporter({parallel: true}) shows every active run with its epoch, and an ETA from throughput', () => {
  const { writes, stream } = fakeStream(true);
  const c = clock();
  const p = progressReporter({ total: 4, mode: 'bar', stream, now: c.now, throttleMs: 0, parallel: true });
  p.endActive('k0', { resumed: true, label: 'snips shared seed=0' });
  p.activeEpoch('k1', 'snips separate seed=0');
  p.activeEpoch('k2', 'snips shared seed=1');
  p.activeEpoch('k1', 'snips separate seed=0', 2, 10);
  assert.match(writes[writes.length - 1], /1\/4 runs \(1 resumed\) · 2 active: snips separate seed=0 epoch 2\/10, snips shared seed=1 starting/);
  c.advance(60_000);
  p.endActive('k1');
  // Two runs left after one trained in 60 s of wall time: 120 s.
  assert.match(writes[writes.length - 1], /2\/4 runs \(1 resumed\) · 1 active: snips shared seed=1 starting · 1m00s, ETA 2m00s/);
  p.endActive('k2', { failed: true });
  assert.equal(p.state.done, 3);
  assert.equal(p.state.active?.size, 0);
});
