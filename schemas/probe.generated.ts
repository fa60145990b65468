/* Generated from the JSON Schema by scripts/generate-types.mjs; edit the schema, then `npm run gen:types`. */

/**
 * The one stdout line of a worker started as `<worker> <run-spec.json> --probe`: it builds the run's model (reading no training data; the spec carries the dataset's shape and classes), checks it against the dataset, prints this line and exits, 0 after `probe`, 2 after `probe-error`. Any other ending (another exit code, a signal, no such line) is a crash, reported with the worker's stderr. The CLI probes a suite's first run before any run when the suite has a user's model (`model.source` other than `builtin`), also for `--dry-run`.
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
 * The user's model cannot run (exit code 2): the CLI reports it as a problem of the suite file at `pointer`.
 */
export interface ProbeError {
  type: 'probe-error';
  /**
   * The suite key at fault: `/model/path`, `/model/export`, `/model/factory`, `/model/name`, `/model/args`, or `/model` for the model as a whole (its input shape, its output size).
   */
  pointer: string;
  /**
   * What is wrong and what was expected, on one line.
   */
  message: string;
}
