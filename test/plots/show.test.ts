import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { show } from '../../lib/plots/show';
import type { Figure } from '../../lib/plots/figure';

const fig: Figure = { data: [{ type: 'scatter', x: [1, 2], y: [3, 4] }], layout: { xaxis: {}, yaxis: {} } };
const PLOTLY_HEADER = 'plotly.js v2.35';

test('show(fig) in a notebook: plotly.js only in the first figure output, each output draws into its own div', () => {
  const outputs: string[] = [];
  const display = { html: (s: string) => outputs.push(s) };
  show('<p>html first: no bundle needed</p>', { display });
  show(fig, { display });
  show([fig, { title: 'two', figure: fig }], { display });
  assert.equal(outputs.length, 3);
  assert.ok(!outputs[0].includes(PLOTLY_HEADER));
  assert.ok(outputs[1].includes(PLOTLY_HEADER));
  assert.ok(!outputs[2].includes(PLOTLY_HEADER));
  // Later outputs find window.Plotly (and wait for it) instead of carrying the bundle.
  assert.ok(outputs[2].includes('window.Plotly.newPlot'));
  const ids = [...outputs.join('').matchAll(/<div id="(wb-[0-9a-f]+-\d+)"/g)].map((m) => m[1]);
  assert.equal(ids.length, 3);
  assert.equal(new Set(ids).size, 3);
  // A second display (another kernel session) gets its own bundle.
  const other: string[] = [];
  show(fig, { display: { html: (s) => other.push(s) } });
  assert.ok(other[0].includes(PLOTLY_HEADER));
});

test('show(fig) outside a notebook: writes a standalone page and returns its path', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-show-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const logged: string[] = [];
  t.mock.method(console, 'log', (m: string) => logged.push(m));
  const path = show(fig, { dir, title: 'T<1>' })!;
  assert.ok(path.startsWith(dir) && path.endsWith('.html'));
  const html = readFileSync(path, 'utf8');
  assert.ok(html.includes('<title>T&lt;1&gt;</title>'));
  assert.equal(html.split(PLOTLY_HEADER).length - 1, 1);
  assert.deepEqual(logged, [`plot written to ${path}`]);
});

test('show(fig) inside a tslab kernel uses the kernel\'s own display (globalThis.__tslab__)', (t) => {
  const outputs: string[] = [];
  const g = globalThis as { __tslab__?: unknown };
  g.__tslab__ = { require: (id: string) => (id === 'tslab' ? { display: { html: (s: string) => outputs.push(s) } } : undefined) };
  t.after(() => delete g.__tslab__);
  assert.equal(show(fig), undefined);
  assert.equal(outputs.length, 1);
  assert.ok(outputs[0].includes('window.Plotly.newPlot'));
});
