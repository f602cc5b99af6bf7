import { WorkbenchError } from '../errors';

/** How thoroughly notebooks and experiments run: 'fast' shrinks epochs, seeds and sizes. */
export type RunMode = 'fast' | 'full';

const FAST = new Set(['1', 'true', 'yes', 'on', 'fast']);
const FULL = new Set(['', '0', 'false', 'no', 'off', 'full']);

/**
 * The run mode from `WORKBENCH_FAST` (set by `WORKBENCH_FAST=1 npm run report`): '1'/'true'/'yes'
 * → 'fast'; unset, '' or '0'/'false'/'no' → 'full'. Any other value is an error rather than a guess,
 * so a typo cannot silently start a multi-hour full run.
 */
export function runMode(env: NodeJS.ProcessEnv = process.env): RunMode {
  const raw = env.WORKBENCH_FAST;
  if (raw === undefined) return 'full';
  const value = raw.trim().toLowerCase();
  if (FAST.has(value)) return 'fast';
  if (FULL.has(value)) return 'full';
  throw new WorkbenchError('E010', `WORKBENCH_FAST=${JSON.stringify(raw)}; use 1 (fast) or 0 (full)`, {
    field: 'WORKBENCH_FAST',
  });
}

/** Picks the value for the current run mode: `byMode({ fast: 2, full: 30 })` → 2 when fast. */
export function byMode<T>(choices: { fast: T; full: T }, mode: RunMode = runMode()): T {
  return mode === 'fast' ? choices.fast : choices.full;
}
