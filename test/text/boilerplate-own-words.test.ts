// A formula on tickets whose other words are each their own (names, codes, one-off details) is still a formula:
// words no other ticket uses are no evidence of a shared topic.
import { describe, expect, it } from 'vitest';
import { detectBoilerplate, removeBoilerplate } from '../../src/text/boilerplate.js';

const SUBJECTS = [
  'Не могу войти в аккаунт',
  'Возврат денег за заказ',
  'Курьер не привёз посылку',
  'Списали деньги дважды',
];

/** A made-up word for ticket i: none recurs. */
function ownWord(i: number, k: number): string {
  return `ж${[...String(i * 10 + k)].map((d) => 'абвгдежзик'[Number(d)]).join('')}`;
}

describe('a formula beside words of the customer’s own', () => {
  it('is boilerplate when its tickets share no other word', () => {
    const texts = Array.from({ length: 120 }, (_, i) =>
      i % 10 === 0
        ? `${ownWord(i, 1)} ${ownWord(i, 2)} ${ownWord(i, 3)}\nОтправлено с iPhone`
        : `${SUBJECTS[i % 4]} ${i}`,
    );
    expect(detectBoilerplate(texts).has('отправлено с iphone')).toBe(true);
    const { texts: stripped } = removeBoilerplate(texts);
    expect(stripped[10]).toBe(`${ownWord(10, 1)} ${ownWord(10, 2)} ${ownWord(10, 3)}`);
  });
});
