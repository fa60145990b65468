// The registries of schemas/registry/: the one list of models, model sources, datasets, expectation kinds and SAM variants. The
// schemas' enums are written from them (scripts/generate-registry.mjs); the suite checks, the
// workers' dispatch and the docs read them here. Python reads the same files (registry.py).
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMAS_DIR } from './load.js';
import type { BuiltinModel, ResolvedDataset, ResolvedSamVariant, RunSpec, UserModel } from './run-spec.generated.js';
import type { Expectation } from './suite.generated.js';

/** A training framework: TF.js or PyTorch. */
export type Framework = RunSpec['framework'];
/** Where a model comes from: sambench's own, or one of the user's sources. */
export type ModelSource = 'builtin' | UserModel['source'];
/** A dataset a suite can name. */
export type DatasetName = ResolvedDataset['name'];
/** A dataset format whose files the registry lists. */
export type DatasetFormat = 'idx' | 'cifar10' | 'image-folder' | 'arrays';
/** A format whose splits are named files (an image folder's are not). */
export type FileFormat = Exclude<DatasetFormat, 'image-folder'>;

/** One built-in model. */
export interface BuiltinModelEntry {
  description: string;
  frameworks: Framework[];
  /** Takes [height, width, channels] inputs. */
  convolutional: boolean;
  /** Trainable parameters at one input shape and class count, and where that count comes from: both frameworks' tests check it. */
  reference: { inputShape: number[]; classes: number; parameters: number; source: string };
}

/** One model source. */
export interface ModelSourceEntry {
  description: string;
  frameworks: Framework[];
  /** The `model` keys this source takes (besides `source`). */
  keys: string[];
}

/** One dataset. */
export interface DatasetEntry {
  description: string;
  frameworks: Framework[];
  /** Null for data made up in the worker (`synthetic`). */
  format: DatasetFormat | null;
  /** Facts of a format whose files fix them. */
  shape?: [number, number, number];
  classes?: number;
  /** Training samples of the split as published, when the format fixes it. */
  trainSamples?: number;
  /** What `dataset.path` must be, in the user's words; null when there is no path. */
  expectedPath: string | null;
}

/** The files of a format's splits. */
export interface DatasetFormatFiles {
  train: string[];
  test: string[];
  /** Whether each file may also be `<name>.gz`. */
  gzip: boolean;
}

function readRegistry<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, 'registry', `${name}.json`), 'utf8')) as T;
}

const models = readRegistry<{ builtin: Record<BuiltinModel['name'], BuiltinModelEntry>; sources: Record<ModelSource, ModelSourceEntry> }>(
  'models',
);
const datasets = readRegistry<{ datasets: Record<DatasetName, DatasetEntry>; formats: Record<FileFormat, DatasetFormatFiles> }>('datasets');

/** Every built-in model, by name, in the registry's order. */
export const BUILTIN_MODELS: Readonly<Record<BuiltinModel['name'], BuiltinModelEntry>> = models.builtin;
/** Every model source, by name. */
export const MODEL_SOURCES: Readonly<Record<ModelSource, ModelSourceEntry>> = models.sources;
/** Every dataset, by name. */
export const DATASETS: Readonly<Record<DatasetName, DatasetEntry>> = datasets.datasets;
/** The files each file format's splits are read from. */
export const DATASET_FORMAT_FILES: Readonly<Record<FileFormat, DatasetFormatFiles>> = datasets.formats;

/** Whether the built-in model `name` takes [height, width, channels] inputs. */
export const isConvolutional = (name: string): boolean =>
  Object.hasOwn(BUILTIN_MODELS, name) && BUILTIN_MODELS[name as BuiltinModel['name']].convolutional;

/** The names of a registry's members that `framework` implements. */
export function membersFor<K extends string>(entries: Readonly<Record<K, { frameworks: Framework[] }>>, framework: Framework): K[] {
  return (Object.keys(entries) as K[]).filter((name) => entries[name].frameworks.includes(framework));
}

// ---- Expectation kinds: schemas/registry/expectations.json -------------------------------------

/** An expectation kind a suite can name, old names included. */
export type ExpectationKind = Expectation['kind'];
/** The old names kept as aliases of a kind (the registry's `aliases`; its test holds the two together). */
export type ExpectationAlias = 'rho-scaling';
/** A kind a verdict reports: an alias is reported under the kind it stands for. */
export type VerdictKind = Exclude<ExpectationKind, ExpectationAlias>;

/** What one expectation kind needs of a suite, and how its verdict is written. */
export interface ExpectationEntry {
  description: string;
  /** The unit of the verdict's value: a `fraction` is written as a percentage; `ratio` and `points` as plain numbers. */
  unit: 'fraction' | 'ratio' | 'points';
  /** Compares with no-SAM runs: refused when `/baseline` is false. */
  baseline: boolean;
  /** How many values `/matrix/interval` must hold; 1 when absent. */
  minIntervals?: number;
  /** Refused without `/evaluation`. */
  evaluation?: boolean;
  /** Refused without `/evaluation/everySteps` > 0: reads accuracy during training, not only at the end. */
  evaluationEvery?: boolean;
  /** The one framework whose runs it judges: a suite of another `/framework` is refused. */
  framework?: 'tfjs' | 'torch';
  /** Judges the SAM runs at one (interval, rho) point, seed by seed: needs `rho` where several run at its interval. */
  onePoint?: boolean;
  /** May judge runs of every SAM variant; otherwise interval-schedule runs only. */
  anyVariant?: boolean;
  /** The pass / fail / inconclusive rule when it is not the plain range rule; `{expected}` stands for the expected range. */
  rule?: string;
}

/** An old name of an expectation kind. */
export interface ExpectationAliasEntry {
  description: string;
  aliasOf: VerdictKind;
  /** Said at every load of a suite that uses it. */
  warning: string;
}

const expectations = readRegistry<{
  kinds: Record<VerdictKind, ExpectationEntry>;
  aliases: Record<ExpectationAlias, ExpectationAliasEntry>;
}>('expectations');

/** Every expectation kind under its current name, in the registry's order. */
export const EXPECTATION_KINDS: Readonly<Record<VerdictKind, ExpectationEntry>> = expectations.kinds;
/** The old names still accepted, each with the kind it stands for. */
export const EXPECTATION_ALIASES: Readonly<Record<ExpectationAlias, ExpectationAliasEntry>> = expectations.aliases;

/** The kind `kind` is checked and reported as: itself, or the kind an old name stands for. */
export const verdictKind = (kind: ExpectationKind): VerdictKind =>
  Object.hasOwn(EXPECTATION_ALIASES, kind) ? EXPECTATION_ALIASES[kind as ExpectationAlias].aliasOf : (kind as VerdictKind);

/** The registry's facts of `kind`, an old name read as the kind it stands for. */
export const expectationFacts = (kind: ExpectationKind): ExpectationEntry => EXPECTATION_KINDS[verdictKind(kind)];

// --- SAM variants (schemas/registry/sam-variants.json) -------------------------------------------

/** A user's own SAM variant as a run spec holds it: an ES module (`module`, TF.js) or a Python factory (`python`, PyTorch). */
export type ResolvedSamPlugin = Extract<ResolvedSamVariant, { kind: 'module' | 'python' }>;
/** The kind of a user's own SAM variant (the registry's `plugins`). */
export type SamPluginKind = ResolvedSamPlugin['kind'];
/** A built-in SAM variant's kind, as `sam.variant.kind` names it (the registry's `variants`). */
export type SamVariantKind = Exclude<ResolvedSamVariant['kind'], SamPluginKind>;

/** How a variant's slowdown is predicted from the SAM/base step ratio r (measure/reduce.ts). */
export type SamVariantCost =
  /** (r − 1)/k. */
  | 'interval'
  /** (r − 1)·f, f the measured fraction of SAM steps. */
  | 'fraction'
  /** (r − 1)/k plus the reuse steps' overhead over plain steps (LookSAM). */
  | 'interval-with-reuse';

/** The facts every stage reads off a variant's kind, built-in or a user's. */
export interface SamKindFacts {
  description: string;
  /** Its schedule decides the SAM steps: it runs at interval 1 only. */
  picksOwnSamSteps: boolean;
  /** At which intervals the suite runs it: every interval of the suite (`suite`), or 1 only (`one`). */
  intervals: 'suite' | 'one';
  /** The PyTorch workers all-reduce its first gradient whatever `torch.syncFirstGradient` says. */
  syncsFirstGradient: boolean;
  /** How its slowdown is predicted. */
  cost: SamVariantCost;
}

/** How ids and labels write a variant: the first part whose `when` holds. */
export interface SamVariantPart {
  /** Field values that must all hold (null matches an absent field). */
  when?: Record<string, unknown>;
  /** Its short name, one of `names`; null: named by its settings alone. */
  name: string | null;
  /** Each setting as a template over the variant's fields and `interval`: `{p}-{pFinal}`. */
  settings: Record<string, string>;
}

/** A suite problem of a variant: when the resolved variant matches `if` (a JSON Schema), `message` with `{field}` filled in. */
export interface SamVariantProblem {
  if: Record<string, unknown>;
  message: string;
}

/** One built-in SAM variant: its facts, the JSON Schema of its fields, and how ids and labels write it. */
export interface SamVariantEntry extends SamKindFacts {
  /** Its fields as a suite gives them (the schemas' oneOf branches are written from them). */
  options: { title: string; required: string[]; properties: Record<string, { default?: unknown } & Record<string, unknown>> };
  /** How its run-spec branch differs from "every field required, no defaults". */
  runSpec?: { properties?: Record<string, Record<string, unknown>>; optional?: string[] };
  /** How ids and labels write it. */
  parts: SamVariantPart[];
  /** Cross-field problems the suite checks report. */
  problems?: SamVariantProblem[];
  /** The smallest interval it does anything at, and what to say when every interval of the suite is below. */
  minInterval?: { interval: number; message: string };
  /** The short names its ids and labels start with (none: named by its settings alone). */
  names: string[];
  /** Its settings in the order run ids write them, each with its letter. */
  id: Record<string, string>;
  /** Its settings in the order configuration labels write them. */
  label: string[];
  /** Settings that ids and labels leave out at this value (added after ids were written, so those ids stay). */
  unwritten?: Record<string, string>;
}

/** One kind of user variant: its facts and the one framework that runs it. */
export interface SamPluginEntry extends SamKindFacts {
  framework: Framework;
}

const samVariants = readRegistry<{
  variants: Record<SamVariantKind, SamVariantEntry>;
  plugins: Record<SamPluginKind, SamPluginEntry>;
}>('sam-variants');

/** Every built-in SAM variant, by kind, in the registry's (and the schemas' oneOf) order. */
export const SAM_VARIANTS: Readonly<Record<SamVariantKind, SamVariantEntry>> = samVariants.variants;
/** Every kind of user variant, by kind, in the registry's order (after the built-ins in the schemas' oneOf). */
export const SAM_PLUGINS: Readonly<Record<SamPluginKind, SamPluginEntry>> = samVariants.plugins;

/** Whether `kind` is a user's own variant (`module`, `python`). */
export const isSamPluginKind = (kind: string): kind is SamPluginKind => Object.hasOwn(SAM_PLUGINS, kind);

/** The facts of a variant's kind, built-in or a user's. */
export const samKindFacts = (kind: ResolvedSamVariant['kind']): SamKindFacts =>
  isSamPluginKind(kind) ? SAM_PLUGINS[kind] : SAM_VARIANTS[kind];
