// A user's own SAM variant as a run spec carries it: the absolute path of its module file, found
// from the suite file's folder, and that file's SHA-256, so that `--resume` and compare see an
// edited variant as a different configuration (as for a user's model, user-model.ts); and the
// name its ids and labels write, the suite's or one made from the module's file name.
import path from 'node:path';
import {
  ModelFileProblem,
  idSafe,
  shown,
  type ResolvedSamPlugin,
  type ResolvedSamVariant,
  type RunSpec,
  type Suite,
} from '../../schemas/index.js';
import { isSuitePlugin, resolveVariant, suiteVariants, type SuitePlugin, type SuiteVariant } from './sam-points.js';
import { hashed, pythonModuleFile } from './user-model.js';

// As the model schema's `factory` pattern: dotted module, one colon, function.
const FACTORY = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*:[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_NAME = 64;

// What a run id may hold (harness/safe-name.ts): letters, digits, `.`, `_`, `+`, `-`, no leading dot.
/** `text` as a variant name: other characters become `_`, a leading dot too, at most 64 characters. */
export function idSafeName(text: string): string {
  const safe = idSafe(text).replace(/^\./, '_').slice(0, MAX_NAME);
  return safe === '' ? 'variant' : safe;
}

/**
 * A user's variant (`at` its JSON pointer) as a run spec holds it, its file read and hashed.
 * @throws ModelFileProblem at `<at>/path` or `<at>/factory` when the file is not there or the factory is not `module:function`
 */
export function resolveSamPlugin(variant: SuitePlugin, suiteDir: string, at: string): ResolvedSamPlugin {
  const args = (variant.args ?? {}) as Record<string, unknown>;
  if (variant.kind === 'module') {
    const file = hashed(
      path.resolve(suiteDir, variant.path),
      'an ES module that exports the SAM strategy factory (`build`, or a default export)',
      `${at}/path`,
    );
    const name = variant.name ?? idSafeName(path.parse(file.path).name);
    return { kind: 'module', name, path: file.path, sha256: file.sha256, args };
  }
  if (!FACTORY.test(variant.factory)) {
    throw new ModelFileProblem(
      `${at}/factory`,
      `${shown(variant.factory)} is not \`module:function\` (as "my_variants:build", my_variants.py beside the suite file)`,
    );
  }
  const fn = variant.factory.split(':')[1]!;
  const file = pythonModuleFile(suiteDir, variant.factory, `${at}/factory`);
  const module = variant.factory.split(':')[0]!.split('.').pop()!;
  return { kind: 'python', name: variant.name ?? idSafeName(module), path: file.path, function: fn, sha256: file.sha256, args };
}

// The checks and the expansion both ask, once per variant: each file is read once per suite
// (again only if the variant or the folder is not the one it was read for).
const resolved = new WeakMap<Suite, Map<string, ResolvedSamPlugin>>();

/** {@link resolveSamPlugin}, once per suite, folder and variant. @throws ModelFileProblem */
export function resolvedSamPlugin(suite: Suite, suiteDir: string, variant: SuitePlugin, at: string): ResolvedSamPlugin {
  const key = `${suiteDir}\0${at}\0${JSON.stringify(variant)}`;
  const cache = resolved.get(suite) ?? new Map<string, ResolvedSamPlugin>();
  resolved.set(suite, cache);
  const known = cache.get(key) ?? resolveSamPlugin(variant, suiteDir, at);
  cache.set(key, known);
  return known;
}

/** A suite's variant (`at` its pointer) as a run spec holds it: a built-in's fields filled in, a user's read from its file. @throws ModelFileProblem */
export function resolveSuiteVariant(suite: Suite, suiteDir: string, { variant, at }: SuiteVariant): ResolvedSamVariant {
  return isSuitePlugin(variant) ? resolvedSamPlugin(suite, suiteDir, variant, at) : resolveVariant(variant);
}

/** A user's variant of a suite, where the suite gives it (`/matrix/variant/1`), and the first run that uses it. */
export interface PluginRun {
  at: string;
  kind: SuitePlugin['kind'];
  run: RunSpec;
}

/** The first run of each of a suite's own variants, in the suite's order (`runs`: its expansion, whose ids are unique). */
export function firstPluginRuns(suite: Suite, suiteDir: string, runs: readonly RunSpec[]): PluginRun[] {
  const found: PluginRun[] = [];
  for (const { variant, at } of suiteVariants(suite)) {
    if (!isSuitePlugin(variant)) continue;
    const resolved = JSON.stringify(resolvedSamPlugin(suite, suiteDir, variant, at));
    const run = runs.find((r) => r.sam !== null && JSON.stringify(r.sam.variant) === resolved);
    if (run) found.push({ at, kind: variant.kind, run });
  }
  return found;
}
