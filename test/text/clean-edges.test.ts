// Cleaning at its edges: character references at the ends of their range, the mail clients' quoting and
// signature conventions, where a signature stops being one, and greetings in the languages exports carry.
import { describe, expect, it } from 'vitest';
import {
  MAX_TEXT_CHARS,
  cleanTicketText,
  decodeEntities,
  htmlToText,
  looksLikeHtml,
  normalizeWhitespace,
  trimGreeting,
  trimQuotedReplies,
  trimSignature,
} from '../../src/text/clean.js';
import { prepareExportTexts } from '../../src/text/index.js';

describe('character references', () => {
  it.each([
    ['&#65;&#x42;&#X43;', 'ABC'], // decimal, hex, upper-case X
    ['&#x1F600; smile', '😀 smile'], // beyond the basic plane
    ['&#x10FFFF;', '\u{10ffff}'], // the last code point there is
    ['a&#x110000;b', 'a b'], // past it: a space, not an error
    ['a&#0;b', 'a b'],
    ['a&#xD800;b', 'a b'], // a lone surrogate half is no character
    ['a&#xDFFF;b', 'a b'],
    ['&#xD7FF;&#xE000;', '\ud7ff\ue000'], // the characters either side of the surrogates
    ['&AMP; &Copy; &NBSP;x', '& © \u00a0x'.replace('\u00a0', ' ')], // names in capitals
    ['&numero; 5, 20&euro;, &rub;', '№ 5, 20€, ₽'],
    ['AT&T; and &', 'AT&T; and &'], // not a reference we know: kept as written
  ])('%j → %j', (text, decoded) => {
    expect(decodeEntities(text)).toBe(decoded);
  });
});

describe('what counts as HTML', () => {
  it.each([
    ['<!-- saved from the form --> text', true],
    ['<!DOCTYPE html><title>x</title>', true],
    ['<br/>line', true],
    ['<P CLASS="x">para</P>', true],
    ['<o:p></o:p> Word export', true],
    ['x < y and y > z', false],
    ['Map<String, List<T>>', false],
    ['<unknown-tag> is text', false],
  ])('%j → %s', (text, html) => {
    expect(looksLikeHtml(text)).toBe(html);
  });

  it('drops comments, the title and the head, keeps the body', () => {
    expect(
      cleanTicketText('<html><head><title>Ticket #5</title></head><body><!-- form v2 -->Refund please</body></html>'),
    ).toBe('Refund please');
    expect(htmlToText('<TITLE>x</TITLE >Body').trim()).toBe('Body');
  });

  it("drops a Gmail, Yahoo or Thunderbird quoted thread from the mail's HTML", () => {
    for (const cls of ['gmail_quote', 'yahoo_quoted', 'moz-cite-prefix']) {
      const html = `<div>Still no refund.</div><div class="x ${cls}">On Mon Anna wrote:<br>Wait please</div>`;
      expect(cleanTicketText(html)).toBe('Still no refund.');
    }
  });

  it('keeps a quoted thread that is the whole message', () => {
    expect(cleanTicketText('<div class="gmail_quote">Forwarded: parcel lost</div>')).toBe('Forwarded: parcel lost');
  });

  it('turns block tags into line breaks, so lines are not glued together', () => {
    expect(cleanTicketText('<h2>Order</h2><section>late</section><article>again</article><hr><pre>log</pre>')).toBe(
      'Order\nlate\nagain\nlog',
    );
  });
});

describe('quoted replies in plain text', () => {
  it.each([
    ['Still broken.\n-----Forwarded message-----\nold', 'Still broken.'],
    ['Всё ещё не работает.\n-----Пересланное сообщение-----\nстарое', 'Всё ещё не работает.'],
    ['Still broken.\n________________________________\nFrom: Support\nSent: Monday', 'Still broken.'],
    [
      'Toujours en panne.\nLe lun. 4 mars 2024, Support <s@x.fr> a écrit :\n> ancien'.replace(' :', ':'),
      'Toujours en panne.',
    ],
    ['Immer noch kaputt.\nAm 04.03.2024 um 10:02 schrieb Support <s@x.de>:\n> alt', 'Immer noch kaputt.'],
    ['Still broken.\nFrom: Support <s@x.com>\n\n\n\nDate: Monday\nold text', 'Still broken.'], // header within 4 lines
    ['Refund please.\n*From:* Shop\n*Sent:* today\nold text', 'Refund please.'], // Outlook's bold headers
  ])('%j', (text, cleaned) => {
    expect(cleanTicketText(text)).toBe(cleaned);
  });

  it('keeps "From:" lines that no mail header follows closely', () => {
    const text = 'From: the app I cannot pay.\nline two\nline three\nline four\nline five\nDate: yesterday';
    expect(cleanTicketText(text)).toBe(text);
  });

  it('keeps a reply header that opens the ticket: nothing would be left', () => {
    const text = '-----Original Message-----\nFrom: Anna\nSent: Monday\nMy card was charged twice';
    expect(cleanTicketText(text)).toBe(text);
  });

  it('drops the quoted lines of a reply, keeping the lines written around them', () => {
    expect(cleanTicketText('Yes, twice.\n> Were you charged twice?\nPlease refund one.')).toBe(
      'Yes, twice.\nPlease refund one.',
    );
    expect(cleanTicketText('> > nested quote\n>> still quoted')).toBe('nested quote\nstill quoted');
  });
});

describe('signatures', () => {
  it.each([
    ['Order is late.\n--\nJohn', 'Order is late.'],
    ['Order is late.\n—\nJohn', 'Order is late.'],
    ['Order is late.\nGet Outlook for Android', 'Order is late.'],
    ['Order is late.\nSent from Mail for Windows', 'Order is late.'],
    ['Order is late.\nSent with Proton Mail secure email.', 'Order is late.'],
    ['Заказ опаздывает.\nОтправлено из мобильной Почты Mail.ru', 'Заказ опаздывает.'],
    ['Order is late.\nKind regards,\nJohn Miller\nHead of Ops\nAcme Corp\n+1 555 123 4567\nacme.com', 'Order is late.'],
    ['Заказ опаздывает.\nС наилучшими пожеланиями, Анна', 'Заказ опаздывает.'],
    ['Заказ опаздывает.\nЗаранее спасибо!', 'Заказ опаздывает.'],
  ])('%j is cut', (text, cleaned) => {
    expect(cleanTicketText(text)).toBe(cleaned);
  });

  it('a "-- " signature may hold up to 12 lines, with sentences in them', () => {
    const tail = Array.from({ length: 12 }, (_, i) => `See the site for our hours, ${String(i).padStart(2, '0')}`);
    expect(trimSignature(`Order is late.\n-- \n${tail.join('\n')}`)).toBe('Order is late.');
    expect(cleanTicketText(`Order is late.\n-- \n${tail.join('\n')}`)).toBe('Order is late.');
    const longer = `Order is late.\n--\n${[...tail, 'See the site'].join('\n')}`;
    expect(cleanTicketText(longer)).toBe(longer);
  });

  it('a closing line followed by more than five lines, a question, a long line or a sentence is kept', () => {
    for (const tail of [
      'Anna\nLee\nAcme\nLondon\nUK\nEarth',
      'Anna\nwhen will it ship?',
      `Anna ${'x'.repeat(80)}`,
      'the parcel was opened and two items were missing',
    ]) {
      const text = `Order is late.\nRegards,\n${tail}`;
      expect(cleanTicketText(text)).toBe(text);
    }
    // Five short lines are a signature.
    expect(cleanTicketText('Order is late.\nRegards,\nAnna\nLee\nAcme\nLondon\nUK')).toBe('Order is late.');
  });

  it('a signature of more than 400 characters is kept: that much is not a name and a phone', () => {
    const lines = Array.from({ length: 11 }, () => 'x'.repeat(40));
    const text = `Order is late.\n--\n${lines.join('\n')}`;
    expect(cleanTicketText(text)).toBe(text);
    expect(cleanTicketText(`Order is late.\n--\n${lines.slice(0, 10).join('\n')}`)).toBe('Order is late.');
  });

  it('cuts a closing at the end of a one-line ticket only when words come before it', () => {
    expect(cleanTicketText('Where is my parcel? Kind regards, Anna Lee')).toBe('Where is my parcel?');
    expect(cleanTicketText('Где посылка? С уважением, Анна')).toBe('Где посылка?');
    expect(cleanTicketText('Где посылка? Отправлено с iPhone')).toBe('Где посылка?');
    // The last line of a longer ticket too, when no signature block was found above it.
    expect(cleanTicketText('Order 5521\nWhere is it? Regards, Anna')).toBe('Order 5521\nWhere is it?');
  });
});

describe('greetings', () => {
  it.each([
    ['Bonjour, ma commande est en retard', 'ma commande est en retard'],
    ['Guten Tag, die Lieferung fehlt', 'die Lieferung fehlt'],
    ['Sehr geehrte Damen und Herren, die Lieferung fehlt', 'die Lieferung fehlt'],
    ['Good morning team! Parcel missing', 'Parcel missing'],
    ['Dear Support Team,\nParcel missing', 'Parcel missing'],
    ['Доброго времени суток! Посылка не пришла', 'Посылка не пришла'],
    ['Приветствую, коллеги! Посылка не пришла', 'Посылка не пришла'],
    ['Hey folks: parcel missing', 'parcel missing'],
  ])('%j → %j', (text, cleaned) => {
    expect(cleanTicketText(text)).toBe(cleaned);
  });

  it('trims a greeting on the line after the subject too', () => {
    expect(cleanTicketText('Parcel missing\nHello, it never came')).toBe('Parcel missing\nit never came');
  });

  it('keeps a word that only starts like a greeting', () => {
    for (const text of ['Hiring page is broken', 'Hello-world sample fails', 'Dearly charged twice', 'Привета нет'])
      expect(cleanTicketText(text)).toBe(text);
  });

  it('a line that is only a greeting becomes empty; other lines are untouched', () => {
    expect(trimGreeting('Hello!')).toBe('');
    expect(trimGreeting('Hello!  Parcel missing')).toBe('Parcel missing');
    expect(trimGreeting('Parcel missing. Hello!')).toBe('Parcel missing. Hello!');
  });
});

describe('whitespace', () => {
  it('reads old Mac line ends, tabs, non-breaking and thin spaces, and drops zero-width characters', () => {
    expect(normalizeWhitespace('a\rb\r\nc')).toBe('a\nb\nc');
    expect(normalizeWhitespace('a\tb\u2009c\u202fd\u3000e')).toBe('a b c d e');
    expect(normalizeWhitespace('\ufeffa\u200bb\u2060c\u00add')).toBe('abcd');
    expect(normalizeWhitespace('a  \n\n   b')).toBe('a\nb');
  });

  it('composes decomposed letters, so "é" typed on a Mac is the same word', () => {
    expect(cleanTicketText('cafe\u0301 closed')).toBe('café closed');
  });
});

describe('very long texts', () => {
  it('a text of exactly MAX_TEXT_CHARS is read whole and not counted as cut; one character more is', () => {
    const exact = `${'a'.repeat(MAX_TEXT_CHARS - 4)} end`;
    expect(cleanTicketText(exact)).toBe(exact);
    expect(cleanTicketText(`${exact}!`)).toBe(exact);
    const tickets = [exact, `${exact}!`].map((rawText, i) => ({ id: String(i), line: i + 2, rawText }));
    const exp = { tickets, skipped: [], rowCount: 2 } as unknown as Parameters<typeof prepareExportTexts>[0];
    expect(prepareExportTexts(exp).cut).toBe(1);
  });
});

describe('prepareExportTexts', () => {
  it('keeps an export with no emptied text as it was, and puts emptied ones among the skipped rows by line', () => {
    const exp = {
      tickets: [
        { id: 'a', line: 2, rawText: 'Parcel missing' },
        { id: 'b', line: 4, rawText: '<p>&nbsp;</p>' },
        { id: 'c', line: 5, rawText: 'Refund please' },
      ],
      skipped: [
        { id: 'x', line: 3, reason: 'empty text' },
        { id: 'y', line: 6, reason: 'empty text' },
      ],
      rowCount: 5,
    } as unknown as Parameters<typeof prepareExportTexts>[0];
    const prepared = prepareExportTexts(exp);
    expect(prepared.texts).toEqual(['Parcel missing', 'Refund please']);
    expect(prepared.ticketExport.tickets.map((t) => t.id)).toEqual(['a', 'c']);
    expect(prepared.ticketExport.skipped.map((s) => [s.id, s.line])).toEqual([
      ['x', 3],
      ['b', 4],
      ['y', 6],
    ]);
    const untouched = { ...exp, tickets: exp.tickets.filter((t) => t.id !== 'b') };
    expect(prepareExportTexts(untouched).ticketExport).toBe(untouched);
  });
});

describe('quotes and signatures in a raw e-mail body (indented lines, blank lines)', () => {
  it('finds a reply header or a signature marker on an indented line, and keeps the lines above it', () => {
    expect(trimQuotedReplies('Still broken.\n\n  On Mon, Anna <a@b.c> wrote:  \nold')).toBe('Still broken.\n');
    expect(trimQuotedReplies('Still broken.\n  On Mon, 4 Mar, Anna\n  wrote:  \nold')).toBe('Still broken.');
    expect(trimQuotedReplies('Still broken.\n   From: Shop\n   Sent: today\nold')).toBe('Still broken.');
    expect(trimSignature('Line one\nLine two\n-- \nJohn')).toBe('Line one\nLine two');
    expect(trimSignature('Order late.\n  Best regards,  \n\n  John  \n')).toBe('Order late.');
    expect(trimSignature('Order late.\n   -- \nJohn')).toBe('Order late.');
  });

  it('keeps a reply header or signature with only blank lines above it: nothing would be left', () => {
    expect(trimQuotedReplies('\n\nOn Mon, Anna <a@b.c> wrote:\nold')).toBe('\n\nOn Mon, Anna <a@b.c> wrote:\nold');
    expect(trimSignature('\n\n-- \nJohn')).toBe('\n\n-- \nJohn');
  });

  it('a line is quoted only when it starts with ">": an arrow inside a line is text', () => {
    expect(cleanTicketText('Settings->Billing shows nothing\n> Where do you see the error?')).toBe(
      'Settings->Billing shows nothing',
    );
  });

  it('"From:" inside a ticket is a header only when "Sent:"/"Date:" follows within four lines', () => {
    expect(cleanTicketText('Order 5521 failed.\nFrom: Shop\na\nb\nSent: today\nold')).toBe('Order 5521 failed.');
    const text = 'Order 5521 failed.\nFrom: the checkout page I cannot pay.\nThe button is grey.';
    expect(cleanTicketText(text)).toBe(text);
    expect(cleanTicketText('Refund please.\nOn Monday it failed\nAs I wrote:')).toBe(
      'Refund please.\nOn Monday it failed\nAs I wrote:',
    );
  });
});

describe('where a signature block ends', () => {
  it('a tail line of up to six words and 80 characters is a signature line; one more is a sentence', () => {
    expect(cleanTicketText('Order late.\nRegards,\nHead of Customer Success at Acme')).toBe('Order late.');
    const seven = 'Order late.\nRegards,\nHead of Customer Success at Acme Ltd';
    expect(cleanTicketText(seven)).toBe(seven);
    expect(cleanTicketText(`Order late.\nRegards,\nAnna ${'x'.repeat(75)}`)).toBe('Order late.');
    const long = `Order late.\nRegards,\nAnna ${'x'.repeat(76)}`;
    expect(cleanTicketText(long)).toBe(long);
  });

  it('blank and indented lines of a raw signature do not count as lines or words', () => {
    expect(trimSignature('Order late.\nRegards,\n\n\n\nAnna\n\n\n')).toBe('Order late.');
    expect(trimSignature('Order late.\nRegards,\n        Anna Lee')).toBe('Order late.');
    expect(trimSignature('   Regards, Anna')).toBe('   Regards, Anna');
  });

  it('indented quoted lines are quotes too; space-only lines above a reply header are no content', () => {
    expect(trimQuotedReplies('Yes, twice.\n  > Were you charged twice?')).toBe('Yes, twice.');
    expect(trimQuotedReplies('  > forwarded\n  > complaint')).toBe('forwarded\ncomplaint');
    expect(trimQuotedReplies('   \nOn Mon, Anna <a@b.c> wrote:\nold')).toBe('   \nOn Mon, Anna <a@b.c> wrote:\nold');
  });

  it('a last line starting with "On" is text', () => {
    expect(cleanTicketText('The parcel was due.\nOn Monday')).toBe('The parcel was due.\nOn Monday');
  });

  it('"Sent:" four lines below "From:" still makes a header; five lines below does not', () => {
    expect(cleanTicketText('Order 5521 failed.\nFrom: Shop\na\nb\nc\nSent: today\nold')).toBe('Order 5521 failed.');
    const far = 'Order 5521 failed.\nFrom: Shop\na\nb\nc\nd\nSent: today\nold';
    expect(cleanTicketText(far)).toBe(far);
  });
});
