#!/usr/bin/env node
// Writes fixtures/economics-export-cp1251.csv: a Russian Excel export (Windows-1251, ";", CRLF) whose economics are
// known by construction — planted handle times (exact sums per topic), a weekly spike, repeat customers, new
// customers, CSAT and a channel mix. test/economics/planted-export.test.ts asserts the exact answers written below.
// Run: node scripts/make-economics-fixture.mjs   (no randomness: the same bytes every time)
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'economics-export-cp1251.csv');
const DAY = 86_400_000;
// Six full ISO weeks: Monday 28 September 2026 (2026-W40) to Sunday 8 November 2026 (2026-W45).
const START = Date.UTC(2026, 8, 28);

// Each topic: tickets per week, a cycle of handle-time cells (minutes; "h:mm:ss" and decimal commas on purpose),
// a cycle of channels and of CSAT cells ('' = not answered), and text fragments that only this topic uses.
//   payment  64 tickets: 8 a week, then 24 in W45 → growth (24 − 8) / 8 = 2; Σ 16 × (12 + 7.5 + 15 + 10.5) = 720 min
//   sms      60: 10 a week; Σ 20 × (5 + 6.5 + 4.5) = 320 min; 30 tickets in the customer's first 21 days
//   courier  36: 6 a week; 12 customers write twice, 2 days apart → repeat share 12 / 36; Σ 18 × 38.25 = 688.5 min
//   refund   30: 5 a week; Σ 10 × 82.5 = 825 min; CSAT 1 and 2
//   address  18: 3 a week; 16 × 3 min + 2 unreadable cells ("н/д", counted at 12 min) = 72 min; 6 blank
//            registration dates
const TOPICS = [
  {
    key: 'payment',
    weekly: [8, 8, 8, 8, 8, 24],
    minutes: ['12', '7,5', '0:15:00', '10,5'],
    channels: ['Чат', 'Чат', 'Почта', 'Телефон'],
    csat: ['3', ''],
    subjects: ['Не проходит оплата картой', 'Оплата картой отклонена', 'Ошибка оплаты картой'],
    texts: [
      ['Пытаюсь оплатить заказ картой,', 'Оплата картой не проходит:', 'Третий раз оплачиваю заказ картой,'],
      [
        'банк списывает деньги, а платёж отклонён.',
        'после ввода кода оплата отклонена.',
        'платёж по карте отклонён с ошибкой оплаты.',
      ],
      ['Карта рабочая, деньги на карте есть.', 'Что с оплатой картой?', 'Почему отклоняется оплата?'],
    ],
  },
  {
    key: 'sms',
    weekly: [10, 10, 10, 10, 10, 10],
    minutes: ['5', '6,5', '0:04:30'],
    channels: ['Сайт', 'Чат'],
    csat: ['4', '5'],
    subjects: ['Не приходит СМС с кодом', 'Нет кода подтверждения', 'СМС код не пришёл'],
    texts: [
      [
        'Не приходит СМС с кодом подтверждения,',
        'Код подтверждения по СМС не приходит,',
        'Жду СМС с кодом подтверждения,',
      ],
      [
        'запрашиваю код повторно, сообщение не приходит.',
        'телефон указан верно, а кода нет.',
        'повторная отправка кода не помогает.',
      ],
      ['Без кода не могу подтвердить вход.', 'Пришлите код подтверждения.', 'СМС с кодом так и не пришло.'],
    ],
  },
  {
    key: 'courier',
    weekly: [6, 6, 6, 6, 6, 6],
    minutes: ['20', '18,25'],
    channels: ['Телефон'],
    csat: ['4', ''],
    subjects: ['Курьер опоздал', 'Доставка курьером сорвана', 'Курьер не приехал'],
    texts: [
      [
        'Курьер опоздал с доставкой на четыре часа',
        'Курьер так и не приехал в интервал доставки',
        'Доставка опять опоздала, курьер приехал позже',
      ],
      ['и не позвонил.', 'и не предупредил о задержке доставки.', 'и на звонки курьер не отвечает.'],
      ['Доставка курьером сорвала мне весь день.', 'Разберитесь с курьером.', 'Когда будет доставка?'],
    ],
  },
  {
    key: 'refund',
    weekly: [5, 5, 5, 5, 5, 5],
    minutes: ['25', '0:30:00', '27,5'],
    channels: ['Почта'],
    csat: ['1', '2,0'],
    subjects: ['Не вернули деньги за отмену', 'Возврат денег за отменённый заказ', 'Где возврат средств'],
    texts: [
      [
        'Отменил заказ две недели назад,',
        'Деньги за отменённый заказ не вернули,',
        'Прошу ускорить возврат денег за отмену заказа,',
      ],
      [
        'а возврат денег на карту так и не поступил.',
        'возврат средств обещали за три дня.',
        'возврат средств до сих пор не пришёл.',
      ],
      ['Верните деньги за отмену.', 'Где мой возврат?', 'Когда вернёте деньги?'],
    ],
  },
  {
    key: 'address',
    weekly: [3, 3, 3, 3, 3, 3],
    minutes: ['3'],
    channels: ['Сайт'],
    csat: ['5'],
    subjects: ['Сменить адрес в профиле', 'Изменение адреса профиля', 'Как поменять адрес'],
    texts: [
      [
        'Подскажите, как сменить адрес в профиле:',
        'Хочу изменить адрес в профиле:',
        'Не получается поменять адрес в профиле:',
      ],
      [
        'поле адреса в настройках профиля не редактируется.',
        'кнопка изменения адреса неактивна.',
        'после сохранения профиля старый адрес возвращается.',
      ],
      ['Как обновить адрес?', 'Помогите с адресом в профиле.', 'Адрес в профиле устарел.'],
    ],
  },
];

const pad = (n) => String(n).padStart(2, '0');
const day = (ms) => {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
};
const stamp = (ms) => {
  const d = new Date(ms);
  return `${day(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};
const field = (v) => (/[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

const rows = [];
let customerNumber = 5000;
for (const topic of TOPICS) {
  let n = 0; // ticket number within the topic
  let courierPairs = 0;
  topic.weekly.forEach((count, week) => {
    for (let k = 0; k < count; k++, n++) {
      // Spread over the week's seven days, 09:00 to 17:xx, so every planted week is full from Monday to Sunday.
      let created = START + (week * 7 + (k % 7)) * DAY + (9 + (k % 8)) * 3_600_000 + ((n * 7) % 60) * 60_000;
      let customer = `CL-${customerNumber++}`;
      let since = Date.UTC(2024, 0, 15);
      if (topic.key === 'courier' && k % 3 === 1 && courierPairs < 12) {
        // The second ticket of the customer of the ticket just before, 2 days later: a repeat contact.
        customer = rows[rows.length - 1].customer;
        created = rows[rows.length - 1].created + 2 * DAY;
        courierPairs++;
      }
      if (topic.key === 'sms' && n % 2 === 0) {
        // Every other sms ticket comes from a customer registered 3 days before: a new customer.
        since =
          Date.UTC(
            new Date(created).getUTCFullYear(),
            new Date(created).getUTCMonth(),
            new Date(created).getUTCDate(),
          ) -
          3 * DAY;
      }
      const sinceCell = topic.key === 'address' && n % 3 === 0 ? '' : day(since);
      const minutes =
        topic.key === 'address' && (n === 4 || n === 11) ? 'н/д' : topic.minutes[n % topic.minutes.length];
      rows.push({
        id: String(90000 + rows.length),
        created,
        subject: topic.subjects[n % topic.subjects.length],
        // Three fragments, each cycling at its own pace: varied texts that share the topic's words.
        text: `${topic.texts[0][n % 3]} ${topic.texts[1][Math.floor(n / 3) % 3]} ${topic.texts[2][Math.floor(n / 9) % 3]}`,
        channel: topic.channels[n % topic.channels.length],
        minutes,
        customer,
        since: sinceCell,
        csat: topic.csat[n % topic.csat.length],
      });
    }
  });
}
// A courier customer also writes about payment within a week: another cluster, so not a repeat in either.
const courierRow = rows.find((r) => r.subject === 'Курьер опоздал' && r.created >= START + 21 * DAY);
const paymentRow = rows.find((r) => r.subject === 'Не проходит оплата картой' && r.created > courierRow.created);
paymentRow.customer = courierRow.customer;
// Export order is by creation time, as helpdesks write it.
rows.sort((a, b) => a.created - b.created || Number(a.id) - Number(b.id));

const header = [
  'Номер',
  'Дата создания',
  'Тема',
  'Текст обращения',
  'Канал',
  'Время обработки, мин',
  'Клиент',
  'Дата регистрации',
  'Оценка',
];
const lines = [header.join(';')];
for (const r of rows) {
  lines.push(
    [r.id, stamp(r.created), r.subject, r.text, r.channel, r.minutes, r.customer, r.since, r.csat].map(field).join(';'),
  );
}
writeFileSync(file, iconv.encode(`${lines.join('\r\n')}\r\n`, 'windows-1251'));
console.log(`${file}: ${rows.length} tickets`);
