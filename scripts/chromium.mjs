// Debian's headless Chromium as sambench runs it: the browser test of report.html and
// scripts/screenshot-report.mjs start it with the same flags (no sandbox as root, no network).

/** Debian's chromium package (scripts/install-chromium.sh installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags for a headless, offline, sandbox-less start (the tests run as root). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
