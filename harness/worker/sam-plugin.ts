// A user's SAM variant for TF.js (run spec `sam.variant` `{"kind": "module", "path", "sha256", "args", …}`):
// an ES module whose `build` (or default export) is called as build(tf, variant, context) and
// returns a SamStrategy (harness/sam/strategy.ts), the API the built-ins implement. Each refusal is
// a ModelFileProblem at the run spec key at fault, which `--probe` reports as a probe-error.
import { pathToFileURL } from 'node:url';
import { ModelFileProblem, sha256Hex, type ResolvedModuleVariant } from '../../schemas/index.js';
import type { SamStrategy, StrategyContext, TfCore } from '../sam/index.js';
import { READ_LIMITS, readRegularFile, UnreadableFileError } from '../read-file.js';
import { firstLine } from './models/user-model.js';

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return `an object of class ${value.constructor?.name ?? 'none'} without an isSamStep method`;
  if (typeof value === 'string') return `the string "${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  return typeof value;
}

/**
 * Loads a plugin's module, checks it is the file the spec names (its SHA-256), calls its `build`
 * (or default export) with the worker's TF.js, the variant and `context`, and checks that it
 * returned a strategy.
 * @throws ModelFileProblem naming the file and what went wrong, at `/sam/variant/sha256` for a file
 *   changed since the spec was written, else `/sam/variant/path` (the file is the module's whole key)
 */
export async function loadStrategyPlugin(tf: TfCore, variant: ResolvedModuleVariant, context: StrategyContext): Promise<SamStrategy> {
  const file = variant.path;
  const fail = (message: string, cause?: unknown) => new ModelFileProblem('/sam/variant/path', message, { cause });
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, { what: 'an ES module that exports a SAM strategy factory', maxBytes: READ_LIMITS.model });
  } catch (error) {
    if (error instanceof UnreadableFileError) throw fail(error.message, error);
    throw error;
  }
  const sha256 = sha256Hex(bytes);
  if (sha256 !== variant.sha256) {
    throw new ModelFileProblem(
      '/sam/variant/sha256',
      `${file} changed since the suite was loaded (its SHA-256 is ${sha256}, the run spec says ${variant.sha256}); ` +
        'run the bench again so its specs carry the current file',
    );
  }
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw fail(`${file} does not load as an ES module (${firstLine(error)})`, error);
  }
  const factory = namespace.build ?? namespace.default;
  if (typeof factory !== 'function') {
    const exports = Object.keys(namespace);
    const has = exports.length === 0 ? 'it exports nothing' : `it exports ${exports.map((e) => `"${e}"`).join(', ')}`;
    throw fail(`${file} exports no function \`build\` (or default) building a SAM strategy; ${has}`);
  }
  let strategy: unknown;
  try {
    strategy = await (factory as (...args: unknown[]) => unknown)(tf, variant, context);
  } catch (error) {
    throw fail(`build() of ${file} threw: ${firstLine(error)}`, error);
  }
  if (typeof strategy !== 'object' || strategy === null || typeof (strategy as Partial<SamStrategy>).isSamStep !== 'function') {
    throw fail(`build() of ${file} returned ${describe(strategy)}, not a SAM strategy (an object with an isSamStep(step) method)`);
  }
  return strategy as SamStrategy;
}
