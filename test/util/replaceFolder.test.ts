import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pidAlive, removeStaleSiblings, replaceFolder, restoreStaleOld, siblingPath, type FolderOps } from '../../lib/util/replaceFolder';
import { WorkbenchError } from '../../lib/errors';

function folder(path: string, files: Record<string, string>): string {
  mkdirSync(path, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
  return path;
}

/** Real fs calls, except that the rename of `failFrom` fails with a real-looking EIO (a disk error cannot be made on demand). */
function failingRename(failFrom: (from: string) => boolean): FolderOps {
  return {
    rename: async (from, to) => {
      if (failFrom(from)) throw Object.assign(new Error(`EIO: i/o error, rename '${from}' -> '${to}'`), { code: 'EIO' });
      await fs.rename(from, to);
    },
    rm: fs.rm,
  };
}

test('replaceFolder(tmp, target) moves a new folder in and deletes the old one', async () => {
  const root = mkdtempSync(join(tmpdir(), 'replace-'));
  const target = folder(join(root, 'model'), { 'a.json': 'old' });
  const tmp = folder(siblingPath(target, 'tmp'), { 'a.json': 'new' });
  await replaceFolder(tmp, target);
  assert.equal(readFileSync(join(target, 'a.json'), 'utf8'), 'new');
  assert.deepEqual(readdirSync(root), ['model']);
  const fresh = join(root, 'fresh');
  await replaceFolder(folder(siblingPath(fresh, 'tmp'), { 'b.json': 'x' }), fresh);
  assert.deepEqual(readdirSync(fresh), ['b.json']);
});

test('replaceFolder: a failed final rename puts the old folder back and names both paths (E017)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'replace-'));
  const target = folder(join(root, 'model'), { 'a.json': 'old' });
  const tmp = folder(siblingPath(target, 'tmp'), { 'a.json': 'new' });
  await assert.rejects(replaceFolder(tmp, target, failingRename((from) => from === tmp)), (err: unknown) => {
    assert.ok(err instanceof WorkbenchError, String(err));
    assert.equal(err.code, 'E017');
    assert.ok(err.message.includes(tmp) && err.message.includes(target), err.message);
    assert.match(err.message, /EIO/);
    assert.match(err.message, /old folder was put back/);
    return true;
  });
  assert.equal(readFileSync(join(target, 'a.json'), 'utf8'), 'old');
  assert.deepEqual(readdirSync(root), ['model'], 'the new folder was removed, no hidden folder left');
});

test('replaceFolder: when putting the old folder back fails too, the error says where it is', async () => {
  const root = mkdtempSync(join(tmpdir(), 'replace-'));
  const target = folder(join(root, 'model'), { 'a.json': 'old' });
  const tmp = folder(siblingPath(target, 'tmp'), { 'a.json': 'new' });
  await assert.rejects(replaceFolder(tmp, target, failingRename((from) => from === tmp || from.includes('.old-'))), (err: unknown) => {
    assert.ok(err instanceof WorkbenchError && err.code === 'E017', String(err));
    const old = readdirSync(root).find((n) => n.includes('.old-'));
    assert.ok(old && err.message.includes(join(root, old)), err.message);
    assert.equal(readFileSync(join(root, old, 'a.json'), 'utf8'), 'old');
    assert.ok(err.message.includes(tmp));
    assert.equal(readFileSync(join(tmp, 'a.json'), 'utf8'), 'new', 'both folders kept when the old one could not be put back');
    return true;
  });
});

test('removeStaleSiblings(target) removes .NAME.tmp-PID-* / .NAME.old-PID-* of dead processes that hold only our files', async () => {
  const root = mkdtempSync(join(tmpdir(), 'replace-'));
  const target = join(root, 'model');
  const dead = spawnSync(process.execPath, ['-e', '']).pid!;
  assert.equal(pidAlive(dead), false);
  const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  try {
    const stale = folder(join(root, `.model.tmp-${dead}-1`), { 'config.json': '{}' });
    const staleOld = folder(join(root, `.model.old-${dead}-2`), { 'config.json': '{}', 'weights.bin': 'x' });
    const foreign = folder(join(root, `.model.old-${dead}-3`), { 'config.json': '{}', 'notes.md': 'mine' });
    const running = folder(join(root, `.model.tmp-${sleeper.pid}-4`), { 'config.json': '{}' });
    const other = folder(join(root, `.other.tmp-${dead}-5`), { 'config.json': '{}' });
    const own = new Set(['config.json', 'weights.bin']);
    const removable = async (dir: string) => readdirSync(dir).every((n) => own.has(n));
    const removed = await removeStaleSiblings(target, removable);
    assert.deepEqual(removed.sort(), [stale, staleOld].sort());
    assert.equal(existsSync(stale) || existsSync(staleOld), false);
    for (const kept of [foreign, running, other]) assert.ok(existsSync(kept), kept);
  } finally {
    sleeper.kill();
  }
});

test('restoreStaleOld(target) puts back the newest old folder of a dead save when nothing took its place', async () => {
  const root = mkdtempSync(join(tmpdir(), 'replace-'));
  const target = join(root, 'model');
  const dead = spawnSync(process.execPath, ['-e', '']).pid!;
  const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  try {
    const own = new Set(['config.json', 'weights.bin']);
    const removable = async (dir: string) => readdirSync(dir).every((n) => own.has(n));
    const older = folder(join(root, `.model.old-${dead}-100`), { 'config.json': 'older' });
    const newer = folder(join(root, `.model.old-${dead}-200`), { 'config.json': 'newer', 'weights.bin': 'w' });
    const foreignNewest = folder(join(root, `.model.old-${dead}-300`), { 'config.json': '{}', 'notes.md': 'mine' });
    const running = folder(join(root, `.model.old-${sleeper.pid}-400`), { 'config.json': 'running' });
    const tmpOnly = folder(join(root, `.model.tmp-${dead}-500`), { 'config.json': 'half-written' });
    assert.equal(await restoreStaleOld(target, removable), newer);
    assert.equal(readFileSync(join(target, 'config.json'), 'utf8'), 'newer');
    for (const kept of [older, foreignNewest, running, tmpOnly]) assert.ok(existsSync(kept), kept);
    // With the target back in place, nothing more moves.
    assert.equal(await restoreStaleOld(target, removable), undefined);
    assert.ok(existsSync(older));
  } finally {
    sleeper.kill();
  }
});
