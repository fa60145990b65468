// stats/: pure functions over one plain sample shape (Samples: raw values, never empty) — location
// and spread, t-intervals and Student's t, one seeded bootstrap, rank tests, the process-level log
// shift and its minimum detectable effect, pooling over runs, the (r − 1)/k law, the Pareto front
// of cost against gain.
// Imported by measure/, report/, compare/ and scripts/; imports nothing but the PRNG.
export { ascending, lowerMedian, mean, median, quantileSorted, toSamples, type Samples } from './samples.js';
export { computeStatistics, tCritical95, type Statistics } from './statistics.js';
export {
  bootstrapDifference,
  bootstrapDistribution,
  percentileInterval,
  type BootstrapOptions,
  type DifferenceEstimate,
  type GroupStatistic,
} from './bootstrap.js';
export { ratioOfMeans, ratioOfMedians, type RatioEstimate, type RatioOptions } from './ratio.js';
export { mannWhitneyU, smallestMannWhitneyP, type MannWhitneyResult } from './mann-whitney.js';
export { studentTCdf, studentTQuantile } from './student-t.js';
export { studentTTwoSided } from './student-t-tail.js';
export { logShift, type LogShift } from './log-shift.js';
export { minimumDetectableEffect, type MdeInput } from './mde.js';
export { normalIsf, normalSf, proportionDifferenceInterval } from './normal.js';
export { exact, pooled, type Estimate } from './pooled.js';
export { lawRatio, predictedSlowdown, predictedSlowdownAtFraction, predictedSlowdownWithReuse } from './slowdown.js';
export { paretoFront, type CostGain } from './pareto.js';
