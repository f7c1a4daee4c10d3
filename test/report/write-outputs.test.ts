import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { writeOutputs } from '../../src/report/index.js';

describe('writeOutputs', () => {
  it('writes every output, replacing what was there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickets-outputs-'));
    writeFileSync(join(dir, 'report.md'), 'last week');
    writeOutputs([
      { path: join(dir, 'report.md'), content: '# this week\n', title: 'markdown report' },
      { path: join(dir, 'run.json'), content: '{}\n', title: 'run file' },
    ]);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe('# this week\n');
    expect(readFileSync(join(dir, 'run.json'), 'utf8')).toBe('{}\n');
    expect(readdirSync(dir).sort()).toEqual(['report.md', 'run.json']);
  });

  it('says in one line what it could not write where, and leaves no temp file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickets-outputs-'));
    const missing = join(dir, 'no-such-dir', 'run.json');
    expect(() => writeOutputs([{ path: missing, content: '{}', title: 'run file' }])).toThrow(
      new UserError(`cannot write the run file to ${missing}: ENOENT`),
    );
    // A directory where the file should go: the temp file is written, the rename fails, the temp file goes.
    const taken = join(dir, 'report.md');
    mkdirSync(taken);
    writeFileSync(join(taken, 'inside'), 'kept');
    expect(() => writeOutputs([{ path: taken, content: '# report', title: 'markdown report' }])).toThrow(
      /cannot write the markdown report to .*report\.md: E/,
    );
    expect(readdirSync(dir)).toEqual(['report.md']);
    expect(readFileSync(join(taken, 'inside'), 'utf8')).toBe('kept');
  });
});
