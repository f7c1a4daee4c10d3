import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS, cleanTicketText, decodeEntities, htmlToText } from '../../src/text/clean.js';
import { prepareExportTexts, prepareTicketText } from '../../src/text/index.js';

describe('HTML to text', () => {
  it('strips tags, drops script/style, turns block tags and <br> into line breaks', () => {
    const html =
      '<html><head><style>p{color:red}</style></head><body><p>Hello team,</p><div>The app <b>crashes</b><br>on start.</div>' +
      '<ul><li>iPhone 13</li><li>v4.2</li></ul><script>track("x")</script></body></html>';
    expect(cleanTicketText(html)).toBe('The app crashes\non start.\niPhone 13\nv4.2');
  });
  it('decodes named and numeric entities after stripping tags, so escaped markup stays text', () => {
    expect(decodeEntities('a&nbsp;&amp;&#39;b&#x27;&laquo;c&raquo; &mdash; &unknown;')).toBe("a &'b'«c» — &unknown;");
    expect(htmlToText('<p>&lt;script&gt; is text</p>').trim()).toBe('<script> is text');
    expect(cleanTicketText('Fish &amp; chips')).toBe('Fish & chips');
  });
  it('drops a quoted <blockquote> reply but keeps it when it is everything', () => {
    expect(cleanTicketText('<p>Still broken.</p><blockquote>Have you tried restarting?</blockquote>')).toBe(
      'Still broken.',
    );
    expect(cleanTicketText('<blockquote>Only a quote</blockquote>')).toBe('Only a quote');
  });
  it('leaves a lone "<", generics and placeholders alone', () => {
    expect(cleanTicketText('price < 100 and > 50')).toBe('price < 100 and > 50');
    expect(cleanTicketText('generic List<T> in C#, account <acc_num>')).toBe(
      'generic List<T> in C#, account <acc_num>',
    );
  });
});

describe('quoted replies', () => {
  it('"On ... wrote:" and > lines', () => {
    const t =
      'App still crashes.\n\nOn Mon, Mar 4, 2024 at 10:02 AM Support <help@shop.com> wrote:\n> Did you reinstall?\n> Thanks';
    expect(cleanTicketText(t)).toBe('App still crashes.');
    expect(cleanTicketText('My answer\nOn Tue, 5 Mar 2024, Anna <a@b.com>\nwrote:\n> old')).toBe('My answer');
  });
  it('-----Original Message----- and Outlook header blocks, English and Russian', () => {
    expect(cleanTicketText('Refund please.\n-----Original Message-----\nFrom: Shop\nSent: today\nold text')).toBe(
      'Refund please.',
    );
    expect(
      cleanTicketText(
        'Не приходит смс.\n\nОт: Поддержка <help@shop.ru>\nОтправлено: 5 марта 2024 г.\nТема: Re: код\n\nЗдравствуйте, уточните',
      ),
    ).toBe('Не приходит смс.');
    expect(
      cleanTicketText(
        'Спасибо, но проблема осталась.\n5 марта 2024 г., в 10:00, Поддержка <help@shop.ru> пишет:\n> Попробуйте ещё раз',
      ),
    ).toBe('Спасибо, но проблема осталась.');
  });
  it('keeps content that merely mentions the words', () => {
    const t = 'From: the checkout page I cannot pay.\nThe button is grey.';
    expect(cleanTicketText(t)).toBe(t);
    expect(cleanTicketText('Мой друг пишет: «у меня то же самое».\nЧто делать?')).toBe(
      'Мой друг пишет: «у меня то же самое».\nЧто делать?',
    );
  });
  it('a message that is all quote keeps its text without the markers', () => {
    expect(cleanTicketText('> forwarded complaint\n> about delivery')).toBe('forwarded complaint\nabout delivery');
  });
});

describe('signatures', () => {
  it('"-- " marker, valedictions with a short tail, mobile footers', () => {
    expect(cleanTicketText('Order is late.\n-- \nJohn Miller\nAcme Corp | +1 555 123 4567')).toBe('Order is late.');
    expect(cleanTicketText('Order is late.\n\nBest regards,\nJohn Miller\nHead of Ops')).toBe('Order is late.');
    expect(cleanTicketText('Не работает промокод.\nС уважением,\nИван Петров')).toBe('Не работает промокод.');
    expect(cleanTicketText('Не работает промокод.\nС уважением, Иван')).toBe('Не работает промокод.');
    expect(cleanTicketText('App crashes.\n\nSent from my iPhone')).toBe('App crashes.');
    expect(cleanTicketText('Приложение вылетает.\nОтправлено с iPhone')).toBe('Приложение вылетает.');
    expect(cleanTicketText('Please help, cannot log in. Best regards, John Smith')).toBe('Please help, cannot log in.');
  });
  it('does not trim real content after a closing-like line', () => {
    const t = 'Thank you\nCan you also check my second order? It was charged twice as well.';
    expect(cleanTicketText(t)).toBe(t);
    const long =
      'Crash on start.\nRegards,\nbut then I noticed the app also logs me out every time I switch to another app and back';
    expect(cleanTicketText(long)).toBe(long);
  });
  it('keeps real sentences after "Thanks," — on the next lines or on the same line', () => {
    for (const t of [
      'Promo code fails.\nThanks,\nI also need the invoice for order 5521 by Friday please',
      'Promo code fails.\nThanks,\nwhere is my refund?',
      'Promo code fails.\nThanks, but the refund never arrived',
      'Промокод не работает.\nСпасибо, но деньги так и не вернули',
    ])
      expect(cleanTicketText(t)).toBe(t);
    // A name after the closing is still a signature.
    expect(cleanTicketText('Promo code fails.\nThanks, Anna Lee')).toBe('Promo code fails.');
    expect(cleanTicketText('Promo code fails.\nThanks,\nAnna Lee\nAcme Ltd')).toBe('Promo code fails.');
    expect(cleanTicketText('Промокод не работает.\nСпасибо, Мария')).toBe('Промокод не работает.');
  });
  it('keeps the text if trimming would leave nothing', () => {
    expect(cleanTicketText('Best regards,\nJohn')).toBe('Best regards,\nJohn');
    expect(cleanTicketText('Sent from my iPhone')).toBe('Sent from my iPhone');
  });
});

describe('greetings and whitespace', () => {
  it('drops opening greetings, keeps "Hi I ..." sentences', () => {
    expect(cleanTicketText('Hello,\nI was charged twice.')).toBe('I was charged twice.');
    expect(cleanTicketText('Hi there, the app crashes.')).toBe('the app crashes.');
    expect(cleanTicketText('Здравствуйте! Не приходит смс.')).toBe('Не приходит смс.');
    expect(cleanTicketText('Добрый день, уважаемая поддержка! Где заказ?')).toBe('Где заказ?');
    expect(cleanTicketText('Hi I cannot log in')).toBe('Hi I cannot log in');
    expect(cleanTicketText('Hello!')).toBe('Hello!');
  });
  it('collapses spaces, drops invisible characters and blank lines', () => {
    expect(cleanTicketText('  a\u00a0\u00a0b\u200c\u200c \t c \r\n\r\n\r\n  d  ')).toBe('a b c\nd');
    expect(cleanTicketText('')).toBe('');
    expect(cleanTicketText(' \n ')).toBe('');
  });
});

describe('prepareTicketText', () => {
  it('cleans then masks', () => {
    expect(prepareTicketText('<p>Call me: +7 (912) 345-67-89</p><p>С уважением,<br>Иван</p>')).toBe('Call me: [phone]');
  });
});

describe('robustness of cleaning', () => {
  it('trims a Russian Gmail attribution line and what it quotes', () => {
    const text =
      'Деньги так и не вернули.\n\nпн, 4 мар. 2024 г. в 10:53, Support <support@shop.example>:\n\n> Здравствуйте, ожидайте возврата.';
    expect(cleanTicketText(text)).toBe('Деньги так и не вернули.');
  });
  it('normalizes to NFC before trimming, so decomposed text loses its greeting too', () => {
    const nfd = 'Здравствуйте!\nНе приходит письмо с кодом, пробовал ещё раз'.normalize('NFD');
    expect(cleanTicketText(nfd)).toBe('Не приходит письмо с кодом, пробовал ещё раз'.normalize('NFC'));
  });
  it('markup without words is empty text', () => {
    expect(cleanTicketText('<p>&nbsp;</p>')).toBe('');
    expect(cleanTicketText('<div><br></div>\n&nbsp;')).toBe('');
  });
  it('reads at most MAX_TEXT_CHARS of a huge field', () => {
    const huge = 'Не могу войти. '.repeat(14_000); // ~210,000 characters, twice what is read
    const cleaned = prepareTicketText(huge);
    expect(cleaned.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(cleaned.startsWith('Не могу войти.')).toBe(true);
  });
});

describe('prepareExportTexts progress', () => {
  it('reports the tickets done every 4,096, of all of them', () => {
    const tickets = Array.from({ length: 9000 }, (_, i) => ({
      id: String(i),
      line: i + 2,
      // Two texts over and over: progress counts tickets, not distinct texts (each is cleaned once).
      rawText: i % 2 === 0 ? 'invoice missing' : 'refund please',
      createdAt: null,
      extra: {},
    }));
    const seen: Array<{ done: number; total: number }> = [];
    const exp = { tickets, skipped: [], rowCount: 9000 } as unknown as Parameters<typeof prepareExportTexts>[0];
    prepareExportTexts(exp, undefined, (p) => seen.push(p));
    expect(seen).toEqual([
      { done: 0, total: 9000 },
      { done: 4096, total: 9000 },
      { done: 8192, total: 9000 },
    ]);
  });
});

describe('prepareExportTexts on repeated texts', () => {
  it('cleans each distinct text once; every repeat gets the same result, an emptied one is skipped each time', () => {
    const raws = ['Hi, <b>my order</b> never came', '<p></p>', 'Card 4111 1111 1111 1111 declined'];
    const tickets = Array.from({ length: 30 }, (_, i) => ({
      id: String(i),
      line: i + 2,
      rawText: raws[i % 3]!,
      createdAt: null,
      extra: {},
    }));
    const exp = { tickets, skipped: [], rowCount: 30 } as unknown as Parameters<typeof prepareExportTexts>[0];
    const cleaned: string[] = [];
    const prepared = prepareExportTexts(exp, (raw) => {
      cleaned.push(raw);
      return raw;
    });
    expect(cleaned).toEqual(raws);
    expect(prepared.texts).toHaveLength(20);
    for (let k = 0; k < 20; k++) expect(prepared.texts[k]).toBe(prepareTicketText(raws[k % 2 === 0 ? 0 : 2]!));
    expect(prepared.ticketExport.skipped.map((s) => s.id)).toEqual([
      '1',
      '4',
      '7',
      '10',
      '13',
      '16',
      '19',
      '22',
      '25',
      '28',
    ]);
  });
});

describe('a ticket that is only a closing', () => {
  it('is kept whole, not cut to its first word', () => {
    for (const text of ['Kind regards, Anna Lee', 'Best regards, John', 'Warm regards, Anna'])
      expect(cleanTicketText(text)).toBe(text);
    expect(cleanTicketText('Parcel missing. Warm regards, Anna')).toBe('Parcel missing.');
  });
});
