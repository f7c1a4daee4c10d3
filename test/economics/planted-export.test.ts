// The Russian Excel export of scripts/make-economics-fixture.mjs, whose answers are known by construction: read by
// the real ingest with zero column options, grouped by the planted topic, and measured by computeEconomics.
import { describe, expect, it } from 'vitest';
import { computeEconomics, readTicketValues } from '../../src/economics/index.js';
import { handleTimeUnitFromHeader } from '../../src/ingest/economic-columns.js';
import { readTicketExport } from '../../src/ingest/index.js';
import { costModel } from '../../src/rank/index.js';

const TOPICS = ['payment', 'sms', 'courier', 'refund', 'address'];
// Every subject of a topic starts with one of these words (the generator's subjects).
const SUBJECT_TOPIC: Array<[RegExp, number]> = [
  [/оплат/i, 0],
  [/СМС|код/i, 1],
  [/Курьер|Доставка/i, 2],
  [/возврат|вернули/i, 3],
  [/адрес/i, 4],
];
// Loaded cost: 40 000 ₽ × 2.5 / 165 hours = 606.06… ₽ an hour = 100 000 / 9 900 ₽ a minute.
const PER_MINUTE = 100_000 / 9_900;

async function planted() {
  const exp = await readTicketExport('fixtures/economics-export-cp1251.csv');
  const labels = Int32Array.from(exp.tickets, (t) => {
    const subject = t.rawText.split('\n')[0]!;
    const hit = SUBJECT_TOPIC.find(([re]) => re.test(subject));
    if (!hit) throw new Error(`no planted topic for "${subject}"`);
    return hit[1];
  });
  const values = readTicketValues(exp.tickets, exp.columns, handleTimeUnitFromHeader(exp.columns.handleTime!));
  const cost = costModel({ monthlySalary: 40000, overhead: 2.5, hoursPerMonth: 165, currency: 'RUB' });
  return { exp, labels, values, economics: computeEconomics(labels, TOPICS.length, values, cost) };
}

describe('the planted Russian Excel export (Windows-1251, ";")', () => {
  it('is read with every column detected from its Russian headers', async () => {
    const { exp, labels } = await planted();
    expect(exp.encoding).toBe('windows-1251');
    expect(exp.columns).toEqual({
      text: ['Тема', 'Текст обращения'],
      id: 'Номер',
      date: 'Дата создания',
      handleTime: 'Время обработки, мин',
      customer: 'Клиент',
      customerSince: 'Дата регистрации',
      csat: 'Оценка',
      channel: 'Канал',
    });
    const sizes = TOPICS.map((_, t) => labels.filter((l) => l === t).length);
    expect(sizes).toEqual([64, 60, 36, 30, 18]);
  });

  it('planted handle times give the exact cost to the kopeck; two unreadable cells are counted and reported', async () => {
    const { economics, values } = await planted();
    expect(economics.clusters.map((c) => c.handleMinutes)).toEqual([720, 320, 688.5, 825, 72]);
    expect(economics.clusters.map((c) => c.cost)).toEqual([7272.73, 3232.32, 6954.55, 8333.33, 727.27]);
    expect(economics.clusters[3]!.cost).toBe(Math.round(825 * PER_MINUTE * 100) / 100);
    expect(economics.noise.cost).toBe(0);
    expect(economics.summary.totalCost).toBe(26520.2);
    expect(economics.summary.totalHandleMinutes).toBe(2625.5);
    expect(values.handleTimeUnit).toBe('minutes');
    expect(values.quality.handleTime).toMatchObject({ parsed: 206, missing: 0, invalid: 2 });
    expect(values.quality.handleTime!.invalidExamples.map((e) => e.value)).toEqual(['н/д', 'н/д']);
  });

  it('the planted spike: payment goes from 8 a week to 24 in the last full week, growth exactly +200%', async () => {
    const { economics } = await planted();
    expect(economics.period).toEqual({ from: '2026-09-28', to: '2026-11-08', weeks: 6 });
    expect(economics.clusters[0]!.weekly).toEqual([
      { week: '2026-W40', tickets: 8 },
      { week: '2026-W41', tickets: 8 },
      { week: '2026-W42', tickets: 8 },
      { week: '2026-W43', tickets: 8 },
      { week: '2026-W44', tickets: 8 },
      { week: '2026-W45', tickets: 24 },
    ]);
    expect(economics.clusters.map((c) => c.growth)).toEqual([2, 0, 0, 0, 0]);
    expect(economics.summary.growth).toEqual({ lastFullWeek: '2026-W45', weeksBefore: 5, floor: 5 });
  });

  it('planted repeat customers, new customers, CSAT and channel mix come out exactly', async () => {
    const { economics } = await planted();
    const c = economics.clusters;
    // 12 courier customers write twice, 2 days apart; a courier customer's payment ticket is another cluster.
    expect(c.map((x) => x.repeatShare)).toEqual([0, 0, 12 / 36, 0, 0]);
    // Half the sms tickets come from customers registered 3 days before; 6 address rows have no registration date.
    expect(c.map((x) => x.earlyLifecycleShare)).toEqual([0, 0.5, 0, 0, 0]);
    // Answered: 32 × 3, 30 × 4 + 30 × 5, 18 × 4, 15 × 1 + 15 × 2, 18 × 5 → 573 over 158.
    const overall = 573 / 158;
    expect(economics.summary.satisfactionMean).toBeCloseTo(overall, 12);
    expect(c.map((x) => x.satisfaction!.answered)).toEqual([32, 60, 18, 30, 18]);
    expect(c.map((x) => x.satisfaction!.mean)).toEqual([3, 4.5, 4, 1.5, 5]);
    expect(c[3]!.satisfaction!.impact).toBeCloseTo(overall - 528 / 128, 12); // refunds drag CSAT down by 0.498
    expect(c[4]!.satisfaction!.impact).toBeCloseTo(overall - 483 / 140, 12);
    expect(c.map((x) => x.channels)).toEqual([
      { Чат: 32, Почта: 16, Телефон: 16 },
      { Сайт: 30, Чат: 30 },
      { Телефон: 36 },
      { Почта: 30 },
      { Сайт: 18 },
    ]);
  });

  it('ranks the spike first by priority, while by cost refunds come first', async () => {
    const { economics } = await planted();
    const byPriority = [...economics.clusters.keys()].sort(
      (a, b) => economics.clusters[b]!.priority - economics.clusters[a]!.priority,
    );
    const byCost = [...economics.clusters.keys()].sort(
      (a, b) => economics.clusters[b]!.cost - economics.clusters[a]!.cost,
    );
    expect(TOPICS[byPriority[0]!]).toBe('payment');
    expect(TOPICS[byCost[0]!]).toBe('refund');
    // 100 × 7272.73 / 26520.2 × (1 + 2)
    expect(economics.clusters[0]!.priority).toBeCloseTo((100 * 7272.73 * 3) / 26520.2, 10);
  });
});
