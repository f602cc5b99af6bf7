import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonl, readJsonlEntries, writeJsonl } from '../../lib/data/jsonl';
import { WorkbenchError } from '../../lib/errors';

const tmp = () => mkdtempSync(join(tmpdir(), 'jsonl-'));

test('readJsonl(path) yields records in order, skipping blank lines and a BOM', async () => {
  const p = join(tmp(), 'a.jsonl');
  writeFileSync(p, '\ufeff{"a":1}\n\n  \n{"a":2}\r\n{"a":3}');
  const out: unknown[] = [];
  for await (const r of readJsonl(p)) out.push(r);
  assert.deepEqual(out, [{ a: 1 }, { a: 2 }, { a: 3 }]);
  const lines: number[] = [];
  for await (const e of readJsonlEntries(p)) lines.push(e.line);
  assert.deepEqual(lines, [1, 4, 5]);
});

test('readJsonl(path) throws E001 naming the file and the 1-based line of invalid JSON', async () => {
  const p = join(tmp(), 'bad.jsonl');
  writeFileSync(p, '{"a":1}\n\n{"a":\n');
  await assert.rejects(
    async () => {
      for await (const _ of readJsonl(p));
    },
    (err: unknown) => err instanceof WorkbenchError && err.code === 'E001' && err.message.includes(`${p}:3`),
  );
});

test('readJsonl(path) is lazy: the first record of a big file arrives though a later line is invalid', async () => {
  const p = join(tmp(), 'big.jsonl');
  const line = JSON.stringify({ text: 'x'.repeat(200) }) + '\n';
  writeFileSync(p, line.repeat(20000) + '{broken\n'); // ~4 MB, invalid at the end
  const it = readJsonl<{ text: string }>(p)[Symbol.asyncIterator]();
  const first = await it.next();
  assert.equal(first.value.text.length, 200);
  await it.return!(undefined); // closes the file
});

test('readJsonl(path) yields from a pipe before the writer has finished (reads line by line)', { skip: process.platform === 'win32' }, async () => {
  const fifo = join(tmp(), 'pipe');
  execFileSync('mkfifo', [fifo]);
  const writer = createWriteStream(fifo);
  writer.write('{"n":1}\n');
  const it = readJsonl<{ n: number }>(fifo)[Symbol.asyncIterator]();
  // An eager reader would wait for end-of-file, which only comes after we get the first record.
  const guard = new Promise((_, reject) => setTimeout(() => reject(new Error('readJsonl waited for the whole file')), 10000).unref());
  const first = (await Promise.race([it.next(), guard])) as IteratorResult<{ n: number }>;
  assert.equal(first.value.n, 1);
  writer.end('{"n":2}\n');
  assert.equal((await it.next()).value.n, 2);
  assert.equal((await it.next()).done, true);
});

test('writeJsonl(path, iterable | asyncIterable) writes one record per line and returns the count', async () => {
  const dir = tmp();
  const p = join(dir, 'out.jsonl');
  assert.equal(await writeJsonl(p, [{ a: 1 }, { b: 'é😀' }]), 2);
  assert.equal(readFileSync(p, 'utf8'), '{"a":1}\n{"b":"é😀"}\n');
  async function* gen() {
    for (let i = 0; i < 5000; i++) yield { i };
  }
  assert.equal(await writeJsonl(p, gen()), 5000);
  const back: unknown[] = [];
  for await (const r of readJsonl(p)) back.push(r);
  assert.equal(back.length, 5000);
  assert.deepEqual(back[4999], { i: 4999 });
  assert.deepEqual(readdirSync(dir), ['out.jsonl']); // no temporary file left behind
});

test('writeJsonl(path, records) is atomic: an error mid-stream leaves the old file and no partial or temp file', async () => {
  const dir = tmp();
  const p = join(dir, 'keep.jsonl');
  writeFileSync(p, '{"old":true}\n');
  function* failing() {
    yield { a: 1 };
    yield { a: 2 };
    throw new Error('source broke');
  }
  await assert.rejects(writeJsonl(p, failing()), /source broke/);
  assert.equal(readFileSync(p, 'utf8'), '{"old":true}\n');
  assert.deepEqual(readdirSync(dir), ['keep.jsonl']);
  // A record JSON cannot hold fails the same way, with E002 naming the record.
  await assert.rejects(writeJsonl(join(dir, 'new.jsonl'), [{ a: 1 }, undefined]), /E002.*example 1/);
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  await assert.rejects(writeJsonl(join(dir, 'new.jsonl'), [cyclic]), /circular/i);
  assert.deepEqual(readdirSync(dir), ['keep.jsonl']);
});

/** Asserts a WorkbenchError with this code whose message matches every pattern. */
const coded = (code: string, ...patterns: RegExp[]) => (err: unknown) => {
  assert.ok(err instanceof WorkbenchError, `not a WorkbenchError: ${String(err)}`);
  assert.equal(err.code, code, err.message);
  for (const p of patterns) assert.match(err.message, p);
  return true;
};

test('writeJsonl(path, records): a circular record or a BigInt is E015 naming the path and the record index', async () => {
  const dir = tmp();
  const p = join(dir, 'out.jsonl');
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  await assert.rejects(writeJsonl(p, [{ ok: 1 }, { ok: 2 }, cyclic]), coded('E015', /out\.jsonl/, /example 2/, /record 2/, /circular/i));
  await assert.rejects(writeJsonl(p, [{ n: 1n }]), coded('E015', /out\.jsonl/, /example 0/, /BigInt/));
  assert.deepEqual(readdirSync(dir), []);
});

test('writeJsonl(path, records): a missing folder or a path that is a folder is E013 naming the path', async () => {
  const dir = tmp();
  await assert.rejects(writeJsonl(join(dir, 'no', 'such', 'out.jsonl'), [{ a: 1 }]), coded('E013', /no[/\\]such[/\\]out\.jsonl/, /ENOENT/));
  await assert.rejects(writeJsonl(dir, [{ a: 1 }]), coded('E013', new RegExp(dir.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')), /(EISDIR|ENOTEMPTY|EEXIST|folder)/));
  assert.deepEqual(readdirSync(dir), []);
});

test('readJsonl(path): a missing file or a folder is E013 naming the path', async () => {
  const dir = tmp();
  const drain = async (path: string) => {
    for await (const _ of readJsonl(path)) void _;
  };
  await assert.rejects(drain(join(dir, 'missing.jsonl')), coded('E013', /missing\.jsonl/, /no such file/, /ENOENT/));
  await assert.rejects(drain(dir), coded('E013', /it is a folder/, /EISDIR/));
});
