/** An environment the set-up cannot work in (exit 2); the message names the path and the fix. */
export class SetupEnvironmentError extends Error {}
/** The cache folder: $SAMBENCH_CACHE, else $XDG_CACHE_HOME/sambench, else ~/.cache/sambench. */
export function nativeCacheRoot(env?: Record<string, string | undefined>, home?: () => string): string;
/** Creates `dir` (with its parents) unless it exists, and checks that it can be written. */
export function ensureWritableCache(dir: string): string;
