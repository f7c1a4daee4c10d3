// Small hand-made ticket corpora (English and Russian) with known topics, and vectors that place each
// ticket near its topic's direction, so labeling can be checked against what a person would say.
import type { EmbeddingMatrix } from '../../src/types.js';

export const ENGLISH_TICKETS: Array<[topic: number, text: string]> = [
  [0, 'I need a password reset, the reset link never arrives'],
  [0, 'Password reset email is not coming, cannot log in'],
  [0, 'Forgot my password, how do I do a password reset?'],
  [0, 'The password reset page gives an error'],
  [0, 'Please help with password reset for my login'],
  [1, 'I was charged twice for my order, need a refund'],
  [1, 'Double charge on my card, please refund the second payment'],
  [1, 'Refund for duplicate payment has not arrived'],
  [1, 'You charged me twice this month'],
  [1, 'When will the refund for the double charge arrive?'],
  [2, 'Delivery is late, the courier has not come'],
  [2, 'My parcel delivery is delayed by a week'],
  [2, 'Courier missed the delivery window again'],
  [2, 'Where is my delivery? Tracking shows no update'],
  [-1, 'Do you have a dark mode in the app?'],
  [-1, 'Great service, thank you'],
];

export const RUSSIAN_TICKETS: Array<[topic: number, text: string]> = [
  [0, 'Не могу сбросить пароль, письмо для сброса пароля не приходит'],
  [0, 'Сброс пароля не работает, пишет ошибку'],
  [0, 'Забыл пароль, как сделать сброс пароля?'],
  [0, 'Помогите со сбросом пароля от личного кабинета'],
  [0, 'Ссылка на сброс пароля устарела'],
  [1, 'Деньги списали дважды, верните деньги за заказ'],
  [1, 'Двойное списание с карты, прошу вернуть деньги'],
  [1, 'Списали деньги два раза за одну подписку'],
  [1, 'Когда вернут деньги за двойное списание?'],
  [2, 'Курьер опоздал с доставкой на два дня'],
  [2, 'Доставка задерживается, курьер не звонит'],
  [2, 'Где моя доставка? Курьер так и не приехал'],
  [2, 'Перенесите доставку, курьер не пришел вовремя'],
  [-1, 'Есть ли у вас тёмная тема?'],
];

/** Texts, labels and vectors for a corpus; ticket i sits at its topic axis plus a small tilt of its own. */
export function corpusInput(tickets: Array<[number, string]>): {
  texts: string[];
  labels: Int32Array;
  clusterCount: number;
  vectors: EmbeddingMatrix;
} {
  const clusterCount = Math.max(...tickets.map(([t]) => t)) + 1;
  const dims = clusterCount + tickets.length + 1;
  const data = new Float32Array(tickets.length * dims);
  tickets.forEach(([topic], i) => {
    const row = i * dims;
    data[row + (topic >= 0 ? topic : clusterCount)] = 1;
    // A tilt that grows with the ticket's position inside its topic: earlier tickets are more central.
    const position = tickets.slice(0, i).filter(([t]) => t === topic).length;
    data[row + clusterCount + 1 + i] = 0.1 * (position + 1);
    const norm = Math.hypot(...data.subarray(row, row + dims));
    for (let d = 0; d < dims; d++) data[row + d] /= norm;
  });
  return {
    texts: tickets.map(([, text]) => text),
    labels: Int32Array.from(tickets, ([t]) => t),
    clusterCount,
    vectors: { rows: tickets.length, dims, data },
  };
}
