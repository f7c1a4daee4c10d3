import { describe, expect, it } from 'vitest';
import { principalPlane } from '../../../src/report/html/map-projection.js';

/** Points spread 5, 2 and 0.1 along three rotated orthogonal axes of a 4-D space. */
function stretchedCloud(n: number): { data: Float32Array; axes: number[][] } {
  const s = Math.SQRT1_2;
  const axes = [
    [s, s, 0, 0],
    [0, 0, s, -s],
    [s, -s, 0, 0],
  ];
  const spread = [5, 2, 0.1];
  const data = new Float32Array(n * 4);
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < 3; a++) {
      const t = random() * spread[a];
      for (let d = 0; d < 4; d++) data[i * 4 + d] += t * axes[a][d] + (a === 0 ? 10 : 0) * (d === 3 ? 1 : 0);
    }
  }
  return { data, axes };
}

const variance = (v: Float32Array) => {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length;
};

describe('principalPlane', () => {
  it('projects onto the two directions of largest spread, centred', () => {
    const { data } = stretchedCloud(5000);
    const { x, y } = principalPlane(data, 5000, 4);
    // Uniform on [-a, a] has variance a²/3.
    expect(variance(x)).toBeCloseTo(25 / 3, 0);
    expect(variance(y)).toBeCloseTo(4 / 3, 1);
    expect(Math.abs(x.reduce((a, b) => a + b, 0) / 5000)).toBeLessThan(1e-3);
  });

  it('is deterministic and handles tiny inputs', () => {
    const { data } = stretchedCloud(300);
    expect(principalPlane(data, 300, 4)).toEqual(principalPlane(data, 300, 4));
    expect(principalPlane(new Float32Array(0), 0, 4).x).toHaveLength(0);
    const one = principalPlane(Float32Array.of(1, 2, 3), 1, 3);
    expect([one.x[0], one.y[0]]).toEqual([0, 0]);
    const line = principalPlane(Float32Array.of(0, 1, 2, 3), 4, 1);
    expect(Array.from(line.x)).toEqual([-1.5, -0.5, 0.5, 1.5]);
    expect(Array.from(line.y)).toEqual([0, 0, 0, 0]);
  });
});
