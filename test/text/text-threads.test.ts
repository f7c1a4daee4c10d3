import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/numerics/random.js';
import { HelperThread, helperModule } from '../../src/numerics/threads.js';
import { SampleSteps } from '../../src/text/boilerplate.js';
import { PARALLEL_TEXT_MIN_CHARS, detectionOnTwoThreads, textStage, textThreads } from '../../src/text/text-threads.js';
import type { TextJob, TextReply } from '../../src/text/text-work.js';
import type { TicketExport } from '../../src/types.js';

// A helpdesk export as the text stage meets it: topics in two languages, HTML mail, quoted replies, signatures,
// personal data, recurring formulas (learned as boilerplate), a configured phrase, texts repeated word for word,
// texts that clean down to nothing, an over-long paste and a broken surrogate pair.
const TOPICS = [
  'Не могу войти в аккаунт, пароль не подходит',
  'Верните деньги за отменённый заказ',
  'Курьер не приехал, посылка задерживается',
  'Promo code gives an error at checkout',
  'The app crashes when I upload a photo',
  'Invoice for last month is missing',
];
const OPENINGS = ['Здравствуйте!', 'Добрый день.', 'Hello,', '<p>Hi team,</p>', ''];
const CLOSINGS = ['Спасибо, жду ответа.', 'С уважением, Ирина', 'Отправлено с iPhone', 'Thanks in advance!', ''];

function ticketExport(count: number, seed: number): TicketExport {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const tickets = Array.from({ length: count }, (_, i) => {
    let rawText: string;
    if (i % 97 === 5) rawText = '<p>&nbsp;</p>';
    else if (i % 31 === 7) rawText = 'Где мой заказ? Обращение с сайта';
    else {
      const order = Math.floor(random() * 1e9);
      const parts = [
        pick(OPENINGS),
        `${pick(TOPICS)}, заказ ${order}.`,
        random() < 0.3
          ? `Мой телефон +7 916 ${100 + (i % 900)}-${10 + (i % 90)}-${10 + (i % 80)}, почта user${i}@mail.ru.`
          : '',
        random() < 0.2 ? 'Обращение с сайта' : '',
        random() < 0.1 ? `> On Mon, Anna wrote:\n> old message ${i}` : '',
        i % 1000 === 3 ? `broken \ud83d pair ${i}` : '',
        pick(CLOSINGS),
      ];
      rawText = parts.filter((p) => p !== '').join('\n');
    }
    if (i === 11) rawText = 'лог '.repeat(30_000);
    return { id: String(i + 1), line: i + 2, rawText, createdAt: null, extra: {} };
  });
  return {
    tickets,
    skipped: [{ id: 'x', line: 5, reason: 'empty text' }],
    rowCount: count + 1,
  } as unknown as TicketExport;
}

describe('the text stage on two threads', () => {
  const saved = process.env.TICKETS_THREADS;
  afterEach(() => {
    if (saved === undefined) delete process.env.TICKETS_THREADS;
    else process.env.TICKETS_THREADS = saved;
  });
  const failing = {
    module: helperModule(new URL('../../src/text/text-threads.ts', import.meta.url).href, './text-work.js'),
    handler: 'noSuchJob',
  };

  it('gives the same texts, skipped rows and boilerplate summary as one thread, string for string', () => {
    // Two chunks of the helper's cleaning jobs; every ticket's text is far below the usual threshold.
    const count = 9000;
    const options = { phrases: ['Обращение с сайта'], leastChars: 0 };
    process.env.TICKETS_THREADS = '1';
    const one = textStage(ticketExport(count, 7), options);
    process.env.TICKETS_THREADS = '2';
    const progress: number[] = [];
    const two = textStage(ticketExport(count, 7), { ...options, onProgress: (p) => progress.push(p.done) });
    expect(two.texts).toEqual(one.texts);
    expect(two.summary).toEqual(one.summary);
    expect(two.cut).toBe(1);
    expect(two.ticketExport.skipped).toEqual(one.ticketExport.skipped);
    expect(two.ticketExport.tickets.map((t) => t.id)).toEqual(one.ticketExport.tickets.map((t) => t.id));
    // The export is what the stage is for: boilerplate learned and removed, emptied rows skipped, data masked.
    expect(one.summary.phrases.map((p) => p.text)).toEqual(
      expect.arrayContaining(['Спасибо, жду ответа', 'Обращение с сайта']),
    );
    expect(one.ticketExport.skipped.length).toBeGreaterThan(count / 100);
    expect(one.texts.some((t) => t.includes('@mail.ru'))).toBe(false);
    expect(one.texts.some((t) => t.includes('\ud83d'))).toBe(true);
    expect(progress[0]).toBe(0);
    expect(progress.length).toBeGreaterThan(1);
  });

  it('reports a failure of the helper thread to the caller', () => {
    process.env.TICKETS_THREADS = '2';
    expect(() => textStage(ticketExport(2000, 3), { helper: failing, leastChars: 0 })).toThrow(
      /text stage helper thread failed: .*TypeError/,
    );
  });

  it('stays on one thread below a few million characters, or with TICKETS_THREADS=1', () => {
    process.env.TICKETS_THREADS = '2';
    expect(textThreads(PARALLEL_TEXT_MIN_CHARS - 1)).toBe(1);
    expect(textThreads(PARALLEL_TEXT_MIN_CHARS)).toBe(2);
    // The failing helper is never started: nothing to fail.
    expect(textStage(ticketExport(2000, 3), { helper: failing }).texts.length).toBeGreaterThan(1900);
    process.env.TICKETS_THREADS = '1';
    expect(textThreads(PARALLEL_TEXT_MIN_CHARS * 10)).toBe(1);
    expect(textStage(ticketExport(2000, 3), { helper: failing, leastChars: 0 }).texts.length).toBeGreaterThan(1900);
  });

  it("splits boilerplate detection's sample: the same keys, candidates and stems (renumbered) as one thread", () => {
    const texts = ticketExport(600, 5).tickets.map((t) => t.rawText.replace(/<[^>]+>/g, ''));
    const one = new SampleSteps();
    const oneKeys = one.keys(texts);
    const candidateId = new Map(
      ['спасибо жду ответа', 'обращение с сайта', 'с уважением ирина'].map((k, id) => [k, id]),
    );
    const oneStemIds = new Map<string, number>();
    const oneSampled = one.sampled(candidateId, oneStemIds);
    const helper = HelperThread.fromModule<TextJob, TextReply>('text stage', failing.module, 'textJob', {
      phrases: [],
    });
    try {
      const two = detectionOnTwoThreads(helper);
      expect(two.keys(texts)).toEqual(oneKeys);
      const twoStemIds = new Map<string, number>();
      const twoSampled = two.sampled(candidateId, twoStemIds);
      // Stems are compared by what they are: the numbers may differ, the words may not.
      const named = (sampled: typeof oneSampled, ids: Map<string, number>) => {
        const stemOf = [...ids.keys()];
        return sampled.map((ticket) =>
          ticket.map((s) => ({
            candidates: s.candidates,
            stems: Array.from(s.stems, (id) => stemOf[id]).sort(),
            residual: Array.from(s.residual, (id) => stemOf[id]).sort(),
          })),
        );
      };
      expect(twoStemIds.size).toBe(oneStemIds.size);
      expect(named(twoSampled, twoStemIds)).toEqual(named(oneSampled, oneStemIds));
      expect(oneSampled.flat().some((s) => s.candidates.length > 0)).toBe(true);
    } finally {
      helper.close();
    }
  });
});
