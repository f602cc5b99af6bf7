import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, checkExamplePage } from '../../scripts/check-html';

test('every plot type renders in headless Chromium and user text stays text', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} not installed` }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-chromium-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const r = checkExamplePage(dir);
  assert.deepEqual(r.problems, []);
  assert.equal(Object.keys(r.drawn).length, 8);
  for (const [id, marks] of Object.entries(r.drawn)) assert.ok(marks > 0, `${id} drew nothing`);
});
