import { describe, expect, it } from 'vitest';
import { DisjointSets } from '../../src/numerics/disjoint-sets.js';

describe('DisjointSets', () => {
  it('joins sets transitively and reports repeated unions', () => {
    const sets = new DisjointSets(6);
    expect(sets.union(0, 1)).toBe(true);
    expect(sets.union(2, 3)).toBe(true);
    expect(sets.union(1, 3)).toBe(true);
    expect(sets.union(0, 2)).toBe(false);
    expect(sets.find(3)).toBe(sets.find(0));
    expect(sets.find(4)).not.toBe(sets.find(0));
    expect(sets.size[sets.find(0)]).toBe(4);
    expect(sets.size[sets.find(5)]).toBe(1);
  });

  it('keeps the larger set as the root (union by size)', () => {
    const sets = new DisjointSets(4);
    sets.union(1, 2);
    sets.union(1, 3);
    const root = sets.find(1);
    sets.union(0, 1);
    expect(sets.find(0)).toBe(root);
  });
});
