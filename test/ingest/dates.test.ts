// Created-at dates as exports write them, read the way the person who wrote the export meant them.
import { describe, expect, it } from 'vitest';
import { parseTicketDate, slashedDateOrder } from '../../src/ingest/dates.js';
import { parseTicketRows, type RowLayout } from '../../src/ingest/rows.js';

const layout = (h: string[]): RowLayout => ({ text: [1], id: 0, date: 2, extra: [], headerLength: h.length });
const createdDates = (dates: string[]) =>
  parseTicketRows(
    Buffer.from(`id;text;created\n${dates.map((d, i) => `${i + 1};ticket ${i + 1};${d}`).join('\n')}\n`),
    ';',
    'export.csv',
    0,
    layout,
  ).tickets.map((t) => t.createdAt?.slice(0, 10) ?? null);

describe('slashed dates: day first or month first', () => {
  it('a date 03/04/2025 in an export whose other dates are day-first is read as 3 April', () => {
    expect(createdDates(['25/03/2025', '03/04/2025 10:15', '14/04/2025'])).toEqual([
      '2025-03-25',
      '2025-04-03',
      '2025-04-14',
    ]);
  });

  it('in an export whose other dates are month-first, or that never shows which, 03/04/2025 is 4 March', () => {
    expect(createdDates(['03/25/2025', '03/04/2025'])).toEqual(['2025-03-25', '2025-03-04']);
    expect(createdDates(['03/04/2025', '05/06/2025'])).toEqual(['2025-03-04', '2025-05-06']);
  });

  it('an export that shows both orders keeps each date as it reads on its own', () => {
    expect(createdDates(['25/03/2025', '03/25/2025', '03/04/2025'])).toEqual([
      '2025-03-25',
      '2025-03-25',
      '2025-03-04',
    ]);
  });

  it('other date forms and unreadable cells neither decide the order nor change', () => {
    expect(createdDates(['2025/03/25', '03.04.2025', 'n/a', '13/13/2025', '03/04/2025'])).toEqual([
      '2025-03-25',
      '2025-04-03',
      null,
      null,
      '2025-03-04',
    ]);
    expect(createdDates(['2025-03-25', '31/03/2025', '2025/04/01', '01/02/2025'])).toEqual([
      '2025-03-25',
      '2025-03-31',
      '2025-04-01',
      '2025-02-01',
    ]);
  });

  it('which way one value reads', () => {
    expect(slashedDateOrder('25/03/2025')).toBe('day-first');
    expect(slashedDateOrder(' 03/25/2025 1:05 PM ')).toBe('month-first');
    expect(slashedDateOrder('03/04/2025')).toBe('either');
    expect(slashedDateOrder('12/12/2025')).toBe('either');
    expect(slashedDateOrder('13/12/2025')).toBe('day-first');
    expect(slashedDateOrder('12/13/2025')).toBe('month-first');
    expect(slashedDateOrder('2025/03/04')).toBeNull();
    expect(slashedDateOrder('03.04.2025')).toBeNull();
    expect(parseTicketDate('03/04/2025', true)).toBe('2025-04-03T00:00:00.000Z');
    expect(parseTicketDate('03/25/2025', true)).toBe('2025-03-25T00:00:00.000Z');
    expect(parseTicketDate('03/04/2025 2:05 PM', true)).toBe('2025-04-03T14:05:00.000Z');
  });
});
