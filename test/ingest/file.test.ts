// The export file itself: what a user sees when the path is wrong, and what is taken out of the bytes before
// parsing (stray control characters), with the lines where it happened.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { readExportBytes, removeControlBytes } from '../../src/ingest/file.js';

const dir = mkdtempSync(join(tmpdir(), 'tickets-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function messageOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as Error).message;
  }
  throw new Error('expected a UserError');
}

describe('reading the export file', () => {
  it('returns every byte of a file', async () => {
    const path = join(dir, 'one.csv');
    writeFileSync(path, 'id,text\n1,hi\n');
    expect((await readExportBytes(path)).toString()).toBe('id,text\n1,hi\n');
  });

  it('an empty file is one clear error, as are a missing file and a directory', async () => {
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    expect(await messageOf(readExportBytes(empty))).toBe(`${empty}: the file is empty`);
    expect(await messageOf(readExportBytes(join(dir, 'nope.csv')))).toBe(`${join(dir, 'nope.csv')}: no such file`);
    const folder = join(dir, 'exports');
    mkdirSync(folder);
    expect(await messageOf(readExportBytes(folder))).toBe(`${folder}: is a directory, expected a CSV file`);
  });

  it('a device is not a CSV file; a path through a file, or a link loop, names the reason', async () => {
    expect(await messageOf(readExportBytes('/dev/null'))).toBe('/dev/null: not a regular file');
    const file = join(dir, 'plain.csv');
    writeFileSync(file, 'x');
    expect(await messageOf(readExportBytes(join(file, 'inner.csv')))).toBe(
      `${join(file, 'inner.csv')}: cannot read (ENOTDIR)`,
    );
    const loop = join(dir, 'loop.csv');
    symlinkSync(loop, loop);
    expect(await messageOf(readExportBytes(loop))).toBe(`${loop}: cannot read (ELOOP)`);
  });
});

describe('stray control characters', () => {
  const cleaned = (text: string, lineOffset?: number) => {
    const { bytes, removed } = removeControlBytes(Buffer.from(text, 'latin1'), lineOffset);
    return { text: bytes.toString('latin1'), ...removed };
  };

  it('NUL, the other C0 controls and DEL are removed, counted, and the lines named', () => {
    expect(cleaned('id,text\n1,a\x00b\x01\n2,ok\n3,c\x1fd\x7f\n')).toEqual({
      text: 'id,text\n1,ab\n2,ok\n3,cd\n',
      bytes: 4,
      lines: 2,
      firstLine: 2,
    });
    // A control character on the first line is line 1; lines are counted after an offset when one is given.
    expect(cleaned('\x00id,text\n')).toMatchObject({ text: 'id,text\n', lines: 1, firstLine: 1 });
    expect(cleaned('id\n\x00x\n', 1)).toMatchObject({ firstLine: 3 });
  });

  it('tab, line feed, form feed and carriage return are text, and so is every printable byte', () => {
    const keep = '\t\n\x0c\r !~\x80\xff';
    const result = removeControlBytes(Buffer.from(keep, 'latin1'));
    expect(result.bytes.toString('latin1')).toBe(keep);
    expect(result.removed).toEqual({ bytes: 0, lines: 0, firstLine: 0 });
  });

  it('every control byte from 0 to 31 but tab, LF, FF and CR is removed', () => {
    const all = Buffer.from(Array.from({ length: 32 }, (_, b) => b));
    const { bytes, removed } = removeControlBytes(all);
    expect([...bytes]).toEqual([0x09, 0x0a, 0x0c, 0x0d]);
    expect(removed).toMatchObject({ bytes: 28, lines: 2, firstLine: 1 });
  });
});
