/// <reference lib="dom" />
// The HTML report in a real browser (Debian's chromium through playwright-core), opened from file:// as a
// reader opens an e-mail attachment. Skipped, with the reason, when no Chromium is installed.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { renderHtml } from '../../src/report/html/index.js';
import { generatedRun } from '../report/html/generated-run.js';
import { fixture, repoRoot, runCli } from '../cli/run-cli.js';
import { CHROMIUM, SKIP_REASON, launchChromium, openReport, type Browser, type OpenedReport } from './chromium.js';

const artifacts = join(repoRoot, 'test-artifacts');
const out = mkdtempSync(join(tmpdir(), 'tickets-html-'));

interface RunFacts {
  tickets: number;
  /** Clusters of the baseline that are gone (0 without a baseline). */
  gone: number;
  clusters: Array<{ id: string; label: string; keywords: string[]; size: number; sampleTicketIds: string[] }>;
}

/** `tickets cluster <export> --html --json` as a user runs it; the run file says what the page must show. */
function clusterToPage(
  name: string,
  file: string,
  extra: string[] = [],
  timeoutMs = 120_000,
): { page: string; run: RunFacts } {
  const page = join(out, `${name}.html`);
  const json = join(out, `${name}.json`);
  const result = runCli(
    ['cluster', file, '--embedder', 'lexical', '--html', page, '--json', json, '-q', ...extra],
    {},
    timeoutMs,
  );
  if (result.code !== 0) throw new Error(`tickets cluster failed: ${result.stderr}`);
  const run = JSON.parse(readFileSync(json, 'utf8')) as {
    totals: { clustered: number; noise: number };
    diff?: { changes: Array<{ status: string }> };
  } & RunFacts;
  return {
    page,
    run: {
      tickets: run.totals.clustered + run.totals.noise,
      gone: run.diff?.changes.filter((c) => c.status === 'gone').length ?? 0,
      clusters: run.clusters,
    },
  };
}

let support: { page: string; run: RunFacts } | undefined;
/** The support fixture's page and run file, made once. */
function supportPage(): { page: string; run: RunFacts } {
  support ??= clusterToPage('support', fixture('support-export.csv'));
  return support;
}

/** The support fixture plus tickets whose text carries markup, as a helpdesk exports it (entity-encoded). */
function plantedExport(): string {
  const lines = readFileSync(fixture('support-export.csv'), 'utf8').trimEnd().split('\n');
  const planted = [
    'I typed &lt;script&gt;window.__pwned = 1&lt;/script&gt; into the name field and the checkout page broke',
    'I typed &lt;script&gt;window.__pwned = 1&lt;/script&gt; into the name field and the checkout page broke',
    'Avatar upload fails: &lt;img src=x onerror="window.__pwned = 2"&gt; shows in my profile',
    'The link &lt;a href="javascript:window.__pwned = 3"&gt;reset&lt;/a&gt; in your e-mail does nothing',
    'The form ate my text after </textarea></script><script>window.__pwned = 4</script> please fix',
  ];
  for (let i = 0; i < 25; i++) {
    const text = planted[i % planted.length].replace(/"/g, '""');
    lines.push(
      `${99000 + i},2024-03-${String(10 + (i % 9)).padStart(2, '0')}T10:00:00Z,web,Broken page ${i},"${text}",5`,
    );
  }
  const file = join(out, 'planted.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function paintedPixels(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (canvas) => {
    const c = canvas as HTMLCanvasElement;
    const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
    return painted;
  });
}

/** The list's column of `key` as text, in the order shown. */
async function column(page: Page, key: string): Promise<string[]> {
  return page.$$eval(
    '#cluster-rows tr.cluster-row',
    (rows, index) => rows.map((row) => (row.children[index] as HTMLElement).innerText.trim()),
    await page.$$eval('#cluster-head th', (ths, k) => ths.findIndex((th) => th.getAttribute('data-key') === k), key),
  );
}

/** Moves the pointer onto a ticket's dot (placed as the page places it) and returns the tooltip's text. */
async function hoverTicket(page: Page, id: string): Promise<string> {
  await page.locator('#map-canvas').scrollIntoViewIfNeeded();
  const point = await page.evaluate((ticket) => {
    const map = JSON.parse(document.getElementById('report-data')!.textContent!).map;
    const i = map.id.indexOf(ticket);
    const box = document.getElementById('map-canvas')!.getBoundingClientRect();
    return {
      x: box.left + 8 + (map.x[i] / 9999) * (box.width - 16),
      y: box.top + 8 + (map.y[i] / 9999) * (box.height - 16),
    };
  }, id);
  await page.mouse.move(point.x, point.y);
  await page.locator('.map-tip').waitFor({ state: 'visible', timeout: 2000 });
  return page.locator('.map-tip').innerText();
}

const number = (text: string) => Number(text.replace(/[^\d.-]/g, ''));

async function expectCleanAndDrawn(report: OpenedReport, tickets: number, name: string): Promise<void> {
  const { page } = report;
  expect(report.errors).toEqual([]);
  expect(report.requests).toEqual([]);
  expect(await page.locator('.bar-row').count()).toBeGreaterThan(1);
  expect(await paintedPixels(page, '#map-canvas')).toBeGreaterThan(500);
  expect(await page.getAttribute('#map-canvas', 'data-points')).toBe(String(Math.min(tickets, 20_000)));
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `html-report-${name}.png`), fullPage: true });
}

/** What every page must do: clean, drawn, a sortable and searchable list, clusters that open, dots that hover. */
async function checkExportPage(
  browser: Browser,
  name: string,
  { page: file, run }: { page: string; run: RunFacts },
  wanted: { trend: boolean },
): Promise<void> {
  const report = await openReport(browser, file);
  const { page } = report;
  await expectCleanAndDrawn(report, run.tickets, name);
  expect(await page.locator('#totals').innerText()).toContain(run.tickets.toLocaleString('en-US'));
  if (wanted.trend) {
    expect(await page.getAttribute('#trend', 'data-drawn')).toBe('true');
    expect(await paintedPixels(page, '#trend canvas')).toBeGreaterThan(500);
  }

  const total = run.clusters.length;
  expect(await page.locator('tr.cluster-row').count()).toBe(total);
  // Sorting: tickets largest first, then smallest first; labels alphabetically.
  await page.click('th[data-key="size"] button');
  const down = (await column(page, 'size')).map(number);
  expect(down).toEqual([...down].sort((a, b) => b - a));
  expect(await page.getAttribute('th[data-key="size"]', 'aria-sort')).toBe('descending');
  await page.click('th[data-key="size"] button');
  const up = (await column(page, 'size')).map(number);
  expect(up).toEqual([...up].sort((a, b) => a - b));
  await page.click('th[data-key="label"] button');
  const labels = await column(page, 'label');
  expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en-US')));

  // Search: a cluster's keyword keeps that cluster and drops others; nonsense keeps none.
  const target = run.clusters[2];
  await page.fill('#search', target.keywords[0]);
  const ids = await page.$$eval('tr.cluster-row', (rows) => rows.map((r) => r.getAttribute('data-id')));
  expect(ids).toContain(target.id);
  expect(ids.length).toBeLessThan(total);
  await page.fill('#search', 'zzqx nothing like this');
  expect(await page.locator('tr.cluster-row').count()).toBe(0);
  expect(await page.locator('#list-count').innerText()).toBe(`0 of ${total} clusters shown`);
  await page.fill('#search', '');

  // A cluster opens to its keywords, examples and ticket ids.
  await page.click(`tr.cluster-row[data-id="${target.id}"]`);
  const details = await page.locator('.details').innerText();
  expect(details).toContain(target.keywords[0]);
  for (const id of target.sampleTicketIds.slice(0, 5)) expect(details).toContain(id);

  // Hovering a dot shows its ticket's text.
  const tip = await hoverTicket(page, target.sampleTicketIds[0]);
  expect(tip).toContain(target.label);
  expect(tip.length).toBeGreaterThan(target.label.length + 10);
  expect(report.errors).toEqual([]);
}

if (!CHROMIUM) {
  console.warn(`HTML report browser tests skipped: ${SKIP_REASON}`);
  // CI sets this: there the browser tests must run, never quietly skip.
  it.runIf(process.env.TICKETS_REQUIRE_BROWSER === '1')('a Chromium is installed (TICKETS_REQUIRE_BROWSER=1)', () => {
    expect(CHROMIUM, SKIP_REASON).not.toBeNull();
  });
}

// Each test runs the CLI and a browser: minutes on a busy 2-core machine, so more than the default minute.
describe.skipIf(!CHROMIUM)(
  `HTML report in Chromium${CHROMIUM ? '' : ` — skipped: ${SKIP_REASON}`}`,
  { timeout: 300_000 },
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium(CHROMIUM!);
    });
    afterAll(async () => {
      await browser?.close();
      rmSync(out, { recursive: true, force: true });
    });

    it('English support export: totals, charts, map, sortable and searchable list, cluster details', async () => {
      await checkExportPage(browser, 'support', supportPage(), { trend: true });
    });

    // A manual check of any export, e.g. the shared helpdesk set: TICKETS_HTML_EXPORT=path npx vitest run test/browser
    const extra = process.env.TICKETS_HTML_EXPORT;
    it.runIf(Boolean(extra))(
      `your export (TICKETS_HTML_EXPORT=${extra ?? ''})`,
      async () => {
        await checkExportPage(browser, 'extra', clusterToPage('extra', extra!, [], 1_800_000), { trend: false });
      },
      1_800_000,
    );

    it('planted markup shows as text and never runs; against last week the planted tickets are a new cluster', async () => {
      // Last week: the support export alone; this week: the same plus the planted tickets.
      supportPage();
      const { page: file, run } = clusterToPage('planted', plantedExport(), ['--baseline', join(out, 'support.json')]);
      const report = await openReport(browser, file);
      const { page } = report;
      await expectCleanAndDrawn(report, 421, 'planted');
      expect(await hoverTicket(page, '99000')).toContain('<script>window.__pwned = 1</script>');
      await page.fill('#search', 'window.__pwned');
      const rows = page.locator('tr.cluster-row');
      expect(await rows.count()).toBeGreaterThan(0);
      for (let i = 0; i < (await rows.count()); i++) await rows.nth(i).click();
      const text = await page.locator('#cluster-rows').innerText();
      expect(text).toContain('<script>window.__pwned = 1</script>');
      expect(await hoverTicket(page, '99002')).toContain('<img src=x onerror="window.__pwned = 2">');
      expect(await hoverTicket(page, '99003')).toContain('<a href="javascript:window.__pwned = 3">');
      expect(await hoverTicket(page, '99004')).toContain('</textarea>');
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(
        await page.locator('#cluster-rows img, #cluster-rows a, #cluster-rows script, #cluster-rows textarea').count(),
      ).toBe(0);
      expect(await page.locator('script').count()).toBe(3);
      // The baseline diff: the planted tickets' cluster is marked new, and gone clusters are listed.
      await page.fill('#search', '');
      const planted = run.clusters.find((c) => c.keywords.includes('pwned'))!;
      expect(await page.locator(`tr.cluster-row[data-id="${planted.id}"] .badge-new`).innerText()).toBe('new');
      expect(await page.locator('th[data-key="change"]').count()).toBe(1);
      expect(await page.locator('#gone li').count()).toBe(run.gone);
      expect(report.errors).toEqual([]);
      expect(report.requests).toEqual([]);
    });

    it('Russian Excel export (cp1251, ;) in a Russian report: words and "39 600 ₽" number formats', async () => {
      const config = join(out, 'tickets.config.json');
      writeFileSync(config, JSON.stringify({ language: 'ru' }));
      const { page: file, run } = clusterToPage('ru', fixture('excel-export-cp1251.csv'), [
        '--config',
        config,
        '--currency',
        'RUB',
        '--cost-per-ticket',
        '264',
      ]);
      const report = await openReport(browser, file);
      const { page } = report;
      await expectCleanAndDrawn(report, run.tickets, 'ru');
      expect(await page.getAttribute('html', 'lang')).toBe('ru');
      const totals = (await page.locator('#totals').innerText()).replace(/[\u00a0\u202f]/g, ' ');
      const cost = run.tickets * 264;
      expect(totals).toContain(`${cost.toLocaleString('ru-RU').replace(/[\u00a0\u202f]/g, ' ')} ₽`);
      expect(totals).toMatch(/\d \d{3} ₽/);
      expect(await page.locator('#search').getAttribute('placeholder')).toMatch(/^Поиск/);
      // Cyrillic search is case-insensitive in the page's locale.
      const label = run.clusters[0].keywords[0];
      await page.fill('#search', label.toLocaleUpperCase('ru-RU'));
      expect(await page.locator(`tr.cluster-row[data-id="${run.clusters[0].id}"]`).count()).toBe(1);
    });

    it('100,000 tickets: the map shows its stated 20,000-ticket sample and the page stays clean', async () => {
      const file = join(out, 'generated-100k.html');
      writeFileSync(file, renderHtml(generatedRun({ tickets: 100_000, clusters: 80 })));
      const report = await openReport(browser, file);
      await expectCleanAndDrawn(report, 100_000, 'generated-100k');
      expect(await report.page.locator('#map-note').innerText()).toContain(
        'random sample of 20,000 of 100,000 tickets',
      );
      expect(await report.page.locator('tr.cluster-row').count()).toBe(80);
      // Timing is the bench's job (npm run bench:html); this is only the figure, for the log.
      console.log(`generated 100,000-ticket page ready in ${Math.round(report.loadMs)} ms`);
    });
  },
);
