#!/usr/bin/env node
// Generates the TypeScript types of the JSON Schemas in schemas/ (the one source of truth).
// `npm run gen:types` writes them; `--check` exits 1 if a generated file is out of date.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const targets = [
  { schema: 'schemas/suite.schema.json', out: 'schemas/suite.generated.ts' },
  { schema: 'schemas/events.schema.json', out: 'schemas/events.generated.ts' },
  { schema: 'schemas/run-spec.schema.json', out: 'schemas/run-spec.generated.ts' },
  { schema: 'schemas/probe.schema.json', out: 'schemas/probe.generated.ts' },
  { schema: 'schemas/history-line.schema.json', out: 'schemas/history-line.generated.ts' },
];
const banner = '/* Generated from the JSON Schema by scripts/generate-types.mjs; edit the schema, then `npm run gen:types`. */';

/** Returns the generated source for one schema. */
export async function generate(schemaPath) {
  const schema = JSON.parse(fs.readFileSync(path.join(root, schemaPath), 'utf8'));
  return compile(schema, schema.title, {
    bannerComment: banner,
    additionalProperties: false,
    unreachableDefinitions: false,
    style: { singleQuote: true, printWidth: 110 },
    cwd: path.join(root, 'schemas'),
  });
}

const check = process.argv.includes('--check');
let stale = 0;
for (const { schema, out } of targets) {
  if (!fs.existsSync(path.join(root, schema))) continue;
  const source = await generate(schema);
  const file = path.join(root, out);
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current === source) continue;
  if (check) {
    console.error(`${out} is out of date with ${schema}: run \`npm run gen:types\``);
    stale++;
  } else {
    fs.writeFileSync(file, source);
    console.error(`wrote ${out}`);
  }
}
process.exitCode = stale ? 1 : 0;
