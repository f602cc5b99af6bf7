import { WorkbenchError } from '../../errors';
import type { RegistryEntry } from '../config/registry';
import type { SchemeDefinition } from './contract';
import { schemes } from './registry';

/**
 * Registers a scheme under `name.v<version>` (users select it with `scheme: name`). The
 * description must be two lines: what the scheme tests, and the published idea it follows.
 */
export function registerScheme(name: string, version: number, definition: SchemeDefinition): RegistryEntry<SchemeDefinition> {
  const lines = typeof definition.description === 'string' ? definition.description.split('\n').filter((l) => l.trim()) : [];
  if (lines.length !== 2) {
    throw new WorkbenchError('E407', `scheme "${name}" needs a two-line description (what it tests; which published idea it follows), got ${lines.length} lines`, {
      field: 'description',
    });
  }
  if (typeof definition.build !== 'function') throw new WorkbenchError('E407', `scheme "${name}" has no build function`, { field: 'build' });
  return schemes.register(name, version, definition);
}
