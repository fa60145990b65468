// Asks a schema for its defaults instead of repeating them in code: the schema's `default`
// keywords are the only place a suite default lives.
import { validatorOf, type SchemaName } from './load.js';

/**
 * A copy of `value` with the defaults that `schemas/<name>.schema.json` gives at `$defs/<def>`
 * filled in (conditional ones too, e.g. an mlp's `hidden`); `value` itself is left alone.
 */
export function withSchemaDefaults<T extends object>(name: SchemaName, def: string, value: T): T {
  const copy = structuredClone(value);
  validatorOf(name, { def, useDefaults: true })(copy);
  return copy;
}
