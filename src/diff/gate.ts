// The CI gate: rules over a diff that fail the build, like a linter (exit 1 when one trips).
import { formatCount, formatMoney } from '../report/format.js';
import type { TrendDiff } from './types.js';

export interface GateRules {
  /** A new cluster of at least this many tickets trips the gate. */
  failOnNew?: number;
  /** A cluster whose tickets and share both grew by at least this percent (and by minChange tickets). */
  failOnGrowth?: number;
  /** Total estimated cost grew by at least this percent. */
  failOnCostGrowth?: number;
  /** Tickets a cluster must grow by for --fail-on-growth. */
  minChange: number;
}

/** One line per tripped rule and cluster, naming both; empty when nothing tripped. */
export function checkGate(diff: TrendDiff, rules: GateRules, currency: string): string[] {
  const trips: string[] = [];
  const name = (id: string, label: string): string => `${id} "${label}"`;
  if (rules.failOnNew !== undefined) {
    for (const change of diff.changes) {
      if (change.status === 'new' && change.after && change.after.size >= rules.failOnNew) {
        trips.push(
          `new cluster ${name(change.id, change.label)} has ${formatCount(change.after.size)} tickets (--fail-on-new ${rules.failOnNew})`,
        );
      }
    }
  }
  if (rules.failOnGrowth !== undefined) {
    const ratio = 1 + rules.failOnGrowth / 100;
    for (const change of diff.changes) {
      // Pieces of a split and absorbed clusters compare against a cluster that is not theirs alone;
      // a split or merge is judged on all its pieces or contributors together.
      if (!change.before || !change.after || change.from !== undefined || change.into !== undefined) continue;
      const before = change.beforeTotal ?? change.before;
      const after = change.afterTotal ?? change.after;
      const grew = after.size - before.size;
      if (grew < rules.minChange || before.size === 0 || before.share === 0) continue;
      if (after.size / before.size >= ratio && after.share / before.share >= ratio) {
        trips.push(
          `cluster ${name(change.id, change.label)} grew ${percent(before.size, after.size)} ` +
            `(${formatCount(before.size)} → ${formatCount(after.size)} tickets, share ${percent(before.share, after.share)}) ` +
            `(--fail-on-growth ${rules.failOnGrowth} --min-change ${rules.minChange})`,
        );
      }
    }
  }
  if (rules.failOnCostGrowth !== undefined) {
    const { before, after } = diff.totals;
    if (before.cost > 0 && (after.cost / before.cost - 1) * 100 >= rules.failOnCostGrowth) {
      trips.push(
        `total estimated cost grew ${percent(before.cost, after.cost)} ` +
          `(${formatMoney(before.cost, currency)} → ${formatMoney(after.cost, currency)}) ` +
          `(--fail-on-cost-growth ${rules.failOnCostGrowth})`,
      );
    }
  }
  return trips;
}

function percent(before: number, after: number): string {
  const change = (after / before - 1) * 100;
  return `${change >= 0 ? '+' : ''}${Math.round(change)}%`;
}
