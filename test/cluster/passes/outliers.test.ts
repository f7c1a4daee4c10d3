import { describe, expect, it } from 'vitest';
import { dropFarMembers } from '../../../src/cluster/outliers.js';
import { atAngles, labelsOf } from './planted-space.js';

// Cluster 0: eleven tickets 0°–10° apart by 1°; cluster 1: eleven tickets 90°–100°.
const tight = Array.from({ length: 11 }, (_, i) => i);
const other = tight.map((d) => d + 90);

describe('dropFarMembers', () => {
  it("puts a member far outside its cluster's own spread back in noise, keeping the rest", () => {
    // Ticket 22 was drawn into cluster 0 by the layout but points at 40°.
    const vectors = atAngles([...tight, ...other, 40, 60]);
    const labels = labelsOf([...tight.map(() => 0), ...other.map(() => 1), 0, -1]);
    const out = dropFarMembers(vectors, labels, 2);
    expect(Array.from(out)).toEqual([...tight.map(() => 0), ...other.map(() => 1), -1, -1]);
    // The labels given are left as they were.
    expect(labels[22]).toBe(0);
  });

  it("keeps a member at its cluster's edge, within its usual spread", () => {
    const vectors = atAngles([...tight, 12]);
    const out = dropFarMembers(vectors, labelsOf([...tight.map(() => 0), 0]), 1);
    expect(out[11]).toBe(0);
  });

  it("judges each member by its own cluster's spread: a loose cluster keeps what a tight one drops", () => {
    // Cluster 1 spreads over 60° (centre 130°), so a member 35° from its centre is usual there; in cluster 0
    // (10° wide, centre 5°) one 25° away is not.
    const loose = Array.from({ length: 11 }, (_, i) => 100 + 6 * i);
    const vectors = atAngles([...tight, ...loose, 30, 165]);
    const labels = labelsOf([...tight.map(() => 0), ...loose.map(() => 1), 0, 1]);
    const out = dropFarMembers(vectors, labels, 2);
    expect(out[22]).toBe(-1);
    expect(out[23]).toBe(1);
  });

  it('keeps every member of a cluster of identical tickets (the same text sent many times)', () => {
    const vectors = atAngles([30, 30, 30, 30, 30, 120]);
    const out = dropFarMembers(vectors, labelsOf([0, 0, 0, 0, 0, -1]), 1);
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, -1]);
  });

  it('leaves a run without clusters as it was', () => {
    expect(Array.from(dropFarMembers(atAngles([0, 90]), labelsOf([-1, -1]), 0))).toEqual([-1, -1]);
  });
});
