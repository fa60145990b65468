// What an expectation kind needs of a suite beyond a baseline and an evaluation: evaluations
// during training (registry fact `evaluationEvery`), one framework (`framework`), and, for
// gain-diminishes, runs both with and without a regulariser. Each problem names the key to set.
import { expectationFacts, shown, type Expectation, type Suite } from '../../schemas/index.js';
import type { SuiteProblem } from './problems.js';

/** The problems of one expectation (at pointer `at`) from its kind's facts and needs. */
export function claimProblems(suite: Suite, expectation: Expectation, at: string): SuiteProblem[] {
  const { kind } = expectation;
  const facts = expectationFacts(kind);
  const problems: SuiteProblem[] = [];
  const everySteps = suite.evaluation?.everySteps ?? 0;
  if (facts.evaluationEvery && suite.evaluation !== undefined && everySteps === 0) {
    problems.push({
      pointer: '/evaluation/everySteps',
      message: `must be above 0 for "${kind}" (${at}), which reads test accuracy during training, not only at the end (got ${everySteps})`,
    });
  }
  const framework = suite.framework ?? 'tfjs';
  if (facts.framework !== undefined && framework !== facts.framework) {
    problems.push({
      pointer: at,
      message: `"${kind}" judges framework "${facts.framework}" runs (torch.worldSize, torch.syncFirstGradient); /framework is "${framework}": set "framework": "${facts.framework}"`,
    });
  }
  if (kind === 'gain-diminishes') problems.push(...regulariserProblems(suite, at));
  return problems;
}

// The regulariser settings the matrix runs: label smoothing values × MixUp settings.
function regulariserProblems(suite: Suite, at: string): SuiteProblem[] {
  const smoothing = suite.matrix?.labelSmoothing ?? [suite.optimizer?.labelSmoothing ?? 0];
  const mixups = suite.matrix?.mixup ?? [suite.dataset.mixup ?? null];
  const withNone = smoothing.includes(0) && mixups.includes(null);
  const withSome = smoothing.some((ls) => ls !== 0) || mixups.some((m) => m !== null);
  const what = `"gain-diminishes" (${at}) compares SAM's gain without a regulariser and with one`;
  if (!withSome) {
    return [
      {
        pointer: '/matrix/labelSmoothing',
        message: `${what}, and the suite runs none: list label smoothing values beside 0 here (e.g. [0, 0.1]), or MixUp settings beside null in /matrix/mixup`,
      },
    ];
  }
  if (withNone) return [];
  const lacking = [
    ...(smoothing.includes(0) ? [] : [{ pointer: '/matrix/labelSmoothing', add: '0 (no label smoothing)' }]),
    ...(mixups.includes(null) ? [] : [{ pointer: '/matrix/mixup', add: 'null (no MixUp)' }]),
  ];
  return lacking.map(({ pointer, add }) => ({
    pointer,
    message: `${what}, and every run has one (label smoothing ${shown(smoothing)}, MixUp ${shown(mixups)}): add ${add} to ${pointer}`,
  }));
}
