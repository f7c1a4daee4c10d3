import { describe, expect, it } from 'vitest';
import { renderTable, shouldUseColor } from '../../src/report/index.js';
import { textColumnWidths } from '../../src/report/table.js';
import { sampleRun } from '../rank/sample-run.js';

const ANSI = /\u001b\[[0-9;]*m/;

describe('renderTable', () => {
  it('has no ANSI codes without color, and has them with color', () => {
    const run = sampleRun();
    expect(renderTable(run, { color: false })).not.toMatch(ANSI);
    expect(renderTable(run, { color: true })).toMatch(ANSI);
  });

  it('shows a summary line, ranked rows and the unclustered line last', () => {
    const text = renderTable(sampleRun(), { color: false });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(
      '16 tickets · 3 clusters · 2 unclustered (12.5%) · 3 skipped (2 empty text, 1 duplicate id) · est. cost $96 at $6/ticket',
    );
    expect(text).toMatch(/label.*tickets.*share.*est\. cost.*keywords/);
    expect(text).toMatch(/│\s+1 │ .*│\s+5 │\s+31\.3% │\s+\$30 │/);
    const unclustered = lines.findLastIndex((l) => l.includes('unclustered'));
    expect(unclustered).toBe(lines.length - 2);
    expect(lines[unclustered]).toMatch(/│\s+2 │\s+12\.5% │\s+\$12 │/);
  });

  it('fits a narrow terminal and keeps the default widths when there is none', () => {
    const run = sampleRun();
    for (const width of [80, 100]) {
      const lines = renderTable(run, { color: false, width }).split('\n').slice(1).filter(Boolean);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
    }
    const wide = renderTable(run, { color: false }).split('\n')[1];
    expect(wide.length).toBeGreaterThan(100);
  });

  it('limits the clusters shown but never hides the unclustered line', () => {
    const text = renderTable(sampleRun(), { color: false, limit: 1 });
    expect(text).toMatch(/… 2 more clusters/);
    expect(text).toMatch(/│\s+9 │\s+56\.3% │\s+\$54 │/);
    expect(text).toContain('unclustered');
    expect(renderTable(sampleRun(), { color: false, limit: 0 })).toContain('unclustered');
  });

  it('formats currencies Intl knows and symbols it does not', () => {
    expect(renderTable(sampleRun({ cost: { costPerTicket: 500, currency: 'RUB' } }), { color: false })).toContain(
      'RUB 2,500',
    );
    expect(renderTable(sampleRun({ cost: { costPerTicket: 500, currency: '₽' } }), { color: false })).toContain(
      '2,500 ₽',
    );
    expect(renderTable(sampleRun({ cost: { costPerTicket: 2.25 } }), { color: false })).toContain('$11.25');
  });
});

describe('shouldUseColor', () => {
  it('colors a terminal unless NO_COLOR is set', () => {
    expect(shouldUseColor({ isTTY: true }, {})).toBe(true);
    expect(shouldUseColor({ isTTY: false }, {})).toBe(false);
    expect(shouldUseColor({}, {})).toBe(false);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(shouldUseColor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldUseColor({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
  });
});

describe('textColumnWidths', () => {
  it('shares what the numeric columns leave between label (45%) and keywords, 12 to 40 and 12 to 48 wide', () => {
    expect(textColumnWidths(undefined)).toEqual({ label: 40, keywords: 48 });
    expect(textColumnWidths(Number.POSITIVE_INFINITY)).toEqual({ label: 40, keywords: 48 });
    expect(textColumnWidths(120)).toEqual({ label: 31, keywords: 38 });
    expect(textColumnWidths(120.9)).toEqual({ label: 31, keywords: 38 });
    expect(textColumnWidths(200)).toEqual({ label: 40, keywords: 48 });
    expect(textColumnWidths(60)).toEqual({ label: 12, keywords: 12 });
    // The economic columns take their share first.
    expect(textColumnWidths(120, 20)).toEqual({ label: 22, keywords: 27 });
  });
});
