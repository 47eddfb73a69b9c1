// Browser suite for a site built by yanbao. Usage:
//   node suite.mjs --site DIR [--base /sub/path/] [--shots DIR] [--full]
// Visits every page in headless Chromium (Debian's /usr/bin/chromium) and checks: no console
// errors or failed requests, anchors and internal links resolve, axe-core WCAG 2.1 A/AA in light
// and dark mode, no horizontal scroll at 375 px, no overlap at 1280 px, keyboard access, print
// styles, language twins; then runs the Nu HTML Checker on every page. Ends with "N passed, N failed".
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
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
  const narrowText = await chartTextProblems(p.page);
  check(`${name}: chart labels stay inside and apart (375px)`, narrowText.length === 0, narrowText.join('\n'));
  await phone.close();
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
      chrome: hidden('.site-header') && hidden('.sidebar') && hidden('.pager') && hidden('.skip-link'),
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
for (const rel of pages) await checkPage(rel);
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
{
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
  check('pages other than search load no search script', !scripts.some((s) => /pagefind|search\.js/.test(s)), scripts.join(' '));
  await kctx.close();
}

// Cite block: copy buttons appear with a clipboard and copy the reference's text.
{
  const ctx = await browser.newContext();
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  const { page } = await open(ctx, 'en/');
  const button = page.locator('button[data-copy]').nth(1);
  const visible = await button.isVisible();
  if (visible) await button.click();
  const copied = visible ? await page.evaluate(() => navigator.clipboard.readText()) : '';
  const shown = await page.locator('#cite-this-2').textContent();
  check('cite: a copy button copies its reference', visible && copied === shown.trim() && copied.includes('(20'), `${visible} ${copied}`);
  await ctx.close();
}

const landing = pages.find((p) => /^[^/]+\/$/.test(p) && p !== 'en/') || '';
const chapter = pages.find((p) => /^[^/]+\/[^/]+\/$/.test(p) && !/\/(analysts|related|disclosures)\/$/.test(p) && !p.startsWith('en/'));
if (shots) fs.mkdirSync(shots, { recursive: true });
for (const rel of [landing, chapter].filter((x) => x !== undefined)) await checkPrint(rel);
if (shots) {
  await screenshots(landing, 'landing');
  if (chapter) await screenshots(chapter, 'chapter');
  console.log(`screenshots and PDFs: ${shots}`);
}
if (full || base === '/') nuChecker();
await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
