#!/usr/bin/env node
// Writes what the registries (schemas/registry/*.json) decide into the JSON Schemas: the enums
// and descriptions of model names, model sources and dataset names, and the SAM variants' oneOf
// branches and description (checking the user variants' branches against the registry's plugin
// kinds), in suite.schema.json and run-spec.schema.json. The registries are the one list; this keeps the schemas' copies in step.
// `npm run gen:types` runs it; `--check` exits 1 when a schema is out of date.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

const models = read('schemas/registry/models.json');
const datasets = read('schemas/registry/datasets.json');

/** "`a`: what a is. `b`: what b is." from a registry's entries. */
const described = (entries) =>
  Object.entries(entries)
    .map(([name, entry]) => `\`${name}\`: ${entry.description}.`)
    .join(' ');

const builtinNames = Object.keys(models.builtin);
const sourceNames = Object.keys(models.sources);
const userSources = sourceNames.filter((s) => s !== 'builtin');
const datasetNames = Object.keys(datasets.datasets);

// ---- Expectation kinds: schemas/registry/expectations.json ----------------------------------
// The registry names the kinds and says what each is; each kind's fields stay in its `oneOf`
// branch of the suite schema, so the two must name the same kinds: a kind without a branch, or a
// branch without a kind, fails here (in write mode too), naming it.
const expectations = read('schemas/registry/expectations.json');
const expectationKinds = [...Object.keys(expectations.kinds), ...Object.keys(expectations.aliases)];

function writeExpectationKinds(schema, file) {
  const expectation = at(schema, ['$defs', 'expectation'], file);
  const branches = at(expectation, ['oneOf'], file).map((branch) => branch.properties?.kind?.const);
  const problems = [
    ...expectationKinds
      .filter((kind) => !branches.includes(kind))
      .map((kind) => `kind "${kind}" has no $defs.expectation.oneOf branch whose kind is const "${kind}": add its fields there`),
    ...branches
      .filter((kind) => !expectationKinds.includes(kind))
      .map(
        (kind) =>
          `$defs.expectation.oneOf has a branch for "${kind ?? '(no kind const)'}", which schemas/registry/expectations.json does not list`,
      ),
  ];
  if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
  Object.assign(at(expectation, ['properties', 'kind'], file), {
    enum: expectationKinds,
    description: `Which check. ${described(expectations.kinds)} ${described(expectations.aliases)}`,
  });
}

// Each edit finds its node by the shape the schema gives it, and fails loudly when that shape is gone.
function at(node, keys, file) {
  for (const key of keys) {
    if (node === undefined || node === null || !(key in node)) throw new Error(`${file}: no ${keys.join('.')} for the registry to fill`);
    node = node[key];
  }
  return node;
}

function builtinBranch(model, file) {
  const branch = at(model, ['allOf'], file).find((entry) => entry.if?.properties?.source?.const === 'builtin');
  if (branch === undefined) throw new Error(`${file}: $defs.model.allOf has no branch for source "builtin"`);
  return branch;
}

const edits = {
  'schemas/suite.schema.json': (schema, file) => {
    writeExpectationKinds(schema, file);
    const model = at(schema, ['$defs', 'model'], file);
    Object.assign(at(model, ['properties', 'source'], file), {
      enum: sourceNames,
      description: `Where the model comes from; absent means \`builtin\`. ${described(models.sources)}`,
    });
    at(model, ['properties', 'name'], file).description =
      `\`builtin\`: one of sambench's models. ${described(models.builtin)} \`timm\`, \`torchvision\`: the library's model name.`;
    at(builtinBranch(model, file), ['then', 'properties', 'name'], file).enum = builtinNames;
    Object.assign(at(schema, ['$defs', 'dataset', 'properties', 'name'], file), {
      enum: datasetNames,
      description: described(datasets.datasets),
    });
  },
  'schemas/run-spec.schema.json': (schema, file) => {
    const [builtin, user] = at(schema, ['$defs', 'model', 'oneOf'], file);
    at(builtin, ['properties', 'name'], file).enum = builtinNames;
    at(user, ['properties', 'source'], file).enum = userSources;
    at(schema, ['$defs', 'dataset', 'properties', 'name'], file).enum = datasetNames;
  },
};

// The TF.js builders' map: model `name` is harness/worker/models/<name>.ts, whose `build` builds it.
const camel = (name) => name.replace(/[^A-Za-z0-9]+(.)/g, (_, c) => c.toUpperCase()).replace(/^[0-9]/, (d) => `m${d}`);
const tfjsModels = builtinNames.filter((name) => models.builtin[name].frameworks.includes('tfjs'));
const buildersSource = [
  '/* Generated from schemas/registry/models.json by scripts/generate-registry.mjs: a built-in model `name` is',
  ' * harness/worker/models/<name>.ts, whose `build` makes it. Edit the registry, then `npm run gen:types`. */',
  "import type { BuiltinModel } from '../../../schemas/index.js';",
  "import type { ModelBuilder } from './types.js';",
  ...tfjsModels.map((name) => `import { build as ${camel(name)} } from './${name}.js';`),
  '',
  '/** Every built-in model the TF.js worker builds, by name. */',
  `export const MODEL_BUILDERS: Record<BuiltinModel['name'], ModelBuilder> = {`,
  ...tfjsModels.map((name) => `  ${/^[a-z][a-z0-9]*$/.test(name) ? name : `'${name}'`}: ${camel(name)},`),
  '};',
  '',
].join('\n');

// --- SAM variants (schemas/registry/sam-variants.json) -------------------------------------------
// Each built-in variant's oneOf branch of the suite and run-spec schemas is written from its
// registry entry's `options`: the suite's as given (defaults included), the run spec's with every
// field required and no defaults, but for what the entry's `runSpec` says. The branches of user
// variants (the registry's `plugins`) are hand-written in each schema, after the built-ins'; a
// schema whose plugin branches are not the registry's plugin kinds fails here, naming both lists.
const samRegistry = read('schemas/registry/sam-variants.json');
const samVariants = samRegistry.variants;
const samVariantKinds = Object.keys(samVariants);
const samPlugins = samRegistry.plugins;
const samPluginKinds = Object.keys(samPlugins);
const defaultSamVariant = read('schemas/suite.schema.json').$defs?.sam?.properties?.variant?.default?.kind;

/** "Which steps take SAM. `interval` (default): … `random`: …" from the registry, the default kind marked. */
const samVariantDescription = () =>
  [
    'Which steps take SAM.',
    ...Object.entries({ ...samVariants, ...samPlugins }).map(
      ([kind, entry]) => `\`${kind}\`${kind === defaultSamVariant ? ' (default)' : ''}: ${entry.description}`,
    ),
  ].join(' ');

/** A built-in variant's suite branch: its `options` as a closed object with its `kind`. */
function suiteVariantBranch(kind, { options }) {
  const { title, required, properties } = options;
  return {
    title,
    type: 'object',
    additionalProperties: false,
    required: ['kind', ...required],
    properties: { kind: { const: kind }, ...properties },
  };
}

/** A built-in variant's run-spec branch: every field given, none defaulted, as its `runSpec` amends. */
function runSpecVariantBranch(kind, { options, runSpec = {} }) {
  const { properties: amended = {}, optional = [] } = runSpec;
  const properties = Object.fromEntries(
    Object.entries(options.properties).map(([name, { default: _default, ...field }]) => [name, { ...field, ...amended[name] }]),
  );
  const required = Object.keys(properties).filter((name) => !optional.includes(name));
  return {
    title: `Resolved${options.title}`,
    type: 'object',
    additionalProperties: false,
    required: ['kind', ...required],
    properties: { kind: { const: kind }, ...properties },
  };
}

function writeSamVariants(schema, file, branchOf) {
  const samVariant = at(schema, ['$defs', 'samVariant'], file);
  const plugins = at(samVariant, ['oneOf'], file).filter((branch) => !Object.hasOwn(samVariants, branch.properties?.kind?.const));
  const pluginKinds = plugins.map((branch) => branch.properties?.kind?.const);
  if (JSON.stringify(pluginKinds) !== JSON.stringify(samPluginKinds)) {
    throw new Error(
      `${file}: $defs.samVariant.oneOf's user-variant branches ${JSON.stringify(pluginKinds)} differ from schemas/registry/sam-variants.json's plugins ${JSON.stringify(samPluginKinds)}: add or remove the branch (or the registry entry), in the registry's order`,
    );
  }
  samVariant.description = samVariantDescription();
  samVariant.oneOf = [...samVariantKinds.map((kind) => branchOf(kind, samVariants[kind])), ...plugins];
}
const samVariantBranches = { 'schemas/suite.schema.json': suiteVariantBranch, 'schemas/run-spec.schema.json': runSpecVariantBranch };
for (const [file, branchOf] of Object.entries(samVariantBranches)) {
  const edit = edits[file];
  edits[file] = (schema, name) => {
    edit(schema, name);
    writeSamVariants(schema, name, branchOf);
  };
}
// --- end of SAM variants ----------------------------------------------------------------------------

const check = process.argv.includes('--check');
let stale = 0;
{
  const file = 'harness/worker/models/builders.generated.ts';
  const current = fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), 'utf8') : '';
  if (current !== buildersSource) {
    if (check) {
      console.error(`${file} is out of date with schemas/registry/models.json: run \`npm run gen:types\``);
      stale++;
    } else {
      fs.writeFileSync(path.join(root, file), buildersSource);
      console.error(`wrote ${file}`);
    }
  }
}
// --- SAM strategies (harness/sam/strategies.generated.ts) ------------------------------------------
// The TF.js strategies' map: SAM variant `kind` is harness/sam/strategies/<kind>.ts, whose `build`
// makes its strategy (and `samOptions`, where it has one, the library options it stands for).
{
  const kinds = Object.keys(read('schemas/registry/sam-variants.json').variants);
  const missing = kinds.filter((kind) => !fs.existsSync(path.join(root, 'harness/sam/strategies', `${kind}.ts`)));
  if (missing.length > 0) {
    throw new Error(
      `schemas/registry/sam-variants.json: no TF.js strategy for ${missing.map((k) => `"${k}"`).join(', ')}: write harness/sam/strategies/<kind>.ts exporting build(tf, variant, context)`,
    );
  }
  const ident = (kind) => `${camel(kind)}Strategy`;
  const key = (kind) => (/^[a-z][a-z0-9]*$/.test(kind) ? kind : `'${kind}'`);
  const source = [
    '/* Generated from schemas/registry/sam-variants.json by scripts/generate-registry.mjs: a SAM variant `kind` is',
    ' * harness/sam/strategies/<kind>.ts, whose `build` makes its strategy. Edit the registry, then `npm run gen:types`. */',
    "import type { StrategyModule } from './strategy.js';",
    ...kinds.map((kind) => `import * as ${ident(kind)} from './strategies/${kind}.js';`),
    '',
    "/** The built-in SAM variants' kinds (schemas/registry/sam-variants.json), in the registry's order. */",
    `export type BuiltinStrategyKind = ${kinds.map((kind) => `'${kind}'`).join(' | ')};`,
    '',
    '/** Every built-in SAM variant the TF.js SAM runs, by kind: its strategy module. */',
    'export const SAM_STRATEGIES: Record<BuiltinStrategyKind, StrategyModule> = {',
    ...kinds.map((kind) => `  ${key(kind)}: ${ident(kind)},`),
    '};',
    '',
  ].join('\n');
  const file = 'harness/sam/strategies.generated.ts';
  const current = fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), 'utf8') : '';
  if (current !== source) {
    if (check) {
      console.error(`${file} is out of date with schemas/registry/sam-variants.json: run \`npm run gen:types\``);
      stale++;
    } else {
      fs.writeFileSync(path.join(root, file), source);
      console.error(`wrote ${file}`);
    }
  }
}
// --- end of SAM strategies ----------------------------------------------------------------------------
for (const [file, edit] of Object.entries(edits)) {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const schema = JSON.parse(text);
  edit(schema, file);
  const written = `${JSON.stringify(schema, null, 2)}\n`;
  if (written === text) continue;
  if (check) {
    console.error(`${file} is out of date with schemas/registry/: run \`npm run gen:types\``);
    stale++;
  } else {
    fs.writeFileSync(path.join(root, file), written);
    console.error(`wrote ${file}`);
  }
}
process.exitCode = stale ? 1 : 0;
