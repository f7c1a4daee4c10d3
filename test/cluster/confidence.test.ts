import { describe, expect, it } from 'vitest';
import { membershipConfidence } from '../../src/cluster/confidence.js';

const unit = (x: number, y: number) => {
  const r = Math.hypot(x, y);
  return [x / r, y / r];
};

describe('membershipConfidence', () => {
  it("is the cosine between a ticket and its cluster's centre, 0 for noise", () => {
    // Cluster 0: two tickets at ±30° from the x axis (centre: the x axis); cluster 1: one ticket; one noise ticket.
    const data = Float32Array.from([...unit(Math.sqrt(3), 1), ...unit(Math.sqrt(3), -1), 0, 1, 1, 0]);
    const confidence = membershipConfidence({ rows: 4, dims: 2, data }, Int32Array.from([0, 0, 1, -1]), 2);
    expect(confidence[0]).toBeCloseTo(Math.sqrt(3) / 2, 6);
    expect(confidence[1]).toBeCloseTo(Math.sqrt(3) / 2, 6);
    expect(confidence[2]).toBeCloseTo(1, 6);
    expect(confidence[3]).toBe(0);
  });

  it('never leaves [0, 1]: a member pointing away from its centre gets 0', () => {
    // Three members along +x, one along −x: the centre is +x, the odd one out has cosine −1.
    const data = Float32Array.from([1, 0, 1, 0, 1, 0, -1, 0]);
    const confidence = membershipConfidence({ rows: 4, dims: 2, data }, Int32Array.from([0, 0, 0, 0]), 1);
    expect(Array.from(confidence)).toEqual([1, 1, 1, 0]);
  });
});
