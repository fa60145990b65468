/** The stamp a build leaves in `root`/dist: its mtime is when that build started. */
export function stampFile(root?: string): string;
/** Why `root` needs a build, or null when dist/ is current. */
export function staleReason(root?: string): string | null;
/** Runs `npm run build` when stale, then stamps dist/; returns the exit code. */
export function buildIfStale(root?: string): number;
