// suite/: takes a suite file, gives a validated Suite and its RunSpec[]; or a SuiteError with
// every problem. Never starts a run.
export { loadSuite, type LoadedSuite } from './load.js';
export { SuiteError, formatProblems, type SuiteProblem } from './problems.js';
export { samPoints } from './expand.js';
export type { RunSpec, ResolvedDataset, ResolvedModel } from './run-spec.js';
export type { Suite, Expectation } from './suite.generated.js';
