/**
 * The one place where the tfjs runtime and its backend are chosen. Every other file imports `tf`
 * from here, so the whole workbench shares one engine and one backend.
 */
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '../errors';

export { tf };

/** Backends the workbench knows, in order of preference. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

const PREFERENCE: BackendName[] = ['tensorflow', 'wasm', 'cpu'];

let current: BackendName | undefined;

/**
 * Makes a backend available to tfjs (registers it) and says whether that worked.
 * 'tensorflow' needs the native @tensorflow/tfjs-node; a package under that name that does not
 * register the backend (e.g. an npm override aliasing it to plain tfjs) counts as unavailable.
 */
function register(name: BackendName): boolean {
  if (tf.findBackendFactory(name) !== null) return true;
  try {
    if (name === 'tensorflow') {
      // Check the package really is tfjs-node before loading it: requiring an alias would load a second tfjs.
      const pkg = require('@tensorflow/tfjs-node/package.json') as { name?: string };
      if (pkg.name !== '@tensorflow/tfjs-node') return false;
      require('@tensorflow/tfjs-node');
    } else if (name === 'wasm') {
      require('@tensorflow/tfjs-backend-wasm');
    }
  } catch {
    return false; // not installed or its native part failed to load: the next backend is tried
  }
  return tf.findBackendFactory(name) !== null;
}

function isBackendName(name: string): name is BackendName {
  return (PREFERENCE as string[]).includes(name);
}

/**
 * Chooses and starts the tfjs backend: `name` if given, else env WORKBENCH_BACKEND, else the first
 * available of tensorflow (tfjs-node) → wasm → cpu. Idempotent without a name; with a name it
 * switches backends (tensors created before are moved lazily by tfjs). Returns the backend in use.
 */
export async function init(name?: BackendName): Promise<BackendName> {
  const forced = name ?? (process.env.WORKBENCH_BACKEND || undefined);
  if (forced === undefined && current !== undefined) return current;
  if (forced !== undefined && forced === current && tf.getBackend() === current) return current;
  if (forced !== undefined && !isBackendName(forced)) {
    throw new WorkbenchError('E302', `unknown backend '${forced}' (known: ${PREFERENCE.join(', ')})`, {
      field: name === undefined ? 'WORKBENCH_BACKEND' : 'name',
    });
  }
  const candidates = forced !== undefined ? [forced] : PREFERENCE;
  for (const candidate of candidates) {
    if (!register(candidate)) continue;
    if (await tf.setBackend(candidate)) {
      await tf.ready();
      current = candidate;
      return candidate;
    }
  }
  throw new WorkbenchError(
    'E302',
    forced !== undefined
      ? `backend '${forced}' is not available on this machine` +
          (forced === 'tensorflow' ? ' (install @tensorflow/tfjs-node)' : '')
      : 'no tfjs backend could be started',
    { field: name === undefined && forced !== undefined ? 'WORKBENCH_BACKEND' : 'name' },
  );
}

/** The backend in use; throws when `engine.init()` has not been called yet. */
export function backend(): BackendName {
  if (current === undefined) {
    throw new WorkbenchError('E301', 'call engine.init() first (await engine.init())');
  }
  return current;
}
