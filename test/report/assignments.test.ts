import { describe, expect, it } from 'vitest';
import { csvField, renderAssignments } from '../../src/report/index.js';
import { ENGLISH_TICKETS } from '../label/corpus.js';
import { sampleRun } from '../rank/sample-run.js';

describe('renderAssignments', () => {
  it('has one row per input row: cluster id, noise or skipped', () => {
    const run = sampleRun();
    const lines = renderAssignments(run).trimEnd().split('\n');
    expect(lines[0]).toBe('id,cluster,confidence,line');
    expect(lines).toHaveLength(1 + run.totals.rows);
    expect(lines[1]).toMatch(/^T-1,C\d,0\.500,2$/);
    expect(lines[15]).toBe('T-15,noise,0,16');
    // The duplicate T-1 is told apart from the first T-1 by its line.
    expect(lines.slice(-3)).toEqual(['T-90,skipped,,40', 'T-91,skipped,,41', 'T-1,skipped,,42']);
  });

  it('quotes ids that need it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    const ids = ENGLISH_TICKETS.map((_, i) => (i === 0 ? 'A,1' : i === 1 ? 'B"2' : `ok-${i}`));
    const text = renderAssignments(sampleRun({ ids }));
    expect(text).toContain('\n"A,1",C');
    expect(text).toContain('\n"B""2",C');
  });

  it('keeps a spreadsheet from running an id as a formula, but leaves plain numbers alone', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('+cmd')).toBe("'+cmd");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe('"\'\rx"');
    expect(csvField('-5')).toBe('-5');
    expect(csvField('+7')).toBe('+7');
    expect(csvField('-2.5')).toBe('-2.5');
    expect(csvField('+3,25')).toBe('"+3,25"');
    expect(csvField('T-5')).toBe('T-5');
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('padded ')).toBe('"padded "');
    expect(csvField('a;b')).toBe('a;b');
  });

  it('a ticket without a line number (a run file from before lines) has an empty line cell', () => {
    const run = sampleRun();
    run.tickets[0] = { ...run.tickets[0]!, line: undefined };
    expect(renderAssignments(run).split('\n')[1]).toMatch(/^T-1,C\d,0\.500,$/);
  });
});
