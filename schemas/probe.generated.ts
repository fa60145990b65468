/* Generated from the JSON Schema by scripts/generate-types.mjs; edit the schema, then `npm run gen:types`. */

/**
 * The one stdout line of a worker started as `<worker> <run-spec.json> --probe`: it builds the run's model (reading no training data; the spec carries the dataset's shape and classes), checks it against the dataset, then builds the strategy of a SAM run's variant (a user's plugin loaded and its factory called with the run's context, as a run does), prints this line and exits, 0 after `probe`, 2 after `probe-error`. Any other ending (another exit code, a signal, no such line) is a crash, reported with the worker's stderr. Before any run, also for `--dry-run`, the CLI probes the first SAM run of each of a suite's own variants (`sam.variant` or a `matrix.variant` entry of kind `module` or `python`), and else, when the suite has a user's model (`model.source` other than `builtin`), its first run; a suite with neither is not probed.
 */
export type ProbeLine = ProbeOk | ProbeError;

/**
 * The model was built and fits the dataset (exit code 0).
 */
export interface ProbeOk {
  type: 'probe';
  /**
   * Trainable parameters, counted as the run's env event counts them.
   */
  parameters: number;
  /**
   * Logits per sample (the dataset's class count).
   */
  outputs: number;
}
/**
 * The user's model or SAM variant cannot run (exit code 2): the CLI reports it as a problem of the suite file at `pointer`, a variant's at the suite's own pointer of that variant (`/sam/variant/path` becomes `/matrix/variant/1/path`; a python variant's `path`, `function` and `sha256` become its `factory`).
 */
export interface ProbeError {
  type: 'probe-error';
  /**
   * The run spec key at fault: `/model/path`, `/model/export`, `/model/factory`, `/model/name`, `/model/args`, or `/model` for the model as a whole (its input shape, its output size); `/sam/variant/path`, `/sam/variant/function`, `/sam/variant/sha256` or `/sam/variant/args` for a user's SAM variant.
   */
  pointer: string;
  /**
   * What is wrong and what was expected, on one line.
   */
  message: string;
}
