import { describe, expect, it } from 'vitest';
import {
  FILE_FORMAT_NAMES,
  REPORT_FORMAT_NAMES,
  REPORT_FORMATS,
  renderAssignments,
  renderMarkdown,
  renderRunFile,
  renderTable,
  reportRenderer,
} from '../../src/report/index.js';
import { renderHtml } from '../../src/report/html/index.js';
import type { ClusterRun } from '../../src/types.js';
import { sampleRun } from '../rank/sample-run.js';

const terminal = { color: false, limit: 1 };

describe('the reporter registry', () => {
  it('names every format once; --format offers them all, the file options all but the table', () => {
    expect(REPORT_FORMAT_NAMES).toEqual(Object.keys(REPORT_FORMATS));
    expect(REPORT_FORMAT_NAMES).toEqual(expect.arrayContaining(['table', 'md', 'json', 'assignments']));
    expect(FILE_FORMAT_NAMES).toEqual(REPORT_FORMAT_NAMES.filter((name) => name !== 'table'));
    for (const name of REPORT_FORMAT_NAMES) expect(REPORT_FORMATS[name].title).not.toBe('');
  });

  it('maps each name to its reporter, the terminal settings reaching the table', () => {
    const run = sampleRun();
    const report = reportRenderer(run, terminal);
    expect(report('table')).toBe(renderTable(run, terminal));
    expect(report('md')).toBe(renderMarkdown(run));
    expect(report('json')).toBe(renderRunFile(run));
    expect(report('assignments')).toBe(renderAssignments(run));
  });

  it('names each output in messages and --help the way the user knows it', () => {
    // "cannot write the <title> to <path>" and the help of each --<name> <path> option.
    expect(Object.fromEntries(REPORT_FORMAT_NAMES.map((name) => [name, REPORT_FORMATS[name].title]))).toEqual({
      table: 'table',
      md: 'markdown report',
      json: 'run file',
      assignments: 'assignments',
      html: 'HTML report',
    });
    expect(REPORT_FORMATS.table.file).toBeUndefined();
    expect(REPORT_FORMATS.json.file).toBe('write the machine-readable run file (schemaVersion 2)');
    expect(REPORT_FORMATS.md.file).toMatch(/markdown report/);
    expect(REPORT_FORMATS.assignments.file).toMatch(/CSV id,cluster,confidence with one row per input row/);
    expect(REPORT_FORMATS.html.file).toMatch(/self-contained HTML page/);
  });

  it('renders the HTML page through its reporter too', () => {
    const run = sampleRun();
    const page = reportRenderer(run, terminal)('html');
    expect(page).toBe(renderHtml(run));
    expect(page).toMatch(/^<!doctype html>/i);
  });

  it('renders a format once however often it is asked for', () => {
    const run = sampleRun();
    let reads = 0;
    // Every reporter reads run.clusters; counting the reads counts the renders.
    const counted: ClusterRun = Object.defineProperty({ ...run }, 'clusters', {
      get: () => {
        reads++;
        return run.clusters;
      },
    });
    const report = reportRenderer(counted, terminal);
    const first = report('md');
    const afterFirst = reads;
    expect(afterFirst).toBeGreaterThan(0);
    expect(report('md')).toBe(first);
    expect(reads).toBe(afterFirst);
  });
});
