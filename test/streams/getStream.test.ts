import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getStream } from '../../lib/streams/getStream';
import { collect } from '../../lib/streams/iter';
import { setHashes } from '../../lib/data/hashes';

const dir = mkdtempSync(join(tmpdir(), 'getstream-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

test('getStream(file.jsonl) reads tasks lazily, skipping blank lines', async () => {
  const p = file('a.jsonl', '{"text":"one"}\n\n{"text":"two","label":"X"}\r\n');
  assert.deepEqual(await collect(getStream(p)), [{ text: 'one' }, { text: 'two', label: 'X' }]);
  const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ text: `t${i}` })).join('\n');
  const it = getStream(file('big.jsonl', lines + '\n{not json'));
  assert.deepEqual((await it.next()).value, { text: 't0' });
  await it.return?.();
  await assert.rejects(collect(getStream(join(dir, 'big.jsonl'))), /E001.*big\.jsonl:5001/);
});

test('getStream(file.json) reads an array; a non-array is E013', async () => {
  assert.deepEqual(await collect(getStream(file('b.json', '[{"text":"x"},"plain string"]'))), [{ text: 'x' }, { text: 'plain string' }]);
  await assert.rejects(collect(getStream(file('c.json', '{"text":"x"}'))), /E013.*c\.json.*array of tasks/);
});

test('getStream(file.txt) gives one {text} per non-empty line', async () => {
  assert.deepEqual(await collect(getStream(file('d.txt', '\ufeffHello there\n\n  \nSecond line\n'))), [{ text: 'Hello there' }, { text: 'Second line' }]);
});

test('getStream(path) names the file for an unknown extension or a missing file', () => {
  assert.throws(() => getStream(file('e.csv', 'text\nx\n')), /E013.*e\.csv.*unknown file extension "\.csv"/);
  assert.throws(() => getStream(join(dir, 'missing.jsonl')), /E013.*missing\.jsonl.*file not found/);
});

test('getStream(source, {inputKey}) renames the field to text; a missing field names it', async () => {
  const out = await collect(getStream([{ body: 'hi', id: 1 }], { inputKey: 'body' }));
  assert.deepEqual(out, [{ id: 1, text: 'hi' }]);
  const p = file('f.jsonl', '{"body":"a"}\n{"content":"b"}\n');
  await assert.rejects(collect(getStream(p, { inputKey: 'body' })), /E002.*f\.jsonl:2.*example 1.*field "body"/);
});

test('getStream(source, {rehash, dedup}) sets fresh hashes and drops repeats', async () => {
  const src = [{ text: 'a', _input_hash: 1, _task_hash: 2 }, { text: 'a' }, { text: 'b' }];
  const out = await collect(getStream(src, { rehash: true }));
  assert.deepEqual(out[0], setHashes({ text: 'a' }));
  assert.equal(out.length, 3);
  assert.deepEqual((await collect(getStream(src, { rehash: true, dedup: true }))).map((t) => t.text), ['a', 'b']);
  // Without rehash the stale hashes of the first task make it differ from the second.
  assert.deepEqual((await collect(getStream(src, { dedup: 'input' }))).map((t) => t.text), ['a', 'a', 'b']);
});

test('getStream(file, {dedup: "input"}) keeps two different texts whose 32-bit input hashes collide', async () => {
  // Found by a birthday search: one signed 32-bit MurmurHash3 for both {"text": ...} inputs.
  const A = 'Book a table for 6 at restaurant number 69286';
  const B = 'Book a table for 2 at restaurant number 88983';
  const p = file('collide.txt', `${A}\n${B}\n${A}\n`);
  assert.deepEqual((await collect(getStream(p, { dedup: 'input' }))).map((t) => t.text), [A, B]);
  assert.deepEqual((await collect(getStream(p, { rehash: true, dedup: true }))).map((t) => t.text), [A, B]);
});

test('getStream(iterable) accepts async iterables and rejects non-objects', async () => {
  async function* gen() {
    yield { text: 'x' };
    yield 5;
  }
  await assert.rejects(collect(getStream(gen())), /E002.*example 1.*got number/);
});

test('getStream(file, {requireText: true}) names the file, line and field of a task without a string text', async () => {
  const p = file('notext.jsonl', '{"text":"one"}\n\n{"image":"x.png"}\n');
  await assert.rejects(collect(getStream(p, { requireText: true })), /\[E002\].*notext\.jsonl:3, example 1, field "text"/);
  assert.equal((await collect(getStream(p))).length, 2);
});

test("getStream('-') reads stdin lazily: JSON tasks and plain texts, bad JSON is E001 naming <stdin> and the line", () => {
  const script = `const { getStream } = require(${JSON.stringify(join(__dirname, '..', '..', 'lib', 'streams'))});
(async () => { try { for await (const t of getStream('-', { requireText: true })) console.log(JSON.stringify(t)); } catch (e) { console.log(String(e.message)); } })();`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { input: 'hello there\n\n{"text": "a task", "meta": {"id": 1}}\n{bad\n', encoding: 'utf8' });
  const lines = r.stdout.trim().split('\n');
  assert.equal(JSON.parse(lines[0]).text, 'hello there');
  assert.deepEqual(JSON.parse(lines[1]).meta, { id: 1 });
  assert.match(lines[2], /^\[E001\] Invalid JSON \(<stdin>:4\)/);
});
