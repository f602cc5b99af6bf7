import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderEntities } from '../../lib/plots/renderEntities';
import { ENTITY_COLORS, entityColor } from '../../lib/plots/colors';

test('renderEntities(text, ents): <mark> per entity with its label and displaCy colour, text in between', () => {
  const html = renderEntities('Alice flew to Paris.', [{ start: 14, end: 19, label: 'GPE' }, { start: 0, end: 5, label: 'PERSON' }]);
  const marks = [...html.matchAll(/<mark[^>]*style="background: ([^;]+);[^"]*">([^<]*)<span[^>]*>([^<]*)<\/span><\/mark>/g)].map((m) => [m[1], m[2], m[3]]);
  assert.deepEqual(marks, [[ENTITY_COLORS.PERSON, 'Alice', 'PERSON'], [ENTITY_COLORS.GPE, 'Paris', 'GPE']]);
  assert.ok(html.includes('</mark> flew to <mark'));
  assert.ok(html.includes('</mark>.</div>'));
  assert.ok(html.includes('font-variant: small-caps'));
});

test('renderEntities escapes all user text: text, labels, category names', () => {
  const text = '<script>alert(1)</script> in Rome';
  const html = renderEntities(text, [{ start: 29, end: 33, label: '<b>LOC</b>' }], { '<img src=x onerror=alert(2)>': 0.9 }, { title: '<h1>t</h1>' });
  assert.ok(!html.includes('<script>'));
  assert.ok(!html.includes('<img'));
  assert.ok(!html.includes('<b>'));
  assert.ok(!html.includes('<h1>'));
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; in <mark'));
  assert.ok(html.includes('&lt;b&gt;LOC&lt;/b&gt;</span>'));
  assert.ok(html.includes('&lt;img src=x onerror=alert(2)&gt;'));
  assert.ok(html.includes('&lt;h1&gt;t&lt;/h1&gt;'));
});

test('renderEntities(text, ents, cats): category rows sorted by score, bar width = score', () => {
  const html = renderEntities('hi', [], { GetWeather: 0.2, BookFlight: 0.75, PlayMusic: 0.05 });
  const rows = [...html.matchAll(/class="wb-cat-label"[^>]*>([^<]+)<\/span>.*?width: ([\d.]+)%/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(rows, [['BookFlight', '75.0'], ['GetWeather', '20.0'], ['PlayMusic', '5.0']]);
  assert.equal((renderEntities('hi', [], { a: 0.2, b: 0.7 }, { maxCats: 1 }).match(/wb-cat-label/g) ?? []).length, 1);
});

test('renderEntities: newlines become <br>; unknown labels get a stable hashed colour', () => {
  assert.ok(renderEntities('a\nb', []).includes('a<br>b'));
  assert.equal(entityColor('restaurant_type'), entityColor('restaurant_type'));
  assert.notEqual(entityColor('restaurant_type'), entityColor('city'));
  assert.match(entityColor('restaurant_type'), /^hsl\(\d+, \d+%, \d+%\)$/);
  assert.equal(entityColor('person'), ENTITY_COLORS.PERSON);
});

test('renderEntities: overlapping and out-of-range entities are errors naming the entity index', () => {
  assert.throws(() => renderEntities('Alice Smith', [{ start: 0, end: 11, label: 'PER' }, { start: 6, end: 11, label: 'PER' }]), /\[E502\].*example 1.*entity 1 \(6-11\) overlaps entity 0/);
  assert.throws(() => renderEntities('Alice', [{ start: 0, end: 5, label: 'PER' }, { start: 3, end: 9, label: 'PER' }]), /\[E502\].*example 1.*out of range/);
  assert.throws(() => renderEntities('Alice', [{ start: 2, end: 2, label: 'PER' }]), /\[E502\].*example 0/);
  assert.throws(() => renderEntities('Alice', [], { a: NaN }), /\[E502\].*cats\.a/);
});

test('renderEntities(text, ents, cats, {offsets: "codepoint"}) reads Prodigy/Python offsets after an emoji', () => {
  const text = '😀 I love Paris';
  // "Paris" is [9, 14) in code points and [10, 15) in UTF-16 units (the emoji is two units).
  const marked = (html: string) => [...html.matchAll(/<mark[^>]*>([^<]*)</g)].map((m) => m[1]);
  assert.deepEqual(marked(renderEntities(text, [{ start: 9, end: 14, label: 'GPE' }], undefined, { offsets: 'codepoint' })), ['Paris']);
  assert.deepEqual(marked(renderEntities(text, [{ start: 10, end: 15, label: 'GPE' }])), ['Paris']);
  assert.deepEqual(marked(renderEntities(text, [{ start: 10, end: 15, label: 'GPE' }], undefined, { offsets: 'utf16' })), ['Paris']);
  assert.throws(() => renderEntities(text, [{ start: 10, end: 15, label: 'GPE' }], undefined, { offsets: 'codepoint' }), /E502.*example 0.*out of range for a text of 14 code points/);
  assert.throws(() => renderEntities(text, [], undefined, { offsets: 'bytes' as 'utf16' }), /E502.*offsets must be 'utf16' or 'codepoint'/);
});
