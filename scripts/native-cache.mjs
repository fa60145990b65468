// Where scripts/setup-native.mjs keeps the tensorflow-cpu wheel's libtensorflow and the built
// bindings, and the check that it can write there, with the fix when it cannot.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** An environment the set-up cannot work in (exit 2); the message names the path and the fix. */
export class SetupEnvironmentError extends Error {
  name = 'SetupEnvironmentError';
}

/** The cache folder: $SAMBENCH_CACHE, else $XDG_CACHE_HOME/sambench, else ~/.cache/sambench. */
export function nativeCacheRoot(env = process.env, home = () => os.homedir()) {
  if (env.SAMBENCH_CACHE) return path.resolve(env.SAMBENCH_CACHE);
  return path.join(env.XDG_CACHE_HOME || path.join(home(), '.cache'), 'sambench');
}

/** Creates `dir` (with its parents) unless it exists, and checks that it can be written. */
export function ensureWritableCache(dir) {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    const code = error?.code ?? String(error);
    throw new SetupEnvironmentError(
      `cannot write the cache folder ${dir} (${code}); set SAMBENCH_CACHE to a writable folder ` +
        '(or HOME / XDG_CACHE_HOME, from which the default ~/.cache/sambench comes), then run `npm run setup`',
      { cause: error },
    );
  }
  return dir;
}
