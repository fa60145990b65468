// The Pareto front of points that cost something and buy something: lower cost and higher gain
// are both better. Pure and exact, so the front is computed once (measure/configurations.ts).

/** A point of the cost × gain plane (e.g. slowdown × accuracy gain). */
export interface CostGain {
  cost: number;
  gain: number;
}

// A point is on the front when no other one is at least as cheap and at least as good, and
// strictly better in one of the two: equal points (ties) are all on it, none dominating another.
/** Indices of the points on the Pareto front, by increasing cost (higher gain first on a tie). */
export function paretoFront(points: readonly CostGain[]): number[] {
  const dominated = (p: CostGain) => points.some((q) => q.cost <= p.cost && q.gain >= p.gain && (q.cost < p.cost || q.gain > p.gain));
  return points
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => !dominated(p))
    .sort((a, b) => a.p.cost - b.p.cost || b.p.gain - a.p.gain || a.i - b.i)
    .map(({ i }) => i);
}
