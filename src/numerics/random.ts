// Seeded randomness: the same seed gives the same numbers on every machine, so the same input and
// seed give the same clusters and the same lexical vectors. Two generators live here because each
// one's exact sequence is part of an output: mulberry32 drives the cluster stage (projection trees,
// neighbour sampling, layout SGD) and the fixture scripts; sfc32 drives the lexical embedder's random
// SVD test matrix. Replacing either changes every result that depends on it (see docs/decisions.md).

/** A uniform [0,1) generator. */
export type Random = () => number;

/** mulberry32 from its raw 32-bit state: small, fast, and good enough for sampling. */
export function mulberry32(state: number): Random {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generator the cluster stage draws from: mulberry32 with the seed mixed by the golden ratio. */
export function seededRandom(seed: number): Random {
  return mulberry32(Math.floor(seed) ^ 0x9e3779b9);
}

/** Integer in [0, n). */
export function randomIndex(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/** sfc32: small, fast, good-quality 32-bit generator, floats in [0, 1); the lexical embedder's. */
export function seededUniform(seed: number): Random {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ Math.imul(seed, 0x85ebca6b);
  let c = 0xb7e15162;
  let d = 1;
  const next = (): number => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next(); // mix the seed in
  return next;
}

/** Fills `out` with standard normal numbers (Box–Muller) from seededUniform(seed). */
export function fillGaussian(out: Float32Array | Float64Array, seed: number): void {
  const uniform = seededUniform(seed);
  for (let i = 0; i < out.length; i += 2) {
    const u1 = 1 - uniform(); // (0, 1]: log is finite
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
}
