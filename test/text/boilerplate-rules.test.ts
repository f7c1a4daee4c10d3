// The rules that make a phrase boilerplate, each at its edge: how many tickets must carry it, how long a
// formula may be, what the summary lists and how, and what is left of a sentence a formula was part of.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/numerics/random.js';
import { detectBoilerplate, removeBoilerplate, segmentKey } from '../../src/text/boilerplate.js';

// Twelve topics with their own words; every ticket gets one of them with a body no other ticket has.
const SUBJECTS = [
  'Не могу войти в аккаунт',
  'Возврат денег за заказ',
  'Курьер не привёз посылку',
  'Промокод выдаёт ошибку',
  'Списали деньги дважды',
  'Приложение вылетает при запуске',
  'Не приходит смс с кодом',
  'Товар пришёл сломанным',
  'Хочу сменить тариф',
  'Не работает оплата картой',
  'Пропала история заказов',
  'Бонусы не начислились',
];

const DETAILS = (
  'вчера утром снова опять сегодня давно срочно неделю месяц полностью частично постоянно иногда всегда ' +
  'телефон ноутбук планшет браузер сайт магазин склад офис город адрес дома работе дороге вечером ночью'
).split(' ');

/**
 * `count` tickets of twelve topics, each one sentence no other ticket repeats (a few random details and a
 * number); `plant(i)` gives a line to add to ticket i, or null.
 */
function exportWith(count: number, plant: (i: number) => string | null, seed = 3): string[] {
  const random = seededRandom(seed);
  const detail = () => DETAILS[Math.floor(random() * DETAILS.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const body = `${SUBJECTS[i % SUBJECTS.length]} ${detail()} ${detail()} ${detail()} ${1000 + i}`;
    const extra = plant(i);
    return extra === null ? body : `${body}\n${extra}`;
  });
}

describe('how many tickets make a phrase boilerplate', () => {
  it('at least ten tickets, however small the export', () => {
    const nine = exportWith(120, (i) => (i % 11 === 0 && i < 99 ? 'Отправлено с iPhone' : null));
    const ten = exportWith(120, (i) => (i % 11 === 0 && i < 110 ? 'Отправлено с iPhone' : null));
    expect(nine.filter((t) => t.includes('iPhone'))).toHaveLength(9);
    expect(ten.filter((t) => t.includes('iPhone'))).toHaveLength(10);
    expect(detectBoilerplate(nine).has('отправлено с iphone')).toBe(false);
    expect(detectBoilerplate(ten).has('отправлено с iphone')).toBe(true);
  });

  it('and at least 1% of the tickets in a large export', () => {
    const plantEvery = (step: number, total: number) => (i: number) =>
      i % step === 0 && i / step < total ? 'Отправлено с iPhone' : null;
    expect(detectBoilerplate(exportWith(2000, plantEvery(7, 19))).has('отправлено с iphone')).toBe(false);
    expect(detectBoilerplate(exportWith(2000, plantEvery(7, 20))).has('отправлено с iphone')).toBe(true);
  });
});

describe('how long a formula may be', () => {
  it('eight words are a formula, nine are a sentence a customer wrote', () => {
    const eight = 'Прошу ответить как можно скорее на мой вопрос';
    const nine = 'Прошу ответить как можно скорее на мой важный вопрос';
    expect(segmentKey(eight).split(' ')).toHaveLength(8);
    expect(segmentKey(nine).split(' ')).toHaveLength(9);
    expect(detectBoilerplate(exportWith(120, (i) => (i % 5 === 0 ? eight : null))).has(segmentKey(eight))).toBe(true);
    expect(detectBoilerplate(exportWith(120, (i) => (i % 5 === 0 ? nine : null))).has(segmentKey(nine))).toBe(false);
  });

  it('90 characters are a formula, 91 are not', () => {
    const at90 = `Ответ ${'о'.repeat(78)} жду`.padEnd(90, 'у');
    const at91 = `${at90}у`;
    expect([at90.length, at91.length]).toEqual([90, 91]);
    expect(detectBoilerplate(exportWith(120, (i) => (i % 5 === 0 ? at90 : null))).has(segmentKey(at90))).toBe(true);
    expect(detectBoilerplate(exportWith(120, (i) => (i % 5 === 0 ? at91 : null))).has(segmentKey(at91))).toBe(false);
  });
});

describe('a formula inside a sentence', () => {
  it('is cut out as a clause; the customer’s clause stays (with its own comma)', () => {
    const bodies = exportWith(120, () => null);
    const texts = bodies.map((t, i) => (i % 5 === 0 ? `${t}. Проверьте ${DETAILS[i % 30]} ${i}, жду ответа.` : t));
    const { texts: stripped, summary } = removeBoilerplate(texts);
    expect(stripped[0]).toBe(`${bodies[0]}. Проверьте ${DETAILS[0]} 0,`);
    expect(stripped[1]).toBe(texts[1]);
    expect(summary).toEqual({ tickets: 24, phrases: [{ text: 'жду ответа', tickets: 24 }] });
  });

  it('a lone stop word between commas is no formula', () => {
    const texts = exportWith(120, () => null).map((t) => t.replace(', номер', ', пожалуйста, номер'));
    expect(detectBoilerplate(texts).has('пожалуйста')).toBe(false);
  });
});

describe('the summary of what was removed', () => {
  it('lists phrases by tickets, most first, ties in alphabetical order, at most 20', () => {
    const phrases = Array.from({ length: 24 }, (_, k) => `Шаблон ${String.fromCharCode(0x44f - k)} поддержки`);
    // Twelve tickets in a row (one of each topic) carry the same phrase: phrases 0–7 on 48 tickets, 8–23 on 36.
    const texts = exportWith(960, (i) => phrases[Math.floor(i / 12) % 24]!);
    const { summary } = removeBoilerplate(texts);
    const sorted = (names: string[]) => [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(summary.tickets).toBe(960);
    expect(summary.phrases.map((p) => p.tickets)).toEqual([...Array(8).fill(48), ...Array(12).fill(36)]);
    expect(summary.phrases.slice(0, 8).map((p) => p.text)).toEqual(sorted(phrases.slice(0, 8)));
    expect(summary.phrases.slice(8).map((p) => p.text)).toEqual(sorted(phrases.slice(8)).slice(0, 12));
  });

  it('shows each phrase the way most tickets write it (the first alphabetically on a tie), without its end punctuation', () => {
    const writtenAs = (first: number, form: string, other: string) =>
      exportWith(120, (i) => (i % 5 === 0 ? (i / 5 < first ? form : other) : null));
    expect(removeBoilerplate(writtenAs(14, 'отправлено с iPhone', 'Отправлено с iPhone.')).summary.phrases).toEqual([
      { text: 'отправлено с iPhone', tickets: 24 },
    ]);
    expect(removeBoilerplate(writtenAs(12, 'отправлено с iPhone!', 'Отправлено с iPhone')).summary.phrases).toEqual([
      { text: 'Отправлено с iPhone', tickets: 24 },
    ]);
  });

  it('configured phrases no ticket carried are not listed', () => {
    const texts = ['printer jammed', 'vpn drops'];
    const configured = {
      carried: [false, false],
      phrases: [
        { text: 'Ticket via portal', tickets: 0 },
        { text: 'Sent from portal', tickets: 1 },
      ],
    };
    expect(removeBoilerplate(texts, { configured }).summary).toEqual({
      tickets: 0,
      phrases: [{ text: 'Sent from portal', tickets: 1 }],
    });
  });
});
