"""Sharpness-Aware Minimization for PyTorch, with the semantics of the TF.js `SAM` (`../sam-optimizer.ts`).

SAM (Foret et al., ICLR 2021) on the steps that its strategy picks (strategy.py; by default Composer's
`interval`: every interval-th step); every step counts, SAM, plain or skipped. A SAM step takes two gradients:

    g  = ∇L(w)                     first pass; its loss is the one returned and logged
    e  = rho · g / (‖g‖ + eps)      one global L2 norm over every parameter with a gradient
    g' = ∇L(w + e)                 second pass at the perturbed weights
    w ← (w + e) − e                 restore by subtraction (Composer), then base.step() applies g'

ASAM (davda54, adaptive=True): the norm is ‖ |w| ⊙ g ‖ and e = w² ⊙ g · rho / (‖ |w| ⊙ g ‖ + eps).

LookSAM (look_sam=LookSamOptions(alpha)): a SAM step also keeps g_v = g_s − (g·g_s/‖g‖²)·g, and
`base_step()` on the steps after it applies g + α·(‖g‖/‖g_v‖)·g_v (`last_step.kind` "reuse"); with
LookSamOptions(alpha, granularity="tensor") both per parameter tensor; see look_sam.py.

AE-SAM (schedule=AeSamScheduleOptions(...)): ‖g‖² of a step's first gradient decides it (strategies/aesam.py,
ae_sam.py), so `is_sam_step()` answers only after the first backward of the step (it reads `.grad`) and
`first_pass_context` must be None. A SAM step then takes ‖g‖ from that ‖g‖² instead of
reducing g again (ASAM still reduces its ‖ |w| ⊙ g ‖).

Any variant (strategy=, strategy.py): a strategy answers is_sam_step (from ‖g‖² of the step's first
gradient when it `decides_from_first_gradient`, as AE-SAM), and may give a plain step's gradient
(`plain_gradient`: kind "reuse"), shape the ascent (`perturbation`) and see g and g_s after each SAM
step (`after_sam_step`). `schedule=` and `look_sam=` are the built-in strategies of strategies/.

ESAM and other sample-selecting strategies (`ascent_gradient`, `select_samples`; strategies/esam.py):
the ascent may be computed from a gradient the strategy gives (`ascent_gradient`: ESAM zeroes the
tensors that sit out the step), and the second pass may run on part of the batch. Then the caller
computes per-sample losses (reduction "none"), backpropagates their mean, and between first_step
and the second pass asks SAM which samples to use (`sam.selects_samples` tells whether it must):

    with sam.second_pass():                          # also covers this pass's BatchNorm writes
        with torch.no_grad():
            loss_after = per_sample_loss(model(x), y)       # at w + e, whole batch
        keep = sam.select_samples(loss_before, loss_after)  # torch.bool mask over the batch
        sam.scale_loss(per_sample_loss(model(x[keep]), y[keep]).mean()).backward()
    sam.second_step()

`step(closure)` cannot pass the selection to a closure, so it refuses such a strategy.

Driving it explicitly (what a training loop or the benchmark worker does):

    sam = SAM(torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9), rho=0.5, interval=10,
              module=model, first_pass_context=ddp_model.no_sync)    # the last two are optional
    sam.zero_grad()
    with sam.first_pass():              # DDP: no_sync() on SAM steps, so g stays rank-local
        loss = loss_fn(model(x), y)
        sam.scale_loss(loss).backward()
    if sam.is_sam_step():
        if sam.first_step() is not None:        # perturb (None: float16 overflow, step skipped)
            with sam.second_pass():             # discards the BatchNorm updates of this pass
                sam.scale_loss(loss_fn(model(x), y)).backward()   # synced under DDP
            sam.second_step()                   # restore, then base.step()
    else:
        sam.base_step()
    sam.last_step                       # StepOutcome(step, kind, skipped, stats)

or, in one call, `loss = sam.step(closure)` where the closure zeroes the gradients, runs the
forward and backward passes (on `sam.scale_loss(loss)`) and returns the loss.

Data parallel: `first_pass_context` is a callable returning a context manager, such as a
`DistributedDataParallel` model's bound `no_sync`. `first_pass()` enters it on SAM steps only, so
the first gradient is not all-reduced there (Composer's per-device "m-sharpness"), while plain
steps and the second pass synchronise as usual. `first_step()` sets the gradients to None, so the
synced second backward all-reduces g' alone and not g + g'.

Float16: pass `scaler=DynamicLossScaler()` and run the forward passes under
`torch.autocast(device, dtype=torch.float16)`. SAM unscales each pass's gradients before using
them; a first pass that overflowed is never applied (no perturbation), a second one that
overflowed puts the weights back bit for bit and skips base.step(); either way the scaler backs
off and the step counts as skipped. SAM calls `scaler.update()` once per step; do not call it.
bfloat16 needs no scaler.

LR schedulers: attach them to `sam.base_optimizer` (the param groups are shared), whose step()
runs exactly once per applied update.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from contextlib import AbstractContextManager

import torch

from .ae_sam import AeSamScheduleOptions, AeSamState
from .ascent import Ascent
from .buffers import buffers_put_back
from .look_sam import LookSamOptions
from .norms import norm_of_norms, squared_global_norm
from .options import SamOptions, SecondPassState, resolve_sam_options
from .random_schedule import RandomScheduleOptions
from .scaler import DynamicLossScaler
from .step_outcome import SamStepStats, StepKind, StepOutcome
from .strategies import from_keywords
from .strategy import SamStrategy, check_strategy, first_pass_refusal, title_of


class SAM(torch.optim.Optimizer):
    """Sharpness-Aware Minimization wrapping any `torch.optim.Optimizer` (Composer style).

    Shares the base optimizer's param groups and state; `state_dict()` is the base optimizer's
    (the interval counter is not saved, as in Composer). See the module docstring for the loop.

    Arguments: rho, epsilon, interval, adaptive as in `harness/sam/options.ts` (ValueError when
    invalid). schedule: a RandomScheduleOptions for the random schedule (RST/G-RST, interval 1), an
    AeSamScheduleOptions for AE-SAM (interval 1, no first_pass_context); None: every interval-th
    step. look_sam: LookSamOptions for LookSAM (interval schedule only): the steps between SAM
    steps reuse the last SAM step's g_v. strategy: any SamStrategy (strategy.py) instead of schedule
    and look_sam, which are the built-in ones (strategies/). second_pass_state "discard" (default) restores `module`'s
    buffers (BatchNorm running stats) after the perturbed pass, as google-research/sam and the TF.js SAM do; "keep"
    lets both passes update them (Composer, davda54). Without `module` there is nothing to
    restore. scaler: a DynamicLossScaler for float16. first_pass_context: a callable returning
    the context manager for the first forward/backward of SAM steps (DDP's `model.no_sync`).
    """

    def __init__(
        self,
        base_optimizer: torch.optim.Optimizer,
        rho: float = 0.05,
        epsilon: float = 1e-12,
        interval: int = 1,
        adaptive: bool = False,
        *,
        second_pass_state: SecondPassState = "discard",
        module: torch.nn.Module | None = None,
        scaler: DynamicLossScaler | None = None,
        first_pass_context: Callable[[], AbstractContextManager[object]] | None = None,
        schedule: RandomScheduleOptions | AeSamScheduleOptions | None = None,
        look_sam: LookSamOptions | None = None,
        strategy: SamStrategy | None = None,
    ) -> None:
        if not isinstance(base_optimizer, torch.optim.Optimizer):
            raise TypeError(
                "SAM's base optimizer must be a torch.optim.Optimizer (e.g. torch.optim.SGD(params, lr=0.1)); "
                f"got {base_optimizer!r} ({type(base_optimizer).__name__})"
            )
        if isinstance(base_optimizer, SAM):
            raise TypeError("SAM cannot wrap another SAM optimizer")
        if scaler is not None and not isinstance(scaler, DynamicLossScaler):
            raise TypeError(f"SAM's scaler must be a DynamicLossScaler or None; got {type(scaler).__name__}")
        self.options: SamOptions = resolve_sam_options(rho, epsilon, interval, adaptive, second_pass_state)
        if strategy is not None:
            if schedule is not None or look_sam is not None:
                raise ValueError("SAM takes either strategy= or schedule=/look_sam= (the built-in strategies), not both")
            check_strategy(strategy)
        else:
            strategy = from_keywords(schedule, look_sam, interval, self.options)
        self.strategy: SamStrategy = strategy
        """What picks the SAM steps and shapes them (strategy.py)."""
        refusal = first_pass_refusal(strategy)
        if first_pass_context is not None and refusal is not None:
            raise ValueError(refusal)
        self._decides_first = bool(getattr(strategy, "decides_from_first_gradient", False))
        self._plain_gradient = getattr(strategy, "plain_gradient", None)
        self._perturbation = getattr(strategy, "perturbation", None)
        self._ascent_gradient = getattr(strategy, "ascent_gradient", None)
        self._select_samples = getattr(strategy, "select_samples", None)
        self._after_sam_step = getattr(strategy, "after_sam_step", None)
        # AE-SAM: ‖g‖² (of .grad as it was, loss-scaled with a scaler) that decided the pending step, for its ‖g‖.
        self._decided_squared_norm: torch.Tensor | None = None
        # g of the pending SAM step, kept for after_sam_step.
        self._kept_g: list[torch.Tensor] | None = None
        # Composer: register the base's groups, then share the very list, so that groups added to
        # the base later and every LR change are seen by both. No defaults: the base's groups stay as they are.
        super().__init__(base_optimizer.param_groups, defaults={})
        self.param_groups = base_optimizer.param_groups
        self.state = base_optimizer.state
        self.base_optimizer = base_optimizer
        self.module = module
        self.scaler = scaler
        self._first_pass_context = first_pass_context
        self.global_step = 0
        """Steps finished so far, SAM, plain and skipped alike (Composer's counter)."""
        self._last: StepOutcome | None = None
        # Between first_step and second_step: the ascent (exact with a scaler: an overflowed second
        # pass puts the weights back bit for bit) and the stats.
        self._ascent: Ascent | None = None
        self._stats: SamStepStats | None = None

    # --- schedule -------------------------------------------------------------------------

    def is_sam_step(self) -> bool:
        """Whether the next step (global_step + 1, 1-based) is a SAM step: (global_step + 1) % interval == 0,
        or with a random schedule that step's draw (one per step, however often it is asked), or with
        AE-SAM the decision from ‖g‖² of the `.grad` of the step's first backward (taken once, then kept):
        the strategy's answer."""
        step = self.global_step + 1
        return self.strategy.is_sam_step(step, (lambda: self._first_squared_norm(step)) if self._decides_first else None)

    def _first_squared_norm(self, step: int) -> float:
        # AE-SAM: ‖g‖² of `.grad`, read back to decide on the host; the tensor is kept for first_step's ‖g‖.
        params = self._params_with_grad()
        if not params:
            raise RuntimeError(
                f"SAM ({title_of(self.strategy)}): step {step} is decided from its first gradient; "
                "run the first backward before is_sam_step()"
            )
        grads: list[torch.Tensor] = [p.grad for p in params]  # type: ignore[misc]
        self._decided_squared_norm = squared_global_norm(grads)
        squared = float(self._decided_squared_norm.item())  # ‖g‖², read back: decided on the host
        if self.scaler is not None:
            squared /= self.scaler.loss_scale * self.scaler.loss_scale  # .grad holds s·g before first_step unscales it
        return squared

    @property
    def ae_sam_state(self) -> AeSamState | None:
        """AE-SAM's μ, σ², c and threshold after the latest decided step (None before one, and for other schedules)."""
        state = getattr(self.strategy, "state", None)
        return state if isinstance(state, AeSamState) else None

    @property
    def look_sam(self) -> LookSamOptions | None:
        """LookSAM's options when the strategy is LookSAM, else None."""
        options = getattr(self.strategy, "options", None)
        return options if isinstance(options, LookSamOptions) else None

    @property
    def last_step(self) -> StepOutcome | None:
        """What the most recent finished step did; None before the first."""
        return self._last

    @property
    def first_pass_context(self) -> Callable[[], AbstractContextManager[object]] | None:
        """The context of a SAM step's first pass (DDP's no_sync), or None; checked when set, as in the constructor."""
        return self._first_pass_context

    @first_pass_context.setter
    def first_pass_context(self, value: Callable[[], AbstractContextManager[object]] | None) -> None:
        refusal = first_pass_refusal(self.strategy)
        if value is not None and refusal is not None:
            raise ValueError(refusal)
        self._first_pass_context = value

    # --- the passes -----------------------------------------------------------------------

    def first_pass(self) -> AbstractContextManager[object]:
        """Context for the first forward/backward of every step: `first_pass_context()` on SAM
        steps (DDP's no_sync keeps g rank-local), a no-op on plain steps (they must sync)."""
        if self.first_pass_context is not None and self.is_sam_step():
            return self.first_pass_context()
        return contextlib.nullcontext()

    def second_pass(self) -> AbstractContextManager[object]:
        """Context for the perturbed forward/backward: with second_pass_state "discard" and a
        module, every buffer it writes (BatchNorm running mean/var, batch count) is put back."""
        if self.options.second_pass_state == "keep" or self.module is None:
            return contextlib.nullcontext()
        return buffers_put_back(self.module)

    def scale_loss(self, loss: torch.Tensor) -> torch.Tensor:
        """The loss to call backward() on: loss · loss_scale with a scaler, else the loss itself."""
        return self.scaler.scale(loss) if self.scaler is not None else loss

    # --- the steps ------------------------------------------------------------------------

    @torch.no_grad()
    def first_step(self, zero_grad: bool = True) -> SamStepStats | None:
        """Ascent from the current `.grad` (gradient at w): w ← w + e. On SAM steps only.

        Returns the step's norms, or None when the float16 gradient overflowed: then nothing is
        perturbed, the step is over (counted, skipped) and no second pass must follow.
        zero_grad sets the gradients to None for the second pass. With AE-SAM (not ASAM) ‖g‖ is the
        square root of the ‖g‖² that decided the step, not a second reduction: `.grad` must not
        change between is_sam_step() and first_step().
        """
        self._expect_schedule("first_step", sam_step=True)
        params = self._params_with_grad()
        if not params:
            raise RuntimeError("SAM.first_step() found no gradient: run the first forward/backward before it")
        if self.scaler is not None and not self.scaler.unscale_and_check(params):
            self.scaler.update(found_inf=True)
            if zero_grad:
                self.zero_grad(set_to_none=True)
            self._finish("sam", skipped=True, stats=None)
            return None
        rho, epsilon, adaptive = self.options.rho, self.options.epsilon, self.options.adaptive
        grads = [p.grad for p in params]
        kept = grads
        if self._ascent_gradient is not None:
            grads = list(self._ascent_gradient(grads, params))  # e.g. ESAM: zeros for tensors that sit out
        # SAM: ‖g‖; ASAM: ‖ |w| ⊙ g ‖.
        if self._decided_squared_norm is not None and not adaptive and self._ascent_gradient is None:
            norm = self._decided_norm(self._decided_squared_norm)
        else:
            norm = norm_of_norms([torch.abs(p) * g if adaptive else g for p, g in zip(params, grads, strict=True)])  # type: ignore[operator]
        scale = rho / (norm + epsilon)  # rho / (‖g‖ + eps)
        # SAM: e = g · scale; ASAM: e = w² ⊙ g · scale.
        ascent = [(torch.square(p) * g if adaptive else g) * scale.to(p) for p, g in zip(params, grads, strict=True)]  # type: ignore[operator]
        if self._perturbation is not None:
            ascent = list(self._perturbation(ascent, grads, params))
        if self._after_sam_step is not None:
            self._kept_g = [g.detach().clone() for g in kept]  # type: ignore[union-attr]
        self._ascent = Ascent(params, ascent, exact=self.scaler is not None)  # w ← w + e
        self._stats = SamStepStats(norm, scale, norm_of_norms(ascent))
        if zero_grad:
            self.zero_grad(set_to_none=True)
        return self._stats

    def _decided_norm(self, squared: torch.Tensor) -> torch.Tensor:
        # AE-SAM: ‖g‖ = √‖g‖² of the decision; with a scaler that was ‖s·g‖², and `.grad` now holds g.
        norm = torch.sqrt(squared)
        return norm / self.scaler.loss_scale if self.scaler is not None else norm

    @property
    def selects_samples(self) -> bool:
        """Whether the strategy picks the second pass's samples (`select_samples`; ESAM)."""
        return self._select_samples is not None

    @torch.no_grad()
    def select_samples(self, loss_before: torch.Tensor, loss_after: torch.Tensor) -> torch.Tensor:
        """The samples of this SAM step's second pass, a 1-D torch.bool mask over the batch, from the
        per-sample losses at w (first pass) and at w + e (forward without gradient). Between
        first_step() and the second pass; needs a strategy with `select_samples`."""
        if self._select_samples is None:
            raise RuntimeError(f"SAM.select_samples(): strategy {title_of(self.strategy)!r} does not select samples (no select_samples)")
        if self._ascent is None:
            raise RuntimeError("SAM.select_samples() without a pending first_step(): call it between first_step() and the second pass")
        if loss_before.dim() != 1 or loss_before.shape != loss_after.shape:
            raise ValueError(
                "SAM.select_samples() takes two 1-D per-sample losses of one batch (reduction 'none'); "
                f"got shapes {tuple(loss_before.shape)} and {tuple(loss_after.shape)}"
            )
        keep = self._select_samples(loss_before.detach(), loss_after.detach())
        if not isinstance(keep, torch.Tensor) or keep.dtype != torch.bool or keep.shape != loss_before.shape:
            raise TypeError(
                f"SAM ({title_of(self.strategy)}): select_samples must return a torch.bool mask "
                f"of shape {tuple(loss_before.shape)}; got {keep!r}"
            )
        if not bool(keep.any()):
            raise RuntimeError(f"SAM ({title_of(self.strategy)}): select_samples selected no sample of a batch of {keep.numel()}")
        return keep

    @torch.no_grad()
    def second_step(self) -> bool:
        """Restore w ← (w + e) − e, then base.step() with the gradient now in `.grad` (taken at w + e).

        Returns True when the update was applied, False when the float16 gradient overflowed
        (weights put back exactly as before first_step, no base step, step counted as skipped).
        """
        if self._ascent is None:
            raise RuntimeError("SAM.second_step() without a pending first_step(): the weights are not perturbed")
        found_inf = self.scaler is not None and not self.scaler.unscale_and_check(self._params_with_grad())
        params = self._ascent.params
        self._end_ascent(exactly=found_inf)
        kept, self._kept_g = self._kept_g, None
        if kept is not None and not found_inf:
            gs = [p.grad for p in params]
            if any(g is None for g in gs):
                raise RuntimeError(f"SAM ({title_of(self.strategy)}): a parameter of the first pass has no gradient after the second")
            self._after_sam_step(kept, gs, params)  # type: ignore[misc]
        stats, self._stats = self._stats, None
        return self._apply("sam", found_inf=found_inf, stats=stats)

    @torch.no_grad()
    def base_step(self) -> bool:
        """A plain step on a non-SAM step: base.step() with the current `.grad`, or with the strategy's
        plain gradient in its place (LookSAM after a SAM step: kind "reuse").

        Returns False (step counted, skipped, weights untouched) when the float16 gradient overflowed.
        """
        self._expect_schedule("base_step", sam_step=False)
        params = self._params_with_grad()
        found_inf = self.scaler is not None and not self.scaler.unscale_and_check(params)
        reused = self._plain_gradient([p.grad for p in params], params) if self._plain_gradient is not None else None
        if reused is not None and not found_inf:
            for p, g in zip(params, reused, strict=True):
                p.grad.copy_(g)  # type: ignore[union-attr]
        return self._apply("reuse" if reused is not None else "base", found_inf=found_inf, stats=None)

    def _apply(self, kind: StepKind, *, found_inf: bool, stats: SamStepStats | None) -> bool:
        """Ends a step: base.step() unless the float16 gradient overflowed; the scaler learns which."""
        if found_inf:
            self.scaler.update(found_inf=True)  # type: ignore[union-attr]
            self._finish(kind, skipped=True, stats=stats)
            return False
        self.base_optimizer.step()
        if self.scaler is not None:
            self.scaler.update(found_inf=False)
        self._finish(kind, skipped=False, stats=stats)
        return True

    def step(self, closure: Callable[[], torch.Tensor] | None = None) -> torch.Tensor:  # type: ignore[override]
        """One whole training step; returns the first pass's loss (the one at w, as Composer logs).

        The closure zeroes the gradients, runs forward and backward (on `sam.scale_loss(loss)`
        with a scaler) and returns the loss. It runs once on plain steps, twice on SAM steps:
        first inside `first_pass()`, then at w + e inside `second_pass()`. With AE-SAM it runs
        first on every step, and the gradient it leaves decides which step this is.
        """
        if closure is None:
            raise TypeError("SAM.step() needs a closure that zeroes the gradients, runs forward and backward and returns the loss")
        if self._select_samples is not None:
            raise TypeError(
                f"SAM.step(closure) cannot run strategy {title_of(self.strategy)!r}: it selects the second pass's samples "
                "(select_samples); drive SAM explicitly, as the module docstring shows"
            )
        closure = torch.enable_grad()(closure)
        if self._decides_first:
            loss = closure()  # AE-SAM decides from this first gradient
            if not self.is_sam_step():
                self.base_step()
                return loss
        elif not self.is_sam_step():
            loss = closure()
            self.base_step()
            return loss
        else:
            with self.first_pass():
                loss = closure()
        if self.first_step() is None:
            return loss
        try:
            with self.second_pass():
                closure()
        except BaseException:
            # Leave no perturbed weights behind; the step did not happen.
            with torch.no_grad():
                self._end_ascent(exactly=False)
            self._stats = None
            self._kept_g = None
            self._decided_squared_norm = None
            raise
        self.second_step()
        return loss

    # --- state ------------------------------------------------------------------------------

    def state_dict(self) -> dict[str, object]:  # type: ignore[override]
        """The base optimizer's state (as Composer, the interval counter is not part of it)."""
        return self.base_optimizer.state_dict()

    def load_state_dict(self, state_dict: dict[str, object]) -> None:  # type: ignore[override]
        """Loads the base optimizer's state."""
        self.base_optimizer.load_state_dict(state_dict)
        self.param_groups = self.base_optimizer.param_groups
        self.state = self.base_optimizer.state

    # --- helpers ----------------------------------------------------------------------------

    def _params_with_grad(self) -> list[torch.Tensor]:
        return [p for group in self.param_groups for p in group["params"] if p.grad is not None]

    def _expect_schedule(self, method: str, *, sam_step: bool) -> None:
        if self._ascent is not None:
            raise RuntimeError(f"SAM.{method}() while the weights are perturbed: call second_step() first")
        if self.is_sam_step() != sam_step:
            n, k = self.global_step + 1, self.options.interval
            right = "first_step() then second_step()" if not sam_step else "base_step()"
            kind = "a SAM step" if not sam_step else "not a SAM step"
            raise RuntimeError(f"SAM.{method}() on step {n}, which is {kind} (interval {k}): call {right}")

    def _end_ascent(self, *, exactly: bool) -> None:
        # w ← (w + e) − e, or exactly w as before the ascent (a skipped float16 step).
        if self._ascent is not None and exactly:
            self._ascent.put_back_exactly()
        elif self._ascent is not None:
            self._ascent.undo()
        self._ascent = None

    def _finish(self, kind: StepKind, *, skipped: bool, stats: SamStepStats | None) -> None:
        self.global_step += 1
        self._decided_squared_norm = None
        self._last = StepOutcome(self.global_step, kind, skipped, stats)
