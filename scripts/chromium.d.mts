/** Debian's chromium package (scripts/install-chromium.sh installs it). */
export const CHROMIUM: string;
/** Flags for a headless, offline, sandbox-less start (the tests run as root). */
export const CHROMIUM_FLAGS: readonly string[];
