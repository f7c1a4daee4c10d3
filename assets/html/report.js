// The HTML report's page script. Runs inline, under a CSP that forbids every load;
// builds the page from the JSON in #report-data. Ticket text only ever goes through textContent.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const words = data.words;
  const locale = data.locale;

  // Number formats of the run's language ("39 600 ₽" in Russian, "$39,600" in English).
  const countFormat = new Intl.NumberFormat(locale);
  const shareFormat = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const growthFormat = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  });
  const hoursFormat = new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', maximumFractionDigits: 1 });
  const impactFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  const ratingFormat = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const dayFormat = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const weekFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const moneyFormats = {};
  function money(amount) {
    const digits = Math.abs(amount) >= 100 || Number.isInteger(amount) ? 0 : 2;
    if (!(digits in moneyFormats)) {
      try {
        moneyFormats[digits] = new Intl.NumberFormat(locale, {
          style: 'currency',
          currency: data.currency,
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        });
      } catch {
        moneyFormats[digits] = null; // not an ISO code ("₽"): the symbol goes after the number
      }
    }
    const format = moneyFormats[digits];
    if (format) return format.format(amount);
    return (
      new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount) +
      '\u00a0' +
      data.currency
    );
  }
  const count = (n) => countFormat.format(n);
  const share = (n) => (n > 0 && n < 0.001 ? '<' + shareFormat.format(0.001) : shareFormat.format(n));
  const fill = (template, ...values) => template.replace(/\{(\d)\}/g, (_, i) => values[Number(i)]);
  const day = (iso) => dayFormat.format(new Date(iso + 'T00:00:00Z'));
  const days = (from, to) => dayFormat.formatRange(new Date(from + 'T00:00:00Z'), new Date(to + 'T00:00:00Z'));

  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (key === 'text') node.textContent = value;
      else if (key === 'class') node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children || []) if (child) node.append(child);
    return node;
  }

  // Cluster colours: a hand-picked distinct ten first, then golden-angle hues.
  const PALETTE = [
    '#4e79a7',
    '#f28e2b',
    '#e15759',
    '#76b7b2',
    '#59a14f',
    '#edc948',
    '#b07aa1',
    '#ff9da7',
    '#9c755f',
    '#2f4b7c',
  ];
  const NOISE_COLOUR = '#c7c7c7';
  const colour = (i) =>
    i < 0 ? NOISE_COLOUR : i < PALETTE.length ? PALETTE[i] : 'hsl(' + ((i * 137.508) % 360).toFixed(0) + ',55%,48%)';

  const clusters = data.clusters;
  document.documentElement.lang = data.lang;

  // Header: the totals.
  function header() {
    const t = data.totals;
    const root = document.getElementById('totals');
    const card = (value, label, note) =>
      el('div', { class: 'total' }, [
        el('div', { class: 'value', text: value }),
        el('div', { class: 'label', text: label }),
        note ? el('div', { class: 'note', text: note }) : null,
      ]);
    root.append(card(count(t.tickets), words.tickets, t.skipped > 0 ? count(t.skipped) + ' ' + words.skipped : ''));
    if (t.period) root.append(card(days(t.period.from, t.period.to), words.period));
    root.append(card(count(t.clusters), words.clusters));
    root.append(card(share(t.noiseShare), words.unclustered, count(t.noise) + ' ' + words.tickets));
    root.append(
      card(
        money(t.cost),
        words.totalCost,
        t.handleHours == null
          ? fill(words.atPerTicket, money(data.perTicket))
          : fill(words.fromHandleTime, hoursFormat.format(t.handleHours)),
      ),
    );
    if (t.masked) {
      const kinds = Object.keys(words.maskKinds).filter((k) => t.masked[k] > 0);
      const text =
        kinds.length === 0
          ? words.nothingMasked
          : kinds.map((k) => count(t.masked[k]) + ' ' + words.maskKinds[k]).join(', ');
      root.append(
        el('div', { class: 'total masked' }, [
          el('div', { class: 'label', text: words.masked }),
          el('div', { class: 'note', text: text }),
        ]),
      );
    }
  }

  // Cost by cluster: labelled HTML bars read better than a chart axis for long cluster names.
  const BARS = 15;
  function costBars() {
    const root = document.getElementById('cost-bars');
    // The list is ranked by priority when the run has it; the bars are by cost, largest first.
    const byCost = clusters.map((c, i) => i).sort((a, b) => clusters[b].cost - clusters[a].cost || a - b);
    const rows = byCost.slice(0, BARS).map((i) => {
      const c = clusters[i];
      return { label: c.label, cost: c.cost, size: c.size, colour: colour(i), id: c.id };
    });
    const rest = byCost.slice(BARS).map((i) => clusters[i]);
    if (rest.length > 0) {
      rows.push({
        label: count(rest.length) + ' ' + words.otherClusters,
        cost: rest.reduce((s, c) => s + c.cost, 0),
        size: rest.reduce((s, c) => s + c.size, 0),
        colour: '#9aa5b1',
      });
    }
    rows.push({ label: words.noiseLabel, cost: data.noise.cost, size: data.noise.size, colour: NOISE_COLOUR });
    const max = Math.max(1e-9, ...rows.map((r) => r.cost));
    for (const r of rows) {
      const bar = el('div', { class: 'bar' });
      bar.style.width = ((100 * r.cost) / max).toFixed(2) + '%';
      bar.style.background = r.colour;
      const label = el('div', { class: 'bar-label', text: (r.id ? r.id + ' ' : '') + r.label, title: r.label });
      root.append(
        el('div', { class: 'bar-row' }, [
          label,
          el('div', { class: 'bar-track' }, [bar]),
          el('div', { class: 'bar-value', text: money(r.cost) + ' · ' + count(r.size) }),
        ]),
      );
    }
  }

  // Weekly trend of the top clusters: uPlot lines.
  function trend() {
    const root = document.getElementById('trend');
    if (!data.trend || data.trend.weeks.length < 2) {
      root.append(el('p', { class: 'muted', text: data.trend ? words.oneWeek : words.noDates }));
      return;
    }
    const xs = data.trend.weeks.map((w) => Date.parse(w + 'T00:00:00Z') / 1000);
    const series = [{ label: words.week, value: (u, v) => (v == null ? '' : weekFormat.format(new Date(v * 1000))) }];
    for (const s of data.trend.series) {
      const c = clusters[s.cluster];
      series.push({
        label: c.id + ' ' + c.label,
        stroke: colour(s.cluster),
        width: 2,
        points: { show: xs.length < 30 },
        value: (u, v) => (v == null ? '' : count(v)),
      });
    }
    const width = () => Math.max(280, root.clientWidth);
    const plot = new uPlot(
      {
        width: width(),
        height: 300,
        series,
        scales: { x: { time: true } },
        axes: [
          // Ticks on whole weeks only: the counts are weekly.
          {
            incrs: [1, 2, 4, 8, 13, 26, 52].map((w) => w * 604800),
            values: (u, splits) => splits.map((s) => weekFormat.format(new Date(s * 1000))),
          },
          { values: (u, splits) => splits.map((s) => count(s)) },
        ],
        cursor: { drag: { x: true, y: false } },
      },
      [xs].concat(data.trend.series.map((s) => s.counts)),
      root,
    );
    root.dataset.drawn = 'true';
    new ResizeObserver(() => plot.setSize({ width: width(), height: 300 })).observe(root);
  }

  // The map: one canvas, tickets drawn as 3-pixel dots; a grid of screen cells finds the dot under the pointer.
  function map() {
    const root = document.getElementById('map');
    const note = document.getElementById('map-note');
    const m = data.map;
    if (!m) {
      note.textContent = words.noMap;
      return;
    }
    note.textContent =
      words.mapNote + (m.x.length < m.total ? ' ' + fill(words.mapSample, count(m.x.length), count(m.total)) : '');
    const canvas = el('canvas', { id: 'map-canvas', 'aria-label': words.map });
    const tip = el('div', { class: 'map-tip', role: 'tooltip' });
    tip.hidden = true;
    root.append(canvas, tip);
    const GRID = 9999;
    const CELL = 12;
    // Bigger dots when there are few, so a small export's map is not a sprinkle.
    const DOT = m.x.length <= 2000 ? 5 : m.x.length <= 10000 ? 4 : 3;
    let px = new Float32Array(0);
    let py = new Float32Array(0);
    let cells = new Map();
    let columns = 1;
    // Unclustered first so the clusters are drawn on top; then one fillStyle per cluster.
    const order = Array.from(m.cluster.keys()).sort((a, b) => m.cluster[a] - m.cluster[b] || a - b);

    function draw() {
      const ratio = window.devicePixelRatio || 1;
      const width = Math.max(280, root.clientWidth);
      const height = Math.round(Math.min(640, Math.max(320, width * 0.6)));
      canvas.style.width = width + 'px';
      canvas.style.height = height + 'px';
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      const ctx = canvas.getContext('2d');
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, width, height);
      const pad = 8;
      px = new Float32Array(m.x.length);
      py = new Float32Array(m.x.length);
      cells = new Map();
      columns = Math.ceil(width / CELL) + 1;
      let current = null;
      for (const i of order) {
        px[i] = pad + (m.x[i] / GRID) * (width - 2 * pad);
        py[i] = pad + (m.y[i] / GRID) * (height - 2 * pad);
        const fillStyle = colour(m.cluster[i]);
        if (fillStyle !== current) {
          ctx.fillStyle = fillStyle;
          ctx.globalAlpha = m.cluster[i] < 0 ? 0.5 : 0.8;
          current = fillStyle;
        }
        ctx.fillRect(px[i] - DOT / 2, py[i] - DOT / 2, DOT, DOT);
        const key = Math.floor(py[i] / CELL) * columns + Math.floor(px[i] / CELL);
        const cell = cells.get(key);
        if (cell) cell.push(i);
        else cells.set(key, [i]);
      }
      canvas.dataset.points = String(m.x.length);
    }

    function nearest(x, y) {
      let best = -1;
      let bestDistance = 8 * 8;
      const cx = Math.floor(x / CELL);
      const cy = Math.floor(y / CELL);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          for (const i of cells.get((cy + dy) * columns + cx + dx) || []) {
            const d = (px[i] - x) ** 2 + (py[i] - y) ** 2;
            if (d < bestDistance || (d === bestDistance && m.cluster[i] >= 0)) {
              best = i;
              bestDistance = d;
            }
          }
        }
      }
      return best;
    }

    canvas.addEventListener('mousemove', (event) => {
      const box = canvas.getBoundingClientRect();
      const x = event.clientX - box.left;
      const y = event.clientY - box.top;
      const i = nearest(x, y);
      if (i < 0) {
        tip.hidden = true;
        return;
      }
      const c = m.cluster[i] >= 0 ? clusters[m.cluster[i]] : null;
      tip.replaceChildren(
        el('div', { class: 'tip-head', text: '#' + m.id[i] + ' · ' + (c ? c.id + ' ' + c.label : words.noiseLabel) }),
        el('div', { class: 'tip-text', text: m.text[i] }),
      );
      tip.hidden = false;
      tip.style.left = Math.min(x + 14, box.width - 300) + 'px';
      tip.style.top = y + 14 + 'px';
    });
    canvas.addEventListener('mouseleave', () => (tip.hidden = true));
    canvas.addEventListener('click', (event) => {
      const box = canvas.getBoundingClientRect();
      const i = nearest(event.clientX - box.left, event.clientY - box.top);
      if (i >= 0 && m.cluster[i] >= 0) openCluster(clusters[m.cluster[i]].id);
    });
    draw();
    let width = root.clientWidth;
    new ResizeObserver(() => {
      if (root.clientWidth !== width) {
        width = root.clientWidth;
        draw();
      }
    }).observe(root);
  }

  // The cluster list: sortable columns, a search box, a row opening to the cluster's details.
  const columnsShown = [
    { key: 'rank', label: words.columns.rank, format: (c) => String(c.rank), numeric: true },
    { key: 'label', label: words.columns.label, format: (c) => c.label, numeric: false },
    { key: 'size', label: words.columns.size, format: (c) => count(c.size), numeric: true },
    { key: 'share', label: words.columns.share, format: (c) => share(c.share), numeric: true },
    { key: 'cost', label: words.columns.cost, format: (c) => money(c.cost), numeric: true },
    {
      key: 'handleHours',
      label: words.columns.handleTime,
      format: (c) => (c.handleHours == null ? '' : hoursFormat.format(c.handleHours)),
      numeric: true,
      figure: 'handleHours',
    },
    {
      key: 'growth',
      label: words.columns.growth,
      format: (c) => (c.growth == null ? '' : growthFormat.format(c.growth)),
      numeric: true,
      figure: 'growth',
    },
    {
      key: 'repeatShare',
      label: words.columns.repeat,
      format: (c) => (c.repeatShare == null ? '' : share(c.repeatShare)),
      numeric: true,
      figure: 'repeatShare',
    },
    {
      key: 'earlyLifecycleShare',
      label: words.columns.early,
      format: (c) => (c.earlyLifecycleShare == null ? '' : share(c.earlyLifecycleShare)),
      numeric: true,
      figure: 'earlyLifecycleShare',
    },
    {
      key: 'satisfaction',
      label: words.columns.satisfaction,
      format: (c) => (c.satisfaction == null ? '' : ratingFormat.format(c.satisfaction)),
      numeric: true,
      figure: 'satisfaction',
    },
    {
      key: 'change',
      label: words.columns.change,
      format: (c) => (c.change ? words.status[c.change] || c.change : ''),
      numeric: false,
      figure: 'change',
    },
  ].filter((column) => !column.figure || data.figures[column.figure]);

  const searchText = clusters.map((c) =>
    [c.id, c.label, c.keywords.join(' '), c.hypothesis || '', c.examples.map((e) => e.text).join(' ')]
      .join(' ')
      .toLocaleLowerCase(locale),
  );
  let sortKey = 'rank';
  let sortDescending = false;
  let query = '';
  const opened = new Set();

  function details(c) {
    const box = el('div', { class: 'details' });
    if (c.hypothesis) box.append(el('h4', { text: words.hypothesis }), el('p', { text: c.hypothesis }));
    box.append(el('h4', { text: words.keywords }), el('p', { text: c.keywords.join(', ') }));
    box.append(
      el('h4', { text: words.examples }),
      el(
        'ul',
        { class: 'examples' },
        c.examples.map((e) =>
          el('li', {}, [el('span', { class: 'ticket-id', text: '#' + e.id + ' ' }), el('span', { text: e.text })]),
        ),
      ),
    );
    if (c.channels)
      box.append(
        el('h4', { text: words.channels }),
        el('p', { text: c.channels.map(([name, n]) => name + ' ' + count(n)).join(' · ') }),
      );
    const facts = [
      words.priority + ' ' + ratingFormat.format(c.priority),
      words.confidence + ' ' + ratingFormat.format(c.confidence),
    ];
    if (c.satisfactionImpact != null)
      facts.push(words.satisfactionImpact + ' ' + impactFormat.format(c.satisfactionImpact));
    if (c.parent) facts.unshift(words.parent + ' ' + c.parent);
    box.append(el('p', { class: 'muted', text: facts.join(' · ') }));
    box.append(
      el('h4', { text: words.ticketIds + ' (' + count(c.ticketIds.length) + ')' }),
      el('div', { class: 'ticket-ids', text: c.ticketIds.join(', ') }),
    );
    return box;
  }

  function renderList() {
    const body = document.getElementById('cluster-rows');
    const column = columnsShown.find((col) => col.key === sortKey);
    const value = (c) => (sortKey === 'change' ? c.change || '' : c[sortKey]);
    const rows = clusters
      .map((c, i) => i)
      .filter((i) => query === '' || searchText[i].includes(query))
      .sort((a, b) => {
        const va = value(clusters[a]);
        const vb = value(clusters[b]);
        // Missing figures sort last whichever way.
        if (va == null || vb == null) return va == null ? (vb == null ? a - b : 1) : -1;
        const order = column.numeric ? va - vb : String(va).localeCompare(String(vb), locale);
        return (sortDescending ? -order : order) || a - b;
      });
    body.replaceChildren();
    for (const i of rows) {
      const c = clusters[i];
      const row = el('tr', {
        class: 'cluster-row',
        'data-id': c.id,
        tabindex: '0',
        'aria-expanded': String(opened.has(c.id)),
      });
      for (const col of columnsShown) {
        const cell = el('td', { class: col.numeric ? 'num' : '' });
        if (col.key === 'label') {
          cell.append(el('span', { class: 'swatch' }));
          cell.firstChild.style.background = colour(i);
          cell.append(el('span', { text: c.label }));
          if (c.change && c.change !== 'stable')
            cell.append(el('span', { class: 'badge badge-' + c.change, text: words.status[c.change] || c.change }));
        } else cell.textContent = col.format(c);
        row.append(cell);
      }
      const toggle = () => {
        if (opened.has(c.id)) opened.delete(c.id);
        else opened.add(c.id);
        renderList();
      };
      row.addEventListener('click', toggle);
      row.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          toggle();
        }
      });
      body.append(row);
      if (opened.has(c.id))
        body.append(
          el('tr', { class: 'details-row' }, [el('td', { colspan: String(columnsShown.length) }, [details(c)])]),
        );
    }
    document.getElementById('list-count').textContent = fill(words.shownOf, count(rows.length), count(clusters.length));
    for (const th of document.querySelectorAll('#cluster-table th')) {
      th.setAttribute('aria-sort', th.dataset.key === sortKey ? (sortDescending ? 'descending' : 'ascending') : 'none');
    }
  }

  function openCluster(id) {
    opened.add(id);
    query = '';
    document.getElementById('search').value = '';
    renderList();
    const row = document.querySelector('tr[data-id="' + CSS.escape(id) + '"]');
    if (row) row.scrollIntoView({ block: 'center' });
  }

  function clusterList() {
    const head = document.getElementById('cluster-head');
    for (const col of columnsShown) {
      const button = el('button', { type: 'button', text: col.label });
      button.addEventListener('click', () => {
        if (sortKey === col.key) sortDescending = !sortDescending;
        else {
          sortKey = col.key;
          // Money and counts read best largest first; rank and names in their natural order.
          sortDescending = col.numeric && col.key !== 'rank';
        }
        renderList();
      });
      head.append(el('th', { 'data-key': col.key, class: col.numeric ? 'num' : '' }, [button]));
    }
    const search = document.getElementById('search');
    search.placeholder = words.search;
    search.addEventListener('input', () => {
      query = search.value.trim().toLocaleLowerCase(locale);
      renderList();
    });
    renderList();
    if (data.gone.length > 0) {
      const gone = document.getElementById('gone');
      gone.append(
        el('h3', { text: words.goneClusters }),
        el(
          'ul',
          {},
          data.gone.map((g) =>
            el('li', { text: g.label + ' — ' + count(g.size) + ' ' + words.tickets + ', ' + money(g.cost) }),
          ),
        ),
      );
    }
  }

  for (const node of document.querySelectorAll('[data-word]')) node.textContent = words[node.dataset.word];
  document.getElementById('file').textContent = data.file;
  document.getElementById('footer').textContent = fill(words.generated, data.file, day(data.generatedAt.slice(0, 10)));
  header();
  costBars();
  trend();
  map();
  clusterList();
  document.body.dataset.ready = 'true';
  // Navigation start to a built page: the load time the bench reports.
  performance.mark('report-ready');
})();
