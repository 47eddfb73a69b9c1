// Browser suite for a site built by yanbao. Usage:
//   node suite.mjs --site DIR [--base /sub/path/] [--shots DIR] [--full] [--only REGEX]
// Visits every page in headless Chromium (Debian's /usr/bin/chromium) and checks: no console
// errors or failed requests, anchors and internal links resolve, axe-core WCAG 2.1 A/AA in light
// and dark mode, no horizontal scroll at 375 px, no overlap at 1280 px, keyboard access, print
// styles, language twins; reading geometry (heading leading, no one-character last lines, Latin
// quotes on English pages, Tab stops only on tables that scroll, the phone contents control); prints
// the one-page view and the chapter with most figures to PDF and reads the PDFs back with poppler's
// pdftotext (page count, half-empty pages, page numbers, running header, figures split across
// pages); chart text size and overlap at six widths; then runs the Nu HTML Checker on every page. Ends with "N passed, N failed".
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { createRequire } from 'node:module';
import { serve } from './serve.mjs';

const require = createRequire(import.meta.url);
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : true]);
  return acc;
}, []));
const site = path.resolve(args.site || 'public');
const base = args.base || '/';
const shots = args.shots ? path.resolve(args.shots) : null;
const full = Boolean(args.full);
// --only REGEX: visit only the matching pages (for working on a check; the print checks still run).
const only = args.only ? new RegExp(args.only) : null;
const CHROME_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync', '--disable-quic'];

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else {
    failed++;
    console.log(`FAIL ${name}${detail ? `\n     ${String(detail).split('\n').join('\n     ')}` : ''}`);
  }
}

function htmlFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...htmlFiles(p));
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out.sort();
}

const files = htmlFiles(site);
const htmlOf = (rel) => fs.readFileSync(path.join(site, rel === '404.html' ? rel : `${rel}index.html`), 'utf8');
// The page kind a template gave the page (`<body class="page-chapter">`).
const kindOf = (rel) => (htmlOf(rel).match(/<body class="page-([a-z]+)"/) || [])[1];
const pages = files.map((f) => path.relative(site, f).split(path.sep).join('/'))
  .map((rel) => rel === '404.html' ? rel : rel.replace(/index\.html$/, ''));
const server = await serve(site, base);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROME_ARGS });
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const internalLinks = new Map();

async function open(context, rel) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400 && !(rel === '404.html' && r.url().endsWith('404.html'))) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  const resp = await page.goto(server.url + rel, { waitUntil: 'load' });
  return { page, problems, status: resp.status() };
}

async function axe(page) {
  // Open every data table so that its contrast and structure are checked too.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await page.evaluate(axeSource);
  const r = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
  return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
}

/** Text boxes of every visible chart SVG that leave the SVG or overlap another label. */
async function chartTextProblems(page) {
  return page.evaluate(() => {
    const out = [];
    for (const svg of document.querySelectorAll('figure svg.chart-svg')) {
      const box = svg.getBoundingClientRect();
      if (!box.width) continue;
      const id = svg.closest('figure').id;
      const texts = [...svg.querySelectorAll('text')].map((t) => ({ t: t.textContent.trim(), r: t.getBoundingClientRect() }));
      for (const { t, r } of texts) {
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) out.push(`${id}: "${t}" leaves the chart`);
      }
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          const [a, b] = [texts[i].r, texts[j].r];
          const ox = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const oy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (ox > 1 && oy > 2) out.push(`${id}: "${texts[i].t}" overlaps "${texts[j].t}"`);
        }
      }
    }
    return out;
  });
}

/** Lines of one-character at the end of headings and cards, measured per character with Ranges. */
async function lonelyLastLines(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('main h1, main h2, main h3, .card p, .contents-list .title')) {
      if (!el.getClientRects().length) continue;
      const tops = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (let i = 0; i < n.data.length; i++) {
          if (/\s/.test(n.data[i])) continue;
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + 1);
          const box = r.getBoundingClientRect();
          if (box.width) tops.push(Math.round(box.top));
        }
      }
      const lines = [...new Set(tops)].sort((a, b) => a - b);
      // A line starts more than half a character below the previous one.
      const starts = lines.filter((t, i) => i === 0 || t - lines[i - 1] > 4);
      if (starts.length < 2) continue;
      const last = starts[starts.length - 1];
      const onLast = tops.filter((t) => t >= last - 4).length;
      if (onLast === 1) out.push(`"${el.textContent.trim().slice(0, 40)}"`);
    }
    return out;
  });
}

/** Reading geometry at one width: leading of headings, lonely last lines, quotes, Tab stops. */
async function readingGeometry(page, name, rel, width) {
  const r = await page.evaluate(async () => {
    document.querySelectorAll('details.chart-data').forEach((d) => { d.open = true; });
    // tables.js hears of the opened tables' new sizes before the next frame.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const heads = [...document.querySelectorAll('main h1, main h2, main h3')].filter((h) => h.getClientRects().length);
    const loose = heads.map((h) => {
      const s = getComputedStyle(h);
      return { t: h.textContent.trim().slice(0, 30), ratio: parseFloat(s.lineHeight) / parseFloat(s.fontSize) };
    }).filter((x) => !(x.ratio <= 1.45));
    // A curly quote in the body font, as wide as a Latin quote (well under 1 em) on English pages.
    const probe = document.createElement('span');
    probe.textContent = '\u201c';
    document.querySelector('main').append(probe);
    const quote = probe.getBoundingClientRect().width / parseFloat(getComputedStyle(probe).fontSize);
    probe.remove();
    // Tables that take a Tab stop must scroll at this width, or at the other one (checked there).
    const tabTables = [...document.querySelectorAll('.table-wrap')].map((w) => ({
      tab: w.hasAttribute('tabindex'), scrolls: w.scrollWidth > w.clientWidth + 1,
      fig: !!w.closest('figure, .disclosures'),
    }));
    // Table cells keep room for a short word: none narrows to a character or two a line.
    const thin = [...document.querySelectorAll('.table-wrap :is(th, td)')].filter((c) => {
      const s = getComputedStyle(c);
      const inner = c.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
      return c.getClientRects().length && c.textContent.trim().length > 2 && inner < 2.5 * parseFloat(s.fontSize);
    }).map((c) => c.textContent.trim().slice(0, 12));
    const toggle = document.querySelector('.contents-toggle');
    const wc = document.querySelector('.whole-contents');
    const prose = document.querySelector('.whole .prose');
    return {
      thin,
      whole: wc && prose ? { contents: Math.round(wc.getBoundingClientRect().left), prose: Math.round(prose.getBoundingClientRect().right) } : null,
      heads: heads.length, loose, quote, lang: document.documentElement.lang, tabTables,
      chapter: document.body.classList.contains('page-chapter'),
      toggle: toggle && getComputedStyle(toggle).display !== 'none' ? toggle.getBoundingClientRect().top : null,
    };
  });
  if (rel !== '404.html') check(`${name}: has headings to measure (${width}px)`, r.heads > 0);
  check(`${name}: headings have their own line-height, not the body's (${width}px)`, r.loose.length === 0, JSON.stringify(r.loose));
  const lonely = await lonelyLastLines(page);
  check(`${name}: no heading or card ends in a one-character line (${width}px)`, lonely.length === 0, lonely.join('\n'));
  if (r.lang === 'en') check(`${name}: curly quotes are Latin width, not full-width (${width}px)`, r.quote < 0.6, `${r.quote.toFixed(2)} em`);
  // Every table's box takes a Tab stop exactly while it scrolls (static/tables.js), at each width;
  // closed data tables are opened first so that they are measured too.
  if (r.whole && width === 1280) check(`${name}: the one-page view's contents sit beside the text (1280px)`, r.whole.contents >= r.whole.prose, JSON.stringify(r.whole));
  check(`${name}: table columns are not one character wide (${width}px)`, r.thin.length === 0, JSON.stringify(r.thin));
  const stuck = r.tabTables.filter((t) => !t.tab && t.scrolls);
  check(`${name}: tables without a Tab stop do not scroll (${width}px)`, stuck.length === 0, JSON.stringify(stuck));
  const idle = r.tabTables.filter((t) => t.tab && !t.scrolls);
  check(`${name}: tables with a Tab stop scroll (${width}px)`, idle.length === 0, JSON.stringify(idle));
  if (r.chapter && width === 375) check(`${name}: contents control near the top on phones`, r.toggle !== null && r.toggle < 700, String(r.toggle));
  if (r.chapter && width === 1280) check(`${name}: no contents control beside the sidebar`, r.toggle === null, String(r.toggle));
}

// Chart text measured in the browser (not with the generator's own width estimate): at every
// width from a 320 px phone to a 1280 px desktop, the layout chosen by the figure's width keeps
// every chart text at 12 CSS px or more, inside its chart and apart from the others.
const CHART_WIDTHS = [320, 375, 560, 768, 1024, 1280];
async function checkChartWidths(rel) {
  for (const width of CHART_WIDTHS) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const { page } = await open(ctx, rel);
    const small = await page.evaluate(() => {
      const out = [];
      for (const svg of document.querySelectorAll('figure svg.chart-svg')) {
        const box = svg.getBoundingClientRect();
        if (!box.width) continue;
        const scale = box.width / svg.viewBox.baseVal.width;
        for (const t of svg.querySelectorAll('text')) {
          const px = parseFloat(getComputedStyle(t).fontSize) * scale;
          if (px < 11.95) out.push(`${svg.closest('figure').id}: "${t.textContent.trim()}" at ${px.toFixed(1)}px`);
        }
      }
      return out;
    });
    const shown = await page.evaluate(() => [...document.querySelectorAll('figure.chart')]
      .filter((f) => f.querySelector('.chart-sizes') && ![...f.querySelectorAll('svg.chart-svg')].some((s) => s.getBoundingClientRect().width > 0))
      .map((f) => f.id));
    check(`/${rel}: every chart shows one layout (${width}px)`, shown.length === 0, shown.join(' '));
    check(`/${rel}: chart text at least 12px (${width}px)`, small.length === 0, small.slice(0, 10).join('\n'));
    const text = await chartTextProblems(page);
    check(`/${rel}: chart labels stay inside and apart (${width}px)`, text.length === 0, text.join('\n'));
    await ctx.close();
  }
}

async function checkPage(rel) {
  const name = `/${rel}`;
  const light = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  const { page, problems, status } = await open(light, rel);
  check(`${name}: loads`, rel === '404.html' || status === 200, `status ${status}`);
  // Anchors on this page and internal links to collect.
  const links = await page.$$eval('a[href]', (as) => as.map((a) => ({ href: a.getAttribute('href'), abs: a.href })));
  for (const { href, abs } of links) {
    if (href.startsWith('#')) {
      const id = decodeURIComponent(href.slice(1));
      const found = await page.evaluate((id) => !!document.getElementById(id), id);
      check(`${name}: anchor ${href} lands on an element`, found);
    } else if (abs.startsWith(server.url.replace(/\/[^/]*$/, ''))) {
      if (!internalLinks.has(abs)) internalLinks.set(abs, name);
    }
  }
  check(`${name}: axe WCAG 2.1 A/AA (light)`, (await axe(page)).length === 0, (await axe(page)).join('\n'));
  // Layout at 1280: sidebar and article do not intersect; header items do not intersect.
  const overlaps = await page.evaluate(() => {
    const box = (el) => el && el.getBoundingClientRect();
    const hit = (a, b) => a && b && a.width && b.width && !(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top);
    const out = [];
    if (hit(box(document.querySelector('.sidebar')), box(document.querySelector('article')))) out.push('sidebar overlaps article');
    if (hit(box(document.querySelector('.site-title')), box(document.querySelector('.lang-switch')))) out.push('title overlaps language switcher');
    for (const svg of document.querySelectorAll('figure .chart-wide svg')) {
      const col = svg.closest('figure').getBoundingClientRect();
      if (svg.getBoundingClientRect().width > col.width + 1) out.push('chart wider than its column');
    }
    return out;
  });
  check(`${name}: no overlap at 1280px`, overlaps.length === 0, overlaps.join('; '));
  await readingGeometry(page, name, rel, 1280);
  const wideText = await chartTextProblems(page);
  check(`${name}: chart labels stay inside and apart (1280px)`, wideText.length === 0, wideText.join('\n'));
  // Keyboard: the first Tab reaches the skip link, which moves focus to main; focus is visible.
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => {
    const a = document.activeElement;
    const style = getComputedStyle(a);
    return { cls: a.className, outline: style.outlineStyle, top: a.getBoundingClientRect().top };
  });
  check(`${name}: first Tab focuses a visible skip link`, skip.cls === 'skip-link' && skip.outline !== 'none' && skip.top >= 0, JSON.stringify(skip));
  await page.keyboard.press('Enter');
  const onMain = await page.evaluate(() => document.activeElement && document.activeElement.id === 'main');
  check(`${name}: skip link moves focus to main`, onMain);
  const reachable = await page.evaluate(() => {
    const focusable = [...document.querySelectorAll('a[href], button, summary, [tabindex="0"]')];
    const need = [...document.querySelectorAll('.lang-switch a, .toc a')];
    return need.every((el) => focusable.includes(el) && el.tabIndex >= 0);
  });
  check(`${name}: language switcher and contents are keyboard-reachable`, reachable);
  const unfocusable = await page.evaluate(() => [...document.querySelectorAll('main a[href], header a[href]')].slice(0, 40).filter((a) => {
    a.focus();
    const s = getComputedStyle(a);
    return document.activeElement === a && s.outlineStyle === 'none' && s.boxShadow === 'none';
  }).map((a) => a.getAttribute('href')));
  check(`${name}: focused links show a focus ring`, unfocusable.length === 0, unfocusable.join(' '));
  // Language twins: the switcher link equals the hreflang alternate and the twin has that lang.
  const twins = await page.evaluate(() => [...document.querySelectorAll('.lang-switch a')].map((a) => ({
    href: a.href, lang: a.getAttribute('hreflang'),
    alt: document.querySelector(`link[rel=alternate][hreflang="${a.getAttribute('hreflang')}"]`)?.getAttribute('href'),
  })));
  for (const t of twins) {
    if (rel !== '404.html' && rel !== '' && rel !== 'en/') {
      check(`${name}: switcher to ${t.lang} matches its hreflang alternate`, t.alt && new URL(t.alt).pathname === new URL(t.href).pathname, `${t.href} vs ${t.alt}`);
    }
    const twin = await light.newPage();
    const r = await twin.goto(t.href);
    const lang = await twin.evaluate(() => document.documentElement.lang);
    check(`${name}: twin ${t.lang} exists with lang=${t.lang}`, r.status() === 200 && lang === t.lang, `${r.status()} ${lang}`);
    await twin.close();
  }
  check(`${name}: no console errors or failed requests`, problems.length === 0, problems.join('\n'));
  await light.close();
  // Dark mode contrast.
  const dark = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
  const d = await open(dark, rel);
  const darkViolations = await axe(d.page);
  check(`${name}: axe WCAG 2.1 A/AA (dark)`, darkViolations.length === 0, darkViolations.join('\n'));
  await dark.close();
  // Phone width.
  const phone = await browser.newContext({ viewport: { width: 375, height: 800 }, colorScheme: 'light' });
  const p = await open(phone, rel);
  const scroll = await p.page.evaluate(() => ({ sw: document.scrollingElement.scrollWidth, cw: document.scrollingElement.clientWidth }));
  check(`${name}: no horizontal scrolling at 375px`, scroll.sw <= scroll.cw, JSON.stringify(scroll));
  await readingGeometry(p.page, name, rel, 375);
  const narrowText = await chartTextProblems(p.page);
  check(`${name}: chart labels stay inside and apart (375px)`, narrowText.length === 0, narrowText.join('\n'));
  const broken = await brokenHeaderWords(p.page);
  check(`${name}: table headers keep their words whole (375px)`, broken.length === 0, broken.join(', '));
  await phone.close();
}

// Words of a wrapping table's headers that are split over two lines ("Overwei|ght"): each word
// of a header must lie on one line.
async function brokenHeaderWords(page) {
  return page.$$eval('.table-fits th', (ths) => {
    const out = [];
    for (const th of ths) {
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of node.data.matchAll(/[A-Za-z]{2,}/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1) out.push(m[0]);
        }
      }
    }
    return out;
  });
}

async function checkPrint(rel) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page } = await open(ctx, rel);
  await page.emulateMedia({ media: 'print' });
  const r = await page.evaluate(() => {
    const hidden = (sel) => [...document.querySelectorAll(sel)].every((el) => getComputedStyle(el).display === 'none');
    const figs = [...document.querySelectorAll('figure.chart')];
    const ext = [...document.querySelectorAll('.prose a[href^="http"], .related a[href^="http"], .site-footer a[href^="http"]')];
    return {
      chrome: hidden('.site-header') && hidden('.sidebar') && hidden('.pager') && hidden('.skip-link') && hidden('.cite-files'),
      charts: figs.every((f) => f.querySelector('svg') && getComputedStyle(f.querySelector('.chart-wide')).display !== 'none'),
      unbroken: figs.every((f) => ['avoid', 'avoid-page'].includes(getComputedStyle(f).breakInside)),
      urls: ext.every((a) => getComputedStyle(a, '::after').content.includes('http')),
    };
  });
  check(`/${rel}: print hides navigation chrome`, r.chrome);
  check(`/${rel}: print shows charts`, r.charts);
  check(`/${rel}: print keeps figures whole`, r.unbroken);
  check(`/${rel}: print shows URLs of external links`, r.urls);
  if (shots) await page.pdf({ path: path.join(shots, `${rel.replace(/\W+/g, '_') || 'home'}.pdf`), preferCSSPageSize: true, printBackground: true });
  await ctx.close();
}

/** Words of each PDF page with their boxes, read with poppler's pdftotext. */
function pdfPages(file) {
  const r = spawnSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) return null;
  const unescape = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return [...r.stdout.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m) => ({
    width: +m[1], height: +m[2],
    words: [...m[3].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
      .map((w) => ({ y: (+w[2] + +w[4]) / 2, bottom: +w[4], text: unescape(w[5]) })),
  }));
}

/**
 * Prints `rel` to PDF (A4 from the page's CSS) and checks the paper: every page but the last is at
 * least half full, every page has its number "i / n", pages after the first have the running
 * header, and no figure's caption and source line land on different pages. Not vacuous: the page
 * must have figures, and each figure's caption must be found in the PDF.
 */
async function checkPdf(rel) {
  const name = `/${rel}`;
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page } = await open(ctx, rel);
  const figures = await page.evaluate(() => [...document.querySelectorAll('figure.chart')].map((f) => ({
    head: f.querySelector('.chart-head .chart-label').textContent + f.querySelector('.chart-head .chart-title').textContent,
    source: f.querySelector('.chart-source').textContent,
  })));
  const title = await page.evaluate(() => document.querySelector('.report-hero h1, .kicker a')?.textContent || '');
  // Rows and columns of the prose tables whose facts a chart marked repeats="table" gives (null:
  // no table before the chart). pdftotext reads a printed table by rows or by columns.
  const repeated = await page.evaluate(() => [...document.querySelectorAll('figure[data-repeats="table"]')].map((f) => {
    const wrap = f.previousElementSibling;
    if (!wrap || !wrap.matches('.table-wrap')) return null;
    const rows = [...wrap.querySelectorAll('tr')].map((tr) => [...tr.cells].map((c) => c.textContent));
    const columns = rows[0].map((_, i) => rows.map((r) => r[i] || '').join(''));
    return [...rows.map((r) => r.join('')), ...columns];
  }));
  check(`${name}: print test page has figures`, figures.length > 0);
  // The default report's one-page view has the outlook chapter's three phases (prose table + chart).
  if (rel === 'aigc-2024/all/') check(`${name}: print test page has a chart that repeats a table`, repeated.length > 0);
  const file = path.join(shots || os.tmpdir(), `${rel.replace(/\W+/g, '_') || 'home'}-print.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  await ctx.close();
  const pdf = pdfPages(file);
  check(`${name}: PDF can be read (pdftotext from poppler-utils)`, pdf !== null && pdf.length > 0);
  if (!pdf) return;
  const squash = (t) => t.replace(/[\s\u00a0]+/g, '');
  const MARGIN = 18 / 25.4 * 72; // the @page margin, in points
  const n = pdf.length;
  let text = '';
  const starts = [];
  pdf.forEach((p, i) => {
    const body = p.words.filter((w) => w.y > MARGIN && w.y < p.height - MARGIN);
    const foot = squash(p.words.filter((w) => w.y >= p.height - MARGIN).map((w) => w.text).join(''));
    const head = squash(p.words.filter((w) => w.y <= MARGIN).map((w) => w.text).join(''));
    const bottom = Math.max(MARGIN, ...body.map((w) => w.bottom));
    const used = (bottom - MARGIN) / (p.height - 2 * MARGIN);
    if (i < n - 1) check(`${name}: PDF page ${i + 1} of ${n} is at least half full`, used >= 0.5, `${Math.round(used * 100)}% used`);
    check(`${name}: PDF page ${i + 1} has its page number`, foot.includes(`${i + 1}/${n}`), foot);
    if (i > 0) check(`${name}: PDF page ${i + 1} has the running header`, title !== '' && head.includes(squash(title).slice(0, 8)), head);
    starts.push(text.length);
    text += squash(body.map((w) => w.text).join(''));
  });
  // Each fact once on paper: the chart is printed, the table it repeats is not.
  for (const rows of repeated) {
    const printed = (rows || []).filter((row) => text.includes(squash(row)));
    check(`${name}: a table that a chart repeats is not printed`, rows !== null && rows.length > 0 && printed.length === 0, JSON.stringify(rows && printed));
  }
  const pageAt = (pos) => starts.filter((s) => s <= pos).length;
  let from = 0;
  for (const f of figures) {
    const at = text.indexOf(squash(f.head), from);
    check(`${name}: PDF shows figure "${f.head.trim().slice(0, 30)}"`, at >= 0);
    if (at < 0) continue;
    const end = text.indexOf(squash(f.source), at);
    check(`${name}: figure "${f.head.trim().slice(0, 30)}" is not split across pages`, end >= 0 && pageAt(at) === pageAt(end + squash(f.source).length - 1),
      `caption on page ${pageAt(at)}, source on page ${end >= 0 ? pageAt(end + squash(f.source).length - 1) : '?'}`);
    from = at + 1;
  }
  console.log(`${name}: printed ${n} pages, ${figures.length} figures`);
}

async function screenshots(rel, label) {
  for (const width of [375, 1280]) {
    for (const scheme of ['light', 'dark']) {
      const ctx = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const { page } = await open(ctx, rel);
      await page.screenshot({ path: path.join(shots, `${label}-${width}-${scheme}.png`), fullPage: true });
      await ctx.close();
    }
  }
}

function nuChecker() {
  const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
  // vnu reports on stderr; --exit-zero-always keeps the exit code for real failures only.
  const r = spawnSync('java', ['-jar', jar, '--format', 'json', '--exit-zero-always', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  let messages;
  try {
    messages = JSON.parse(r.stderr).messages;
  } catch {
    check('Nu HTML Checker runs', false, `${r.error || ''} ${r.stderr.slice(0, 500)}`);
    return;
  }
  const errors = messages.filter((m) => m.type === 'error');
  check(`Nu HTML Checker: zero errors in ${files.length} pages`, errors.length === 0,
    errors.slice(0, 20).map((m) => `${path.relative(site, new URL(m.url).pathname)}:${m.lastLine}: ${m.message}`).join('\n'));
}

console.log(`browser suite: ${pages.length} pages of ${site} served at ${server.url}`);
for (const rel of pages) if (!only || only.test(rel)) await checkPage(rel);
const chartPages = pages.filter((rel) => (!only || only.test(rel)) && fs.readFileSync(path.join(site, rel === '404.html' ? rel : `${rel}index.html`), 'utf8').includes('chart-sizes'));
if (!only) check('the site has chart pages to measure', chartPages.length > 0);
for (const rel of chartPages) await checkChartWidths(rel);
{
  const r = await fetch(server.url + 'no/such/page/');
  const html = await r.text();
  check('a missing page answers 404 with the site\'s 404 page', r.status === 404 && html.includes('<main'));
}
for (const [url, from] of internalLinks) {
  const r = await fetch(url);
  check(`${from}: link ${new URL(url).pathname} resolves`, r.status === 200, `HTTP ${r.status}`);
}
// Search: the index built with the site answers in the page's language, under any base path.
async function search(lang, query, viewport = { width: 1280, height: 900 }, colorScheme = 'light') {
  const ctx = await browser.newContext({ viewport, colorScheme });
  const r = await open(ctx, `${lang}search/?q=${encodeURIComponent(query)}`);
  await r.page.waitForSelector('#search-results:not([aria-busy])', { state: 'attached', timeout: 20000 }).catch(() => {});
  await r.page.waitForFunction(() => document.getElementById('search-status').textContent !== '', null, { timeout: 20000 }).catch(() => {});
  r.hrefs = await r.page.$$eval('#search-results li h2 a', (as) => as.map((a) => a.getAttribute('href')));
  r.status = await r.page.textContent('#search-status');
  r.ctx = ctx;
  return r;
}
// The search checks name the default report's chapters, so they run on the default site only.
if (pages.some((p) => p.startsWith('aigc-2024/'))) {
  const zh = await search('', '多模态');
  check('search 「多模态」 on a Chinese page: the multimodal chapter comes first', /\/multimodal\/(#.*)?$/.test(zh.hrefs[0] || ''), zh.hrefs.join(' '));
  check('search results are links under the base path', zh.hrefs.length > 0 && zh.hrefs.every((h) => h.startsWith(base)), zh.hrefs.join(' '));
  check('search results show the report', (await zh.page.$$eval('.search-report', (ps) => ps.length)) > 0);
  check('search excerpts highlight the match', (await zh.page.$$eval('.search-excerpt mark', (ms) => ms.map((m) => m.textContent))).some((t) => t.includes('多模态')));
  check('search page: axe WCAG 2.1 A/AA with results (light)', (await axe(zh.page)).length === 0, (await axe(zh.page)).join('\n'));
  check('search page: no console errors or failed requests', zh.problems.length === 0, zh.problems.join('\n'));
  const target = new URL(zh.hrefs[0] || '/', server.url);
  const landed = await zh.page.goto(target.href);
  const hashOk = !target.hash || await zh.page.evaluate((id) => !!document.getElementById(id), decodeURIComponent(target.hash.slice(1)));
  check('the first search result opens, on its section', landed.status() === 200 && hashOk, target.href);
  await zh.ctx.close();
  const en = await search('en/', 'open source');
  check('search "open source" on an English page finds the open-source chapter first', /\/open-source\/(#.*)?$/.test(en.hrefs[0] || ''), en.hrefs.join(' '));
  check('English search results stay in English', en.hrefs.every((h) => h.startsWith(`${base}en/`)), en.hrefs.join(' '));
  const other = await en.page.$eval('.lang-switch a[hreflang]', (a) => a.getAttribute('href'));
  check('the language switcher of a search page keeps the query', other === `${base}search/?q=open+source`, other);
  await en.ctx.close();
  const big = await search('', '千亿');
  check('search 「千亿」 finds the outlook chapter', big.hrefs.some((h) => /\/outlook\/(#.*)?$/.test(h)), big.hrefs.join(' '));
  await big.ctx.close();
  // "thresholds" is only in a chart title (a figure caption), not in any chapter's prose.
  const chart = await search('en/', 'thresholds');
  check('search finds words of chart titles', chart.hrefs.some((h) => /\/business-models\/(#.*)?$/.test(h)), chart.hrefs.join(' '));
  await chart.ctx.close();
  const none = await search('en/', 'zqxjvwk');
  check('a search without results says so', none.hrefs.length === 0 && /zqxjvwk/.test(none.status) && /no /i.test(none.status), none.status);
  await none.ctx.close();
  // Any two characters of a phrase find it: 「模态」 is the tail of 「多模态」.
  const part = await search('', '模态');
  check('search 「模态」 (part of a word) finds the multimodal chapter', part.hrefs.some((h) => /\/multimodal\/(#.*)?$/.test(h)), part.hrefs.join(' '));
  await part.ctx.close();
  // An index that cannot be fetched is said in the page's language, not left spinning.
  {
    const ctx = await browser.newContext();
    await ctx.route('**/search-index/**', (route) => route.abort());
    const page = await ctx.newPage();
    await page.goto(`${server.url}en/search/?q=model`);
    await page.waitForSelector('#search-results:not([aria-busy])', { state: 'attached', timeout: 20000 }).catch(() => {});
    const said = await page.textContent('#search-status');
    const want = await page.getAttribute('#search-results', 'data-failed');
    check('a search index that cannot be loaded is reported in the page language', !!want && said === want, `${said} / ${want}`);
    await ctx.close();
  }
  const dark = await search('', '多模态', { width: 375, height: 800 }, 'dark');
  check('search page: axe with results (dark, 375px)', (await axe(dark.page)).length === 0, (await axe(dark.page)).join('\n'));
  const scroll = await dark.page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
  check('search page: no horizontal scrolling at 375px', scroll.sw <= scroll.cw, JSON.stringify(scroll));
  await dark.ctx.close();
  // Keyboard only: Tab to the header box on a chapter, type, Enter, and reach the results.
  const kctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const k = await open(kctx, 'en/');
  let reached = false;
  for (let i = 0; i < 12 && !reached; i++) {
    await k.page.keyboard.press('Tab');
    reached = await k.page.evaluate(() => document.activeElement?.name === 'q');
  }
  if (reached) {
    await k.page.keyboard.type('multimodal');
    await Promise.all([k.page.waitForNavigation(), k.page.keyboard.press('Enter')]);
    await k.page.waitForSelector('#search-results li', { timeout: 20000 }).catch(() => {});
  }
  const kHrefs = await k.page.$$eval('#search-results li h2 a', (as) => as.map((a) => a.getAttribute('href'))).catch(() => []);
  check('keyboard: Tab reaches the header search box and Enter shows results', reached && kHrefs.length > 0, `reached=${reached} ${kHrefs.join(' ')}`);
  const scripts = await k.page.goto(server.url + 'en/').then(() => k.page.$$eval('script[src]', (s) => s.map((x) => x.src)));
  check('pages other than search load no search script', !scripts.some((s) => /search-index|search\.js/.test(s)), scripts.join(' '));
  await kctx.close();
}

// A query with more results than a page shows (the library fixture: "report" is on 44 English
// pages): the count is of all results, and "more" adds the next ones and moves the focus to them.
if (!pages.some((p) => p.startsWith('aigc-2024/')) && pages.length > 100) {
  const r = await search('en/', 'report');
  const count = async () => r.page.$$eval('#search-results li', (li) => li.length);
  const first = await count();
  const total = Number((r.status.match(/\d+/) || ['0'])[0]);
  check('search: a long result list shows 20 and counts them all', first === 20 && total > 20, `${first} shown, status "${r.status}"`);
  check('search: "more results" is offered while results are left', await r.page.isVisible('#search-more'));
  check('search page with "more": axe WCAG 2.1 A/AA', (await axe(r.page)).length === 0, (await axe(r.page)).join('\n'));
  await r.page.click('#search-more');
  await r.page.waitForFunction((n) => document.querySelectorAll('#search-results li').length > n, first, { timeout: 20000 }).catch(() => {});
  const after = await count();
  const focused = await r.page.evaluate(() => document.activeElement?.closest('li') === document.querySelectorAll('#search-results li')[20]);
  check('search: "more results" adds the next ones and focuses the first of them', after === Math.min(40, total) && focused, `${after} of ${total}, focused=${focused}`);
  check('search: "more results" goes once every result is shown', total > 40 || !(await r.page.isVisible('#search-more')));
  check('search page with "more": no console errors or failed requests', r.problems.length === 0, r.problems.join('\n'));
  await r.ctx.close();
}

// Cite block: copy buttons appear with a clipboard and copy the reference's text.
{
  const ctx = await browser.newContext();
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  // The English home when it is the report's landing page, else (a library) the first English landing page.
  const citeAt = htmlOf('en/').includes('data-copy') ? 'en/' : pages.find((p) => p.startsWith('en/') && kindOf(p) === 'landing');
  const { page } = await open(ctx, citeAt || 'en/');
  const button = page.locator('button[data-copy]').nth(1);
  const visible = await button.isVisible();
  if (visible) await button.click();
  const copied = visible ? await page.evaluate(() => navigator.clipboard.readText()) : '';
  const shown = await page.locator('#cite-this-2').textContent();
  check('cite: a copy button copies its reference', visible && copied === shown.trim() && copied.includes('(20'), `${visible} ${copied}`);
  await ctx.close();
}

// Library sites have sector, series, list and standalone pages at these depths too: go by the page kind.
const landing = pages.find((p) => /^[^/]+\/$/.test(p) && p !== 'en/' && kindOf(p) === 'landing') || '';
const chapter = pages.find((p) => /^[^/]+\/[^/]+\/$/.test(p) && kindOf(p) === 'chapter' && !p.startsWith('en/'));
if (shots) fs.mkdirSync(shots, { recursive: true });
for (const rel of [landing, chapter].filter((x) => x !== undefined)) await checkPrint(rel);
// Paper: the one-page view and the chapter with most figures.
const whole = pages.find((p) => /^[^/]+\/all\/$/.test(p));
const figureCount = (rel) => (fs.readFileSync(path.join(site, rel, 'index.html'), 'utf8').match(/<figure class="chart /g) || []).length;
const richest = pages.filter((p) => /^[^/]+\/[^/]+\/$/.test(p) && p !== whole && !/\/(analysts|related|disclosures)\/$/.test(p))
  .sort((a, b) => figureCount(b) - figureCount(a))[0];
check('a one-page view exists to print', whole !== undefined);
for (const rel of [whole, richest].filter((x) => x !== undefined)) await checkPdf(rel);
if (shots) {
  await screenshots(landing, 'landing');
  if (chapter) await screenshots(chapter, 'chapter');
  console.log(`screenshots and PDFs: ${shots}`);
}
if (!only && (full || base === '/')) nuChecker();
await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
