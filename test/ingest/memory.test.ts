// What one ticket costs in memory after ingest: at a million tickets every spare 100 bytes is 0.1 GB.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseTicketDate } from '../../src/ingest/dates.js';
import { parseTicketRows, SharedValues, type RowLayout } from '../../src/ingest/rows.js';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Heap bytes held by what `make` returns, per item. */
function heapPerItem(count: number, make: () => unknown): number {
  collect();
  collect();
  const before = process.memoryUsage().heapUsed;
  const kept = make();
  collect();
  collect();
  const after = process.memoryUsage().heapUsed;
  expect(kept).toBeDefined();
  return (after - before) / count;
}

const ROWS = 20_000;
const CHANNELS = ['E-mail from the customer portal', 'Chat on the website in Russian', 'Phone line (second level)'];

describe('ingest memory per ticket', () => {
  it('a created-at date is one flat string, not a tree of its pieces (about 40 bytes, not 330)', () => {
    const perDate = heapPerItem(ROWS, () =>
      Array.from({ length: ROWS }, (_, i) =>
        parseTicketDate(`2026-0${1 + (i % 9)}-1${i % 10}T10:${10 + (i % 50)}:00Z`),
      ),
    );
    expect(perDate).toBeLessThan(80);
    expect(parseTicketDate('2026-03-05T10:20:00Z')).toBe('2026-03-05T10:20:00.000Z');
  });

  it('repeated values of the other columns are held once, not once a row', () => {
    const header = 'id,text,created,channel,queue,plan,csat,minutes\n';
    const rows = Array.from(
      { length: ROWS },
      (_, i) =>
        `${i},"ok",2026-03-0${1 + (i % 9)}T10:20:00Z,${CHANNELS[i % 3]},${CHANNELS[(i + 1) % 3]},` +
        `${CHANNELS[(i + 2) % 3]},${CHANNELS[i % 2]},${CHANNELS[(i >> 1) % 3]}`,
    );
    const csv = Buffer.from(header + rows.join('\n'));
    const layout: RowLayout = {
      text: [1],
      id: 0,
      date: 2,
      extra: [2, 3, 4, 5, 6, 7].map((i) => [i, `c${i}`] as [number, string]),
      headerLength: 8,
    };
    let tickets: ReturnType<typeof parseTicketRows>['tickets'] = [];
    // Five 30-character values a row would be about 250 bytes if each row kept its own strings.
    const perTicket = heapPerItem(ROWS, () => {
      tickets = parseTicketRows(csv, ',', 'x.csv', 0, () => layout).tickets;
      return tickets;
    });
    expect(tickets).toHaveLength(ROWS);
    expect(tickets[4]!.extra).toEqual({
      c2: '2026-03-05T10:20:00Z',
      c3: CHANNELS[1],
      c4: CHANNELS[2],
      c5: CHANNELS[0],
      c6: CHANNELS[0],
      c7: CHANNELS[2],
    });
    expect(tickets[4]!.createdAt).toBe('2026-03-05T10:20:00.000Z');
    expect(perTicket).toBeLessThan(400);
  });

  it('shares values up to 32 characters and passes longer ones through', () => {
    const shared = new SharedValues();
    expect(shared.of('email')).toBe('email');
    expect(shared.of('email')).toBe('email');
    const long = 'x'.repeat(40);
    expect(shared.of(long)).toBe(long);
  });
});
