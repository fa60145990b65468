// Rules that span several keys of a suite, which JSON Schema cannot say clearly; each problem
// quotes the keys and values involved and says what to do.
import fs from 'node:fs';
import path from 'node:path';
import { claimProblems } from './claim-checks.js';
import { datasetFolderProblems } from './dataset-path.js';
import type { SuiteProblem } from './problems.js';
import {
  isSuitePlugin,
  resolveVariant,
  rhoPerIntervalValues,
  samPoints,
  scaledRho,
  suiteIntervals,
  suiteVariants,
  type SuiteVariant,
} from './sam-points.js';
import { resolveSuiteVariant } from './sam-plugins.js';
import {
  EXPECTATION_ALIASES,
  SAM_PLUGINS,
  SAM_VARIANTS,
  expectationFacts,
  isConvolutional,
  isSamPluginKind,
  picksOwnSamSteps,
  registryProblems,
  scheduleParts,
  shown,
  writtenSettings,
  type Expectation,
  type ExpectationAlias,
  type ResolvedSamVariant,
  type Suite,
} from '../../schemas/index.js';
import { modelKeyProblems, ModelFileProblem, resolveModel } from './user-model.js';

/** Absolute dataset folder, relative paths taken from the suite file's folder. */
export function datasetDir(suite: Suite, suiteDir: string): string | null {
  return suite.dataset.path === undefined ? null : path.resolve(suiteDir, suite.dataset.path);
}

/** Cross-key problems of a schema-valid suite (defaults filled in). */
export function checkSuite(suite: Suite, suiteDir: string): SuiteProblem[] {
  return [
    ...frameworkProblems(suite),
    ...modelProblems(suite, suiteDir),
    ...dataProblems(suite, suiteDir),
    ...scheduleProblems(suite),
    ...variantProblems(suite, suiteDir),
    ...expectationProblems(suite),
  ];
}

// Each variant's registry `problems` (a random schedule that never takes a SAM step, AE-SAM's
// threshold rising) and `minInterval` (LookSAM needs an interval above 1 to have steps to reuse
// on); a user's variant's file, and its framework; variants that pick their own SAM steps (at
// interval 1) make an interval pointless; two variants that would write the same run ids; the
// expectations judge interval-variant runs only.
function variantProblems(suite: Suite, suiteDir: string): SuiteProblem[] {
  const problems: SuiteProblem[] = [];
  const given = suiteVariants(suite);
  const intervalAt = suite.matrix?.interval !== undefined ? '/matrix/interval' : '/sam/interval';
  const resolved = given.map((point) => {
    const variant = resolvedOrProblems(suite, suiteDir, point, problems);
    for (const message of variant ? registryProblems(variant) : []) problems.push({ pointer: point.at, message });
    return variant;
  });
  const variants = given.map((g) => g.variant);
  const ownSteps = variants.filter(picksOwnSamSteps);
  if (ownSteps.length > 0 && ownSteps.length === variants.length && (suite.matrix?.interval !== undefined || suite.sam!.interval !== 1)) {
    const kinds = [...new Set(ownSteps.map((v) => `"${v.kind}"`))].join(' or ');
    problems.push({
      pointer: intervalAt,
      message: `has no effect: every variant is ${kinds}, which picks its own SAM steps (at interval 1); remove it`,
    });
  }
  const kinds = [...new Set(variants.map((v) => v.kind))];
  for (const kind of kinds) {
    const least = isSamPluginKind(kind) ? undefined : SAM_VARIANTS[kind].minInterval;
    if (least && suiteIntervals(suite).every((k) => k < least.interval)) problems.push({ pointer: intervalAt, message: least.message });
  }
  problems.push(...sameIdProblems(given, resolved));
  const others = [...new Set(variants.filter((v) => v.kind !== 'interval').map((v) => `"${v.kind}"`))];
  if (others.length === 0) return problems;
  (suite.expect ?? []).forEach((expectation, i) => {
    if (!expectationFacts(expectation.kind).anyVariant)
      problems.push({
        pointer: `/expect/${i}`,
        message: `"${expectation.kind}" judges interval-schedule runs, and this suite runs ${others.join(' and ')} variants too, whose runs it would mix in; keep those variants in a suite of their own`,
      });
  });
  return problems;
}

// A user's variant runs in one framework, from a file that must be there; null when it cannot be resolved.
function resolvedOrProblems(suite: Suite, suiteDir: string, point: SuiteVariant, problems: SuiteProblem[]): ResolvedSamVariant | null {
  const { variant, at } = point;
  if (!isSuitePlugin(variant)) return resolveVariant(variant);
  const framework = suite.framework ?? 'tfjs';
  const runs = SAM_PLUGINS[variant.kind].framework;
  if (runs !== framework) {
    const fits = Object.entries(SAM_PLUGINS).flatMap(([kind, entry]) => (entry.framework === framework ? [`"${kind}"`] : []));
    problems.push({
      pointer: `${at}/kind`,
      message: `"${variant.kind}" is a user variant for framework "${runs}"; this suite's framework is "${framework}", whose user variants are ${fits.join(', ')}`,
    });
  }
  try {
    return resolveSuiteVariant(suite, suiteDir, point);
  } catch (error) {
    if (!(error instanceof ModelFileProblem)) throw error;
    problems.push({ pointer: error.pointer, message: error.message });
    return null;
  }
}

// Ids name a variant by its schedule parts: two variants with the same parts would share run ids
// (two user variants of one name and scalar args, or a built-in given twice, once by its defaults).
function sameIdProblems(given: readonly SuiteVariant[], resolved: readonly (ResolvedSamVariant | null)[]): SuiteProblem[] {
  const seen = new Map<string, string>();
  return resolved.flatMap((variant, i) => {
    if (variant === null) return [];
    const parts = scheduleParts({ variant, interval: 1 });
    const key = JSON.stringify([parts.name, writtenSettings({ variant }, parts)]);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, given[i]!.at);
    return first === undefined
      ? []
      : [
          {
            pointer: given[i]!.at,
            message: `would write the same run ids as ${first}: give a user variant another "name" or other args, or remove one`,
          },
        ];
  });
}

// Matrix keys that sweep a key of `torch` (data-parallel.ts).
const PYTORCH_MATRIX_KEYS = ['worldSize', 'syncFirstGradient'] as const;

function frameworkProblems(suite: Suite): SuiteProblem[] {
  const problems: SuiteProblem[] = [];
  if (suite.framework === 'tfjs' && suite.precision !== 'float32') {
    problems.push({
      pointer: '/precision',
      message: `${shown(suite.precision)} is not available with framework "tfjs" (TF.js computes in float32 only); use "float32", or framework "torch" for mixed precision`,
    });
  }
  if (suite.framework === 'tfjs' && suite.torch !== undefined) {
    problems.push({
      pointer: '/torch',
      message: 'holds PyTorch settings, but /framework is "tfjs"; set "framework": "torch" or remove the key',
    });
  }
  for (const key of PYTORCH_MATRIX_KEYS) {
    if (suite.framework === 'tfjs' && suite.matrix?.[key] !== undefined) {
      problems.push({
        pointer: `/matrix/${key}`,
        message: `sweeps the PyTorch setting torch.${key}, but /framework is "tfjs"; set "framework": "torch" or remove the key`,
      });
    }
  }
  return problems;
}

const SYNTHETIC_ONLY = ['shape'] as const;
const IMAGE_FOLDER_ONLY = ['imageSize', 'onBadImage'] as const;

function dataProblems(suite: Suite, suiteDir: string): SuiteProblem[] {
  const { dataset, model } = suite;
  const problems: SuiteProblem[] = [];
  const misplaced = (keys: readonly string[], owner: string) => {
    for (const key of keys) {
      if (dataset[key as keyof typeof dataset] !== undefined) {
        problems.push({ pointer: `/dataset/${key}`, message: `is only for ${owner}; dataset "${dataset.name}" does not use it` });
      }
    }
  };
  if (dataset.name !== 'synthetic') misplaced(SYNTHETIC_ONLY, '"synthetic"');
  if (dataset.name !== 'synthetic' && dataset.name !== 'arrays') misplaced(['classes'], '"synthetic" and "arrays"');
  if (dataset.name !== 'image-folder') misplaced(IMAGE_FOLDER_ONLY, '"image-folder"');
  if (dataset.trainSubset !== undefined && dataset.samples !== undefined && dataset.name !== 'synthetic') {
    problems.push({
      pointer: '/dataset/trainSubset',
      message: 'cannot be combined with /dataset/samples: take the first n samples (samples) or n at random (trainSubset), not both',
    });
  }
  if (dataset.name === 'synthetic') {
    for (const key of ['trainSubset', 'labelNoise'] as const)
      if (dataset[key] !== undefined)
        problems.push({ pointer: `/dataset/${key}`, message: 'is only for file datasets; "synthetic" labels are random already' });
    if (dataset.path !== undefined)
      problems.push({ pointer: '/dataset/path', message: 'is only for file datasets; "synthetic" makes its own data' });
    if (suite.evaluation !== undefined)
      problems.push({ pointer: '/evaluation', message: 'needs a test split; "synthetic" data has none (its labels are random)' });
  } else {
    const dir = datasetDir(suite, suiteDir);
    if (dir === null)
      problems.push({
        pointer: '/dataset/path',
        message: `is required for dataset "${dataset.name}" (${dataset.name === 'arrays' ? 'a .npz file or a folder of .npy files' : 'the folder with its files'})`,
      });
    else if (!fs.existsSync(dir))
      problems.push({ pointer: '/dataset/path', message: `${shown(dataset.path)} does not exist (resolved to ${dir})`, missingData: true });
    else problems.push(...datasetFolderProblems(suite, dir));
  }
  if (model.hidden !== undefined && model.name !== 'mlp') {
    problems.push({ pointer: '/model/hidden', message: `is only for model "mlp" (got model ${shown(model.name)})` });
  }
  // File datasets are all [height, width, channels]; only a synthetic shape can be wrong.
  const shape = dataset.name === 'synthetic' ? dataset.shape! : null;
  if ((model.source ?? 'builtin') === 'builtin' && isConvolutional(model.name!) && shape && shape.length !== 3) {
    problems.push({
      pointer: '/dataset/shape',
      message: `model "${model.name}" needs inputs of [height, width, channels] (got ${shown(shape)})`,
    });
  }
  return problems;
}

// A user's model: keys that fit its source, a source that fits the framework, and its files there.
function modelProblems(suite: Suite, suiteDir: string): SuiteProblem[] {
  const problems = modelKeyProblems(suite);
  if (problems.length > 0) return problems;
  try {
    resolveModel(suite, suiteDir);
  } catch (error) {
    if (!(error instanceof ModelFileProblem)) throw error;
    problems.push({ pointer: error.pointer, message: error.message });
  }
  return problems;
}

function scheduleProblems(suite: Suite): SuiteProblem[] {
  const problems: SuiteProblem[] = [];
  const intervals = suiteIntervals(suite);
  const { measured, epochs } = suite.steps;
  if ((measured === undefined) === (epochs === undefined)) {
    problems.push({
      pointer: measured === undefined ? '/steps' : '/steps/epochs',
      message:
        measured === undefined
          ? 'needs the step budget: /steps/measured (steps) or /steps/epochs (passes over the training set)'
          : 'cannot be combined with /steps/measured: give the budget in steps or in epochs, not both',
    });
  }
  if (epochs !== undefined && suite.dataset.trainSubset === undefined && suite.dataset.samples === undefined) {
    problems.push({
      pointer: '/steps/epochs',
      message: 'needs the number of training samples to count steps: set /dataset/trainSubset or /dataset/samples, or give /steps/measured',
    });
  }
  const misfit = measured === undefined ? [] : intervals.filter((k) => measured % k !== 0);
  if (misfit.length > 0) {
    problems.push({
      pointer: '/steps/measured',
      message: `must be a multiple of every interval so each run holds whole SAM cycles (got ${measured!}; intervals ${intervals.join(', ')})`,
    });
  }
  return problems;
}

function expectationProblems(suite: Suite): SuiteProblem[] {
  const problems: SuiteProblem[] = [];
  const intervals = suiteIntervals(suite);
  (suite.expect ?? []).forEach((expectation, i) => {
    const at = `/expect/${i}`;
    if ('range' in expectation) {
      const { min, max } = expectation.range;
      if (min !== undefined && max !== undefined && min > max)
        problems.push({ pointer: `${at}/range`, message: `min ${min} is above max ${max}` });
    }
    if ('interval' in expectation && expectation.interval !== undefined && !intervals.includes(expectation.interval)) {
      problems.push({
        pointer: `${at}/interval`,
        message: `${expectation.interval} is not among the suite's intervals (${intervals.join(', ')})`,
      });
    }
    const facts = expectationFacts(expectation.kind);
    if (facts.onePoint && 'interval' in expectation && expectation.interval !== undefined && intervals.includes(expectation.interval))
      problems.push(...accuracyPointProblems(suite, expectation.interval, 'rho' in expectation ? expectation.rho : undefined, at));
    if (expectation.kind === 'slowdown' && expectation.reference === 'within-run' && expectation.interval === 1) {
      problems.push({
        pointer: `${at}/reference`,
        message: '"within-run" needs base steps in the SAM run, and interval 1 has none; use "no-sam-run"',
      });
    }
    const withinRun = expectation.kind === 'slowdown' && expectation.reference === 'within-run';
    if (facts.baseline && !withinRun && suite.baseline === false) {
      problems.push({ pointer: at, message: `"${expectation.kind}" compares with no-SAM runs, but /baseline is false` });
    }
    if (facts.evaluation && suite.evaluation === undefined) {
      problems.push({
        pointer: at,
        message: `"${expectation.kind}" compares final test accuracy, but the suite has no /evaluation (dataset "${suite.dataset.name}" has no test split)`,
      });
    }
    const minIntervals = facts.minIntervals ?? 1;
    if (intervals.length < minIntervals) {
      problems.push({
        pointer: at,
        message: `"${expectation.kind}" needs at least ${minIntervals === 2 ? 'two' : minIntervals} values in /matrix/interval (got ${shown(intervals)})`,
      });
    }
    if (expectation.kind === 'rho-scaling-accuracy') problems.push(...rhoScalingAccuracyProblems(suite, at));
    problems.push(...claimProblems(suite, expectation, at));
  });
  return problems;
}

// An accuracy verdict counts each seed once: at an interval with several rho values, a seed's
// runs share one no-SAM run, so the expectation must name the rho it judges.
function accuracyPointProblems(suite: Suite, interval: number, rho: number | undefined, at: string): SuiteProblem[] {
  // One value per rho, however many variants run it.
  const rhos = [
    ...new Set(
      samPoints(suite)
        .filter((p) => p.interval === interval)
        .map((p) => p.rho),
    ),
  ];
  if (rho === undefined && rhos.length > 1)
    return [
      {
        pointer: at,
        message: `the suite runs several rho values at interval ${interval} (${rhos.join(', ')}): add "rho" to say which one it judges`,
      },
    ];
  if (rho !== undefined && !rhos.includes(rho))
    return [{ pointer: `${at}/rho`, message: `${rho} is not among the rho values run at interval ${interval} (${rhos.join(', ')})` }];
  return [];
}

// rho-scaling-accuracy compares, at each interval k > 1, the final accuracy at rho = c · k with
// that at rho = c: both points must be in the matrix, for every c (its evaluation and two
// intervals are registry facts, checked with every kind's).
function rhoScalingAccuracyProblems(suite: Suite, at: string): SuiteProblem[] {
  const problems: SuiteProblem[] = [];
  const intervals = suiteIntervals(suite);
  const cs = rhoPerIntervalValues(suite);
  if (cs.length === 0) {
    problems.push({ pointer: at, message: '"rho-scaling-accuracy" needs /matrix/rhoPerInterval: the c of rho = c · interval it tests' });
  }
  const points = new Set(samPoints(suite).map((p) => `${p.interval}:${p.rho}`));
  const missing = cs.flatMap((c) => {
    const wanted = intervals.filter((k) => k > 1).flatMap((k) => [c, scaledRho(c, k)].map((rho) => ({ k, rho })));
    return wanted.filter(({ k, rho }) => !points.has(`${k}:${rho}`));
  });
  if (missing.length > 0) {
    const byRho = new Map<number, { k: number }[]>();
    for (const m of missing) byRho.set(m.rho, [...(byRho.get(m.rho) ?? []), m]);
    const named = [...byRho].map(([rho, ms]) => `rho ${rho} at k=${ms.map((m) => m.k).join(', ')}`).join('; ');
    problems.push({
      pointer: at,
      message: `"rho-scaling-accuracy" needs, at every interval k > 1, SAM runs at rho = c and rho = c · k for each c of /matrix/rhoPerInterval; missing: ${named} — add ${shown([...byRho.keys()])} to /matrix/rho`,
    });
  }
  return problems;
}

/** Warnings for a valid suite: expectation kinds kept under an old name, with the new one. */
export function deprecationWarnings(suite: Suite): SuiteProblem[] {
  return (suite.expect ?? []).flatMap((expectation: Expectation, i) =>
    Object.hasOwn(EXPECTATION_ALIASES, expectation.kind)
      ? [{ pointer: `/expect/${i}/kind`, message: EXPECTATION_ALIASES[expectation.kind as ExpectationAlias].warning, deprecated: true }]
      : [],
  );
}
