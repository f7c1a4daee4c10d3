import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { chooseColumns } from '../../src/ingest/columns.js';
import { chooseEconomicColumns, handleTimeUnitFromHeader } from '../../src/ingest/economic-columns.js';
import { describeColumns } from '../../src/ingest/index.js';

const named = (header: string[], taken: number[] = []) => {
  const chosen = chooseEconomicColumns(header, {}, new Set(taken), 'export.csv');
  return Object.fromEntries(Object.entries(chosen).map(([role, i]) => [role, i === null ? null : header[i]]));
};

describe('chooseEconomicColumns', () => {
  it('finds every column of the 17-column helpdesk export', () => {
    const header = [
      'Ticket ID',
      'Customer Name',
      'Customer Email',
      'Customer Age',
      'Customer Gender',
      'Product Purchased',
      'Date of Purchase',
      'Ticket Type',
      'Ticket Subject',
      'Ticket Description',
      'Ticket Status',
      'Resolution',
      'Ticket Priority',
      'Ticket Channel',
      'First Response Time',
      'Time to Resolution',
      'Customer Satisfaction Rating',
    ];
    expect(named(header, [0, 8, 9, 14])).toEqual({
      handleTime: null, // "Time to Resolution" is elapsed time, not an agent's minutes
      customer: 'Customer Email',
      customerSince: 'Date of Purchase',
      csat: 'Customer Satisfaction Rating',
      channel: 'Ticket Channel',
    });
  });

  it('finds Russian headers, units stripped', () => {
    const header = [
      'Номер',
      'Дата создания',
      'Тема',
      'Текст обращения',
      'Канал',
      'Время обработки, мин',
      'Клиент',
      'Дата регистрации',
      'Оценка',
    ];
    expect(named(header, [0, 1, 2, 3])).toEqual({
      handleTime: 'Время обработки, мин',
      customer: 'Клиент',
      customerSince: 'Дата регистрации',
      csat: 'Оценка',
      channel: 'Канал',
    });
  });

  it('finds English variants and leaves taken columns alone', () => {
    expect(named(['Subject', 'Handle time (min)', 'Customer ID', 'Customer since', 'CSAT', 'Channel'])).toEqual({
      handleTime: 'Handle time (min)',
      customer: 'Customer ID',
      customerSince: 'Customer since',
      csat: 'CSAT',
      channel: 'Channel',
    });
    expect(named(['Subject', 'Channel'], [1]).channel).toBeNull();
  });

  it('takes named columns over detection and names the option when one is missing', () => {
    const header = ['Subject', 'Minutes worked', 'Channel', 'Source'];
    const chosen = chooseEconomicColumns(
      header,
      { handleTime: 'minutes worked', channel: 'Source' },
      new Set(),
      'x.csv',
    );
    expect(chosen).toMatchObject({ handleTime: 1, channel: 3 });
    expect(() => chooseEconomicColumns(header, { csat: 'Rating' }, new Set(), 'x.csv')).toThrow(UserError);
    expect(() => chooseEconomicColumns(header, { csat: 'Rating' }, new Set(), 'x.csv')).toThrow(
      /x\.csv: no column "Rating" \(given by --csat\)/,
    );
  });
});

describe('handleTimeUnitFromHeader', () => {
  it('reads the unit a header states', () => {
    expect(handleTimeUnitFromHeader('Handle time (min)')).toBe('minutes');
    expect(handleTimeUnitFromHeader('Время обработки, мин')).toBe('minutes');
    expect(handleTimeUnitFromHeader('Handle time (sec)')).toBe('seconds');
    expect(handleTimeUnitFromHeader('Время обработки, сек')).toBe('seconds');
    expect(handleTimeUnitFromHeader('Time spent (hours)')).toBe('hours');
    expect(handleTimeUnitFromHeader('Handle time')).toBeNull();
  });
});

describe('a first-response time standing in for created-at', () => {
  it('is used only when the export has no created-at column, and says so', () => {
    const header = ['Ticket ID', 'Ticket Subject', 'Ticket Description', 'First Response Time', 'Time to Resolution'];
    expect(header[chooseColumns(header, {}, 'f.csv').date!]).toBe('First Response Time');
    expect(chooseColumns([...header, 'Created at'], {}, 'f.csv').date).toBe(5);
    const columns = { text: ['Ticket Subject'], id: 'Ticket ID', date: 'First Response Time' };
    expect(describeColumns({ columns })).toContain(
      'date: First Response Time (no created-at column; the first response stands in)',
    );
  });
});

describe('economic columns as exports name them', () => {
  it('units in brackets or after a comma are not part of the name', () => {
    expect(named(['Subject', 'Handle time [sec]', 'CSAT (1-5)', 'Канал, тип', 'Клиент (email)'])).toEqual({
      handleTime: 'Handle time [sec]',
      customer: 'Клиент (email)',
      customerSince: null,
      csat: 'CSAT (1-5)',
      channel: 'Канал, тип',
    });
  });

  it('a column named for one role is not detected for another; an empty name means "detect it"', () => {
    const header = ['Subject', 'Channel', 'Source', 'Rating'];
    const chosen = chooseEconomicColumns(header, { csat: 'Channel', channel: '' }, new Set(), 'x.csv');
    expect(chosen).toMatchObject({ csat: 1, channel: 2 });
    // Each column serves one role: two columns that could both be the channel give one channel.
    expect(named(['Subject', 'Channel', 'Ticket channel'])).toMatchObject({ channel: 'Channel' });
    // "Customer since" is the customer-since date, never the customer, whatever the column order.
    expect(named(['Subject', 'Customer since', 'Customer'])).toMatchObject({
      customer: 'Customer',
      customerSince: 'Customer since',
    });
    expect(named(['Subject', 'Registered', 'Client'])).toMatchObject({
      customer: 'Client',
      customerSince: 'Registered',
    });
  });

  it('a unit in the middle of the name, and a column first in the export', () => {
    expect(named(['Время (мин) обработки', 'Тема'])).toMatchObject({ handleTime: 'Время (мин) обработки' });
    expect(named(['Channel', 'Subject'])).toMatchObject({ channel: 'Channel' });
  });

  it('elapsed times are not handle time, in English or Russian', () => {
    expect(named(['Subject', 'Time to resolution', 'Время решения', 'Resolution time (h)'])).toMatchObject({
      handleTime: null,
    });
  });
});

describe('the unit a handle-time header states', () => {
  it.each([
    ['AHT (s)', 'seconds'],
    ['Handle time, секунды', 'seconds'],
    ['Handle_time_seconds', 'seconds'],
    ['Время обработки (с)', 'seconds'],
    ['Handle time [mins]', 'minutes'],
    ['Время обработки (минуты)', 'minutes'],
    ['Time spent, m', 'minutes'],
    ['Затраченное время в минутах', 'minutes'],
    ['Time spent [h]', 'hours'],
    ['Трудозатраты, ч', 'hours'],
    ['Трудозатраты (часах)', 'hours'],
    ['Work time hrs', 'hours'],
    ['Minutes worked', 'minutes'],
    ['Seconds on call', 'seconds'],
    ['Hours logged', 'hours'],
  ])('%s → %s', (header, unit) => {
    expect(handleTimeUnitFromHeader(header)).toBe(unit);
  });

  it.each(['Handle time (msec)', 'Handle time', 'Minimum wait', 'Session length', 'Time (utc)'])(
    '%s states no unit',
    (header) => {
      expect(handleTimeUnitFromHeader(header)).toBeNull();
    },
  );
});
