"""The strategy API: what a SAM variant tells `SAM` (harness/sam/strategy.ts is its TF.js twin).

A strategy decides which steps are SAM steps and may shape them; `SAM` does the passes, the
ascent, the loss scaling and the bookkeeping. Only `name` and `is_sam_step` are required; SAM
looks the others up with `getattr(strategy, name, None)`:

- `decides_from_first_gradient` (False): SAM takes every step's plain gradient g_t first and passes
  `squared_grad_norm`, a callable giving ‖g_t‖² (read back, unscaled), to `is_sam_step` (AE-SAM);
- `syncs_first_gradient` (False): a rank-local first pass (DDP's no_sync) is refused, because the
  first gradient must be the same on every rank (AE-SAM decides from it, LookSAM keeps g_v from it);
  `first_pass_refusal` is then the message, else a generic one naming the strategy;
- `plain_gradient(grads, params)`: on a step that is not a SAM step, the gradient to apply instead of
  g (new tensors; step kind "reuse"), or None to apply g (kind "base"). It is asked on a float16
  step that overflowed too, where its answer only names the step's kind;
- `ascent_gradient(grads, params)`: the gradient that SAM's ascent (‖g‖ and e) is computed from, in
  place of g (same shapes and dtypes; it may return given tensors; SAM does not change them). ESAM
  gives zeros for the tensors that do not take part in the step's ascent (no norm, no perturbation);
  `perturbation` then receives these as its `grads`, `after_sam_step` still g;
- `perturbation(e, grads, params)`: given SAM's ascent e (w ← w + e), the e' to apply (new tensors,
  same shapes and dtypes);
- `select_samples(loss_before, loss_after)`: the samples of a SAM step's second pass, a 1-D
  torch.bool mask over the batch, from the per-sample losses at w (first pass) and at w + e (a forward
  pass without gradient); at least one sample must be selected (ESAM's SDS). With it SAM's caller
  computes per-sample losses and runs `sam.select_samples(...)` between first_step and the second
  pass (sam.py); `SAM.step(closure)` refuses such a strategy;
- `after_sam_step(g, gs, params)`: after a SAM step's second pass, with g (at w, kept by SAM for
  it) and g_s (at w + e); not called when that step's float16 gradient overflowed;
- `state`: read-only state for tests and callers (AE-SAM's μ, σ², c and threshold);
- `title`: how SAM's error messages name it ("AE-SAM"; default `name`).

A strategy module (built-in: `strategies/<kind>.py`; a user's plugin file) exports
`build(variant: dict, context: StrategyContext) -> SamStrategy`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from .options import invalid_option


@runtime_checkable
class SamStrategy(Protocol):
    """Which steps are SAM steps (the required part; see the module docstring for the optional ones)."""

    name: str
    """Short name for error messages, e.g. "looksam"."""

    def is_sam_step(self, step: int, squared_grad_norm: Callable[[], float] | None) -> bool:
        """Whether 1-based `step` is a SAM step. Asked in step order, maybe several times for one step
        (same answer). `squared_grad_norm`: ‖g_t‖² of the step's first gradient, given only when
        `decides_from_first_gradient`."""
        ...


@dataclass(frozen=True)
class StrategyContext:
    """What a run gives a strategy's factory (StrategyContext in harness/sam/strategy.ts)."""

    seed: int
    total_steps: int
    """Warm-up and measured steps together (random's G-RST and AE-SAM's c_t run over them)."""
    interval: int
    """The run's `sam.interval`."""
    epsilon: float
    """SAM's epsilon."""
    random: Callable[[], float]
    """Uniform draws in [0, 1), mulberry32(mix_seed(seed, 6)): the same in both frameworks."""
    args: dict[str, Any] = field(default_factory=dict)
    """A plugin's `args` from the suite ({} for built-ins)."""


StrategyFactory = Callable[[dict[str, Any], StrategyContext], SamStrategy]
"""A strategy module's `build(variant, context)`."""


def title_of(strategy: object) -> str:
    """How messages name `strategy`: its `title`, else its `name`, else its type."""
    return str(getattr(strategy, "title", None) or getattr(strategy, "name", None) or type(strategy).__name__)


def check_strategy(strategy: object) -> None:
    """Refuses an object that is not a strategy (no callable `is_sam_step`)."""
    if not callable(getattr(strategy, "is_sam_step", None)):
        raise TypeError(
            f"SAM's strategy must have a callable is_sam_step(step, squared_grad_norm) (harness/sam/pytorch/strategy.py); "
            f"got {type(strategy).__name__}"
        )


def first_pass_refusal(strategy: object) -> str | None:
    """The error for a rank-local first pass under `strategy`, or None where it allows one."""
    if not getattr(strategy, "syncs_first_gradient", False):
        return None
    own = getattr(strategy, "first_pass_refusal", None)
    if own:
        return str(own)
    return (
        f"SAM's first_pass_context must be None with strategy {title_of(strategy)!r}: it syncs its first gradient "
        "(syncs_first_gradient), so that gradient must be all-reduced on every rank"
    )


def needs_interval_one(interval: object, named: str) -> None:
    """A strategy that picks its own SAM steps runs at interval 1 (`named`: "a random schedule")."""
    if interval != 1:
        raise invalid_option("interval", f"1 with {named} (the schedule picks the SAM steps)", interval)


def every_interval(step: int, interval: int) -> bool:
    """Composer's interval: 1-based step n is a SAM step when n % interval == 0."""
    return step % interval == 0
