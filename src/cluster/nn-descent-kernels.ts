// NN-descent's steps as plain functions over typed arrays, so both threads run the very same code: each
// step works on a range of tickets and writes only the neighbour heaps or candidate lists of the tickets it
// owns. No imports and no calls outside this file (the helper thread of knn-join.ts runs their source).
//
// Why the graph does not depend on how the work is split: a heap's state depends only on the sequence of
// offers it receives. Pairs are generated per ticket in ticket order and applied per target ticket in
// that same order, whichever thread generated or applies them; the pairs a generator drops (no closer
// than both ends' worst neighbour when the block began) are ones the heaps would refuse anyway, since a
// heap's worst neighbour only gets closer. Candidate priorities are a hash of (seed, round, slot), not a
// draw from a shared stream.

/** The per-ticket neighbour heaps (max-heaps on the key, k slots each), possibly in shared memory. */
export interface HeapArrays {
  ids: Int32Array;
  dist: Float32Array;
  /** 1: not yet used in a local join. */
  fresh: Uint8Array;
  k: number;
}

/** Bounded candidate lists of one round: the `max` offers of smallest priority per ticket. */
export interface ListArrays {
  ids: Int32Array;
  priority: Uint32Array;
  count: Int32Array;
  /** Slot of the largest priority of each full list. */
  worst: Int32Array;
  max: number;
}

/**
 * Offers j as a neighbour of i with key `key`; returns 1 when the heap changed. The key is compared as
 * stored (float32): a double just below its own rounding would otherwise pass the root test and swap one of
 * many equally distant duplicates for another, round after round (NN-descent never settled on exports with
 * many duplicate tickets). O(k).
 */
export function heapPush(heaps: HeapArrays, i: number, j: number, key: number): number {
  const { ids, dist, fresh, k } = heaps;
  const base = i * k;
  const d = Math.fround(key);
  if (d >= dist[base]) return 0;
  for (let s = 0; s < k; s++) if (ids[base + s] === j) return 0;
  let pos = 0;
  for (;;) {
    const l = 2 * pos + 1;
    if (l >= k) break;
    const r = l + 1;
    const c = r < k && dist[base + r] > dist[base + l] ? r : l;
    if (dist[base + c] <= d) break;
    dist[base + pos] = dist[base + c];
    ids[base + pos] = ids[base + c];
    fresh[base + pos] = fresh[base + c];
    pos = c;
  }
  dist[base + pos] = d;
  ids[base + pos] = j;
  fresh[base + pos] = 1;
  return 1;
}

/** Adds j to ticket i's list with priority p unless present or no better than a full list's worst. O(max). */
export function listAdd(lists: ListArrays, i: number, j: number, p: number): void {
  const { ids, priority, count, worst, max } = lists;
  const base = i * max;
  const c = count[i];
  if (c === max && p >= priority[base + worst[i]]) return;
  for (let s = 0; s < c; s++) if (ids[base + s] === j) return;
  let slot = c;
  if (c < max) count[i] = c + 1;
  else slot = worst[i];
  ids[base + slot] = j;
  priority[base + slot] = p;
  if (c + 1 >= max) {
    let w = 0;
    for (let s = 1; s < max; s++) if (priority[base + s] > priority[base + w]) w = s;
    worst[i] = w;
  }
}

/** A well-mixed 32-bit hash of x (murmur3's finaliser): candidate priorities without a shared stream. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * One round's candidates for tickets v0..v1−1: every heap entry i→j offers j to i's list and i to j's
 * (fresh entries to the fresh lists, used ones to the old lists), with one priority per entry. Reads all
 * heaps (O(n·k)), writes only the owned lists (O(k·max) per owned ticket).
 */
export function sampleCandidates(
  heaps: HeapArrays,
  fresh: ListArrays,
  old: ListArrays,
  n: number,
  salt: number,
  v0: number,
  v1: number,
): void {
  const { ids, fresh: isFresh, k } = heaps;
  fresh.count.fill(0, v0, v1);
  old.count.fill(0, v0, v1);
  for (let i = 0; i < n; i++) {
    const mine = i >= v0 && i < v1;
    const base = i * k;
    for (let s = 0; s < k; s++) {
      const j = ids[base + s];
      if (j < 0 || (!mine && (j < v0 || j >= v1))) continue;
      const p = mix32((base + s) ^ salt);
      const target = isFresh[base + s] ? fresh : old;
      if (mine) listAdd(target, i, j, p);
      if (j >= v0 && j < v1) listAdd(target, j, i, p);
    }
  }
}

/** Fresh neighbours of tickets v0..v1−1 that were sampled become used: they are joined this round. */
export function markSampled(heaps: HeapArrays, fresh: ListArrays, v0: number, v1: number): void {
  const { ids, fresh: isFresh, k } = heaps;
  for (let i = v0; i < v1; i++) {
    const base = i * k;
    const cBase = i * fresh.max;
    const count = fresh.count[i];
    for (let s = 0; s < k; s++) {
      if (!isFresh[base + s]) continue;
      const j = ids[base + s];
      for (let c = 0; c < count; c++) {
        if (fresh.ids[cBase + c] === j) {
          isFresh[base + s] = 0;
          break;
        }
      }
    }
  }
}

/** Pairs (p, q) with key d found by a local join, in the order met; `count` used of the arrays' length. */
export interface PairBuffer {
  p: Int32Array;
  q: Int32Array;
  d: Float32Array;
}

/** Largest number of pairs the local join of one ticket can give (fresh×fresh and fresh×old). */
export function pairsPerTicket(max: number): number {
  return (max * (max - 1)) / 2 + max * max;
}

/**
 * The local join of tickets i0..i1−1: every fresh×fresh and fresh×old pair among each ticket's candidates
 * whose key beats the worst neighbour of either end, into `out` from slot 0. Returns the pair count
 * (the caller sizes `out` for pairsPerTicket(max) per ticket). O(max²) keys per ticket.
 */
export function generatePairs(
  heaps: HeapArrays,
  fresh: ListArrays,
  old: ListArrays,
  i0: number,
  i1: number,
  key: (x: number, y: number) => number,
  out: PairBuffer,
): number {
  const { dist, k } = heaps;
  const max = fresh.max;
  let count = 0;
  for (let i = i0; i < i1; i++) {
    const nf = fresh.count[i];
    const no = old.count[i];
    const base = i * max;
    for (let a = 0; a < nf; a++) {
      const x = fresh.ids[base + a];
      const wx = dist[x * k];
      for (let b = a + 1; b < nf; b++) {
        const y = fresh.ids[base + b];
        const d = Math.fround(key(x, y));
        if (d >= wx && d >= dist[y * k]) continue;
        out.p[count] = x;
        out.q[count] = y;
        out.d[count++] = d;
      }
      for (let b = 0; b < no; b++) {
        const y = old.ids[base + b];
        if (y === x) continue;
        const d = Math.fround(key(x, y));
        if (d >= wx && d >= dist[y * k]) continue;
        out.p[count] = x;
        out.q[count] = y;
        out.d[count++] = d;
      }
    }
  }
  return count;
}

/** Offers the pairs of each buffer in turn, both ways, to the heaps of tickets v0..v1−1; returns the updates. */
export function applyPairs(
  heaps: HeapArrays,
  buffers: readonly PairBuffer[],
  counts: readonly number[],
  v0: number,
  v1: number,
): number {
  let updates = 0;
  for (let b = 0; b < buffers.length; b++) {
    const { p, q, d } = buffers[b];
    for (let e = 0; e < counts[b]; e++) {
      const x = p[e];
      const y = q[e];
      if (x >= v0 && x < v1) updates += heapPush(heaps, x, y, d[e]);
      if (y >= v0 && y < v1) updates += heapPush(heaps, y, x, d[e]);
    }
  }
  return updates;
}

/**
 * Recomputes the keys of tickets v0..v1−1's neighbours with `key` on the float rows after an int8 search;
 * `orig` maps the search's ticket numbers to the rows' when the search reordered them.
 */
export function rerankRange(
  heaps: HeapArrays,
  v0: number,
  v1: number,
  key: (x: number, y: number) => number,
  orig?: Int32Array,
): void {
  const { ids, dist, k } = heaps;
  for (let i = v0; i < v1; i++) {
    const x = orig ? orig[i] : i;
    for (let s = 0; s < k; s++) {
      const j = ids[i * k + s];
      if (j >= 0) dist[i * k + s] = key(x, orig ? orig[j] : j);
    }
  }
}
