// The HTML report: one self-contained page (uPlot, styles, script and data inline) that opens offline from
// an e-mail attachment or a CI artifact. A Content-Security-Policy forbids every load; the two scripts run
// because their hashes are listed, so an injected inline script could not run even if escaping failed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ClusterRun } from '../../types.js';
import { buildPageData, type HtmlReportOptions } from './page-data.js';

export { buildPageData, MAP_POINTS, type HtmlReportOptions, type PageData } from './page-data.js';

interface PageAssets {
  chartScript: string;
  chartStyle: string;
  pageScript: string;
  pageStyle: string;
}

let assets: PageAssets | undefined;

/** uPlot from node_modules and the page's own script and styles from assets/html (shipped with the package). */
function pageAssets(): PageAssets {
  if (!assets) {
    const require = createRequire(import.meta.url);
    const own = (name: string) => readFileSync(new URL(`../../../assets/html/${name}`, import.meta.url), 'utf8');
    assets = {
      chartScript: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
      chartStyle: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
      pageScript: own('report.js'),
      pageStyle: own('report.css'),
    };
    for (const [name, text] of Object.entries(assets)) {
      // An inline script or style cannot contain its own end tag.
      if (/<\/(script|style)/i.test(text)) throw new Error(`html report: ${name} contains an end tag`);
    }
  }
  return assets;
}

/** Text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * JSON that can sit inside <script type="application/json">: every "<" written as \u003c, so no ticket
 * text can close the element ("</script>") or open a comment; U+2028/2029 escaped for old parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const scriptHash = (script: string): string => `'sha256-${createHash('sha256').update(script).digest('base64')}'`;

export function renderHtml(run: ClusterRun, options: HtmlReportOptions = {}): string {
  const data = buildPageData(run, options);
  const { chartScript, chartStyle, pageScript, pageStyle } = pageAssets();
  const policy = [
    "default-src 'none'",
    `script-src ${scriptHash(chartScript)} ${scriptHash(pageScript)}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const words = data.words;
  return `<!doctype html>
<html lang="${data.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(`${words.title}: ${data.file}`)}</title>
<style>${chartStyle}</style>
<style>${pageStyle}</style>
</head>
<body>
<main>
<h1><span data-word="title"></span>: <span class="file" id="file"></span></h1>
<div id="totals"></div>
<section><h2 data-word="costByCluster"></h2><div id="cost-bars"></div></section>
<section><h2 data-word="weeklyTrend"></h2><div id="trend"></div></section>
<section><h2 data-word="map"></h2><p class="muted" id="map-note"></p><div id="map"></div></section>
<section>
<h2 data-word="clusterList"></h2>
<div class="list-tools"><input id="search" type="search" autocomplete="off"><span class="muted" id="list-count"></span></div>
<div class="table-scroll"><table id="cluster-table"><thead><tr id="cluster-head"></tr></thead>
<tbody id="cluster-rows"></tbody></table></div>
<div id="gone"></div>
</section>
<footer id="footer"></footer>
</main>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${chartScript}</script>
<script>${pageScript}</script>
</body>
</html>
`;
}
