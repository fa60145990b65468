"""A SAM variant of your own, as a plugin for the PyTorch worker: plain steps during a warm-up,
then SAM every `every`-th step, the same steps as warmup-sam.mjs. sambench imports this module
from the suite's folder and calls build(variant, context) once per run (docs/own-variant.md).

variant: the suite's `sam.variant` as the run spec holds it (kind, name, path, function, sha256, args);
context: seed, total_steps, interval, epsilon, random, args (the suite's `args`).
"""


class WarmupSam:
    name = "warmup-sam"

    def __init__(self, warmup_steps: int, every: int) -> None:
        self.warmup_steps = warmup_steps
        self.every = every

    def is_sam_step(self, step, squared_grad_norm=None):
        """1-based steps, asked in order: plain up to warmup_steps, then every `every`-th step."""
        return step > self.warmup_steps and (step - self.warmup_steps) % self.every == 0


def build(variant, context):
    warmup_steps = context.args.get("warmupSteps", context.total_steps // 5)
    every = context.args.get("every", 2)
    if not isinstance(warmup_steps, int) or warmup_steps < 0:
        raise ValueError(f"warmupSteps must be an integer >= 0; got {warmup_steps!r}")
    if not isinstance(every, int) or every < 1:
        raise ValueError(f"every must be an integer >= 1; got {every!r}")
    return WarmupSam(warmup_steps, every)
