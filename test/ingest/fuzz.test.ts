// Broken exports, a thousand of them: valid exports mutated the ways spreadsheets and export tools
// break files. Whatever comes in, ingest + text either refuse it with one clear line (a UserError)
// or account for every row: rows = tickets + skipped, each skip with its reason and line.
// Fixed seed and iteration count, so a failure reproduces and the suite stays bounded in time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { readTicketExport } from '../../src/ingest/index.js';
import { mulberry32 } from '../../src/numerics/random.js';
import { prepareExportTexts } from '../../src/text/index.js';
import { lineStarts, mutatedExport, NAMES, SEEDS, splice } from './mutations.js';

const dir = mkdtempSync(join(tmpdir(), 'tickets-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  refused: boolean;
}

/** Reads the file through ingest and text; checks the contract; says whether it was refused. */
async function checkContract(file: string): Promise<Outcome> {
  let ingested;
  try {
    ingested = await readTicketExport(file, {});
  } catch (err) {
    // Refusing is allowed only as a user error: one line, naming the file or the option.
    expect(err).toBeInstanceOf(UserError);
    const message = (err as Error).message;
    expect(message, message.slice(0, 300)).not.toContain('\n');
    expect(message.length, message.slice(0, 300)).toBeLessThan(600);
    expect(message).toContain(file);
    return { refused: true };
  }
  const { ticketExport, texts } = prepareExportTexts(ingested);
  expect(ticketExport.rowCount).toBe(ticketExport.tickets.length + ticketExport.skipped.length);
  expect(texts).toHaveLength(ticketExport.tickets.length);
  for (const text of texts) expect(text).not.toBe('');
  for (const s of ticketExport.skipped) {
    expect(['empty text', 'duplicate id']).toContain(s.reason);
    expect(s.line).toBeGreaterThanOrEqual(2);
  }
  for (const t of ticketExport.tickets) expect(t.line).toBeGreaterThanOrEqual(2);
  return { refused: false };
}

describe('fuzzed exports: one clear line or every row accounted for', () => {
  it('1,000 mutated exports (seed 19), every kind of break among them', async () => {
    const random = mulberry32(19);
    const counts = { read: 0, refused: 0 };
    const applied = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const { bytes, kinds } = mutatedExport(random);
      for (const kind of kinds) applied.set(kind, (applied.get(kind) ?? 0) + 1);
      const file = join(dir, `fuzz-${i}.csv`);
      writeFileSync(file, bytes);
      const outcome = await checkContract(file);
      counts[outcome.refused ? 'refused' : 'read']++;
    }
    for (const kind of NAMES) expect(applied.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(30);
    // Leniency: most broken exports are still read, not refused.
    expect(counts.read).toBeGreaterThan(counts.refused * 3);
  }, 120_000);

  it('a 10 MB field, 10,000 columns, a NUL byte: read, not refused', async () => {
    const base = SEEDS[0]![0];
    const cases: Record<string, Buffer> = {
      tenMegabyteField: splice(
        base,
        lineStarts(base)[3]!,
        0,
        `999,2024-03-04T07:25:45Z,chat,Big,"${'Не могу войти. '.repeat(700_000)}",4\n`,
      ),
      tenThousandColumns: Buffer.from(
        base
          .toString('utf8')
          .split('\n')
          .map((line, i) =>
            line === '' ? line : line + Array.from({ length: 10_000 }, (_, c) => (i === 0 ? `,x${c}` : ',')).join(''),
          )
          .join('\n'),
      ),
      oneNul: splice(base, lineStarts(base)[5]! + 10, 0, Buffer.from([0])),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      const file = join(dir, `${name}.csv`);
      writeFileSync(file, bytes);
      const outcome = await checkContract(file);
      expect(outcome.refused, name).toBe(false);
    }
    const nul = await readTicketExport(join(dir, 'oneNul.csv'), {});
    expect(nul.warnings?.join('\n')).toMatch(/removed 1 control character\(s\) .* from 1 line\(s\), first on line 6/);
  }, 60_000);
});
