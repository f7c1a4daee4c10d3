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

/** A word of the customer's own, made up for ticket i: none recurs and none is common. */
function madeUp(i: number, k: number): string {
  return `з${[...String(i * 10 + k)].map((d) => 'абвгдежзик'[Number(d)]).join('')}`;
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
    // "… Word, пожалуйста, word" in every fifth ticket: the customer's sentence keeps its "пожалуйста".
    const texts = exportWith(120, (i) => (i % 5 === 0 ? `${madeUp(i, 1)} ${i}, пожалуйста, ${madeUp(i, 2)}.` : null));
    expect(texts.filter((t) => t.includes(', пожалуйста, '))).toHaveLength(24);
    expect(detectBoilerplate(texts).has('пожалуйста')).toBe(false);
    expect(removeBoilerplate(texts).texts).toEqual(texts);
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

describe('what is left of a ticket', () => {
  it('reads as the customer wrote it: lines, dashes and commas kept, no blank line where a formula was', () => {
    const bodies = exportWith(120, () => null);
    const own: string[] = [];
    const texts = bodies.map((body, i) => {
      if (i % 5 !== 0) return body;
      // A sentence with a dash, and clauses before "жду ответа".
      own[i] = `${madeUp(i, 1)} ${i} — ${madeUp(i, 2)}. ${madeUp(i, 3)} ${i}, ${madeUp(i, 4)},`;
      return `${body}\nОбращение с сайта\n${own[i]} жду ответа.`;
    });
    const { texts: stripped, summary } = removeBoilerplate(texts);
    for (let i = 0; i < texts.length; i++) expect(stripped[i]).toBe(i % 5 === 0 ? `${bodies[i]}\n${own[i]}` : texts[i]);
    expect(summary.phrases).toEqual([
      { text: 'Обращение с сайта', tickets: 24 },
      { text: 'жду ответа', tickets: 24 },
    ]);
  });

  it('a formula written as one sentence goes whole, with the words in it that are no formula alone', () => {
    const texts = exportWith(120, (i) => (i % 5 === 0 ? 'Жду ответа, спасибо.' : null));
    const { texts: stripped, summary } = removeBoilerplate(texts);
    expect(stripped[0]).toBe(texts[0]!.split('\n')[0]);
    expect(stripped.some((t) => t.includes('спасибо'))).toBe(false);
    expect(summary.phrases).toEqual([{ text: 'Жду ответа, спасибо', tickets: 24 }]);
  });

  it('a clause of nine words inside a sentence is the customer’s; one of eight is a formula', () => {
    const eight = 'прошу ответить как можно скорее на мой вопрос';
    const nine = 'прошу ответить как можно скорее на мой важный вопрос';
    const withClause = (clause: string) =>
      exportWith(120, (i) => (i % 5 === 0 ? `${DETAILS[(i * 7) % DETAILS.length]} ${i}, ${clause}.` : null));
    const long = withClause(nine);
    expect(detectBoilerplate(long).has(segmentKey(nine))).toBe(false);
    expect(removeBoilerplate(long).texts).toEqual(long);
    const short = withClause(eight);
    expect(detectBoilerplate(short).has(segmentKey(eight))).toBe(true);
    expect(removeBoilerplate(short).texts[0]).toBe(`${short[0]!.split('\n')[0]}\n${DETAILS[0]} 0,`);
  });
});

describe('formulas that come together', () => {
  it('two formulas always on the same tickets, in either order, are both boilerplate', () => {
    // On 15% of the tickets: each one's words are then far likelier on the other's tickets than in the export,
    // which would read as a topic if the two were not known to be one block of text.
    const texts = exportWith(120, () => null).map((body, i) => {
      if (i % 20 >= 3) return body;
      return i % 2 === 0
        ? `Обращение с сайта\n${body}\nОтправлено с iPhone`
        : `Отправлено с iPhone\n${body}\nОбращение с сайта`;
    });
    expect(texts.filter((t) => t.includes('iPhone'))).toHaveLength(18);
    const learned = detectBoilerplate(texts);
    expect(learned.has('обращение с сайта')).toBe(true);
    expect(learned.has('отправлено с iphone')).toBe(true);
    const { texts: stripped } = removeBoilerplate(texts);
    expect(stripped.filter((t) => t.includes('iPhone') || t.includes('сайта'))).toEqual([]);
  });
});

describe('a short question many customers ask', () => {
  const ask = (bare: number, withBody: number) => {
    const bodies = exportWith(120, () => null);
    const texts = [...bodies];
    for (let k = 0; k < bare; k++) texts.push('Где мой заказ?');
    for (let k = 0; k < withBody; k++) texts[k * 7] = `${bodies[k * 7]}\nГде мой заказ?`;
    return texts;
  };

  it('is a topic when it is the whole ticket for most who write it: the longer tickets keep it', () => {
    const texts = ask(11, 9);
    expect(detectBoilerplate(texts).has('где мой заказ')).toBe(false);
    expect(removeBoilerplate(texts).texts).toEqual(texts);
  });

  it('is a formula when half of those who write it say more', () => {
    const texts = ask(10, 10);
    expect(detectBoilerplate(texts).has('где мой заказ')).toBe(true);
    expect(removeBoilerplate(texts).texts[0]).toBe(texts[0]!.split('\n')[0]);
  });
});

describe('how the summary counts and shows a phrase', () => {
  it('a ticket carrying a phrase twice counts once', () => {
    const texts = exportWith(120, (i) => (i % 5 === 0 ? 'Отправлено с iPhone\nОтправлено с iPhone' : null));
    expect(removeBoilerplate(texts).summary.phrases).toEqual([{ text: 'Отправлено с iPhone', tickets: 24 }]);
  });

  it('without its closing run of punctuation', () => {
    const texts = exportWith(120, (i) => (i % 5 === 0 ? 'Жду ответа!!!' : null));
    expect(removeBoilerplate(texts).summary.phrases).toEqual([{ text: 'Жду ответа', tickets: 24 }]);
  });

  it('the first alphabetically of the ways it is written, on a tie or when every ticket writes it its own way', () => {
    const writtenAs = (first: number, form: string, other: string) =>
      exportWith(120, (i) => (i % 5 === 0 ? (i / 5 < first ? form : other) : null));
    expect(removeBoilerplate(writtenAs(12, 'Отправлено с iPhone', 'отправлено с iPhone')).summary.phrases).toEqual([
      { text: 'Отправлено с iPhone', tickets: 24 },
    ]);
    const numbered = exportWith(120, (i) => (i % 5 === 0 ? `Заявка с сайта №${i}` : null));
    expect(removeBoilerplate(numbered).summary.phrases).toEqual([{ text: 'Заявка с сайта №0', tickets: 24 }]);
  });

  it('phrases on as many tickets are listed alphabetically, whatever order the tickets bring them in', () => {
    // Each on every fifth ticket, so on tickets of every topic.
    const order = ['Шаблон б', 'Шаблон а', 'Шаблон г', 'Шаблон в'];
    const texts = exportWith(120, (i) => (i % 5 < 4 ? `${order[i % 5]} поддержки` : null));
    expect(removeBoilerplate(texts).summary.phrases.map((p) => p.text)).toEqual([
      'Шаблон а поддержки',
      'Шаблон б поддержки',
      'Шаблон в поддержки',
      'Шаблон г поддержки',
    ]);
  });
});

describe('a word the carriers of a phrase share', () => {
  /**
   * 200 tickets of twelve topics, each with words of its own; "Отправлено с iPhone" on `carriers` of them, one
   * per topic; "срочно" in `withWord` tickets, `shared` of them carriers.
   */
  function export200(carriers: number, withWord: number, shared: number): string[] {
    const carrier = new Set(Array.from({ length: carriers }, (_, j) => 13 * j));
    const others = Array.from({ length: 200 }, (_, i) => i).filter((i) => i % 5 === 1 && !carrier.has(i));
    const word = new Set([...[...carrier].slice(0, shared), ...others.slice(0, withWord - shared)]);
    return Array.from({ length: 200 }, (_, i) => {
      const body = `${SUBJECTS[i % 12]} ${madeUp(i, 1)}${word.has(i) ? ' срочно' : ''} ${madeUp(i, 2)} ${i}`;
      return carrier.has(i) ? `${body}\nОтправлено с iPhone` : body;
    });
  }

  it('by chance (under three standard deviations) leaves the phrase boilerplate', () => {
    // 5 of 10 carriers against 40 of 200 tickets: 2.5 times the share, 2.4 standard deviations.
    const texts = export200(10, 40, 5);
    expect(texts.filter((t) => t.includes('срочно')).length).toBe(40);
    expect(detectBoilerplate(texts).has('отправлено с iphone')).toBe(true);
  });

  it('beyond chance makes it a topic’s phrase, which stays', () => {
    // 5 of 12 carriers against 24 of 200 tickets: 3.5 times the share, 3.2 standard deviations.
    const texts = export200(12, 24, 5);
    expect(detectBoilerplate(texts).has('отправлено с iphone')).toBe(false);
    expect(removeBoilerplate(texts).texts).toEqual(texts);
  });
});
