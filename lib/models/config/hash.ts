import { createHash } from 'node:crypto';
import { canonicalJson } from '../../data/hashes';
import { configSchema, validateConfig } from './config';
import { withoutNeutral, type PlainObject } from './schema';
import { schemes } from '../schemes';

/**
 * A stable hash of a config: sha256 of the canonical JSON (keys sorted) of the validated config
 * with defaults filled and names versioned, so `{}` and the explicit default config hash alike,
 * and so do `scheme: "shared"` and `scheme: "shared.v1"`. Keys at their field's `neutral` value
 * (options added later, off) are left out, so adding such an option changes no hash. 16 hex characters.
 */
export function configHash(config: unknown): string {
  const { scheme, schemeOptions, ...body } = validateConfig(config);
  const optionSpec = schemes.get(scheme, 'scheme').item.options ?? {};
  return rawConfigHash({ scheme, schemeOptions: withoutNeutral(schemeOptions, optionSpec), ...withoutNeutral(body as unknown as PlainObject, configSchema) });
}

/**
 * The same hash of a config object exactly as given (no validation, no defaults): what a saved
 * pipeline's manifest records for its config.json, so a key added to the schema later (with a
 * default that keeps the old behaviour) does not make old directories fail to load.
 */
export function rawConfigHash(config: unknown): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex').slice(0, 16);
}
