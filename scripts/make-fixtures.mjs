#!/usr/bin/env node
// Regenerates fixtures/ (except fixtures/tiny-model/): a seeded, realistic helpdesk export in English and
// Russian, an Excel-style Windows-1251 export, and the bad inputs the ingest tests need.
// Run: npm run build && node scripts/make-fixtures.mjs   (same seed → byte-identical files)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { mulberry32 as rng } from '../dist/numerics/random.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

const rand = rng(20240304);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

// Card numbers that pass the Luhn check, so the masking test sees real-looking ones.
function luhnCard(prefix) {
  const digits = prefix.split('').map(Number);
  while (digits.length < 15) digits.push(int(0, 9));
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    let d = digits[14 - i];
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  digits.push((10 - (sum % 10)) % 10);
  return digits.join('').replace(/(\d{4})(?=\d)/g, '$1 ');
}

const SLOTS = {
  order: () => String(int(100000, 999999)),
  shortorder: () => String(int(1000, 99999)),
  amount: () => `${int(9, 199)}.${pick(['99', '00', '49', '90'])}`,
  rub: () => `${int(3, 49)} ${pick(['990', '490', '000', '500'])} ${pick(['₽', 'руб.', 'рублей', 'р.'])}`,
  days: () => String(int(2, 14)),
  // "2 дня", "5 дней": Russian numerals agree with the noun.
  dney: () => {
    const n = int(2, 14);
    return `${n} ${n >= 2 && n <= 4 ? 'дня' : 'дней'}`;
  },
  device: () =>
    pick([
      'iPhone 13',
      'iPhone 15 Pro',
      'Pixel 7',
      'Samsung Galaxy S22',
      'Xiaomi Redmi Note 12',
      'iPad Air',
      'OnePlus 11',
    ]),
  version: () => `${int(3, 5)}.${int(0, 19)}.${int(0, 9)}`,
  promo: () => pick(['SPRING20', 'WELCOME10', 'FRIENDS15', 'VESNA25', 'SALE30', 'NEWUSER', 'BDAY500']),
  city: () => pick(['Berlin', 'Austin', 'Leeds', 'Toronto', 'Dublin', 'Warsaw']),
  gorod: () => pick(['Москве', 'Казани', 'Екатеринбурге', 'Новосибирске', 'Самаре', 'Перми']),
  plan: () => pick(['Premium', 'Family', 'Pro', 'Plus']),
  tariff: () => pick(['Премиум', 'Семейный', 'Про', 'Плюс']),
  name: () => pick(['John Miller', 'Sarah Connor', 'Priya Patel', 'Tom Becker', 'Anna Schmidt', 'Luis Garcia']),
  imya: () =>
    pick(['Иван Петров', 'Мария Смирнова', 'Алексей Кузнецов', 'Ольга Иванова', 'Дмитрий Соколов', 'Елена Попова']),
  company: () => pick(['Acme Corp', 'Northwind Ltd', 'Bluebird Studio', 'Contoso GmbH']),
  email: () =>
    `${pick(['john.m', 'sarah_c', 'ppatel', 'tbecker', 'anna.s', 'l.garcia'])}${int(1, 99)}@${pick(['gmail.com', 'outlook.com', 'yahoo.com', 'mail.ru', 'yandex.ru'])}`,
  phone: () =>
    pick([
      () => `+7 (9${int(10, 99)}) ${int(100, 999)}-${int(10, 99)}-${int(10, 99)}`,
      () => `8 9${int(10, 99)} ${int(100, 999)} ${int(10, 99)} ${int(10, 99)}`,
      () => `+7 9${int(10, 99)} ${int(100, 999)} ${int(10, 99)} ${int(10, 99)}`,
      () => `89${int(100000000, 999999999)}`,
      () => `+1 (${int(201, 989)}) ${int(200, 999)}-${int(1000, 9999)}`,
      () => `+44 20 ${int(7000, 7999)} ${int(1000, 9999)}`,
    ])(),
  card: () => luhnCard(pick(['4', '51', '55', '2200'])),
  date: () => `March ${int(1, 28)}`,
  data: () => `${int(1, 28)} марта`,
};

// "[a|b|c]" picks one option, "{slot}" fills a slot; options may nest slots.
function expand(template) {
  let s = template;
  for (let guard = 0; guard < 20 && /\[[^[\]]*\|[^[\]]*\]/.test(s); guard++) {
    s = s.replace(/\[([^[\]]*\|[^[\]]*)\]/g, (_, body) => pick(body.split('|')));
  }
  return s.replace(/\{(\w+)\}/g, (_, slot) => SLOTS[slot]());
}

const PROBLEMS = [
  {
    key: 'login',
    weight: 14,
    minutes: 7,
    en: {
      subjects: [
        "Can't log in",
        'Password reset not working',
        'Locked out of my account',
        'Login problem',
        'Reset link expired',
        'Forgot password',
      ],
      bodies: [
        'I [can\'t|cannot|am unable to] log in to my account. [It says|I keep getting] "invalid password" even though I [just reset it|am sure it\'s correct].',
        'The password reset [link|email] [never arrives|does not arrive|is not coming]. I checked spam [too|as well]. [Can you help?|Please advise.]',
        "I requested a password reset [three times|twice|several times] but the link [says it has expired|shows an error|doesn't work] when I open it.",
        'My account [got locked|is locked|was blocked] after [a few|too many] failed login attempts. How do I [unlock it|get back in]?',
        '[Forgot|Lost] my password and the reset page just [reloads|spins forever|shows a blank screen]. [I need to access my orders.|I need my account back.]',
      ],
    },
    ru: {
      subjects: [
        'Не могу войти',
        'Не приходит письмо для сброса пароля',
        'Забыл пароль',
        'Проблема со входом',
        'Аккаунт заблокирован',
      ],
      bodies: [
        'Не могу войти в [личный кабинет|аккаунт|приложение], пишет «неверный пароль», хотя [я его только что сменил|пароль точно правильный].',
        'Письмо для [восстановления|сброса] пароля [не приходит|так и не пришло], папку спам [проверил|проверила]. [Помогите, пожалуйста.|Что делать?]',
        'Ссылка для сброса пароля [пишет что устарела|не открывается|выдаёт ошибку]. Пробовал[|а] [несколько раз|уже три раза].',
        'После нескольких неудачных попыток входа аккаунт [заблокировали|заблокирован]. Как [его разблокировать|восстановить доступ]?',
        'Забыл[|а] пароль, а страница восстановления [просто перезагружается|висит|показывает пустой экран].',
      ],
    },
  },
  {
    key: 'double-charge',
    weight: 9,
    minutes: 14,
    en: {
      subjects: ['Charged twice', 'Double charge on my card', 'Duplicate payment', 'Billed two times'],
      bodies: [
        'I was charged [twice|two times] for order {order}. [My bank statement shows|I can see] two payments of ${amount}.',
        'There is a duplicate [charge|payment] of ${amount} on my card for [the same order|one purchase]. Please [refund the extra one|fix this].',
        'Your [app|website] [took|charged] my money twice when I [paid|checked out] — order {order}. [The first attempt showed an error.|It froze during payment.]',
      ],
    },
    ru: {
      subjects: ['Двойное списание', 'Деньги списали дважды', 'Повторное списание с карты'],
      bodies: [
        'С карты [дважды списали|списали два раза] {rub} за заказ {order}. [Верните лишнее, пожалуйста.|Прошу разобраться.]',
        'При оплате заказа {order} [приложение зависло|выдало ошибку], а деньги [списались два раза|ушли дважды].',
        'В выписке банка [два одинаковых платежа|двойное списание] по {rub}, заказ один — {order}.',
      ],
    },
  },
  {
    key: 'refund',
    weight: 11,
    minutes: 12,
    en: {
      subjects: ['Refund request', 'Where is my refund?', 'Refund not received', 'Money back for returned item'],
      bodies: [
        "I returned [the item|my order {order}] [two weeks|{days} days] ago and still [have not received|haven't got] my refund.",
        'I [would like|want] a refund for order {order}, the [product arrived damaged|size is wrong|item is not as described].',
        'You [promised|said] the refund of ${amount} would [arrive|be back on my card] in 5 days. It has been {days} days. [Where is it?|Any update?]',
        'How long does a refund take? [I cancelled|I sent back] order {order} on {date}.',
      ],
    },
    ru: {
      subjects: ['Возврат денег', 'Не вернули деньги', 'Хочу оформить возврат', 'Когда вернут деньги?'],
      bodies: [
        'Вернул[|а] товар [две недели|{dney}] назад, а деньги [до сих пор не пришли|так и не вернулись]. Заказ {order}.',
        'Хочу оформить возврат по заказу {order}: [товар пришёл с браком|не подошёл размер|товар не соответствует описанию].',
        'Обещали вернуть {rub} в течение 5 дней, прошло уже {dney}. [Где мои деньги?|Когда будет возврат?]',
        'Сколько идёт возврат на карту? Отменил[|а] заказ {order} {data}.',
      ],
    },
  },
  {
    key: 'delivery-late',
    weight: 16,
    minutes: 6,
    en: {
      subjects: [
        'Where is my order?',
        'Delivery late',
        'Order not delivered',
        'Package still not here',
        'Tracking not updating',
      ],
      bodies: [
        "My order {order} was supposed to arrive [on {date}|{days} days ago|last week] and it [still hasn't come|is not here yet].",
        'Tracking for order {order} [has not updated|is stuck at "in transit"|shows the same status] for {days} days. [Where is my package?|Is it lost?]',
        'The courier [never came|did not show up|missed the delivery window] and the order is marked as delivered. [I have nothing.|Nothing arrived.]',
        'Delivery to {city} is [late|delayed] again. Order {order}, [paid for express shipping|ordered {days} days ago].',
      ],
    },
    ru: {
      subjects: ['Где мой заказ?', 'Задерживается доставка', 'Заказ не доставлен', 'Не пришла посылка'],
      bodies: [
        'Заказ {order} должен был прийти [{data}|{dney} назад|на прошлой неделе], но [так и не пришёл|до сих пор нет].',
        'Трекинг по заказу {order} [не обновляется|висит в статусе «в пути»] уже {dney}. [Посылка потерялась?|Где посылка?]',
        'Курьер [не приехал|так и не появился], а в приложении заказ отмечен как доставленный. [Ничего не получил[|а].|Заказа нет.]',
        'Доставка в {gorod} опять задерживается. Заказ {order}, [оплачивал[|а] экспресс-доставку|оформлен {dney} назад].',
      ],
    },
  },
  {
    key: 'app-crash',
    weight: 10,
    minutes: 18,
    en: {
      subjects: ['App crashes on startup', 'App keeps crashing', 'App closes immediately', 'Crash after update'],
      bodies: [
        'The app [crashes|closes] [right after the splash screen|immediately on startup|as soon as I open it] on my {device}.',
        'Since the [latest update|update to {version}] the app [keeps crashing|crashes every time I open it]. [Reinstalling did not help.|I already reinstalled it.]',
        'App version {version} on {device}: [white screen and then it closes|it freezes and quits]. [Please fix.|Any workaround?]',
      ],
    },
    ru: {
      subjects: ['Приложение вылетает', 'Приложение не запускается', 'Вылетает после обновления'],
      bodies: [
        'Приложение [вылетает|закрывается] [сразу при запуске|на заставке|как только открываю] на {device}.',
        'После обновления [до {version}|приложения] оно [постоянно вылетает|не открывается]. [Переустановка не помогла.|Уже переустанавливал[|а].]',
        'Версия {version}, телефон {device}: [белый экран и приложение закрывается|зависает и вылетает]. [Почините, пожалуйста.|Что делать?]',
      ],
    },
  },
  {
    key: 'promo',
    weight: 7,
    minutes: 5,
    en: {
      subjects: ['Promo code not working', 'Discount code invalid', 'Coupon not applied'],
      bodies: [
        'The promo code {promo} [says it is invalid|does not apply|gives an error] at checkout. [It should be valid until the end of the month.|I got it in your newsletter.]',
        'I [entered|applied] the code {promo} but the [discount was not applied|total did not change]. Order {order}.',
        'Your [email|ad] promised 20% off with {promo}, but [checkout says "code expired"|nothing happens when I enter it].',
      ],
    },
    ru: {
      subjects: ['Не работает промокод', 'Промокод не применяется', 'Скидка не сработала'],
      bodies: [
        'Промокод {promo} [не применяется|пишет «недействителен»|выдаёт ошибку] при оформлении заказа.',
        'Ввёл[|а] промокод {promo}, но [скидка не применилась|сумма не изменилась]. [Он же действует до конца месяца.|Получил[|а] его в рассылке.]',
        'В рассылке обещали скидку по коду {promo}, а [на кассе пишет что срок истёк|при вводе ничего не происходит].',
      ],
    },
  },
  {
    key: 'change-address',
    weight: 6,
    minutes: 4,
    en: {
      subjects: ['Change delivery address', 'Wrong address on order', 'Update shipping address'],
      bodies: [
        'I [entered the wrong address|made a typo in the address] for order {order}. Can you [change|update] it before it ships?',
        'Please [change|update] the delivery address on order {order} — I [moved|will be away] and need it sent to my [office|new flat] in {city}.',
      ],
    },
    ru: {
      subjects: ['Изменить адрес доставки', 'Ошибся в адресе', 'Смена адреса доставки'],
      bodies: [
        'Ошибся[|лась] в адресе доставки в заказе {order}. Можно [изменить|исправить] адрес до отправки?',
        'Прошу [поменять|изменить] адрес доставки по заказу {order}, [я переехал[|а]|нужно доставить на работу], новый адрес в {gorod}.',
      ],
    },
  },
  {
    key: 'cancel-subscription',
    weight: 8,
    minutes: 6,
    en: {
      subjects: ['Cancel subscription', 'How to cancel?', 'Stop auto-renewal', 'Charged after cancelling'],
      bodies: [
        "How do I cancel my {plan} subscription? [I can't find the button anywhere.|There is no cancel option in settings.]",
        'I cancelled my {plan} plan [last month|on {date}] but I was [still charged|charged again] ${amount}.',
        'Please [turn off|stop] auto-renewal for my subscription [and confirm by email|immediately].',
      ],
    },
    ru: {
      subjects: ['Отменить подписку', 'Как отключить подписку?', 'Списали после отмены подписки'],
      bodies: [
        'Как отменить подписку {tariff}? [В настройках нет такой кнопки.|Не могу найти где отключить.]',
        'Отменил[|а] подписку [в прошлом месяце|{data}], а деньги [снова списали|всё равно списали] — {rub}.',
        'Прошу отключить автопродление подписки [и подтвердить письмом|как можно скорее].',
      ],
    },
  },
  {
    key: '2fa-sms',
    weight: 9,
    minutes: 8,
    en: {
      subjects: ['SMS code not arriving', 'No verification code', '2FA code never comes', 'Not getting OTP'],
      bodies: [
        'The [SMS|verification] code for [two-factor authentication|login] [never arrives|does not come|takes forever]. [I tried "resend" several times.|My phone has signal.]',
        "I don't [receive|get] the one-time code by SMS, so I can't [log in|confirm the payment]. [Number is correct.|Other SMS arrive fine.]",
        '2FA [codes|texts] stopped coming to my phone after I [changed carrier|travelled abroad]. How can I [log in|switch to an authenticator app]?',
      ],
    },
    ru: {
      subjects: ['Не приходит СМС с кодом', 'Не приходит код подтверждения', 'Нет кода для входа'],
      bodies: [
        'Не приходит [смс|СМС] с кодом [подтверждения|для входа]. [Нажимал[|а] «отправить ещё раз» много раз.|Связь есть, другие смс приходят.]',
        'Код из СМС [не приходит|приходит через полчаса], из-за этого не могу [войти|подтвердить оплату].',
        'После смены [оператора|номера] перестали приходить коды [двухфакторной аутентификации|подтверждения]. Как войти?',
      ],
    },
  },
  {
    key: 'invoice',
    weight: 5,
    minutes: 10,
    en: {
      subjects: ['Invoice request', 'Need a VAT invoice', 'Receipt for company', 'Invoice with company details'],
      bodies: [
        'Could you [send|issue] a VAT invoice for order {order}? [I need it for my company accounting.|Our finance team requires it.]',
        "I need an invoice with our company details ({company}) for [order {order}|last month's subscription].",
        'Where can I [download|find] the [receipt|invoice] for order {order}? [The account page shows nothing.|There is no link in the email.]',
      ],
    },
    ru: {
      subjects: ['Нужен счёт-фактура', 'Закрывающие документы', 'Запрос чека', 'Документы для бухгалтерии'],
      bodies: [
        'Пришлите, пожалуйста, [счёт-фактуру|закрывающие документы] по заказу {order} [для бухгалтерии|на юрлицо].',
        'Нужен чек по заказу {order}, [в личном кабинете его нет|в письме нет ссылки].',
        'Прошу выставить счёт на организацию по заказу {order}, реквизиты [пришлю|во вложении].',
      ],
    },
  },
];

// One-off questions that belong to no problem: a real export always has them.
const ONE_OFFS = {
  en: [
    'Do you ship to Iceland?',
    'Great service, thanks!',
    'Can I change the language of the app to German?',
    'Is the store open on public holidays?',
    'How do I delete my account and data?',
    'Do you have a student discount?',
    'Gift wrapping available?',
  ],
  ru: [
    'Вы доставляете в Калининград?',
    'Спасибо за быструю доставку!',
    'Как поменять язык приложения?',
    'Работаете ли вы в праздники?',
    'Как удалить аккаунт и все данные?',
    'Есть ли скидка для пенсионеров?',
    'Можно ли оплатить наличными курьеру?',
  ],
};

const OPENERS = {
  en: ['Hi,', 'Hello,', 'Hi there,', 'Good morning,', 'Hey support,', '', '', ''],
  ru: ['Здравствуйте!', 'Добрый день.', 'Здравствуйте,', 'Добрый вечер!', '', '', ''],
};
const CLOSERS = {
  en: [
    'Thanks',
    'Thank you!',
    'Please help asap.',
    '',
    '',
    'Regards,\n{name}',
    'Best regards,\n{name}\n{company}',
    'Sent from my iPhone',
    '--\n{name}\n{company} | {phone}',
  ],
  ru: [
    'Спасибо.',
    'Заранее спасибо!',
    '',
    '',
    'С уважением,\n{imya}',
    'С уважением, {imya}',
    'Отправлено с iPhone',
    '--\n{imya}',
  ],
};
const PII_LINES = {
  en: [
    'You can reach me at {phone}.',
    'My email is {email}.',
    'I paid with card {card}.',
    'Call me back on {phone} please.',
    'Contact: {email}',
  ],
  ru: [
    'Мой телефон {phone}.',
    'Перезвоните мне: {phone}',
    'Оплачивал[|а] картой {card}.',
    'Почта для связи {email}',
    'Мой номер {phone}, почта {email}',
  ],
};
const QUOTED_REPLIES = {
  en: [
    '\n\nOn Mon, Mar {qd}, 2024 at 10:{qm} AM Support <support@shopmail.com> wrote:\n> Hello! Could you tell us your order number?\n> Kind regards, Support team',
    '\n\n-----Original Message-----\nFrom: Support <support@shopmail.com>\nSent: Tuesday, March {qd}, 2024 9:{qm} AM\nSubject: Re: your request\n\nHello, we are looking into it.',
  ],
  ru: [
    '\n\n{qd} марта 2024 г., в 10:{qm}, Служба поддержки <help@magazin.ru> пишет:\n> Здравствуйте! Уточните, пожалуйста, номер заказа.\n> С уважением, поддержка',
    '\n\nОт: Служба поддержки <help@magazin.ru>\nОтправлено: {qd} марта 2024 г. 9:{qm}\nКому: клиент\nТема: Re: обращение\n\nЗдравствуйте, мы разбираемся.',
  ],
};

function problemText(problem, lang) {
  const p = problem[lang];
  const subject = expand(pick(p.subjects));
  const parts = [];
  const opener = pick(OPENERS[lang]);
  const template = pick(p.bodies);
  let body = expand(template);
  if (chance(0.3)) body += ' ' + expand(pick(p.bodies.filter((b) => b !== template)));
  if (opener) parts.push(opener);
  parts.push(body);
  if (chance(0.2)) parts.push(expand(pick(PII_LINES[lang])));
  const closer = expand(pick(CLOSERS[lang]));
  if (closer) parts.push(closer);
  return { subject, parts };
}

// Chat and form texts are often one line; a multi-line closing (signature) always starts its own line.
function joinParts(parts, multiline = 0.5) {
  if (chance(multiline)) return parts.join('\n');
  const last = parts[parts.length - 1];
  if (parts.length > 1 && last.includes('\n')) return `${parts.slice(0, -1).join(' ')}\n${last}`;
  return parts.join(' ');
}

function asHtml(parts) {
  const style = chance(0.3) ? '<style>p{margin:0;font-family:Arial}</style>' : '';
  const body = parts
    .map((p) => p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\n/g, '<br>'))
    .map((p) => (chance(0.5) ? `<p>${p}</p>` : `<div>${p}</div>`))
    .join('')
    .replace(/ — /g, '&nbsp;&mdash; ');
  return `${style}<div dir="ltr">${body}</div>`;
}

function csvField(value, delimiter) {
  const s = String(value);
  return s.includes('"') || s.includes(delimiter) || s.includes('\n') || s.includes('\r')
    ? `"${s.replace(/"/g, '""')}"`
    : s;
}

function weightedProblem() {
  const total = PROBLEMS.reduce((a, p) => a + p.weight, 0);
  let r = rand() * total;
  for (const p of PROBLEMS) {
    r -= p.weight;
    if (r < 0) return p;
  }
  return PROBLEMS[0];
}

function pad(n) {
  return String(n).padStart(2, '0');
}

// ---------------------------------------------------------------- support-export.csv
function supportExport() {
  const rows = [['Ticket ID', 'Created at', 'Channel', 'Subject', 'Description', 'Handle time (min)']];
  const count = 400;
  const start = Date.UTC(2024, 2, 4, 7, 0, 0); // Mon 4 March 2024, four weeks of tickets
  const span = 27 * 24 * 3600 * 1000;
  const times = Array.from({ length: count }, () => start + Math.floor(rand() * span)).sort((a, b) => a - b);
  const emptyRows = new Set([57, 188, 301, 342]);
  for (let i = 0; i < count; i++) {
    const id = 48000 + i * 3 + int(0, 2);
    const created = new Date(times[i]).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const lang = chance(0.5) ? 'en' : 'ru';
    const channel = pick(['email', 'email', 'chat', 'chat', 'web form', 'app', 'phone']);
    if (emptyRows.has(i)) {
      rows.push([id, created, channel, '', i % 2 ? '' : '   ', String(int(1, 3))]);
      continue;
    }
    if (chance(0.05)) {
      rows.push([id, created, channel, '', pick(ONE_OFFS[lang]), String(int(2, 6))]);
      continue;
    }
    const problem = weightedProblem();
    const { subject, parts } = problemText(problem, lang);
    let description;
    if (channel === 'email' && chance(0.45)) description = asHtml(parts);
    else description = joinParts(parts);
    if (channel === 'email' && chance(0.3)) {
      description += pick(QUOTED_REPLIES[lang])
        .replace('{qd}', String(int(1, 28)))
        .replace('{qm}', pad(int(0, 59)));
    }
    const minutes = Math.max(1, Math.round(problem.minutes * (0.6 + rand() * 0.8)));
    rows.push([id, created, channel, chance(0.9) ? subject : '', description, chance(0.95) ? String(minutes) : '']);
  }
  return rows.map((r) => r.map((f) => csvField(f, ',')).join(',')).join('\n') + '\n';
}

// ---------------------------------------------------------------- excel-export-cp1251.csv
function excelExport() {
  const rows = [['Номер', 'Дата создания', 'Тема', 'Текст обращения', 'Канал']];
  const start = Date.UTC(2024, 3, 1, 8, 0, 0);
  const span = 21 * 24 * 3600 * 1000;
  const times = Array.from({ length: 150 }, () => start + Math.floor(rand() * span)).sort((a, b) => a - b);
  const extras = [
    'Приложение "Мой магазин" ведёт себя странно; раньше такого не было.',
    'Пишет "ошибка 500"; пробовал[|а] с телефона и с компьютера.',
    'Уточните сроки; заказ нужен к выходным.',
    'Номер заказа в письме "{shortorder}"; проверьте, пожалуйста.',
  ];
  for (let i = 0; i < 150; i++) {
    const problem = weightedProblem();
    const { subject, parts } = problemText(problem, 'ru');
    if (chance(0.25)) parts.splice(parts.length - 1, 0, expand(pick(extras)));
    const text = joinParts(parts, 0.3).replace(/₽/g, 'руб.');
    const d = new Date(times[i]);
    const created = `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    rows.push([String(7100 + i), created, subject, text, pick(['Почта', 'Чат', 'Телефон', 'Сайт'])]);
  }
  const csv = rows.map((r) => r.map((f) => csvField(f, ';')).join(';')).join('\r\n') + '\r\n';
  return iconv.encode(csv, 'windows-1251');
}

// ---------------------------------------------------------------- bad inputs
function badInputs() {
  return {
    'empty.csv': Buffer.alloc(0),
    'header-only.csv': 'Ticket ID,Created at,Subject,Description\n',
    // The quote opened on line 5 is never closed.
    'unclosed-quote.csv': [
      'Ticket ID,Created at,Subject,Description',
      '1,2024-03-04T09:00:00Z,Login,Cannot log in',
      '2,2024-03-04T09:05:00Z,Refund,"Where is my refund? ""Soon"" they said"',
      '3,2024-03-04T09:10:00Z,Delivery,Order is late',
      '4,2024-03-04T09:20:00Z,Crash,"The app crashes on startup',
      '5,2024-03-04T09:30:00Z,Promo,Promo code does not work',
      '6,2024-03-04T09:40:00Z,Login,Password reset link expired',
      '',
    ].join('\n'),
    // A real gzip stream of a CSV: what someone gets by passing export.csv.gz.
    'binary.csv': gzipSync(Buffer.from('Ticket ID,Subject\n1,Login\n2,Refund\n'.repeat(20)), { level: 9 }),
    'no-text-column.csv':
      'ID,Amount,Quantity,Created at\n1,19.99,2,2024-03-04\n2,5.00,1,2024-03-05\n3,120.50,4,2024-03-06\n',
    'ragged-rows.csv': [
      'Ticket ID,Subject,Description,Channel',
      '1,Login,Cannot log in,email',
      '2,Refund,Where is my refund, please,chat',
      '3,Crash',
      '4,Promo,Code does not work,app',
      '',
    ].join('\n'),
  };
}

// ---------------------------------------------------------------- labeled-tickets.csv
// id,text,label like the labeled evaluation sets: what `tickets eval --label label` is tested on.
function labeledTickets() {
  const rows = [['id', 'text', 'label']];
  for (let i = 0; i < 300; i++) {
    const problem = weightedProblem();
    const lang = chance(0.5) ? 'en' : 'ru';
    const { subject, parts } = problemText(problem, lang);
    rows.push([`L${1000 + i}`, `${subject}. ${joinParts(parts, 0)}`, problem.key]);
  }
  return rows.map((r) => r.map((f) => csvField(f, ',')).join(',')).join('\n') + '\n';
}

function write(relative, content) {
  const file = join(root, relative);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  console.log(`${relative}  ${Buffer.byteLength(content)} bytes`);
}

write('support-export.csv', supportExport());
write('excel-export-cp1251.csv', excelExport());
for (const [name, content] of Object.entries(badInputs())) write(join('bad', name), content);
// Generated last so the files above keep their bytes.
write('labeled-tickets.csv', labeledTickets());
