// Per-group measures over typed per-ticket arrays. Groups are the clusters 0..clusterCount-1, then noise
// (group clusterCount); `labels` gives each ticket's cluster, -1 for noise.
import type { CostModel, Satisfaction } from '../types.js';

export const REPEAT_WINDOW_DAYS = 7;
export const EARLY_LIFECYCLE_DAYS = 21;
const DAY_MS = 86_400_000;

function groupOf(label: number, clusterCount: number): number {
  return label < 0 ? clusterCount : label;
}

const kopecks = (amount: number): number => Math.round(amount * 100) / 100;

/**
 * Minutes and cost per group. A ticket's minutes are its handle time, else its channel's minutes per ticket, else
 * the minutes per ticket. Cost = Σ minutes × loaded cost per minute, rounded to the cent once per group, so the
 * groups add up to the total; --cost-per-ticket instead prices every ticket the same.
 */
export function costByGroup(
  labels: Int32Array,
  clusterCount: number,
  cost: CostModel,
  handleMinutes: Float64Array | null,
  channel: Int32Array | null,
  channelNames: readonly string[],
): { minutes: Float64Array; cost: Float64Array } {
  const groups = clusterCount + 1;
  const perChannel = new Float64Array(channelNames.length).fill(cost.minutesPerTicket);
  const configured = new Map(Object.entries(cost.minutesPerChannel ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  channelNames.forEach((name, c) => {
    const minutes = configured.get(name.toLowerCase());
    if (minutes !== undefined) perChannel[c] = minutes;
  });
  const minutes = new Float64Array(groups);
  const sizes = new Float64Array(groups);
  for (let i = 0; i < labels.length; i++) {
    const g = groupOf(labels[i]!, clusterCount);
    const measured = handleMinutes === null ? Number.NaN : handleMinutes[i]!;
    const ch = channel === null ? -1 : channel[i]!;
    minutes[g] += Number.isNaN(measured) ? (ch >= 0 ? perChannel[ch]! : cost.minutesPerTicket) : measured;
    sizes[g]++;
  }
  const perMinute = cost.perMinute ?? cost.hourlyCost / 60;
  const costs = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    costs[g] = kopecks(cost.source === 'per-ticket' ? sizes[g]! * cost.perTicket : minutes[g]! * perMinute);
  }
  return { minutes, cost: costs };
}

/**
 * Share of each cluster's tickets whose customer had another ticket in the same cluster in the REPEAT_WINDOW_DAYS
 * before it (same time counts). Only tickets with a customer and a date count; NaN for a cluster with none.
 */
export function repeatShares(
  labels: Int32Array,
  clusterCount: number,
  customer: Int32Array,
  createdMs: Float64Array,
): Float64Array {
  const order: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! >= 0 && customer[i]! >= 0 && !Number.isNaN(createdMs[i]!)) order.push(i);
  }
  // Sorted by cluster, customer, time: each ticket's closest earlier ticket in the same cluster is just before it.
  order.sort(
    (a, b) => labels[a]! - labels[b]! || customer[a]! - customer[b]! || createdMs[a]! - createdMs[b]! || a - b,
  );
  const repeats = new Float64Array(clusterCount);
  const counted = new Float64Array(clusterCount);
  const window = REPEAT_WINDOW_DAYS * DAY_MS;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const c = labels[i]!;
    counted[c]++;
    if (k === 0) continue;
    const p = order[k - 1]!;
    if (labels[p] === c && customer[p] === customer[i] && createdMs[i]! - createdMs[p]! <= window) repeats[c]++;
  }
  return Float64Array.from(repeats, (r, c) => (counted[c]! > 0 ? r / counted[c]! : Number.NaN));
}

/**
 * Share of each cluster's tickets raised within EARLY_LIFECYCLE_DAYS of the customer's registration (or first
 * purchase). Only tickets with both dates count; NaN for a cluster with none.
 */
export function earlyLifecycleShares(
  labels: Int32Array,
  clusterCount: number,
  customerSinceMs: Float64Array,
  createdMs: Float64Array,
): Float64Array {
  const early = new Float64Array(clusterCount);
  const counted = new Float64Array(clusterCount);
  const limit = EARLY_LIFECYCLE_DAYS * DAY_MS;
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    const age = createdMs[i]! - customerSinceMs[i]!;
    if (c < 0 || Number.isNaN(age)) continue;
    counted[c]++;
    if (age >= 0 && age < limit) early[c]++;
  }
  return Float64Array.from(early, (e, c) => (counted[c]! > 0 ? e / counted[c]! : Number.NaN));
}

/** CSAT mean, answered count and impact per cluster, and the overall mean. */
export function satisfactionByCluster(
  labels: Int32Array,
  clusterCount: number,
  csat: Float64Array,
): { clusters: Satisfaction[]; overall: number | null } {
  const sums = new Float64Array(clusterCount + 1);
  const answered = new Float64Array(clusterCount + 1);
  for (let i = 0; i < labels.length; i++) {
    const r = csat[i]!;
    if (Number.isNaN(r)) continue;
    const g = groupOf(labels[i]!, clusterCount);
    sums[g] += r;
    answered[g]++;
  }
  let totalSum = 0;
  let totalAnswered = 0;
  for (let g = 0; g <= clusterCount; g++) {
    totalSum += sums[g]!;
    totalAnswered += answered[g]!;
  }
  const overall = totalAnswered > 0 ? totalSum / totalAnswered : null;
  const clusters: Satisfaction[] = [];
  for (let c = 0; c < clusterCount; c++) {
    const n = answered[c]!;
    const rest = totalAnswered - n;
    clusters.push({
      mean: n > 0 ? sums[c]! / n : null,
      answered: n,
      impact: n > 0 && rest > 0 && overall !== null ? overall - (totalSum - sums[c]!) / rest : null,
    });
  }
  return { clusters, overall };
}

/** Tickets per channel per group, most first (ties by name); blank cells count as "(blank)". */
export function channelsByGroup(
  labels: Int32Array,
  clusterCount: number,
  channel: Int32Array,
  channelNames: readonly string[],
): Array<Record<string, number>> {
  const width = channelNames.length + 1;
  const counts = new Int32Array((clusterCount + 1) * width);
  for (let i = 0; i < labels.length; i++) {
    const ch = channel[i]!;
    counts[groupOf(labels[i]!, clusterCount) * width + (ch < 0 ? channelNames.length : ch)]++;
  }
  const names = [...channelNames, '(blank)'];
  const result: Array<Record<string, number>> = [];
  for (let g = 0; g <= clusterCount; g++) {
    const entries = names
      .map((name, k) => [name, counts[g * width + k]!] as const)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    result.push(Object.fromEntries(entries));
  }
  return result;
}
