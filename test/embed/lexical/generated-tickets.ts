import { seededUniform } from '../../../src/numerics/random.js';

// Support-like tickets from a few dozen English and Russian words (stemmed, hashed, n-grammed like real ones),
// for the tests that compare one thread with two.
const WORDS = `payment card declined refund invoice password reset login account locked delivery late parcel
courier address change subscription cancel renew upgrade app crash update android iphone screen error code
не могу войти пароль оплата карта возврат доставка курьер заказ отменить подписка приложение ошибка обновление
telefon номер почта письмо`.split(/\s+/);

export function generatedTickets(count: number, seed: number): string[] {
  const uniform = seededUniform(seed);
  return Array.from({ length: count }, (_, i) => {
    const length = 3 + Math.floor(uniform() * 12);
    const words = Array.from({ length }, () => WORDS[Math.floor(uniform() * WORDS.length)]);
    return `${words.join(' ')} ${i % 97}`;
  });
}
