// Suite file → validated suite → runs. Everything wrong is reported at once, and nothing
// runs unless the whole suite is right.
import path from 'node:path';
import { checkSuite, deprecationWarnings } from './checks.js';
import { countRuns, expandSuite } from './expand.js';
import { locateProblems, parseSuiteFile, parseSuiteText, type ParsedSuite } from './parse.js';
import { SuiteError, type SuiteProblem } from './problems.js';
import type { RunSpec, Suite } from '../../schemas/index.js';
import { sizeProblems } from './size-checks.js';
import { validateSuite } from './validate.js';

/** A suite ready to run: its file, its resolved settings (schema defaults filled in) and its runs. */
export interface LoadedSuite {
  file: string;
  /** The folder its relative paths (datasets, a user's model and variants) resolve from: the suite file's, or a suite object's base folder. */
  dir: string;
  suite: Suite;
  runs: RunSpec[];
  /**
   * What loads but deserves a word: an old name kept as an alias (`deprecated`, every run), and
   * problems tolerated because of `allowMissingData` (`missingData`, a dataset folder not on this machine).
   */
  warnings: SuiteProblem[];
}

/** How strict loading is. */
export interface LoadOptions {
  /** A dataset folder that does not exist is a warning, not a problem (for --dry-run on another machine). */
  allowMissingData?: boolean;
}

/** Loads `file`; throws a SuiteError listing every problem (schema, cross-key and size). */
export function loadSuite(file: string, options: LoadOptions = {}): LoadedSuite {
  return loadParsed(parseSuiteFile(file), path.dirname(path.resolve(file)), options);
}

// What no file holds: the library's bench({ suite, baseDir }). Its text is the object's JSON, so
// every check and every line:column of a problem is the file's; `label` stands for the file name.
/** Loads a suite object as if it were the file `label` in `baseDir` (dataset paths resolve from there). */
export function loadSuiteObject(value: unknown, baseDir: string, label: string, options: LoadOptions = {}): LoadedSuite {
  return loadParsed(parseSuiteText(label, `${JSON.stringify(value, null, 2)}\n`), path.resolve(baseDir), options);
}

function loadParsed(parsed: ParsedSuite, suiteDir: string, { allowMissingData = false }: LoadOptions): LoadedSuite {
  const file = parsed.file;
  const { suite, problems } = validateSuite(parsed.value);
  const warnings: SuiteProblem[] = [];
  if (problems.length === 0) {
    warnings.push(...deprecationWarnings(suite));
    for (const problem of [...checkSuite(suite, suiteDir), ...sizeProblems(suite)]) {
      (allowMissingData && problem.missingData ? warnings : problems).push(problem);
    }
  }
  let runs: RunSpec[] = [];
  if (problems.length === 0) {
    const count = countRuns(suite);
    const cap = suite.limits!.maxRuns!;
    if (count > cap) {
      problems.push({
        pointer: '/matrix',
        message: `expands to ${count} runs (baselines and repeats included), more than /limits/maxRuns (${cap}); shrink the matrix or raise the limit`,
      });
    } else runs = expandSuite(suite, suiteDir);
  }
  if (problems.length > 0) throw new SuiteError(file, locateProblems(parsed.text, problems));
  return { file, dir: suiteDir, suite, runs, warnings: locateProblems(parsed.text, warnings) };
}
