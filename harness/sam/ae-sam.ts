// AE-SAM (Jiang et al., ICLR 2023, "An Adaptive Policy to Employ Sharpness-Aware Minimization",
// arXiv 2304.14647): SAM only where the loss is sharp, judged by the squared norm of the plain
// stochastic gradient against its running mean and variance. Every step takes g_t = ∇L(w_t) first:
//   μ_t  = δ·μ_{t−1} + (1 − δ)·‖g_t‖²
//   σ²_t = δ·σ²_{t−1} + (1 − δ)·(‖g_t‖² − μ_t)²
//   SAM step when ‖g_t‖² ≥ μ_t + c_t·σ_t, else the base step with g_t,
// c_t = (t/T)·λ1 + (1 − t/T)·λ2: λ2 at the start, λ1 at the end (λ1 ≤ λ2: SAM grows more frequent).
// Ours, where the paper's text was not at hand: μ_0 = σ²_0 = 0 before step 1; c runs from exactly
// λ2 at step 1 to exactly λ1 at step T (the G-RST convention, linearOverRun); a non-finite ‖g_t‖²
// is a base step that leaves μ and σ² alone.
import { linearOverRun } from './random-schedule.js';

/** AE-SAM as a caller gives it to `SAM` (`schedule` option); every field is required. */
export interface AeSamScheduleOptions {
  kind: 'aesam';
  /** δ, the forgetting rate of the moving mean and variance of ‖g_t‖², in (0, 1) (the paper: 0.9). */
  delta: number;
  /** λ1, the threshold's c at the last step (the paper: −1). */
  lambda1: number;
  /** λ2, the threshold's c at the first step (the paper: 1). */
  lambda2: number;
  /** Steps of the whole run (T); c stays at λ1 after it. */
  totalSteps: number;
}

/** The schedule's state after a step: μ_t, σ²_t, c_t and the threshold μ_t + c_t·σ_t. */
export interface AeSamState {
  mean: number;
  variance: number;
  c: number;
  threshold: number;
}

/** Decides, step after step, which steps are SAM steps from each step's ‖g_t‖² (float64 arithmetic). */
export class AeSamSchedule {
  private mean = 0;
  private variance = 0;
  private decided = 0;
  private lastDecision = false;
  private lastState: AeSamState | null = null;

  constructor(private readonly options: AeSamScheduleOptions) {}

  /** Whether 1-based `step` is a SAM step given its first gradient's ‖g_t‖²; steps in order (the same step again returns its decision). */
  decide(step: number, squaredGradNorm: number): boolean {
    if (step === this.decided) return this.lastDecision;
    if (step !== this.decided + 1)
      throw new RangeError(`AeSamSchedule: asked for step ${step} after step ${this.decided}; ask steps in order`);
    this.decided = step;
    this.lastDecision = Number.isFinite(squaredGradNorm) && this.update(step, squaredGradNorm);
    return this.lastDecision;
  }

  /** The decision already taken for `step`, or null when that step has not been decided. */
  decisionFor(step: number): boolean | null {
    return step === this.decided ? this.lastDecision : null;
  }

  /** μ, σ², c and the threshold of the last step with a finite ‖g‖²; null before one. */
  get state(): AeSamState | null {
    return this.lastState;
  }

  // The same float64 operations in the same order as harness/sam/pytorch/ae_sam.py: bit for bit.
  private update(step: number, squared: number): boolean {
    const { delta, lambda1, lambda2, totalSteps } = this.options;
    this.mean = delta * this.mean + (1 - delta) * squared; // μ_t
    const deviation = squared - this.mean;
    this.variance = delta * this.variance + (1 - delta) * (deviation * deviation); // σ²_t
    const c = linearOverRun(lambda2, lambda1, totalSteps, step); // c_t: λ2 at step 1, λ1 at step T
    const threshold = this.mean + c * Math.sqrt(this.variance);
    this.lastState = { mean: this.mean, variance: this.variance, c, threshold };
    return squared >= threshold;
  }
}
