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

  // The map must not come out mirrored from one run to the next: each axis points towards the side of its
  // largest coordinate, so a ticket's place follows from the data alone.
  it('orients each axis towards the side of its largest coordinate', () => {
    // 2-D: spread 5 along (-0.6, 0.8), 1 along (0.8, 0.6); the largest coordinates are 0.8 and 0.8.
    expectPlane([
      { axis: [-0.6, 0.8], spread: 5 },
      { axis: [0.8, 0.6], spread: 1 },
    ]);
    // 3-D: the first axis's largest coordinate is negative (-0.8), so it is drawn as (0.8, -0.48, -0.36);
    // the second's is -0.8 too, so it is drawn as (0, -0.6, 0.8).
    expectPlane(
      [
        { axis: [-0.8, 0.48, 0.36], spread: 5 },
        { axis: [0, 0.6, -0.8], spread: 2 },
        { axis: [-0.6, -0.64, -0.48], spread: 0.1 },
      ],
      [
        [0.8, -0.48, -0.36],
        [0, -0.6, 0.8],
      ],
    );
  });
});

/**
 * Points on a symmetric grid along orthogonal unit `axes` (each with its spread) around a centre off the
 * origin; x and y must be each point's offset from the centre along `drawn` (the axes as the map orients
 * them; by default the first two as given).
 */
function expectPlane(axes: Array<{ axis: number[]; spread: number }>, drawn?: number[][]): void {
  const dims = axes[0].axis.length;
  const centre = [3, -2, 7].slice(0, dims);
  const steps = [-1, -0.5, 0, 0.5, 1];
  const offsets: number[][] = [[]];
  for (const { spread } of axes) {
    const next: number[][] = [];
    for (const o of offsets) for (const s of steps) next.push([...o, s * spread]);
    offsets.splice(0, offsets.length, ...next);
  }
  const data = new Float32Array(offsets.length * dims);
  offsets.forEach((o, i) => {
    for (let d = 0; d < dims; d++)
      data[i * dims + d] = centre[d] + o.reduce((sum, t, a) => sum + t * axes[a].axis[d], 0);
  });
  const [first, second] = drawn ?? [axes[0].axis, axes[1].axis];
  const along = (axis: number[], i: number) =>
    axis.reduce((sum, w, d) => sum + w * (data[i * dims + d] - centre[d]), 0);
  const { x, y } = principalPlane(data, offsets.length, dims);
  offsets.forEach((_, i) => {
    expect(x[i]).toBeCloseTo(along(first, i), 3);
    expect(y[i]).toBeCloseTo(along(second, i), 3);
  });
}
