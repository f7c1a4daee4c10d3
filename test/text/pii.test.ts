import { describe, expect, it } from 'vitest';
import { ibanValid, looksLikePhone, luhnValid, maskPii } from '../../src/text/pii.js';

describe('maskPii: what is masked', () => {
  it.each([
    ['write to anna.smith+shop@example.co.uk please', 'write to [email] please'],
    ['почта: иван@почта.рф', 'почта: [email]'],
    ['see https://shop.example.com/orders/123?x=1.', 'see [url].'],
    ['Правилаhttps://rutube.ru/info/taboo/ тут', 'Правила[url] тут'],
    ['www.example.org/help', '[url]'],
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
  ])('%j → %j', (input, masked) => {
    expect(maskPii(input)).toBe(masked);
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
    'card ending 4111 1111 1111 1112', // fails Luhn
    'promo SPRING20 gives 20% off',
    'paid 12 500,00 руб. 05.03.2024',
    'my account 2 days ago',
    'Room 1203, floor 12',
    'GB82 is not an iban',
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
  it('phone shapes', () => {
    expect(looksLikePhone('+49 30 123456')).toBe(true);
    expect(looksLikePhone('12.03.2024')).toBe(false);
    expect(looksLikePhone('1234567890')).toBe(false); // an unformatted 10-digit run may be an order number
  });
});
