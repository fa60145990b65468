// A SAM variant of your own, as a plugin for the TF.js worker: plain steps during a warm-up, then
// SAM every `every`-th step. sambench calls build(tf, variant, context) once per run and asks the
// strategy it returns, step by step, whether that step is a SAM step (docs/own-variant.md).
//   variant: the suite's `sam.variant` as the run spec holds it ({kind, name, path, sha256, args})
//   context: {seed, totalSteps, interval, epsilon, random, args}; args is the suite's `args`
export function build(tf, variant, { totalSteps, args }) {
  const warmupSteps = args.warmupSteps ?? Math.floor(totalSteps / 5);
  const every = args.every ?? 2;
  if (!Number.isSafeInteger(warmupSteps) || warmupSteps < 0) throw new RangeError(`warmupSteps must be an integer ≥ 0; got ${warmupSteps}`);
  if (!Number.isSafeInteger(every) || every < 1) throw new RangeError(`every must be an integer ≥ 1; got ${every}`);
  return {
    name: 'warmup-sam',
    // 1-based steps, asked in order: plain up to warmupSteps, then steps warmupSteps + every, + 2·every, …
    isSamStep: (step) => step > warmupSteps && (step - warmupSteps) % every === 0,
  };
}
