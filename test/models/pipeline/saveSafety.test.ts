import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPipeline, type JointPipeline } from '../../../lib/models';
import { PREDICT_TEXTS, trainSavedPipeline } from './helpers';
import { savePipeline } from '../../../lib/models/pipeline/save';
import { WorkbenchError } from '../../../lib/errors';

// What pipeline.save(dir) may delete: only a folder holding nothing but a pipeline it wrote.

let root: string;
let saved: string;
let pipeline: JointPipeline;
const texts = PREDICT_TEXTS;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'models-save-safety-'));
  saved = join(root, 'model');
  pipeline = await trainSavedPipeline(saved);
});

after(() => {
  pipeline.dispose();
  rmSync(root, { recursive: true, force: true });
});

const refused = (...parts: string[]) => (err: unknown) => {
  assert.ok(err instanceof WorkbenchError, String(err));
  assert.equal(err.code, 'E016', err.message);
  for (const p of parts) assert.ok(err.message.includes(p), `"${p}" missing from: ${err.message}`);
  return true;
};

test('save(dir) refuses a folder whose manifest.json is not a pipeline manifest (a web app) and deletes nothing', async () => {
  const app = join(root, 'webapp');
  mkdirSync(join(app, 'icons'), { recursive: true });
  writeFileSync(join(app, 'manifest.json'), JSON.stringify({ name: 'My App', start_url: '/', icons: [] }));
  writeFileSync(join(app, 'index.html'), '<h1>hi</h1>');
  await assert.rejects(pipeline.save(app), refused(app, 'not a workbench pipeline manifest', '"index.html"', '"icons"', '"manifest.json"'));
  assert.deepEqual(readdirSync(app).sort(), ['icons', 'index.html', 'manifest.json']);
  assert.deepEqual(readdirSync(root).filter((n) => n.startsWith('.')), []);
});

test('save(dir) over a saved pipeline with a file the user added refuses and names the file', async () => {
  const dir = join(root, 'with-notes');
  cpSync(saved, dir, { recursive: true });
  writeFileSync(join(dir, 'README.md'), 'my notes about this model');
  await assert.rejects(pipeline.save(dir), refused(dir, 'did not write', '"README.md"'));
  assert.equal(readFileSync(join(dir, 'README.md'), 'utf8'), 'my notes about this model');
  (await loadPipeline(dir)).dispose();
  // A folder inside a pipeline folder is foreign too; a manifest that lists a foreign name does not make it ours.
  const nested = join(root, 'nested');
  cpSync(saved, nested, { recursive: true });
  mkdirSync(join(nested, 'runs'));
  await assert.rejects(pipeline.save(nested), refused('"runs"'));
  const forged = join(root, 'forged');
  cpSync(saved, forged, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(forged, 'manifest.json'), 'utf8'));
  manifest.files['thesis.tex'] = { bytes: 1, sha256: '0' };
  writeFileSync(join(forged, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(forged, 'thesis.tex'), 'x');
  await assert.rejects(pipeline.save(forged), refused('"thesis.tex"'));
  assert.ok(existsSync(join(forged, 'thesis.tex')));
});

test('save(dir): a failed final rename puts the old pipeline back and names both paths (E017)', async () => {
  const dir = join(root, 'rename-fails');
  await pipeline.save(dir);
  const before = readFileSync(join(dir, 'weights.bin'));
  let moving = '';
  const ops = {
    rename: async (from: string, to: string) => {
      // The move of the new folder into place fails as a failing disk would (EIO).
      if (from.includes('.rename-fails.tmp-')) {
        moving = from;
        throw Object.assign(new Error(`EIO: i/o error, rename '${from}' -> '${to}'`), { code: 'EIO' });
      }
      await fsp.rename(from, to);
    },
    rm: fsp.rm,
  };
  await assert.rejects(savePipeline({ parts: pipeline.parts, params: pipeline.params() }, dir, ops), (err: unknown) => {
    assert.ok(err instanceof WorkbenchError && err.code === 'E017', String(err));
    assert.ok(err.message.includes(moving) && err.message.includes(dir), err.message);
    assert.match(err.message, /EIO.*old folder was put back/);
    return true;
  });
  assert.deepEqual(readFileSync(join(dir, 'weights.bin')), before);
  const loaded = await loadPipeline(dir);
  assert.deepEqual(loaded.predict(texts), pipeline.predict(texts));
  loaded.dispose();
  assert.deepEqual(readdirSync(root).filter((n) => n.startsWith('.rename-fails')), []);
});

test('save(dir) removes the hidden tmp/old folders of a save killed with SIGKILL, once that process is gone', async () => {
  const dir = join(root, 'killed');
  // A real save loop in another process, killed while a hidden folder exists.
  const script = `
    const { loadPipeline } = require(${JSON.stringify(join(__dirname, '../../../lib/models'))});
    (async () => { const p = await loadPipeline(${JSON.stringify(saved)}); for (;;) await p.save(${JSON.stringify(dir)}); })();`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: 'ignore' });
  const hidden = () => readdirSync(root).filter((n) => /^\.killed\.(tmp|old)-/.test(n));
  const exited = new Promise((r) => child.once('exit', r));
  try {
    // Freeze the child whenever a hidden folder shows up; kill it if one is still there while it is frozen.
    for (let i = 0; i < 4000; i++) {
      if (hidden().length > 0) {
        child.kill('SIGSTOP');
        if (hidden().length > 0) break;
        child.kill('SIGCONT');
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
  const stale = hidden();
  assert.ok(stale.length > 0, 'the killed save left no hidden folder to clean up');
  assert.ok(stale.every((n) => n.includes(`-${child.pid}-`)));
  // Someone else's folder with the same kind of name but a file the workbench does not write stays.
  const foreign = join(root, `.killed.old-${child.pid}-1`);
  mkdirSync(foreign);
  writeFileSync(join(foreign, 'mine.txt'), 'keep');
  // A save killed inside writeFileAtomic leaves weights.bin.tmp-PID-TIME in its folder: ours too.
  const partial = join(root, `.killed.tmp-${child.pid}-2`);
  mkdirSync(partial);
  writeFileSync(join(partial, 'config.json'), '{}');
  writeFileSync(join(partial, `weights.bin.tmp-${child.pid}-2`), 'partial');
  await pipeline.save(dir);
  assert.deepEqual(hidden(), [`.killed.old-${child.pid}-1`]);
  (await loadPipeline(dir)).dispose();
});

test('load(dir) puts back a pipeline that a killed save had moved aside with nothing in its place', async () => {
  const dead = spawnSync(process.execPath, ['-e', '']).pid!;
  const dir = join(root, 'aside');
  await pipeline.save(dir);
  // The state a save killed between its two renames leaves: the old folder aside, nothing in place.
  const aside = join(root, `.aside.old-${dead}-1`);
  renameSync(dir, aside);
  const back = await loadPipeline(dir);
  try {
    assert.deepEqual(back.predict(texts), pipeline.predict(texts));
  } finally {
    back.dispose();
  }
  assert.equal(existsSync(aside), false);
  // An aside folder holding a file the workbench did not write stays where it is, and a save goes on beside it.
  renameSync(dir, aside);
  writeFileSync(join(aside, 'NOTES.md'), 'mine');
  await assert.rejects(loadPipeline(dir), (err: unknown) => err instanceof WorkbenchError && err.code === 'E403');
  await pipeline.save(dir);
  assert.equal(readFileSync(join(aside, 'NOTES.md'), 'utf8'), 'mine');
  assert.ok(existsSync(join(aside, 'manifest.json')));
});
