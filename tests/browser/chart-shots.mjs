// Screenshots of every chart of a built site, one PNG per figure, language, width and colour
// scheme, for looking at (not compared). Usage:
//   node chart-shots.mjs --site DIR --out DIR [--base /]
// Pages are those holding a `figure.chart`; each figure is shot on the first page that shows it
// in each language (zh pages and /en/ pages), at 375 and 1280 px, light and dark.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './serve.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const site = path.resolve(args.site || 'public');
const out = path.resolve(args.out || 'chart-shots');
const base = args.base || '/';
fs.mkdirSync(out, { recursive: true });

function htmlFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? htmlFiles(p) : e.name.endsWith('.html') ? [p] : [];
  }).sort();
}

const pages = htmlFiles(site)
  .filter((f) => fs.readFileSync(f, 'utf8').includes('<figure class="chart'))
  .map((f) => path.relative(site, f).split(path.sep).join('/').replace(/index\.html$/, ''));
const server = await serve(site, base);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const seen = new Set();
let n = 0;
for (const width of [375, 1280]) {
  for (const scheme of ['light', 'dark']) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
    for (const rel of pages) {
      const lang = rel.startsWith('en/') || rel.includes('/en/') ? 'en' : 'zh';
      const page = await ctx.newPage();
      await page.goto(server.url + rel, { waitUntil: 'load' });
      for (const fig of await page.$$('figure.chart')) {
        const id = await fig.getAttribute('id');
        const key = `${id}-${lang}-${width}-${scheme}`;
        if (seen.has(key)) continue;
        seen.add(key);
        await fig.scrollIntoViewIfNeeded();
        await fig.screenshot({ path: path.join(out, `${key}.png`) });
        n++;
      }
      await page.close();
    }
    await ctx.close();
  }
}
await browser.close();
server.close();
console.log(`${n} chart screenshots in ${out}`);
