import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { toHtml, escapeHtml, scriptJson } from '../../lib/plots/html';
import type { Figure } from '../../lib/plots/figure';

const fig = (label: string): Figure => ({ data: [{ type: 'bar', x: [label], y: [1] }], layout: { xaxis: {}, yaxis: {}, height: 300 } });
const PLOTLY_HEADER = 'plotly.js v2.35';

test('toHtml(figs, title): plotly.js inlined exactly once, one div per figure', () => {
  const html = toHtml([fig('a'), { title: 'second', figure: fig('b') }], 'Report');
  assert.equal(html.split(PLOTLY_HEADER).length - 1, 1);
  assert.ok(html.length > readFileSync(require.resolve('plotly.js-dist-min/plotly.min.js'), 'utf8').length);
  assert.ok(html.includes('<div id="wb-fig-0" class="wb-figure" style="width: 100%; height: 300px;">'));
  assert.ok(html.includes('id="wb-fig-1"'));
  assert.ok(!/<script[^>]*src=|<link[^>]*href=/.test(html), 'nothing loaded from the network');
  assert.ok(html.includes('<h2 class="wb-title">second</h2>'));
});

test('toHtml escapes titles and keeps figure JSON from closing its <script>', () => {
  const html = toHtml([{ title: '<img src=x onerror=alert(1)>', figure: fig('</script><script>alert(1)</script>') }], '<script>alert(1)</script>');
  assert.ok(html.includes('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>'));
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(!html.includes('<script>alert(1)'));
  assert.ok(!html.includes('</script><script>alert'));
  assert.ok(html.includes('\\u003c/script>\\u003cscript>alert(1)'));
});

test('toHtml with only HTML items does not embed plotly.js', () => {
  const html = toHtml([{ html: '<p>hello</p>' }], 't');
  assert.ok(!html.includes(PLOTLY_HEADER));
  assert.ok(html.includes('<p>hello</p>'));
});

test('escapeHtml and scriptJson', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  assert.deepEqual(JSON.parse(scriptJson({ s: '</script>\u2028' })), { s: '</script>\u2028' });
  assert.ok(!scriptJson({ s: '</script>' }).includes('<'));
});
