// Created-at dates as exports write them, read the way the person who wrote the export meant them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTicketDate, slashedDateOrder } from '../../src/ingest/dates.js';
import { parseTicketRows, type RowLayout } from '../../src/ingest/rows.js';
import { propertyRuns } from '../setup/property-runs.js';

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

// Machine-written dates and times, mostly valid, with at most one character broken: a stray letter, slash,
// space or other separator where a digit goes, another separator or zone letter.
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const machineDate = fc
  .tuple(fc.integer({ min: 990, max: 2030 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`);
const machineTime = fc
  .tuple(fc.constantFrom('T', ' '), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }))
  .chain(([sep, h, m]) => fc.integer({ min: 0, max: 61 }).map((sec) => `${sep}${pad(h)}:${pad(m)}:${pad(sec)}`));
const broken = (text: string, allowDash: boolean) =>
  fc
    .option(fc.tuple(fc.nat(), fc.constantFrom(...'a/ .:xTZ0123456789', ...(allowDash ? ['-'] : []))), {
      freq: 3,
    })
    .map((change) => {
      if (change === null) return text;
      const at = change[0] % text.length;
      return text.slice(0, at) + change[1] + text.slice(at + 1);
    });

describe('one date written two ways is read the same', () => {
  it('property: a date alone and the same date at 00:00 are the same moment, or both unreadable', () => {
    fc.assert(
      fc.property(
        machineDate.chain((d) => broken(d, true)),
        (d) => {
          expect(parseTicketDate(d)).toBe(parseTicketDate(`${d} 00:00`));
        },
      ),
      { numRuns: propertyRuns(2000) },
    );
  });

  it('property: a time with ".0" seconds added is the same moment, or both unreadable', () => {
    // No "-" in the time: "10:20-30" is 10:20 at UTC-30 minutes, a time with a zone.
    const dateTime = fc
      .tuple(machineDate, machineTime)
      .chain(([d, t]) => fc.tuple(broken(d, true), broken(t, false)))
      .map(([d, t]) => d + t);
    fc.assert(
      fc.property(dateTime, fc.constantFrom('', 'Z', 'z', 'x'), (dateTime, zone) => {
        expect(parseTicketDate(`${dateTime}${zone}`)).toBe(parseTicketDate(`${dateTime}.0${zone}`));
      }),
      { numRuns: propertyRuns(2000) },
    );
  });

  it('edge values: the years 1000 and 9999, 1 AM, an impossible date with a zone, a lowercase zone letter', () => {
    expect(parseTicketDate('1000-01-01')).toBe('1000-01-01T00:00:00.000Z');
    expect(parseTicketDate('9999-12-31 23:59')).toBe('9999-12-31T23:59:00.000Z');
    expect(parseTicketDate('3/5/2024 1:05 AM')).toBe('2024-03-05T01:05:00.000Z');
    expect(parseTicketDate('2024-02-30T10:00:00+03:00')).toBeNull();
    expect(parseTicketDate('2024-03-05T10:20z')).toBe('2024-03-05T10:20:00.000Z');
    expect(parseTicketDate('2024-03-05 10:20:30 +05:30')).toBe('2024-03-05T04:50:30.000Z');
  });
});
