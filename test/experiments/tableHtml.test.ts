import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableHtml } from '../../lib/experiments/tableHtml';

test('tableHtml(rows) renders a header and one row per record, numbers right-aligned', () => {
  const html = tableHtml([{ label: 'CITY', spans: 1200, share: 0.12345 }], { caption: 'Entities' });
  assert.match(html, /<caption[^>]*>Entities<\/caption>/);
  assert.deepEqual([...html.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]), ['label', 'spans', 'share']);
  assert.deepEqual([...html.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]), ['CITY', '1,200', '0.123']);
  assert.match(html, /text-align: right;">1,200/);
  assert.match(html, /text-align: left;">CITY/);
});

test('tableHtml(rows, {digits}) gives every number of a fractional column the same decimals', () => {
  const html = tableHtml([{ share: 1 }, { share: 0.0625 }, { share: null }], { digits: 2 });
  assert.deepEqual([...html.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]), ['1.00', '0.06', '']);
});

test('tableHtml({columns, values}) takes a DataFrame shape, 1-D values for one column, and escapes', () => {
  const html = tableHtml({ columns: ['a<b'], values: ['<script>', null] });
  assert.match(html, /<th[^>]*>a&lt;b<\/th>/);
  assert.match(html, /<td[^>]*>&lt;script&gt;<\/td>/);
  assert.equal((html.match(/<tr>/g) ?? []).length, 3);
  assert.doesNotMatch(html, /<script>/);
});

test('tableHtml(x) rejects something that is not a table', () => {
  assert.throws(() => tableHtml({ columns: 'a' } as never), /\[E007\].*tableHtml/);
});
