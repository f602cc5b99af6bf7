import { existsSync, readFileSync } from 'node:fs';
import { WorkbenchError } from '../errors';

/**
 * Reads a config file (JSON; a partial config is completed with the defaults by trainPipeline /
 * validateConfig) and applies --scheme / --seed over it. A missing file or invalid JSON is E803.
 */
export function readConfigArgs(args: { config?: string; scheme?: string; seed?: number }): Record<string, unknown> {
  let config: Record<string, unknown> = {};
  if (args.config !== undefined) {
    if (!existsSync(args.config)) throw new WorkbenchError('E803', 'no such file', { file: args.config });
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(args.config, 'utf8'));
    } catch (err) {
      throw new WorkbenchError('E803', `not valid JSON: ${(err as Error).message}`, { file: args.config });
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new WorkbenchError('E803', `a config is a JSON object (as \`workbench init-config\` prints), got ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)}`, { file: args.config });
    }
    config = parsed as Record<string, unknown>;
  }
  if (args.scheme !== undefined) config = { ...config, scheme: args.scheme };
  if (args.seed !== undefined) config = { ...config, seed: args.seed };
  return config;
}
