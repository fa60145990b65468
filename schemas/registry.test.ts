// The registries are the one list of models, model sources, datasets, expectation kinds and SAM variants: the schemas carry their
// enums, and each framework's builders are exactly the built-in models it lists.
import { describe, expect, it } from 'vitest';
import { MODEL_BUILDERS } from '../harness/worker/models/index.js';
import { SPLIT_READERS } from '../harness/worker/data/index.js';
import { BUILTIN_MODELS, DATASETS, MODEL_SOURCES, membersFor } from './registry.js';
import { EXPECTATION_ALIASES, EXPECTATION_KINDS, type ExpectationAlias } from './registry.js';
import { EVALUATORS } from '../harness/report/verdicts.js';
import { readSchema } from './load.js';
import { SAM_STRATEGIES } from '../harness/sam/strategies.generated.js';
import { SCHEDULE_KINDS } from '../harness/sam/options.js';
import { SAM_PLUGINS, SAM_VARIANTS, type SamVariantKind } from './registry.js';
import { picksOwnSamSteps, scheduleParts } from './sam-variant.js';
import type { ResolvedSamVariant } from './run-spec.generated.js';

type Node = Record<string, unknown>;
const at = (node: unknown, ...keys: (string | number)[]): Node => keys.reduce((n: Node, k) => n[k] as Node, node as Node);

describe('the registries', () => {
  it('the TF.js builders are the built-in models the registry gives TF.js', () => {
    expect(Object.keys(MODEL_BUILDERS).sort()).toEqual(membersFor(BUILTIN_MODELS, 'tfjs').sort());
  });

  it('the TF.js split readers are the formats of the datasets the registry gives TF.js', () => {
    const formats = new Set(membersFor(DATASETS, 'tfjs').flatMap((name) => DATASETS[name].format ?? []));
    expect(Object.keys(SPLIT_READERS).sort()).toEqual([...formats].sort());
  });

  it('the suite and run-spec schemas list the registry members, in its order', () => {
    const suite = readSchema('suite');
    const runSpec = readSchema('run-spec');
    const builtinBranch = (at(suite, '$defs', 'model', 'allOf') as unknown as Node[]).find(
      (branch) => at(branch, 'if', 'properties', 'source').const === 'builtin',
    );
    expect(at(builtinBranch, 'then', 'properties', 'name').enum).toEqual(Object.keys(BUILTIN_MODELS));
    expect(at(suite, '$defs', 'model', 'properties', 'source').enum).toEqual(Object.keys(MODEL_SOURCES));
    expect(at(suite, '$defs', 'dataset', 'properties', 'name').enum).toEqual(Object.keys(DATASETS));
    expect(at(runSpec, '$defs', 'model', 'oneOf', 0, 'properties', 'name').enum).toEqual(Object.keys(BUILTIN_MODELS));
    expect(at(runSpec, '$defs', 'dataset', 'properties', 'name').enum).toEqual(Object.keys(DATASETS));
  });

  it('every model source takes a framework, and each of its keys is a key of the suite schema', () => {
    const keys = Object.keys(at(readSchema('suite'), '$defs', 'model', 'properties'));
    for (const [name, entry] of Object.entries(MODEL_SOURCES)) {
      expect(entry.frameworks.length, name).toBeGreaterThan(0);
      for (const key of entry.keys) expect(keys, `${name}.${key}`).toContain(key);
    }
  });
});

// ---- Expectation kinds: schemas/registry/expectations.json -------------------------------------
describe('the expectation kinds registry', () => {
  const kinds = [...Object.keys(EXPECTATION_KINDS), ...Object.keys(EXPECTATION_ALIASES)];
  const branches = () => at(readSchema('suite'), '$defs', 'expectation', 'oneOf') as unknown as Node[];

  it('the verdict evaluators are exactly the registry kinds, old names included', () => {
    expect(Object.keys(EVALUATORS).sort()).toEqual([...kinds].sort());
  });

  it('an old name is judged by the evaluator of the kind it stands for, and the ExpectationAlias type names it', () => {
    // The aliases the type ExpectationAlias lists: a new alias is added to both.
    const typed: ExpectationAlias[] = ['rho-scaling'];
    expect(Object.keys(EXPECTATION_ALIASES)).toEqual(typed);
    for (const [alias, entry] of Object.entries(EXPECTATION_ALIASES)) {
      expect(Object.keys(EXPECTATION_KINDS), alias).toContain(entry.aliasOf);
      expect(EVALUATORS[alias as ExpectationAlias], alias).toBe(EVALUATORS[entry.aliasOf]);
    }
  });

  it("the suite schema's kind enum is the registry's, in its order, and each kind has one oneOf branch (an old name's deprecated)", () => {
    expect(at(readSchema('suite'), '$defs', 'expectation', 'properties', 'kind').enum).toEqual(kinds);
    const consts = branches().map((branch) => at(branch, 'properties', 'kind').const);
    expect([...consts].sort()).toEqual([...kinds].sort());
    for (const branch of branches()) {
      const kind = at(branch, 'properties', 'kind').const as string;
      expect(branch.deprecated === true, kind).toBe(Object.hasOwn(EXPECTATION_ALIASES, kind));
    }
  });

  it('every fact is one the code reads, with a value of its type', () => {
    const facts: Record<string, (v: unknown) => boolean> = {
      description: (v) => typeof v === 'string' && v.length > 0,
      unit: (v) => v === 'fraction' || v === 'ratio' || v === 'points',
      baseline: (v) => typeof v === 'boolean',
      minIntervals: (v) => Number.isInteger(v) && (v as number) >= 1,
      evaluation: (v) => typeof v === 'boolean',
      evaluationEvery: (v) => typeof v === 'boolean',
      framework: (v) => v === 'tfjs' || v === 'torch',
      onePoint: (v) => typeof v === 'boolean',
      anyVariant: (v) => typeof v === 'boolean',
      rule: (v) => typeof v === 'string' && v.includes('{expected}'),
    };
    for (const [kind, entry] of Object.entries(EXPECTATION_KINDS)) {
      for (const [fact, value] of Object.entries(entry)) expect(facts[fact]?.(value), `${kind}.${fact}`).toBe(true);
      expect(entry.unit, kind).toBeDefined();
      expect(entry.baseline, kind).toBeDefined();
    }
  });
});

// --- SAM variants -------------------------------------------------------------------------------

// Run-spec variants to read id and label parts from: these (random twice: RST and G-RST), and for
// any other kind the one its registry `options` give, each field at its `default` (or first of its
// `examples`), so that a new variant needs no line here.
const VARIANT_EXAMPLES: Partial<Record<SamVariantKind, ResolvedSamVariant[]>> = {
  interval: [{ kind: 'interval' }],
  random: [
    { kind: 'random', p: 0.5, pFinal: null },
    { kind: 'random', p: 0.1, pFinal: 0.9 },
  ],
  looksam: [{ kind: 'looksam', alpha: 0.7 }],
  aesam: [{ kind: 'aesam', delta: 0.9, lambda1: -1, lambda2: 1 }],
};

/** The examples of `kind`: VARIANT_EXAMPLES', or the one of its registry options' defaults (examples). */
function variantExamples(kind: SamVariantKind): ResolvedSamVariant[] {
  const given = VARIANT_EXAMPLES[kind];
  if (given) return given;
  const fields = Object.entries(SAM_VARIANTS[kind].options.properties).map(([field, schema]) => {
    const value = 'default' in schema ? schema.default : (schema.examples as unknown[] | undefined)?.[0];
    if (value === undefined)
      throw new Error(
        `sam-variants.json ${kind}.options.properties.${field}: give it a default or examples (the registry test's example of ${kind})`,
      );
    return [field, value];
  });
  return [{ kind, ...Object.fromEntries(fields) } as ResolvedSamVariant];
}

describe('the SAM-variant registry', () => {
  const kinds = Object.keys(SAM_VARIANTS);

  it('is the kinds of the suite and run-spec schemas’ samVariant branches, built-ins then plugins, in its order, and writes their description', () => {
    for (const name of ['suite', 'run-spec'] as const) {
      const samVariant = at(readSchema(name), '$defs', 'samVariant');
      const branches = samVariant.oneOf as Node[];
      expect(
        branches.map((branch) => at(branch, 'properties', 'kind').const),
        name,
      ).toEqual([...kinds, ...Object.keys(SAM_PLUGINS)]);
      for (const [kind, entry] of Object.entries({ ...SAM_VARIANTS, ...SAM_PLUGINS }))
        expect(samVariant.description, `${name} ${kind}`).toContain(entry.description);
    }
  });

  // The branches scripts/generate-registry.mjs writes from each entry's `options` are the ones
  // that were written by hand before it: the same fields, required lists, defaults and descriptions.
  it('writes the built-in branches it wrote by hand before: fields, required lists, defaults', () => {
    const branches = (name: 'suite' | 'run-spec'): Record<string, Node> =>
      Object.fromEntries(
        (at(readSchema(name), '$defs', 'samVariant').oneOf as Node[]).map((branch) => [
          String(at(branch, 'properties', 'kind').const),
          branch,
        ]),
      );
    const suite = branches('suite');
    const spec = branches('run-spec');
    const shape = (branch: Node) => ({
      title: branch.title,
      required: branch.required,
      fields: Object.keys(branch.properties as Node),
      defaults: Object.fromEntries(
        Object.entries(branch.properties as Record<string, Node>).flatMap(([key, field]) =>
          'default' in field ? [[key, field.default]] : [],
        ),
      ),
    });
    // Every built-in's branches are its registry options' (the run spec's: every field required but
    // `runSpec.optional`, no defaults); the four whose branches were written by hand, as they were.
    const handWritten = ['interval', 'random', 'looksam', 'aesam'];
    for (const kind of kinds) {
      const { options, runSpec } = SAM_VARIANTS[kind as SamVariantKind];
      const fields = ['kind', ...Object.keys(options.properties)];
      const defaults = Object.fromEntries(Object.entries(options.properties).flatMap(([k, f]) => ('default' in f ? [[k, f.default]] : [])));
      const optional = runSpec?.optional ?? [];
      expect(shape(suite[kind]!), kind).toEqual({ title: options.title, required: ['kind', ...options.required], fields, defaults });
      expect(shape(spec[kind]!), kind).toEqual({
        title: `Resolved${options.title}`,
        required: fields.filter((field) => !optional.includes(field)),
        fields,
        defaults: {},
      });
    }
    expect(handWritten.map((kind) => shape(suite[kind]!))).toEqual([
      { title: 'IntervalVariant', required: ['kind'], fields: ['kind'], defaults: {} },
      { title: 'RandomVariant', required: ['kind', 'p'], fields: ['kind', 'p', 'pFinal'], defaults: {} },
      {
        title: 'LookSamVariant',
        required: ['kind', 'alpha'],
        fields: ['kind', 'alpha', 'granularity'],
        defaults: { granularity: 'global' },
      },
      {
        title: 'AeSamVariant',
        required: ['kind'],
        fields: ['kind', 'delta', 'lambda1', 'lambda2'],
        defaults: { delta: 0.9, lambda1: -1, lambda2: 1 },
      },
    ]);
    expect(handWritten.map((kind) => shape(spec[kind]!))).toEqual([
      { title: 'ResolvedIntervalVariant', required: ['kind'], fields: ['kind'], defaults: {} },
      { title: 'ResolvedRandomVariant', required: ['kind', 'p', 'pFinal'], fields: ['kind', 'p', 'pFinal'], defaults: {} },
      // Specs written before `granularity` lack it (launch/run-files.ts reads them as `global`).
      { title: 'ResolvedLookSamVariant', required: ['kind', 'alpha'], fields: ['kind', 'alpha', 'granularity'], defaults: {} },
      {
        title: 'ResolvedAeSamVariant',
        required: ['kind', 'delta', 'lambda1', 'lambda2'],
        fields: ['kind', 'delta', 'lambda1', 'lambda2'],
        defaults: {},
      },
    ]);
    // A run spec's field is the suite's, less its default, but where the registry's `runSpec` says otherwise.
    for (const kind of kinds) {
      const amended = SAM_VARIANTS[kind as SamVariantKind].runSpec?.properties ?? {};
      for (const [field, given] of Object.entries(at(suite[kind], 'properties') as Record<string, Node>)) {
        const { default: _default, ...withoutDefault } = given;
        expect(at(spec[kind], 'properties', field), `${kind}.${field}`).toEqual({ ...withoutDefault, ...amended[field] });
      }
    }
    expect(at(spec.random, 'properties', 'pFinal').type).toEqual(['number', 'null']);
    expect(Object.keys(SAM_VARIANTS.random.runSpec?.properties ?? {})).toEqual(['pFinal']);
    expect(Object.keys(SAM_VARIANTS.looksam.runSpec?.properties ?? {})).toEqual(['granularity']);
    expect(at(spec.looksam, 'properties', 'granularity').description).toMatch(/Absent \(specs written before it\): `global`\.$/);
  });

  it('the TF.js worker builds every variant it lists, and the TF.js SAM’s schedules are among the ones that pick their own SAM steps', () => {
    expect(Object.keys(SAM_STRATEGIES)).toEqual(kinds);
    // The TF.js SAM's `schedule` kinds pick their own SAM steps; a variant that picks its own but has
    // no library option of its own is reached through the `strategy` option alone.
    const ownSteps = kinds.filter((kind) => SAM_VARIANTS[kind as SamVariantKind].picksOwnSamSteps);
    for (const kind of SCHEDULE_KINDS) expect(ownSteps, kind).toContain(kind);
  });

  it('a variant that picks its own SAM steps runs at interval 1 only', () => {
    for (const [kind, entry] of Object.entries(SAM_VARIANTS)) {
      expect(entry.intervals, kind).toBe(entry.picksOwnSamSteps ? 'one' : 'suite');
      expect(picksOwnSamSteps({ kind: kind as SamVariantKind }), kind).toBe(entry.picksOwnSamSteps);
    }
  });

  it('ids and labels write exactly the settings and short names the registry gives each variant', () => {
    for (const kind of kinds as SamVariantKind[]) {
      const variants = variantExamples(kind);
      const entry = SAM_VARIANTS[kind];
      expect([...entry.label].sort(), kind).toEqual(Object.keys(entry.id).sort());
      for (const variant of variants) {
        const { name, settings } = scheduleParts({ variant, interval: 5 });
        if (entry.names.length === 0) expect(name, kind).toBeNull();
        else expect(entry.names, kind).toContain(name);
        expect(Object.keys(settings).sort(), kind).toEqual(Object.keys(entry.id).sort());
      }
      const names = variants.map((variant) => scheduleParts({ variant, interval: 5 }).name);
      expect([...new Set(names.filter((n) => n !== null))].sort(), kind).toEqual([...entry.names].sort());
    }
  });
});
