// The claims list against the suites it names: each suite loads, decides its claim with an
// expectation of the deciding kind, and says in its description what it checks.
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../paths.js';
import { loadSuite } from '../../suite/index.js';
import { METHOD_CARD_CLAIMS } from './method-card-claims.js';

describe.each(METHOD_CARD_CLAIMS.map((c) => [c.id, c] as const))('claim %s', (_id, claim) => {
  const suites = claim.suites.map((file) => loadSuite(path.join(PROJECT_ROOT, file)).suite);

  test('its suites load and each deciding kind is expected by one of them', () => {
    const kinds = new Set(suites.flatMap((s) => (s.expect ?? []).map((e) => e.kind)));
    for (const kind of claim.decidingKinds) expect(kinds).toContain(kind);
    expect(claim.decidingKinds.length + (claim.comparison ? 1 : 0)).toBeGreaterThan(0);
  });

  test('a comparison compares two of its own suites, which train the same seeds', () => {
    if (!claim.comparison) return;
    const { subject, reference } = claim.comparison;
    expect(claim.suites).toEqual(expect.arrayContaining([subject, reference]));
    const seeds = (file: string) => loadSuite(path.join(PROJECT_ROOT, file)).suite.seeds;
    expect(seeds(subject)).toEqual(seeds(reference));
  });

  test('each suite names, in its description, the claim it checks and why its settings', () => {
    for (const suite of suites) expect(suite.description).toMatch(/method card|claim/i);
  });
});

test('claim ids are unique and file-safe, and no suite serves two claims', () => {
  const ids = METHOD_CARD_CLAIMS.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
  const files = METHOD_CARD_CLAIMS.flatMap((c) => c.suites);
  expect(new Set(files).size).toBe(files.length);
});
