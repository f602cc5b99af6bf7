import { existsSync, readFileSync } from 'node:fs';
import { cpus, platform, arch, totalmem } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../data/dataDir';
import { init } from '../engine/backend';

/** Where a run ran: enough to tell whether two timings are comparable. */
export interface EnvironmentInfo {
  /** The tfjs backend in use ('tensorflow', 'wasm' or 'cpu'). */
  backend: string;
  /** Node.js version, e.g. 'v20.11.0'. */
  node: string;
  /** CPU model (os.cpus()[0].model) and logical core count. */
  cpu: string;
  cores: number;
  platform: string;
  arch: string;
  /** Total memory in GiB. */
  memoryGiB: number;
  /** Versions of the workbench and the packages that decide its numbers (null when not installed). */
  packages: Record<string, string | null>;
  /** ISO date-time when the info was taken. */
  date: string;
}

/** Packages whose versions runs record by default. */
export const RECORDED_PACKAGES: readonly string[] = ['@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm', 'danfojs-node', 'typescript', 'tslab'];

/**
 * Installed versions of packages (from each package.json, found from the workbench root, then by
 * module resolution); null for a package that is not installed. `workbench` is this package.
 */
export function packageVersions(names: readonly string[] = RECORDED_PACKAGES): Record<string, string | null> {
  const root = packageRoot();
  const out: Record<string, string | null> = { workbench: readVersion(join(root, 'package.json')) };
  for (const name of names) {
    let version = readVersion(join(root, 'node_modules', name, 'package.json'));
    if (version === null) {
      try {
        version = readVersion(require.resolve(`${name}/package.json`));
      } catch {
        version = null; // not installed: recorded as such
      }
    }
    out[name] = version;
  }
  return out;
}

function readVersion(path: string): string | null {
  if (!existsSync(path)) return null;
  const v = (JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown }).version;
  return typeof v === 'string' ? v : null;
}

/** The CPU model of this machine (os.cpus()[0].model), or 'unknown'. */
export function cpuModel(): string {
  return cpus()[0]?.model?.trim() || 'unknown';
}

/** Backend (starting the engine if needed), Node, CPU, package versions and the date. */
export async function environmentInfo(): Promise<EnvironmentInfo> {
  const backend = await init();
  return {
    backend,
    node: process.version,
    cpu: cpuModel(),
    cores: cpus().length,
    platform: platform(),
    arch: arch(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    packages: packageVersions(),
    date: new Date().toISOString(),
  };
}
