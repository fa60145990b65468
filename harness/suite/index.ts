// suite/: takes a suite file, gives a validated Suite and its RunSpec[]; or a SuiteError with
// every problem. Never starts a run. Its types (Suite, RunSpec) live in schemas/.
export { loadSuite, loadSuiteObject, type LoadedSuite, type LoadOptions } from './load.js';
export { validateSuite } from './validate.js';
export { SuiteError, formatProblem, formatProblems, type SuiteProblem } from './problems.js';
export { samPoints, type SamPoint } from './sam-points.js';
export { firstPluginRuns, type PluginRun } from './sam-plugins.js';
export { interleaveBenches, scheduleRuns } from './schedule.js';
