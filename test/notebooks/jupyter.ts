// Shared by the notebook tests: whether Jupyter and Chromium are here, and how to skip when not.
// In CI (env CI set) a missing tool is a failure, not a skip: CI installs them (.ci/run).
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
// @ts-ignore -- plain ES module helpers shared with scripts/report.mjs
import { findPython, INSTALL_REPORT } from '../../scripts/nb.mjs';
// @ts-ignore
import { chromiumPath } from '../../scripts/check-report-plots.mjs';

export const repoRoot = resolve(__dirname, '..', '..');

/** True when the report can run; otherwise skips the test (or fails it in CI) with the install line. */
export function needJupyter(t: TestContext): boolean {
  const { python, missing } = findPython(['nbclient', 'nbconvert', 'nbformat', 'jupyter_client']) as {
    python?: string;
    missing: string[];
  };
  if (python && missing.length === 0) return true;
  const why = `Jupyter missing (${missing.join(', ')}): ${INSTALL_REPORT}`;
  if (process.env.CI) assert.fail(`CI must run the notebook tests: ${why}`);
  t.skip(why);
  return false;
}

/** True when headless Chromium is available; otherwise skips (or fails in CI). */
export function needChromium(t: TestContext): boolean {
  if (chromiumPath()) return true;
  const why = 'Chromium missing: sudo apt-get install -y chromium';
  if (process.env.CI) assert.fail(`CI must run the screenshot tests: ${why}`);
  t.skip(why);
  return false;
}

/** Runs scripts/report.mjs with the given args and extra env; returns status, stdout, stderr. */
export function runReport(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'report.mjs'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
