// The layout start's smoothing step, next = ½·rows + Σ_edges w·(other end's row), on one or two threads.
// Each ticket gathers its own sum from a list of its edges in edge order, so a ticket's terms are added in the
// same order as a pass that pushes each edge to both its ends, and the tickets can be split between threads
// with the same result bit for bit. (At 300,000 tickets the 40 pushing passes were a third of the layout, on
// the main thread alone.)
// Cost: O(edges) time per pass; memory 2·edges (int32 ticket + float64 weight), freed after the start.
import { HelperThread, zeroed } from '../numerics/threads.js';
import { splitBlock } from './layout-parallel.js';
import type { EdgeList } from './start.js';

/** Tickets from which the smoothing is split between two threads (below, a job's round trip costs more). */
export const PARALLEL_SMOOTHING_MIN_TICKETS = 6000;

/** Each ticket's edges, in edge order: the other end and the edge's weight. */
export interface TicketEdges {
  offsets: Int32Array;
  other: Int32Array;
  weight: Float64Array;
}

/** The edge list turned around per ticket; an edge from a ticket to itself appears twice, as it is pushed twice. */
export function ticketEdges(graph: EdgeList, edgeWeight: Float64Array, n: number, shared: boolean): TicketEdges {
  const { head, tail } = graph;
  const m = head.length;
  const offsets = zeroed(Int32Array, n + 1, shared);
  for (let e = 0; e < m; e++) {
    offsets[head[e] + 1]++;
    offsets[tail[e] + 1]++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const other = zeroed(Int32Array, 2 * m, shared);
  const weight = zeroed(Float64Array, 2 * m, shared);
  const fill = offsets.slice(0, n);
  for (let e = 0; e < m; e++) {
    const a = fill[head[e]]++;
    other[a] = tail[e];
    weight[a] = edgeWeight[e];
    const b = fill[tail[e]]++;
    other[b] = head[e];
    weight[b] = edgeWeight[e];
  }
  return { offsets, other, weight };
}

/** next[v] = ½·rows[v] + Σ w·rows[other] for tickets v0..v1−1 (row-major, `dims` per ticket). */
export function smoothTickets(
  offsets: Int32Array,
  other: Int32Array,
  weight: Float64Array,
  rows: Float64Array,
  next: Float64Array,
  dims: number,
  v0: number,
  v1: number,
): void {
  if (dims === 5) {
    for (let v = v0; v < v1; v++) {
      const at = v * 5;
      let s0 = 0.5 * rows[at];
      let s1 = 0.5 * rows[at + 1];
      let s2 = 0.5 * rows[at + 2];
      let s3 = 0.5 * rows[at + 3];
      let s4 = 0.5 * rows[at + 4];
      for (let a = offsets[v], end = offsets[v + 1]; a < end; a++) {
        const j = other[a] * 5;
        const w = weight[a];
        s0 += w * rows[j];
        s1 += w * rows[j + 1];
        s2 += w * rows[j + 2];
        s3 += w * rows[j + 3];
        s4 += w * rows[j + 4];
      }
      next[at] = s0;
      next[at + 1] = s1;
      next[at + 2] = s2;
      next[at + 3] = s3;
      next[at + 4] = s4;
    }
    return;
  }
  for (let v = v0; v < v1; v++) {
    const at = v * dims;
    for (let c = 0; c < dims; c++) next[at + c] = 0.5 * rows[at + c];
    for (let a = offsets[v], end = offsets[v + 1]; a < end; a++) {
      const j = other[a] * dims;
      const w = weight[a];
      for (let c = 0; c < dims; c++) next[at + c] += w * rows[j + c];
    }
  }
}

/** Smoothing passes over one graph; `rows` and `next` (n·dims) are shared with the helper when there is one. */
export class StartSmoothing {
  readonly rows: Float64Array;
  readonly next: Float64Array;
  private readonly edges: TicketEdges;
  private readonly helper: HelperThread<{ v0: number; v1: number }, object> | null;
  private readonly split: number;

  constructor(
    graph: EdgeList,
    edgeWeight: Float64Array,
    private readonly n: number,
    private readonly dims: number,
    threads: number,
  ) {
    const two = threads >= 2 && n >= PARALLEL_SMOOTHING_MIN_TICKETS;
    this.edges = ticketEdges(graph, edgeWeight, n, two);
    this.rows = zeroed(Float64Array, n * dims, two);
    this.next = zeroed(Float64Array, n * dims, two);
    this.split = two ? splitBlock(this.edges.offsets, 0, n) : n;
    this.helper = two
      ? new HelperThread<{ v0: number; v1: number }, object>(
          'layout start',
          [smoothTickets],
          `(job, c) => { smoothTickets(c.offsets, c.other, c.weight, c.rows, c.next, c.dims, job.v0, job.v1); }`,
          { ...this.edges, rows: this.rows, next: this.next, dims },
        )
      : null;
  }

  /** next = ½·rows + the edges' sums, for every ticket. */
  pass(): void {
    const { offsets, other, weight } = this.edges;
    this.helper?.start({ v0: this.split, v1: this.n });
    smoothTickets(offsets, other, weight, this.rows, this.next, this.dims, 0, this.split);
    this.helper?.finish();
  }

  close(): void {
    this.helper?.close();
  }
}
