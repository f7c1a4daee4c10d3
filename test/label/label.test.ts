import { describe, expect, it } from 'vitest';
import { labelClusters, labelParent } from '../../src/label/index.js';
import { labelFromKeywords, sharesWordRoot } from '../../src/label/keywords.js';
import { ENGLISH_TICKETS, RUSSIAN_TICKETS, corpusInput } from './corpus.js';

describe('labelClusters keywords (c-TF-IDF)', () => {
  it('finds the topic words of English clusters, bigram first, without repeating its unigrams', () => {
    const labels = labelClusters(corpusInput(ENGLISH_TICKETS));
    expect(labels).toHaveLength(3);
    expect(labels[0].keywords[0]).toBe('password reset');
    expect(labels[0].keywords).not.toContain('password');
    expect(labels[0].keywords).not.toContain('reset');
    expect(labels[0].label.startsWith('password reset')).toBe(true);
    expect(labels[1].keywords.slice(0, 3)).toEqual(expect.arrayContaining(['refund']));
    expect(labels[1].keywords.join(' ')).toMatch(/charge/);
    expect(labels[2].keywords.slice(0, 2)).toEqual(expect.arrayContaining(['delivery']));
    expect(labels[2].keywords).toContain('courier');
  });

  it('groups Russian inflections under one stem and shows the most frequent form', () => {
    const labels = labelClusters(corpusInput(RUSSIAN_TICKETS));
    const reset = labels[0];
    expect(reset.keywords[0]).toBe('сброс пароля');
    // "сброса", "сбросом", "пароль" are the same stems: never listed again.
    expect(reset.keywords.filter((k) => /парол/.test(k))).toHaveLength(1);
    expect(reset.keywords.filter((k) => /сброс/.test(k))).toHaveLength(1);
    expect(labels[1].keywords.join(' ')).toMatch(/деньги/);
    expect(labels[1].keywords.join(' ')).toMatch(/списан/);
    expect(labels[2].keywords.slice(0, 3).join(' ')).toMatch(/курьер/);
    expect(labels[2].keywords.join(' ')).toMatch(/доставк/);
  });

  it('never uses stop words or the noise tickets as keywords', () => {
    const labels = labelClusters(corpusInput(ENGLISH_TICKETS));
    const all = labels.flatMap((l) => l.keywords.flatMap((k) => k.split(' ')));
    for (const word of ['the', 'my', 'is', 'not', 'please', 'dark', 'mode']) expect(all).not.toContain(word);
  });

  it('gives a normalized stem signature per cluster', () => {
    const [reset] = labelClusters(corpusInput(ENGLISH_TICKETS));
    expect(reset.signature.length).toBeGreaterThan(2);
    expect(reset.signature.length).toBeLessThanOrEqual(30);
    const terms = reset.signature.map(([term]) => term);
    // Stem keys, unigrams and bigrams alike.
    expect(terms.slice(0, 3)).toEqual(expect.arrayContaining(['password', 'password reset']));
    expect(reset.signatureForms).toHaveLength(reset.signature.length);
    expect(reset.signatureForms[terms.indexOf('password reset')]).toBe('password reset');
    const norm = Math.hypot(...reset.signature.map(([, w]) => w));
    expect(norm).toBeCloseTo(1, 6);
    const weights = reset.signature.map(([, w]) => w);
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
  });

  it('rejects misaligned input', () => {
    const input = corpusInput(ENGLISH_TICKETS);
    expect(() => labelClusters({ ...input, texts: input.texts.slice(1) })).toThrow();
  });
});

describe('representative tickets', () => {
  it('orders members by closeness to the centroid and picks the 3 closest as examples', () => {
    const input = corpusInput(ENGLISH_TICKETS);
    const labels = labelClusters(input);
    // The corpus tilts later tickets further from their topic axis.
    expect(labels[0].memberOrder).toEqual([0, 1, 2, 3, 4]);
    expect(labels[0].exampleIndices).toEqual([0, 1, 2]);
    expect(labels[1].exampleIndices).toEqual([5, 6, 7]);
    expect(labels[2].memberOrder).toEqual([10, 11, 12, 13]);
    // Noise tickets are nobody's members.
    expect(labels.flatMap((l) => l.memberOrder)).not.toContain(14);
  });

  it('skips exact duplicate texts among the examples', () => {
    const tickets: Array<[number, string]> = [
      [0, 'refund please'],
      [0, 'Refund  please'],
      [0, 'refund for my order'],
      [0, 'refund not received'],
    ];
    const [label] = labelClusters(corpusInput(tickets));
    expect(label.exampleIndices).toEqual([0, 2, 3]);
  });

  it('works when a cluster has fewer than 3 tickets or only numbers', () => {
    const labels = labelClusters(
      corpusInput([
        [0, '12345'],
        [0, '777'],
        [0, '42'],
        [1, 'refund refund'],
      ]),
    );
    expect(labels[0].keywords).toEqual([]);
    expect(labels[0].label).toBe('12345');
    expect(labels[1].keywords).toEqual(['refund']);
    expect(labels[1].exampleIndices).toEqual([3]);
  });
});

describe('label text', () => {
  it('joins about three words of keywords', () => {
    expect(labelFromKeywords(['password reset', 'login', 'email'])).toBe('password reset · login');
    expect(labelFromKeywords(['refund', 'charge', 'card', 'order'])).toBe('refund · charge · card');
    expect(labelFromKeywords(['сброс пароля', 'личный кабинет', 'ошибка'])).toBe('сброс пароля · личный кабинет');
  });

  it('treats words with a long common root as near-duplicates', () => {
    expect(sharesWordRoot('монетизацию', 'подключить монетизировать')).toBe(true);
    expect(sharesWordRoot('payment', 'paypal')).toBe(false);
    expect(sharesWordRoot('transfer', 'transaction')).toBe(false);
  });

  it('labels a parent topic by the terms distinctive across its clusters', () => {
    const parent = labelParent([
      {
        label: 'double charge · refund',
        size: 40,
        signature: [
          ['double charg', 0.8],
          ['refund', 0.5],
          ['card', 0.3],
        ],
        signatureForms: ['double charge', 'refund', 'card'],
      },
      {
        label: 'subscription · refund',
        size: 30,
        signature: [
          ['subscript', 0.8],
          ['refund', 0.55],
          ['cancel', 0.2],
        ],
        signatureForms: ['subscription', 'refund', 'cancel'],
      },
    ]);
    expect(parent.startsWith('refund · double charge')).toBe(true);
    expect(labelParent([{ label: 'only child', size: 3, signature: [], signatureForms: [] }])).toBe('only child');
  });
});
