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
});
