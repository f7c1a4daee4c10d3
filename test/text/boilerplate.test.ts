import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/numerics/random.js';
import { detectBoilerplate, removeBoilerplate, segmentKey } from '../../src/text/boilerplate.js';

// Four topics, each with its own subject line (which recurs, but with its topic's words) and varied bodies.
const TOPICS = [
  {
    subject: 'Не могу войти',
    bodies: [
      'Забыл пароль от аккаунта',
      'Пароль не подходит, аккаунт заблокирован',
      'Сброс пароля не работает, аккаунт недоступен',
    ],
  },
  {
    subject: 'Возврат денег',
    bodies: [
      'Верните деньги за отменённый заказ, возврат обещали',
      'Возврат на карту так и не пришёл, деньги не вернули',
      'Когда будет возврат денег за товар',
    ],
  },
  {
    subject: 'Задерживается доставка',
    bodies: [
      'Курьер не приехал, посылка задерживается',
      'Доставка опаздывает на неделю, курьер не звонит',
      'Посылка застряла, доставка стоит',
    ],
  },
  {
    subject: 'Промокод не работает',
    bodies: [
      'Промокод выдаёт ошибку при оплате, скидка не применяется',
      'Скидка по промокоду не сработала',
      'Промокод истёк раньше срока, скидки нет',
    ],
  },
];
const PLANTED = ['Обращение с сайта', 'С уважением, Ирина', 'Телефон для связи [phone]', 'Отправлено с iPhone'];

function corpus(): { texts: string[]; planted: boolean[] } {
  const texts: string[] = [];
  const planted: boolean[] = [];
  for (let i = 0; i < 120; i++) {
    const topic = TOPICS[i % 4];
    const body = `${topic.bodies[Math.floor(i / 4) % 3]} (${1000 + i}).`;
    const plant = i % 5 === 1 || i % 5 === 3; // 40%
    const lines = [topic.subject, body];
    if (plant) {
      lines.unshift(PLANTED[0]);
      // The signature changes every 12 tickets, a whole cycle of topics (i % 4) and bodies (i / 4 % 3).
      lines.push(PLANTED[2].replace('[phone]', '[phone].'), PLANTED[Math.floor(i / 12) % 2 === 0 ? 1 : 3]);
    }
    texts.push(lines.join('\n'));
    planted.push(plant);
  }
  return { texts, planted };
}

describe('segmentKey', () => {
  it('folds case, ё, digits and punctuation, and keeps masks', () => {
    expect(segmentKey('Номер карты [card], тел. [phone]!')).toBe('номер карты [card] тел [phone]');
    expect(segmentKey('Заказ №123 ещё')).toBe('заказ 0 еще');
    expect(segmentKey('12.03.2024')).toBe('');
  });
});

describe('removeBoilerplate', () => {
  it('removes phrases recurring across topics and counts the tickets that carried them', () => {
    const { texts, planted } = corpus();
    const { texts: stripped, summary } = removeBoilerplate(texts);
    expect(summary.tickets).toBe(planted.filter(Boolean).length);
    for (const text of stripped) {
      for (const phrase of ['сайта', 'уважением', 'Ирина', 'iPhone', 'для связи', '[phone]'])
        expect(text).not.toContain(phrase);
    }
    expect(summary.phrases.map((p) => p.text)).toEqual(
      expect.arrayContaining(['Обращение с сайта', 'Телефон для связи [phone]', 'Отправлено с iPhone']),
    );
    expect(summary.phrases.find((p) => p.text === 'Обращение с сайта')?.tickets).toBe(48);
  });

  it('keeps recurring lines that belong to a topic (a subject the body agrees with)', () => {
    const { texts } = corpus();
    const learned = detectBoilerplate(texts);
    for (const topic of TOPICS) expect(learned.has(segmentKey(topic.subject))).toBe(false);
    const { texts: stripped } = removeBoilerplate(texts);
    stripped.forEach((text, i) => expect(text.startsWith(TOPICS[i % 4].subject)).toBe(true));
  });

  it('keeps the templated sentences of a topic that is a third of the export, and still removes greetings', () => {
    // Form-like exports repeat a big topic's own sentences verbatim; its words are then common in the whole
    // export, so a topic must be told by how much likelier its words are among the carriers than elsewhere.
    const big = [
      'Трансляция обрывается каждые 8 минут, зрители жалуются.',
      'Не получается запустить трансляцию, кнопка «начать эфир» неактивна.',
      'Как провести прямой эфир с сайта, а не из приложения?',
    ];
    const random = seededRandom(5);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const texts: string[] = [];
    for (let i = 0; i < 300; i++) {
      const greeting = random() < 1 / 3 ? 'Здравствуйте! ' : '';
      const first = Math.floor(random() * 3);
      if (random() < 0.4) texts.push(`${greeting}${big[first]} ${big[(first + 1) % 3]}`);
      else {
        const topic = pick(TOPICS);
        texts.push(`${greeting}${topic.subject}. ${pick(topic.bodies)} (${1000 + i}).`);
      }
    }
    const learned = detectBoilerplate(texts);
    for (const sentence of big) expect(learned.has(segmentKey(sentence))).toBe(false);
    expect(learned.has(segmentKey('Здравствуйте!'))).toBe(true);
  });

  it('leaves a ticket that is nothing but boilerplate as it was, and touches nothing without boilerplate', () => {
    const { texts } = corpus();
    const withBare = [...texts, 'Обращение с сайта'];
    const { texts: stripped } = removeBoilerplate(withBare);
    expect(stripped.at(-1)).toBe('Обращение с сайта');
    expect(stripped[0]).toBe(texts[0]);
  });

  it('counts tickets that carried configured phrases, and learns nothing with detect off', () => {
    const texts = ['printer is jammed', 'VPN drops every hour', 'cannot print'];
    const configured = { carried: [true, false, true], phrases: [{ text: 'Ticket via portal', tickets: 2 }] };
    const { texts: kept, summary } = removeBoilerplate(texts, { configured, detect: false });
    expect(kept).toEqual(texts);
    expect(summary).toEqual({ tickets: 2, phrases: [{ text: 'Ticket via portal', tickets: 2 }] });
    const { texts: untouched, summary: none } = removeBoilerplate(corpus().texts, { detect: false });
    expect(untouched).toEqual(corpus().texts);
    expect(none).toEqual({ tickets: 0, phrases: [] });
  });
});

describe('configured boilerplate phrases', () => {
  it('says which raw tickets carried each phrase (case and ё ignored)', async () => {
    const { configuredBoilerplate } = await import('../../src/config/boilerplate-phrases.js');
    const counted = configuredBoilerplate(
      [
        'Спасибо за обращение в компанию Ромашка! Нет доставки',
        'нет возврата',
        'СПАСИБО ЗА ОБРАЩЕНИЕ в компанию ромашка',
      ],
      ['Спасибо за обращение в компанию Ромашка', 'Заявка с сайта'],
    );
    expect(counted.carried).toEqual([true, false, true]);
    expect(counted.phrases).toEqual([
      { text: 'Спасибо за обращение в компанию Ромашка', tickets: 2 },
      { text: 'Заявка с сайта', tickets: 0 },
    ]);
  });
});

describe('segmentKey in one pass', () => {
  // The regex steps that define a key, as written before the one-pass version: the two must agree exactly.
  const reference = (segment: string): string => {
    let s = segment.toLowerCase().replace(/ё/g, 'е');
    const masked = s.indexOf('[') >= 0;
    if (masked) s = s.replace(/\[(?:email|phone|card|account|url)\]/g, (m) => ` ⟦${m.slice(1, -1)}⟧ `);
    s = s
      .replace(/\d+/g, '0')
      .replace(/[^\p{L}\p{N}⟦⟧]+/gu, ' ')
      .trim();
    if (masked) s = s.replace(/⟦(\p{L}+)⟧/gu, '[$1]');
    return /\p{L}/u.test(s) ? s : '';
  };

  it('keys segments as the regex steps do: case, ё, digits, punctuation, masks, other scripts', () => {
    const cases = [
      'Спасибо, жду ответа!',
      'Отправлено с iPhone',
      'Номер карты [card], тел. [phone]',
      'Заказ №12345 от 01.02.2026 — 1.5 кг',
      'Ёлка ЁЖ ёж',
      '²³ x ⟦y⟧ z',
      '🙂 ok 🙂 𝐀𝐁',
      'İstanbul ẞ straße',
      '١٢٣ arabic',
      '\ud800 lone \udc00',
      '123 456',
      '!!!',
      '',
    ];
    expect(cases.map(segmentKey)).toEqual(cases.map(reference));
    expect(segmentKey('Заказ №12345 от 01.02.2026')).toBe('заказ 0 от 0 0 0');
    expect(segmentKey('Номер карты [card]!')).toBe('номер карты [card]');
  });

  it('agrees with the regex steps on random text from several scripts', () => {
    let state = 19;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const ranges = [0x80, 0x500, 0x3000, 0x10000];
    for (let k = 0; k < 3000; k++) {
      const top = ranges[k % ranges.length]!;
      let s = '';
      for (let j = 0, n = 1 + (k % 40); j < n; j++) s += String.fromCharCode(Math.floor(next() * top));
      expect(segmentKey(s), JSON.stringify(s)).toBe(reference(s));
    }
  });
});
