#!/usr/bin/env node
// Renders a results folder's report.html in headless Chromium (Debian's package) and saves a
// full-page PNG, or only the section under a heading (how docs/*.png are made):
// `node scripts/screenshot-report.mjs <results-folder> [out.png] ["<section heading>"]`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium.mjs';

const [folder, out = path.join(folder ?? '.', 'report.png'), heading] = process.argv.slice(2);
const report = path.resolve(folder ?? '', 'report.html');
if (!folder || !fs.existsSync(report)) {
  console.error(`usage: node scripts/screenshot-report.mjs <results-folder> [out.png] ["<section heading>"]  (no ${report})`);
  process.exit(2);
}
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: [...CHROMIUM_FLAGS],
});
try {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(pathToFileURL(report).href);
  await page.waitForTimeout(1500); // charts animate in
  if (heading === undefined) await page.screenshot({ path: out, fullPage: true });
  else
    await page
      .locator('section', { has: page.locator('h2', { hasText: heading }) })
      .first()
      .screenshot({ path: out });
  console.log(`${out}${problems.length ? `\nconsole errors:\n${problems.join('\n')}` : ''}`);
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
