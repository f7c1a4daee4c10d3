import { describe, expect, it } from 'vitest';
import {
  computeEconomics,
  dayNumber,
  isoWeekName,
  noTicketValues,
  weekNumber,
  type TicketValues,
} from '../../src/economics/index.js';
import { costModel } from '../../src/rank/index.js';

const DAY = 86_400_000;
const at = (date: string, hour = 10) => Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
const week = (ms: number) => isoWeekName(weekNumber(dayNumber(ms)));

describe('ISO weeks', () => {
  it('names weeks as ISO 8601 does, across year ends', () => {
    expect(week(at('2026-11-02'))).toBe('2026-W45');
    expect(week(at('2026-11-08', 23))).toBe('2026-W45');
    expect(week(at('2026-11-09', 0))).toBe('2026-W46');
    expect(week(at('2021-01-03'))).toBe('2020-W53');
    expect(week(at('2024-12-30'))).toBe('2025-W01');
    expect(week(at('1970-01-01'))).toBe('1970-W01');
  });
});

/** Tickets built from [cluster, created, extra fields]: values as readTicketValues would give them. */
function plant(
  rows: Array<{
    cluster: number;
    created: number;
    minutes?: number;
    customer?: number;
    since?: number;
    csat?: number;
    channel?: number;
  }>,
  channelNames: string[] = [],
) {
  const labels = Int32Array.from(rows, (r) => r.cluster);
  const values: TicketValues = {
    ...noTicketValues(),
    createdMs: Float64Array.from(rows, (r) => r.created),
    handleMinutes: Float64Array.from(rows, (r) => r.minutes ?? NaN),
    customer: Int32Array.from(rows, (r) => r.customer ?? -1),
    customerSinceMs: Float64Array.from(rows, (r) => r.since ?? NaN),
    csat: Float64Array.from(rows, (r) => r.csat ?? NaN),
    channel: Int32Array.from(rows, (r) => r.channel ?? -1),
    channelNames,
    handleTimeUnit: 'minutes',
  };
  return { labels, values };
}

describe('computeEconomics', () => {
  it('weekly counts over the whole period and growth of the last full week with the floor', () => {
    // Four full weeks, Monday 2026-10-05 to Sunday 2026-11-01. Cluster 0: 10, 10, 10, 25 a week; cluster 1: 2, 2, 2, 4.
    const rows: Array<{ cluster: number; created: number }> = [];
    const mondays = ['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26'];
    [10, 10, 10, 25].forEach((n, w) => {
      for (let k = 0; k < n; k++) rows.push({ cluster: 0, created: at(mondays[w]!) + (k % 7) * DAY });
    });
    [2, 2, 2, 4].forEach((n, w) => {
      for (let k = 0; k < n; k++) rows.push({ cluster: 1, created: at(mondays[w]!) + 6 * DAY });
    });
    rows.push({ cluster: -1, created: at('2026-11-01', 23) });
    const { labels, values } = plant(rows);
    const e = computeEconomics(labels, 2, values, costModel({}));
    expect(e.period).toEqual({ from: '2026-10-05', to: '2026-11-01', weeks: 4 });
    expect(e.clusters[0]!.weekly).toEqual([
      { week: '2026-W41', tickets: 10 },
      { week: '2026-W42', tickets: 10 },
      { week: '2026-W43', tickets: 10 },
      { week: '2026-W44', tickets: 25 },
    ]);
    expect(e.clusters[0]!.growth).toBe(1.5); // (25 − 10) / 10
    expect(e.clusters[1]!.growth).toBe(0.4); // (4 − 2) / max(2, 5): not +100%
    expect(e.noise.weekly!.map((w) => w.tickets)).toEqual([0, 0, 0, 1]);
    expect(e.summary.growth).toEqual({ lastFullWeek: '2026-W44', weeksBefore: 3, floor: 5 });
    expect(e.summary.rankedBy).toBe('priority');
  });

  it('leaves out partial first and last weeks, and gives no growth without two full weeks', () => {
    // Wednesday 2026-10-07 to Wednesday 2026-10-28: full weeks W42, W43; W41 and W44 are partial.
    const rows = [
      { cluster: 0, created: at('2026-10-07') },
      { cluster: 0, created: at('2026-10-13') },
      { cluster: 0, created: at('2026-10-20') },
      { cluster: 0, created: at('2026-10-21') },
      { cluster: 0, created: at('2026-10-28') },
    ];
    const e = computeEconomics(plant(rows).labels, 1, plant(rows).values, costModel({}));
    expect(e.summary.growth).toEqual({ lastFullWeek: '2026-W43', weeksBefore: 1, floor: 5 });
    expect(e.clusters[0]!.growth).toBe(0.2); // (2 − 1) / 5
    const short = rows.slice(0, 2);
    expect(computeEconomics(plant(short).labels, 1, plant(short).values, costModel({})).clusters[0]!.growth).toBeNull();
  });

  it('cost = Σ handle minutes × loaded cost per minute to the cent; missing handle time at the channel or default minutes', () => {
    const cost = costModel({
      monthlySalary: 40000,
      overhead: 2.5,
      hoursPerMonth: 165,
      minutesPerChannel: { Телефон: 8 },
    });
    const rows = [
      { cluster: 0, created: at('2026-11-02'), minutes: 7.5 },
      { cluster: 0, created: at('2026-11-02'), minutes: 12.25 },
      { cluster: 0, created: at('2026-11-02'), channel: 0 }, // no handle time, phone: 8 min
      { cluster: 1, created: at('2026-11-02') }, // no handle time, no channel: 12 min
      { cluster: -1, created: at('2026-11-02'), minutes: 3 },
    ];
    const { labels, values } = plant(rows, ['Телефон']);
    const e = computeEconomics(labels, 2, values, cost);
    // 40 000 × 2.5 / 165 = 606.0606… per hour; per minute 10.10101…
    expect(e.clusters[0]!.handleMinutes).toBe(27.75);
    expect(e.clusters[0]!.cost).toBe(280.3); // 27.75 × 100000 / 9900 = 280.303…
    expect(e.clusters[1]!.cost).toBe(121.21); // 12 min
    expect(e.noise.cost).toBe(30.3);
    expect(e.summary.totalCost).toBe(431.81);
    expect(e.summary.totalHandleMinutes).toBe(42.75);
  });

  it('repeat contacts within 7 days in the same cluster, early lifecycle in the first 21 days, CSAT impact, channels', () => {
    const rows = [
      // Customer 1 writes about cluster 0 three times: day 0, day 5 (repeat), day 20 (15 days later: not a repeat).
      { cluster: 0, created: at('2026-11-02'), customer: 1, since: at('2026-10-20', 0), csat: 2, channel: 0 },
      { cluster: 0, created: at('2026-11-07'), customer: 1, since: at('2026-10-20', 0), csat: 2, channel: 0 },
      { cluster: 0, created: at('2026-11-22'), customer: 1, since: at('2026-10-20', 0), channel: 1 },
      // Customer 2: one ticket in cluster 0, one in cluster 1 two days later: not a repeat (other cluster).
      { cluster: 0, created: at('2026-11-03'), customer: 2, since: at('2025-01-01', 0), csat: 5, channel: 1 },
      { cluster: 1, created: at('2026-11-05'), customer: 2, since: at('2025-01-01', 0), csat: 5, channel: 1 },
      { cluster: 1, created: at('2026-11-06'), customer: 3, csat: 4 },
    ];
    const { labels, values } = plant(rows, ['Чат', 'Почта']);
    const e = computeEconomics(labels, 2, values, costModel({}));
    expect(e.clusters[0]!.repeatShare).toBe(0.25);
    expect(e.clusters[1]!.repeatShare).toBe(0);
    // Cluster 0: days 13, 18 (early), 33 (not), and a two-year customer: 2 of 4.
    expect(e.clusters[0]!.earlyLifecycleShare).toBe(0.5);
    expect(e.clusters[1]!.earlyLifecycleShare).toBe(0); // one dated customer, not new; customer 3 has no date
    // Overall mean (2 + 2 + 5 + 5 + 4) / 5 = 3.6; without cluster 0: 4.5; without cluster 1: 3.
    expect(e.clusters[0]!.satisfaction).toEqual({ mean: 3, answered: 3, impact: 3.6 - 4.5 });
    expect(e.clusters[1]!.satisfaction).toEqual({ mean: 4.5, answered: 2, impact: 3.6 - 3 });
    expect(e.summary.satisfactionMean).toBe(3.6);
    expect(e.clusters[0]!.channels).toEqual({ Почта: 2, Чат: 2 });
    expect(Object.keys(e.clusters[1]!.channels!)).toEqual(['(blank)', 'Почта']);
  });

  it('priority = 100 × cost share × (1 + growth⁺) × (1 + repeat) × (1 + early), ranking by cost when none can be had', () => {
    const labels = Int32Array.from([0, 0, 0, 1, -1]);
    const e = computeEconomics(labels, 2, noTicketValues(), costModel({}));
    expect(e.summary.rankedBy).toBe('cost');
    expect(e.clusters.map((c) => c.cost)).toEqual([18, 6]);
    expect(e.noise.cost).toBe(6);
    expect(e.clusters[0]!.priority).toBeCloseTo(60);
    expect(e.clusters.map((c) => c.weekly)).toEqual([null, null]);
    expect(computeEconomics(labels, 2, noTicketValues(), costModel({}), 'priority').summary.rankedBy).toBe('priority');
  });
});
