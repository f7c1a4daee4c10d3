import { describe, expect, it } from 'vitest';
import {
  ibanValid,
  innValid,
  looksLikePhone,
  luhnValid,
  maskPii,
  maskSecrets,
  snilsValid,
} from '../../src/text/pii.js';
import { ORDINARY_TEXTS, PII_SAMPLES } from './pii-samples.js';

describe('maskPii: what is masked', () => {
  it.each([
    ['write to anna.smith+shop@example.co.uk please', 'write to [email] please'],
    ['почта: иван@почта.рф', 'почта: [email]'],
    ['see https://shop.example.com/orders/123?x=1.', 'see [url].'],
    ['Правилаhttps://rutube.ru/info/taboo/ тут', 'Правила[url] тут'],
    ['www.example.org/help', '[url]'],
    ['reset link http://x.com/?token=abcdef123456789 expired', 'reset link [url] expired'],
    ['card 4111 1111 1111 1111 expired', 'card [card] expired'],
    ['card 4111-1111-1111-1111', 'card [card]'],
    ['карта 2200154512345678', 'карта [card]'],
    ['amex 3782 822463 10005', 'amex [card]'],
    ['call +7 (912) 345-67-89', 'call [phone]'],
    ['call +79123456789', 'call [phone]'],
    ['тел. 8 912 345 67 89', 'тел. [phone]'],
    ['тел 89123456789', 'тел [phone]'],
    ['8-800-555-35-35 горячая линия', '[phone] горячая линия'],
    ['(495) 123-45-67', '[phone]'],
    ['US 555-123-4567 or (555) 123-4567 or 1-800-555-0199', 'US [phone] or [phone] or [phone]'],
    ['UK +44 20 7946 0958', 'UK [phone]'],
    ['счёт 40817810099991234567', 'счёт [account]'],
    ['р/с 40702 810 4 3811 0012345', 'р/с [account]'],
    ['IBAN GB82 WEST 1234 5698 7654 32 ok', 'IBAN [account] ok'],
    ['DE89370400440532013000', '[account]'],
    ['account No 12345678', 'account No [account]'],
    ['acct #1234-5678-90', 'acct #[account]'],
    ['лицевой счет № 1234567890', 'лицевой счет № [account]'],
    ['л/с 123456789', 'л/с [account]'],
    ['card ending 4111 1111 1111 1112', 'card ending [card]'], // fails Luhn: a mistyped card is still a card
    ['паспорт 4510 123456 выдан', 'паспорт [passport] выдан'],
    ['4510 123456', '[passport]'],
    ['серия 4510 номер 123456', 'серия [passport]'],
    ['СНИЛС 112-233-445 95', 'СНИЛС [snils]'],
    ['112-233-445 95', '[snils]'],
    ['ИНН 7707083893', 'ИНН [inn]'],
    ['500100732259', '[inn]'],
    ['key sk-live-4eC39HqLyjWDarjtT1zdp7dc', 'key [secret]'],
    ['Authorization: Bearer abc123def456ghi', 'Authorization: Bearer [secret]'],
    ['Basic dXNlcjpwYXNzd29yZA==', 'Basic [secret]'],
    ['example.com/reset?token=abc123XYZ', 'example.com/reset?token=[secret]'],
    ['api_key=abcdef123456', 'api_key=[secret]'],
    ['password: hunter2x', 'password: [secret]'],
    ['sha 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'sha [secret]'],
    ['tel: 020 7946 0958', 'tel: [phone]'],
    ['07911 123456', '[phone]'],
    ['9123456789', '[phone]'],
    ['8 383 212-34-56', '[phone]'],
    ['8 (3822) 12-34-56', '[phone]'],
    ['00 44 20 7946 0958', '[phone]'],
    // A name before the number does not save a 16-digit card, nor a number the word calls a phone.
    ['order 4276 3800 1234 5678', 'order [card]'],
    // A 32+ character run of letters and digits is a key, even when it reads like a name (docs/decisions.md).
    ['x aZ3kLm9QpX2rT7vB1nC8dE4fG6hJ0sW5 y', 'x [secret] y'],
    ['id 0b9e5c49-48c7-43a9-ab85-9e39ad8d2f9c1', 'id [secret]'],
    ['xrapxogmwqiasujc0tkkagwkqe5lyvok', '[secret]'],
    ["AbstractTransactionalJUnit4SpringContextTests: can't", "[secret]: can't"],
    ['order 9123456789, tel 9123456789', 'order 9123456789, tel [phone]'],
    ['call 9123456789 about order 48213', 'call [phone] about order 48213'],
    // Punctuation after a masked value belongs to the sentence: the ")" or "." stays.
    ['(see https://x.io/?token=abc123)', '(see [url])'],
    ['(token=abc123)', '(token=[secret])'],
    ['[password=hunter22], then', '[password=[secret]], then'],
    ['api_key=abcd1234. Next', 'api_key=[secret]. Next'],
    ['see (https://x.io/a?sig=abc123def).', 'see ([url]).'],
    ['https://en.wikipedia.org/wiki/Foo_(bar) and', '[url] and'],
    ['(https://en.wikipedia.org/wiki/Foo_(bar))', '([url])'],
  ])('%j → %j', (input, masked) => {
    expect(maskPii(input)).toBe(masked);
  });
});

describe('maskPii: the PII test set', () => {
  it.each(PII_SAMPLES.map((s) => [s.kind, s.text, s.secret]))('%s: %j', (_kind, text, secret) => {
    const masked = maskPii(text);
    expect(masked).not.toContain(secret);
    expect(masked).toMatch(/\[(?:email|phone|card|account|url|passport|snils|inn|secret)\]/);
  });

  it('all of them in one ticket', () => {
    const masked = maskPii(PII_SAMPLES.map((s) => s.text).join('. '));
    for (const s of PII_SAMPLES) expect(masked).not.toContain(s.secret);
  });

  it('ordinary numbers keep their meaning', () => {
    for (const text of ORDINARY_TEXTS) expect(maskPii(text)).toBe(text);
  });

  it('secrets in messages: URL credentials, keys', () => {
    expect(maskSecrets('cannot reach http://user:sk-abc123xyz@host/v1 (refused)')).toBe(
      'cannot reach http://[secret]@host/v1 (refused)',
    );
    expect(maskSecrets('--endpoint "htp://u:p4ss@x"')).not.toContain('p4ss');
  });
});

describe('maskPii: what is left alone', () => {
  it.each([
    'Order 48213 of 12.03.2024 at 10:30',
    'charged 1 500 000 руб, then $1,234.56 and 3 000 ₽',
    'on 2024-03-05 at 14:05:33',
    'version 2.13.4 build 20240305',
    'tracking 123456789012',
    'order #4821375',
    'promo SPRING20 gives 20% off',
    'paid 12 500,00 руб. 05.03.2024',
    'my account 2 days ago',
    'Room 1203, floor 12',
    'GB82 is not an iban',
    // Found by npm run bench:masking (figures in docs/benchmarks.md):
    'on 02.11.2022 04:25 it failed', // was "[phone]:25"
    'server 143.29.188.246 down', // IPv4 was a phone
    'ratio 0.00015735595957', // a decimal fraction was a phone
    'address 0x00000000000000', // a hex literal was a card
    'card 0000 0000 0000 0000 in the docs', // one digit over and over: a placeholder
    'order 9540177986 was cancelled', // named order numbers are no phone, INN or short card
    'заказ № 78601659053 не пришёл',
    'order 800716833799 was cancelled',
    'трек-номер 83034638425511',
    'barcode 3982729157178 not found',
    'ticket #9123456789',
  ])('%j', (input) => {
    expect(maskPii(input)).toBe(input);
  });
});

describe('checks', () => {
  it('Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
  it('IBAN mod 97', () => {
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('GB83WEST12345698765432')).toBe(false);
  });
  it('INN and SNILS check digits', () => {
    expect(innValid('7707083893')).toBe(true);
    expect(innValid('7707083894')).toBe(false);
    expect(innValid('500100732259')).toBe(true);
    expect(innValid('123456789012')).toBe(false);
    expect(snilsValid('11223344595')).toBe(true);
    expect(snilsValid('11223344596')).toBe(false);
  });
  it('phone shapes', () => {
    expect(looksLikePhone('+49 30 123456')).toBe(true);
    expect(looksLikePhone('12.03.2024')).toBe(false);
    expect(looksLikePhone('1234567890')).toBe(false); // an unformatted 10-digit run may be an order number
  });
});
