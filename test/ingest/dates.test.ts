// Created-at dates as exports write them, read the way the person who wrote the export meant them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoFast, parseTicketDate, slashedDateOrder } from '../../src/ingest/dates.js';
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

describe('created-at values as real exports write them', () => {
  const at = (value: string, dayFirst = false) => parseTicketDate(value, dayFirst);

  it('Russian exports: dd.mm.yyyy, with a time, a comma before it, seconds, a two-digit year', () => {
    expect(at('05.03.2024')).toBe('2024-03-05T00:00:00.000Z');
    expect(at('5.3.2024 9:07')).toBe('2024-03-05T09:07:00.000Z');
    expect(at('05.03.2024, 14:30:15')).toBe('2024-03-05T14:30:15.000Z');
    expect(at('31.12.24 23:59')).toBe('2024-12-31T23:59:00.000Z');
    expect(at('5.3.24')).toBe('2024-03-05T00:00:00.000Z');
    // Day and month as written: 13.01 is 13 January, 01.13 no date at all.
    expect(at('13.01.2024')).toBe('2024-01-13T00:00:00.000Z');
    expect(at('01.13.2024')).toBeNull();
  });

  it('ISO timestamps with a zone are moved to UTC: +03:00, +0300, +03, -08:00, Z', () => {
    expect(at('2024-03-05T10:20:30+03:00')).toBe('2024-03-05T07:20:30.000Z');
    expect(at('2024-03-05T10:20:30+0300')).toBe('2024-03-05T07:20:30.000Z');
    expect(at('2024-03-05T10:20+03')).toBe('2024-03-05T07:20:00.000Z');
    expect(at('2024-03-05T22:20:30-08:00')).toBe('2024-03-06T06:20:30.000Z');
    expect(at('2024-03-05 10:20:30 -0130')).toBe('2024-03-05T11:50:30.000Z');
    expect(at('2024-03-05T10:20:30Z')).toBe('2024-03-05T10:20:30.000Z');
    // Across midnight, a month end and a year end.
    expect(at('2024-01-01T01:00:00+03:00')).toBe('2023-12-31T22:00:00.000Z');
  });

  it('fractions of a second: milliseconds kept, finer digits cut, a comma as the decimal mark', () => {
    expect(at('2024-03-05T10:20:30.123Z')).toBe('2024-03-05T10:20:30.123Z');
    expect(at('2024-03-05T10:20:30.1234567Z')).toBe('2024-03-05T10:20:30.123Z');
    expect(at('2024-03-05 10:20:30,5')).toBe('2024-03-05T10:20:30.500Z');
    expect(at('2024-03-05T10:20:30.999999+01:00')).toBe('2024-03-05T09:20:30.999Z');
  });

  it('US exports: m/d/yyyy with AM/PM; 12 AM is midnight, 12 PM noon, 0 or 13 with AM/PM no time at all', () => {
    expect(at('3/5/2024 12:05 AM')).toBe('2024-03-05T00:05:00.000Z');
    expect(at('3/5/2024 12:05 PM')).toBe('2024-03-05T12:05:00.000Z');
    expect(at('3/5/2024 11:59:59 pm')).toBe('2024-03-05T23:59:59.000Z');
    expect(at('03/05/2024, 14:30')).toBe('2024-03-05T14:30:00.000Z');
    expect(at('3/5/2024 0:30 AM')).toBeNull();
    expect(at('3/5/2024 13:30 PM')).toBeNull();
    // Neither part can be the month: no date, whichever order the export uses.
    expect(at('25/13/2025')).toBeNull();
    expect(at('25/13/2025', true)).toBeNull();
    // 25/03 reads day first on its own; with days first, 03/25 still reads month first (25 is no month).
    expect(at('25/03/2025 8:00 PM')).toBe('2025-03-25T20:00:00.000Z');
  });

  it('yyyy/mm/dd, with a time', () => {
    expect(at('2024/3/5')).toBe('2024-03-05T00:00:00.000Z');
    expect(at('2024/03/05 07:08:09')).toBe('2024-03-05T07:08:09.000Z');
    expect(at('2024/13/05')).toBeNull();
  });

  it('29 February only in leap years (2000 and 2024 are, 1900 and 2023 are not), in every form', () => {
    for (const leap of ['2024-02-29', '29.02.2024', '2/29/2024', '2024/02/29', '2000-02-29T12:00:00Z']) {
      expect(at(leap), leap).not.toBeNull();
    }
    for (const not of ['2023-02-29', '29.02.2023', '2/29/2023', '1900-02-29', '1900-02-29T12:00:00+01:00']) {
      expect(at(not), not).toBeNull();
    }
    expect(at('2000-02-29T12:00:00Z')).toBe('2000-02-29T12:00:00.000Z');
  });

  it('the last day of each month is a date, the day after it is not', () => {
    const last = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    last.forEach((days, i) => {
      const month = String(i + 1).padStart(2, '0');
      expect(at(`2023-${month}-${days}`)).toBe(`2023-${month}-${days}T00:00:00.000Z`);
      expect(at(`2023-${month}-${days + 1}`)).toBeNull();
      expect(at(`${days + 1}.${month}.2023`)).toBeNull();
    });
    expect(at('2023-00-10')).toBeNull();
    expect(at('2023-01-00')).toBeNull();
    expect(at('00.01.2023')).toBeNull();
  });

  it('times past 23:59:59 are no time: 24:00, minute 60, a leap second', () => {
    expect(at('2024-03-05 23:59:59')).toBe('2024-03-05T23:59:59.000Z');
    expect(at('2024-03-05 24:00')).toBeNull();
    expect(at('2024-03-05T24:00:00Z')).toBeNull();
    expect(at('2024-03-05 10:60')).toBeNull();
    expect(at('2024-03-05T10:59:60Z')).toBeNull();
    expect(at('05.03.2024 24:00')).toBeNull();
    expect(at('05.03.2024 10:60')).toBeNull();
    expect(at('3/5/2024 10:00:60')).toBeNull();
  });

  it('what is no date: Excel serial numbers, words, a year alone, a date inside text, blanks', () => {
    // A date column saved as "General" in Excel holds serial numbers (45356 = 2024-03-05): they read as no date
    // rather than guess, since an id or amount column looks the same.
    for (const cell of ['45356', '45356.5', 'yesterday', '2024', 'since 22.01.2022', '', '   ', '2024-03-05 ?']) {
      expect(at(cell), cell).toBeNull();
    }
    // Spaces around a value are not part of it.
    expect(at('  05.03.2024  ')).toBe('2024-03-05T00:00:00.000Z');
  });
});

// Speed, not meaning: on a million-row export the dates are read once a row, and the machine-written forms take a
// shortcut past the regexes (a shortcut that quietly declined everything would give the same dates, only slower).
describe('the shortcut for machine-written dates', () => {
  it('reads yyyy-mm-dd and yyyy-mm-dd[T ]hh:mm:ss[Z] itself, every digit 0-9, to what the full reader gives', () => {
    const machineWritten = [
      '2024-03-05',
      '1999-09-09 09:09:09',
      '2000-10-20T00:00:00',
      '2018-12-31T23:59:58Z',
      '2031-01-01 12:34:56z',
      '1876-05-04T18:27:45',
    ];
    for (const value of machineWritten) {
      expect(parseIsoFast(value), value).toBe(parseTicketDate(value));
      expect(parseIsoFast(value), value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    }
    expect(parseIsoFast('1999-09-09 09:09:09')).toBe('1999-09-09T09:09:09.000Z');
    // Its shape with impossible numbers: read, and no date (the regexes are not asked again).
    for (const value of ['0000-01-01', '2024-00-10', '2024-01-00', '2023-02-29', '2024-03-05 24:00:00']) {
      expect(parseIsoFast(value), value).toBeNull();
    }
  });

  it('leaves every other shape to the full reader', () => {
    const others = [
      '2024-03-05T10:20',
      '2024-03-05T10:20:30.5Z',
      '2024-03-05T10:20:30+03:00',
      '2024-03-05T10:20:30+0300',
      '2024-03-05T10:20:30X',
      '2024-03-05X10:20:30',
      '2024-03-05T10-20:30',
      '2024-03-05T10:20-30',
      '2024/03/05',
      '2024-03/05',
      '05.03.2024',
      '20x4-03-05',
      '2024-0a-05',
      '2024-03-0x',
      '2024-03-05 1a:20:30',
      '2024-03-05 10:2b:30',
      '2024-03-05 10:20:3c',
      '2024-03-05T10:20:3',
    ];
    for (const value of others) expect(parseIsoFast(value), value).toBeUndefined();
  });
});
