// Finds the JSON Schemas and compiles them with ajv, once per process: the same files serve
// the source tree (schemas/*.ts) and the build (dist/schemas/*.js), which holds no JSON.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type AnySchema, type ValidateFunction } from 'ajv/dist/2020.js';

/** The schemas this folder holds, by file stem. */
export type SchemaName = 'suite' | 'events' | 'run-spec' | 'bench' | 'baseline' | 'probe' | 'history-line';

function findSchemasDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'schemas', 'suite.schema.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`sambench: cannot find schemas/suite.schema.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return path.join(dir, 'schemas');
}

/** Absolute path of the project's schemas/ folder (the JSON Schemas live only there). */
export const SCHEMAS_DIR = findSchemasDir();

/** Reads and parses `schemas/<name>.schema.json`. */
export function readSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
}

/** The `$id` of a schema, for `$ref`s into its `$defs`. */
export function schemaId(name: SchemaName): string {
  let id = ids.get(name);
  if (id === undefined) ids.set(name, (id = String(readSchema(name).$id)));
  return id;
}

const ids = new Map<SchemaName, string>();

const instances = new Map<boolean, Ajv2020>();

// Every problem in one pass (allErrors), and an unknown keyword in our own schema is a bug
// (strict); `verbose` keeps each error's data for "(got …)". A key may take a number or a list
// (`matrix.rhoPerInterval`): a type union keeps each error at its own pointer, where anyOf would
// report both alternatives. Filling in defaults writes into the value, so it has its own instance.
function ajv(useDefaults: boolean): Ajv2020 {
  let instance = instances.get(useDefaults);
  if (!instance) {
    instance = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, discriminator: true, verbose: true, useDefaults });
    for (const name of ['suite', 'events', 'run-spec', 'bench', 'baseline', 'probe', 'history-line'] as const)
      instance.addSchema(readSchema(name));
    instances.set(useDefaults, instance);
  }
  return instance;
}

const compiled = new Map<string, ValidateFunction>();

/**
 * A compiled validator of a whole schema or of one of its `$defs` (compiled once; code
 * generation costs milliseconds, a check microseconds). With `useDefaults` it writes the
 * schema's `default`s into the value it checks.
 */
export function validatorOf<T>(
  name: SchemaName,
  { def, useDefaults = false }: { def?: string; useDefaults?: boolean } = {},
): ValidateFunction<T> {
  const ref = def === undefined ? schemaId(name) : `${schemaId(name)}#/$defs/${def}`;
  const key = `${useDefaults} ${ref}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv(useDefaults).compile({ $ref: ref } satisfies AnySchema);
    compiled.set(key, validate);
  }
  return validate as ValidateFunction<T>;
}
