import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { WorkbenchError } from '../errors';

// Replacing a folder by a freshly written sibling, so readers never see a half-written one:
// write `.NAME.tmp-PID-TIME`, move the old folder aside to `.NAME.old-PID-TIME`, move the new one
// in, delete the old one. A failure puts the old folder back; a process killed half-way leaves
// the hidden siblings: the next save of the same folder puts a moved-aside old folder back when
// nothing took its place, then removes the rest, once that PID is gone.

/** The file-system calls replaceFolder makes (injectable, so tests can make one of them fail). */
export interface FolderOps {
  rename(from: string, to: string): Promise<void>;
  rm(path: string, opts: { recursive: true; force: true }): Promise<void>;
}

const nodeOps: FolderOps = { rename: fs.rename, rm: fs.rm };

/** The hidden sibling of `target` a save writes into (`kind` 'tmp') or moves the old folder to ('old'). */
export function siblingPath(target: string, kind: 'tmp' | 'old'): string {
  return join(dirname(target), `.${basename(target)}.${kind}-${process.pid}-${Date.now()}`);
}

/**
 * Moves the folder `tmp` to `target`. An existing `target` (the caller has checked it may go) is
 * moved aside first and deleted only once the new folder is in place. If a move fails, the old
 * folder is put back, `tmp` is removed and the error (E017) names both paths and the cause; if
 * even putting it back fails, nothing more is deleted and the error says where both folders are.
 */
export async function replaceFolder(tmp: string, target: string, ops: FolderOps = nodeOps): Promise<void> {
  let old: string | undefined;
  if (await exists(target)) {
    old = siblingPath(target, 'old');
    try {
      await ops.rename(target, old);
    } catch (err) {
      await ops.rm(tmp, { recursive: true, force: true });
      throw new WorkbenchError('E017', `cannot move the existing folder aside to ${old} (${cause(err)}); it is unchanged, and ${tmp} was removed`, { file: target });
    }
  }
  try {
    await ops.rename(tmp, target);
  } catch (err) {
    if (old !== undefined) {
      try {
        await ops.rename(old, target);
      } catch (restoreErr) {
        throw new WorkbenchError(
          'E017',
          `cannot move ${tmp} to ${target} (${cause(err)}), and putting the old folder back failed too (${cause(restoreErr)}): the old folder is ${old}, the new one ${tmp}`,
          { file: target },
        );
      }
    }
    await ops.rm(tmp, { recursive: true, force: true });
    const state = old !== undefined ? `the old folder was put back at ${target}` : `nothing was there before and nothing is now`;
    throw new WorkbenchError('E017', `cannot move ${tmp} to ${target} (${cause(err)}); ${state}, and ${tmp} was removed`, { file: target });
  }
  if (old !== undefined) await ops.rm(old, { recursive: true, force: true });
}

/**
 * Puts back the folder a killed save had moved aside: when `target` is missing and a hidden
 * `.NAME.old-PID-*` sibling of a process that is gone holds only workbench files (`removable`),
 * the newest such sibling is renamed to `target`. Returns the folder restored, if any.
 */
export async function restoreStaleOld(target: string, removable: (folder: string) => Promise<boolean>, ops: FolderOps = nodeOps): Promise<string | undefined> {
  if (await exists(target)) return undefined;
  const candidates = (await staleSiblings(target)).filter((s) => s.kind === 'old').sort((a, b) => b.time - a.time);
  for (const { folder } of candidates) {
    if (!(await removable(folder))) continue;
    await ops.rename(folder, target);
    return folder;
  }
  return undefined;
}

/**
 * Removes hidden `.NAME.tmp-PID-*` / `.NAME.old-PID-*` siblings of `target` left by a process that
 * was killed while saving: only when that PID is no longer running and `removable(folder)` says
 * the folder holds nothing but files the workbench writes. Returns the folders removed.
 */
export async function removeStaleSiblings(target: string, removable: (folder: string) => Promise<boolean>, ops: FolderOps = nodeOps): Promise<string[]> {
  const removed: string[] = [];
  for (const { folder } of await staleSiblings(target)) {
    if (!(await removable(folder))) continue;
    await ops.rm(folder, { recursive: true, force: true });
    removed.push(folder);
  }
  return removed;
}

/** Hidden tmp/old siblings of `target` whose process is gone: path, kind and the time in the name. */
async function staleSiblings(target: string): Promise<{ folder: string; kind: 'tmp' | 'old'; time: number }[]> {
  const parent = dirname(target);
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(target))}\\.(tmp|old)-(\\d+)-(\\d+)$`);
  let names: string[];
  try {
    names = await fs.readdir(parent);
  } catch {
    return [];
  }
  const out: { folder: string; kind: 'tmp' | 'old'; time: number }[] = [];
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || pidAlive(pid)) continue;
    out.push({ folder: join(parent, name), kind: m[1] as 'tmp' | 'old', time: Number(m[3]) });
  }
  return out;
}

/** Whether a process with this id runs (signal 0 checks without signalling; EPERM: it runs, as another user). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.lstat(path);
    return true;
  } catch {
    return false;
  }
}

function cause(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ? `${e.code}: ${e.message}` : String(e?.message ?? err);
}

function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
