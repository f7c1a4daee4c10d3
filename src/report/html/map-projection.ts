// The 2-D ticket map: the first two principal axes of the space the clusters were found in, so
// tickets of one cluster land together on the page as they did for HDBSCAN.

/** Rows used to estimate the axes: the covariance of a 20,000-ticket stride sample is as good as all. */
const AXIS_SAMPLE = 20_000;
const POWER_STEPS = 300;

export interface MapPoints {
  x: Float32Array;
  y: Float32Array;
}

/**
 * Projects `rows` × `dims` row-major points onto their first two principal axes. Deterministic: a
 * fixed start vector and a sign convention (each axis points towards its largest coordinate's side).
 */
export function principalPlane(data: Float32Array, rows: number, dims: number): MapPoints {
  const x = new Float32Array(rows);
  const y = new Float32Array(rows);
  if (rows === 0 || dims === 0) return { x, y };
  const mean = new Float64Array(dims);
  for (let i = 0; i < rows; i++) for (let d = 0; d < dims; d++) mean[d] += data[i * dims + d];
  for (let d = 0; d < dims; d++) mean[d] /= rows;

  const stride = Math.max(1, Math.floor(rows / AXIS_SAMPLE));
  const covariance = new Float64Array(dims * dims);
  const centred = new Float64Array(dims);
  for (let i = 0; i < rows; i += stride) {
    for (let d = 0; d < dims; d++) centred[d] = data[i * dims + d] - mean[d];
    for (let a = 0; a < dims; a++) {
      const va = centred[a];
      if (va === 0) continue;
      for (let b = a; b < dims; b++) covariance[a * dims + b] += va * centred[b];
    }
  }
  for (let a = 0; a < dims; a++) for (let b = 0; b < a; b++) covariance[a * dims + b] = covariance[b * dims + a];

  const first = leadingAxis(covariance, dims, null);
  const second = dims > 1 ? leadingAxis(covariance, dims, first) : new Float64Array(dims);
  for (let i = 0; i < rows; i++) {
    let px = 0;
    let py = 0;
    for (let d = 0; d < dims; d++) {
      const v = data[i * dims + d] - mean[d];
      px += v * first[d];
      py += v * second[d];
    }
    x[i] = px;
    y[i] = py;
  }
  return { x, y };
}

/** Power iteration on a small symmetric matrix, orthogonal to `previous` when given. */
function leadingAxis(matrix: Float64Array, dims: number, previous: Float64Array | null): Float64Array {
  let v = new Float64Array(dims);
  // A fixed, uneven start: not orthogonal to any axis by accident of symmetry.
  for (let d = 0; d < dims; d++) v[d] = 1 + d / dims;
  let next = new Float64Array(dims);
  for (let step = 0; step < POWER_STEPS; step++) {
    if (previous) removeComponent(v, previous);
    normalise(v);
    next.fill(0);
    for (let a = 0; a < dims; a++) {
      let sum = 0;
      for (let b = 0; b < dims; b++) sum += matrix[a * dims + b] * v[b];
      next[a] = sum;
    }
    [v, next] = [next, v];
  }
  if (previous) removeComponent(v, previous);
  normalise(v);
  let largest = 0;
  for (let d = 1; d < dims; d++) if (Math.abs(v[d]) > Math.abs(v[largest])) largest = d;
  if (v[largest] < 0) for (let d = 0; d < dims; d++) v[d] = -v[d];
  return v;
}

function removeComponent(v: Float64Array, axis: Float64Array): void {
  let dot = 0;
  for (let d = 0; d < v.length; d++) dot += v[d] * axis[d];
  for (let d = 0; d < v.length; d++) v[d] -= dot * axis[d];
}

function normalise(v: Float64Array): void {
  let norm = 0;
  for (let d = 0; d < v.length; d++) norm += v[d] * v[d];
  norm = Math.sqrt(norm);
  if (norm === 0) return;
  for (let d = 0; d < v.length; d++) v[d] /= norm;
}
