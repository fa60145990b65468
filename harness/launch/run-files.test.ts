// withAddedKeys: a run spec written before a key existed reads back as its absence meant.
import { describe, expect, test } from 'vitest';
import { withAddedKeys } from './run-files.js';

describe('withAddedKeys', () => {
  test('a LookSAM variant written before `granularity` projected globally; other variants gain nothing', () => {
    const spec = (variant: object) => ({ sam: { interval: 5, rhoPerInterval: null, variant } });
    expect(withAddedKeys(spec({ kind: 'looksam', alpha: 0.7 }))).toMatchObject(
      spec({ kind: 'looksam', alpha: 0.7, granularity: 'global' }),
    );
    expect(withAddedKeys(spec({ kind: 'looksam', alpha: 0.7, granularity: 'tensor' }))).toEqual(
      spec({ kind: 'looksam', alpha: 0.7, granularity: 'tensor' }),
    );
    expect(withAddedKeys(spec({ kind: 'interval' }))).toEqual(spec({ kind: 'interval' }));
    expect(withAddedKeys({ sam: null })).toEqual({ sam: null });
  });
});
