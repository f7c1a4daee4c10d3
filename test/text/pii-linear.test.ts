// PII masking stays linear on pathological input: a megabyte of "a.a.a." before an "@", of "1 1 1", of "x-x-x".
// Apart from the other PII tests because it guards the patterns (module-level, so mutation testing ignores
// them) and takes seconds: scripts/mutation-folders.mjs leaves it out of the per-mutant runs.
import { expect, it } from 'vitest';
import { maskPii } from '../../src/text/pii.js';

it('stays linear on pathological input', () => {
  // Each of these took seconds to minutes at 64 KB with unbounded patterns.
  for (const text of ['a.'.repeat(500_000) + '@', '1 '.repeat(500_000), 'x-'.repeat(500_000), '@'.repeat(500_000)]) {
    expect(maskPii(text).length).toBeGreaterThan(0);
  }
}, 20_000);
