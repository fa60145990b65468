#!/usr/bin/env node
// Renders a results folder's report.html in headless Chromium (Debian's package) and saves a
// full-page PNG: `node scripts/screenshot-report.mjs <results-folder> [out.png]`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [folder, out = path.join(folder ?? '.', 'report.png')] = process.argv.slice(2);
const report = path.resolve(folder ?? '', 'report.html');
if (!folder || !fs.existsSync(report)) {
  console.error(`usage: node scripts/screenshot-report.mjs <results-folder> [out.png]  (no ${report})`);
  process.exit(2);
}
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(pathToFileURL(report).href);
  await page.waitForTimeout(1500); // charts animate in
  await page.screenshot({ path: out, fullPage: true });
  console.log(`${out}${problems.length ? `\nconsole errors:\n${problems.join('\n')}` : ''}`);
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
