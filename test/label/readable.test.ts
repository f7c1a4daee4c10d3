import { describe, expect, it } from 'vitest';
import { labelClusters } from '../../src/label/index.js';
import { distinctLabels } from '../../src/label/distinct.js';
import { readableTerm } from '../../src/label/keywords.js';
import { stem } from '../../src/text/stem.js';
import { corpusInput } from './corpus.js';

describe('labels a reader can use', () => {
  it('never gives two clusters the same label', () => {
    const same = ['issue facing', 'sometimes works'];
    expect(
      distinctLabels([
        { label: 'screen · flicker', keywords: ['screen', 'flicker', 'battery', 'charger'] },
        { label: 'screen · flicker', keywords: ['screen', 'flicker', 'charger', 'cable'] },
        { label: 'refund', keywords: ['refund'] },
      ]),
    ).toEqual(['screen · flicker · battery', 'screen · flicker · cable', 'refund']);
    // Nothing tells them apart: numbered, the first keeps its label.
    expect(
      distinctLabels([
        { label: 'a · b', keywords: same },
        { label: 'a · b', keywords: same },
        { label: 'A · B', keywords: same },
      ]),
    ).toEqual(['a · b', 'a · b (2)', 'A · B (3)']);
  });

  it('makes labels unique inside labelClusters', () => {
    const tickets: Array<[number, string]> = [];
    for (let i = 0; i < 6; i++) tickets.push([0, `Screen flickers on my laptop, battery drains ${i}`]);
    for (let i = 0; i < 6; i++) tickets.push([1, `Screen flickers on my laptop, charger is hot ${i}`]);
    const labels = labelClusters(corpusInput(tickets)).map((l) => l.label);
    expect(new Set(labels).size).toBe(2);
  });

  it('builds bigrams only from words written side by side, never across a stop word', () => {
    const tickets: Array<[number, string]> = [
      [0, 'The store is soon to open since the latest update'],
      [0, 'Store soon to open? Since the latest update it says so'],
      [0, 'When is the store going to open, since the latest update'],
      [1, 'Refund for my order please'],
      [1, 'Refund not received for order'],
      [1, 'Need refund for order'],
    ];
    const [store] = labelClusters(corpusInput(tickets));
    expect(store.keywords).not.toContain('soon open');
    expect(store.keywords).not.toContain('since latest');
    expect(store.keywords).toContain('latest update');
  });

  it('keeps months, weekdays, cities and filler verbs out of keywords', () => {
    const tickets: Array<[number, string]> = [
      [0, 'Доставка в Екатеринбурге задерживается с марта'],
      [0, 'Доставка в Екатеринбурге опять задерживается, заказ должен прийти в пятницу'],
      [0, 'Екатеринбурге доставка задерживается, обещали в марте'],
      [1, 'Order should arrive in March, delivery late since Monday'],
      [1, 'Order was to arrive March 3, delivery late'],
      [1, 'Delivery late, order did not arrive in March'],
    ];
    const [ru, en] = labelClusters(corpusInput(tickets));
    const words = (l: { keywords: string[] }) => l.keywords.join(' ');
    expect(words(ru)).toMatch(/доставка/);
    expect(words(ru)).not.toMatch(/екатеринбург|март|пятниц|должен/);
    expect(words(en)).toMatch(/delivery/);
    expect(words(en)).not.toMatch(/march|monday/);
    for (const word of ['марта', 'екатеринбурге', 'monday', 'facing']) expect(readableTerm(stem(word))).toBe(false);
    expect(readableTerm(`${stem('доставка')} ${stem('курьер')}`)).toBe(true);
  });
});
