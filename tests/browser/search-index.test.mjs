// Tests of static/search-index.js with plain node (no packages): the tokenizer cases shared with
// the Rust side (tests/fixtures/search-terms.json), and the search logic against a small index
// written here by hand per docs/search-index.md, with `fetch` answered from memory.
// With `--site DIR --base /` it also runs a few real queries against a built site's index.
// Usage: node tests/browser/search-index.test.mjs [--site DIR --base /]
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexTerms, queryTerms, search, chunksFor, excerpt, matches } from '../../static/search-index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
let failed = 0;
let ran = 0;

async function check(name, fn) {
  ran++;
  try {
    await fn();
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL - ${name}: ${e && e.message ? e.message.replace(/\n/g, ' ') : e}`);
  }
}

// `fetch` answers from a map of URL → bytes; every request is counted.
const files = new Map();
const requests = new Map();
globalThis.fetch = async (url) => {
  const key = String(url);
  requests.set(key, (requests.get(key) || 0) + 1);
  const body = files.get(key);
  return body === undefined ? new Response('missing', { status: 404 }) : new Response(body);
};

// ---- Tokenizers ----

const cases = JSON.parse(fs.readFileSync(path.join(here, '../fixtures/search-terms.json'), 'utf8'));
await check('the tokenizer fixture has cases', () => assert.ok(cases.length > 0));
for (const c of cases) {
  await check(`indexTerms ${JSON.stringify(c.text)}`, () => assert.deepEqual(indexTerms(c.text), c.index));
  await check(`queryTerms ${JSON.stringify(c.text)}`, () => assert.deepEqual(queryTerms(c.text), c.query));
}

await check('words are lowercased character by character, as Rust\'s char::to_lowercase', () => {
  // A whole-string toLowerCase makes a final Σ into ς; the indexer writes σ.
  assert.deepEqual(indexTerms('ΟΔΟΣ'), ['οδοσ']);
  assert.deepEqual(queryTerms('ΟΔΟΣ'), [['οδοσ', true]]);
});

// ---- A small index, written by hand ----

// Unsigned LEB128, as the contract's chunk format.
function varint(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

// Writes an index folder into `files`: `postings` maps term → [[page, score], …] (pages
// ascending); the chunks start at the terms of `firsts`.
function writeIndex(bundle, pages, postings, firsts) {
  const terms = Object.keys(postings).sort();
  assert.equal(terms[0], firsts[0], 'the first chunk starts at the first term');
  const chunks = firsts.map(() => []);
  for (const t of terms) {
    let i = firsts.length - 1;
    while (firsts[i] > t) i--;
    const bytes = [...new TextEncoder().encode(t)];
    const entry = [...varint(bytes.length), ...bytes, ...varint(postings[t].length)];
    let prev = 0;
    for (const [page, score] of postings[t]) {
      entry.push(...varint(page - prev), ...varint(score));
      prev = page;
    }
    chunks[i].push(...entry);
  }
  files.set(`${bundle}meta.json`, JSON.stringify({ version: 1, pages: pages.length, chunks: firsts }));
  chunks.forEach((c, i) => files.set(`${bundle}c/${i}.bin`, new Uint8Array(c)));
  pages.forEach((p, n) => files.set(`${bundle}p/${n}.json`, JSON.stringify(p)));
}

const page = (url, title, report, ...sections) => ({ url, title, report, sections });
const pages = [
  page('/t/en/alpha/', 'Alpha', 'Report A', { id: null, title: 'Alpha', text: 'Open models are common.' }),
  page('/t/en/open-source/', 'Open source', 'Report A',
    { id: null, title: 'Open source', text: 'An introduction.' },
    { id: 'licences', title: 'Licences', text: 'Open source licences differ. Source code is open.' },
    { id: 'more', title: 'More', text: 'Open source again: open source.' }),
  page('/t/en/sources/', 'Sources', null, { id: null, title: 'Sources', text: 'Source material only, common.' }),
  page('/t/en/cobalt/', 'Cobalt', 'Report B', { id: null, title: 'Cobalt', text: 'Mining report.' }, { id: 'ore', title: 'Ore', text: 'Ore grades.' }),
  page('/t/en/modern/', 'Modern', 'Report B', { id: null, title: 'Modern', text: 'Modern times, common sense.' }),
  page('/t/en/multimodal/', 'Multimodal', 'Report B', { id: null, title: 'Multimodal', text: 'Intro.' },
    { id: 'm', title: '多模态', text: '多模态大模型，多模态应用。' }),
];
const postings = {
  cobalt: [[3, 100]], common: [[0, 100], [1, 100], [2, 200], [4, 150]], mining: [[3, 100]],
  // "commons" too: page 4 counts its better match, not the sum (97.1 would pass "sources").
  commons: [[4, 20]], model: [[0, 100]], modern: [[4, 100]], open: [[0, 120], [1, 200]], ore: [[3, 90]], sense: [[4, 100]],
  source: [[1, 180], [2, 150]], time: [[4, 100]],
  多模: [[5, 100]], 模态: [[5, 100]], 态大: [[5, 100]], 大模: [[5, 100]], 模型: [[5, 100]], 型: [[5, 50]],
};
// "model" and "modern" in neighbouring chunks: a prefix "mod" needs both.
const firsts = ['cobalt', 'mining', 'modern', 'ore', '型'];
const B = '/t/search-index/en/';
writeIndex(B, pages, postings, firsts);

const urls = (rs) => rs.map((r) => r.url.split('/').at(-2));
const idf = (n) => Math.log(1 + (pages.length - n + 0.5) / (n + 0.5));

await check('chunksFor: exact term in the last chunk whose first term is ≤ it', () => {
  assert.deepEqual(chunksFor(firsts, 'model', false), [1]);
  assert.deepEqual(chunksFor(firsts, 'modern', false), [2]);
  assert.deepEqual(chunksFor(firsts, 'aaa', false), []);
});
await check('chunksFor: a prefix spans every chunk that can hold its terms', () => {
  assert.deepEqual(chunksFor(firsts, 'mod', true), [1, 2]);
  assert.deepEqual(chunksFor(firsts, 'o', true), [2, 3]);
  assert.deepEqual(chunksFor(firsts, 'co', true), [0]);
  assert.deepEqual(chunksFor(['b', 'ba', 'bb', 'c'], 'b', true), [0, 1, 2]);
  assert.deepEqual(chunksFor(['ba', 'c'], 'b', true), [0]);
  assert.deepEqual(chunksFor(['ca', 'd'], 'b', true), []);
});
await check('AND: every query term must match', async () => {
  assert.deepEqual(urls(await search(B, 'open source')), ['open-source']);
  assert.deepEqual(urls(await search(B, 'open co')), ['open-source', 'alpha']);
});
await check('a prefix finds terms across a chunk boundary', async () => {
  assert.deepEqual(urls(await search(B, 'mod')), ['alpha', 'modern']);
});
await check('ranking: idf · score, best matching term per page, ties by page number', async () => {
  const rs = await search(B, 'co');
  assert.deepEqual(urls(rs), ['cobalt', 'sources', 'modern', 'alpha', 'open-source']);
  assert.ok(idf(1) * 100 > idf(4) * 200, 'the rare term outranks a higher raw score');
  assert.ok(150 * idf(4) + 20 * idf(1) > 200 * idf(4), 'a sum of page 4\'s terms would change the order');
});
await check('ranking: scores of query terms add up', async () => {
  // "source" alone ranks page 1 (180) over page 2 (150); with "common" (100 and 200, a lower idf)
  // page 2 leads: 150·idf(2) + 200·idf(4) > 180·idf(2) + 100·idf(4).
  assert.deepEqual(urls(await search(B, 'source')), ['open-source', 'sources']);
  assert.deepEqual(urls(await search(B, 'source common')), ['sources', 'open-source']);
  assert.ok(150 * idf(2) + 200 * idf(4) > 180 * idf(2) + 100 * idf(4));
});
await check('the limit cuts the list', async () => {
  assert.deepEqual(urls(await search(B, 'co', 2)), ['cobalt', 'sources']);
});
await check('the list knows the number of all results, and an offset gives the next ones', async () => {
  const first = await search(B, 'co', 2);
  assert.equal(first.total, 5);
  const next = await search(B, 'co', 2, 2);
  assert.deepEqual(urls(next), ['modern', 'alpha']);
  assert.equal(next.total, 5);
  assert.deepEqual(urls(await search(B, 'co', 2, 4)), ['open-source']);
  assert.deepEqual(await search(B, 'co', 2, 9), []);
  assert.equal((await search(B, 'zzz')).total, 0);
});
await check('a term absent from the index gives no results', async () => {
  assert.deepEqual(await search(B, 'zzz'), []);
  assert.deepEqual(await search(B, 'open zzz'), []);
  assert.deepEqual(await search(B, 'aaa'), []);
  assert.deepEqual(await search(B, 'opener'), []);
});
await check('a query with no terms gives no results and fetches nothing', async () => {
  const before = [...requests.values()].reduce((a, b) => a + b, 0);
  assert.deepEqual(await search('/nowhere/', '——，。 <> &'), []);
  assert.deepEqual(await search('/nowhere/', ''), []);
  assert.equal([...requests.values()].reduce((a, b) => a + b, 0), before);
});
await check('meta, chunks and pages are fetched once', async () => {
  await search(B, 'open source');
  await search(B, 'mod');
  assert.equal(requests.get(`${B}meta.json`), 1);
  for (const [url, n] of requests) assert.equal(n, 1, url);
});
await check('section: the most matches wins, the earliest on a tie; the link has its id', async () => {
  const [r] = await search(B, 'open source');
  assert.deepEqual(r.section, { id: 'licences', title: 'Licences' });
  assert.equal(r.href, '/t/en/open-source/#licences');
  assert.equal(r.title, 'Open source');
  assert.equal(r.report, 'Report A');
});
await check('section: a match in the title only shows the first section, linked to the page', async () => {
  const [r] = await search(B, 'cobalt');
  assert.equal(r.section, null);
  assert.equal(r.href, '/t/en/cobalt/');
  assert.deepEqual(r.excerpt, [{ text: 'Mining report.', mark: false }]);
});
await check('a missing report is null', async () => {
  const rs = await search(B, 'source');
  assert.equal(rs.find((r) => r.url.endsWith('/sources/')).report, null);
});
await check('CJK: the run as typed is marked in the chosen section', async () => {
  const [r] = await search(B, '多模态');
  assert.equal(r.href, '/t/en/multimodal/#m');
  assert.deepEqual(r.excerpt, [
    { text: '多模态', mark: true }, { text: '大模型，', mark: false },
    { text: '多模态', mark: true }, { text: '应用。', mark: false },
  ]);
});
await check('CJK: one character is a prefix', async () => {
  assert.deepEqual(urls(await search(B, '模')), ['multimodal']);
  assert.deepEqual(await search(B, '模式'), []);
});
await check('excerpt: word matches marked whole, marks that touch merged', async () => {
  const text = 'Open-source models, opened to all';
  assert.deepEqual(excerpt(text, matches(text, { words: ['open', 'source'], cjk: [] })), [
    { text: 'Open', mark: true }, { text: '-', mark: false }, { text: 'source', mark: true },
    { text: ' models, ', mark: false }, { text: 'opened', mark: true }, { text: ' to all', mark: false },
  ]);
  const zh = '看多模态的';
  assert.deepEqual(excerpt(zh, matches(zh, { words: [], cjk: ['多模', '态'] })), [
    { text: '看', mark: false }, { text: '多模态', mark: true }, { text: '的', mark: false },
  ]);
});
await check('excerpt: about 24 words around the first match, cut at spaces with "…"', () => {
  const words = Array.from({ length: 80 }, (_, i) => `x${i}-y${i}`);
  words[50] = 'target';
  const text = `${words.join(' ')}.`;
  const ex = excerpt(text, matches(text, { words: ['target'], cjk: [] }));
  const shown = ex.map((p) => p.text).join('');
  assert.deepEqual(ex.filter((p) => p.mark), [{ text: 'target', mark: true }]);
  assert.match(shown, /^…x\d+-y\d+ /);
  assert.match(shown, / x\d+-y\d+…$/);
  const n = shown.split(' ').length;
  assert.ok(n >= 10 && n <= 14, `${n} spaced words (each two words) in ${shown}`);
  assert.ok(shown.indexOf('target') > 10, 'some words before the match');
});
await check('excerpt: about 60 CJK characters, the end of the text kept whole', () => {
  const text = `${'甲'.repeat(100)}多模态${'乙'.repeat(100)}。`;
  const shown = excerpt(text, matches(text, { words: [], cjk: ['多模态'] })).map((p) => p.text).join('');
  assert.ok(shown.length >= 58 && shown.length <= 64, `${shown.length}: ${shown}`);
  assert.ok(shown.startsWith('…甲') && shown.endsWith('乙…'), shown);
  const tail = `${'甲'.repeat(10)}多模态。`;
  assert.deepEqual(excerpt(tail, matches(tail, { words: [], cjk: ['多模态'] })).map((p) => p.text).join(''), tail);
});
await check('excerpt: no match shows the start of the text; empty text shows nothing', () => {
  assert.deepEqual(excerpt('  Plain text.  ', []), [{ text: 'Plain text.', mark: false }]);
  assert.deepEqual(excerpt('', []), []);
});
await check('excerpt: characters beyond U+FFFF are not split', () => {
  const text = `${'𠀀'.repeat(100)}x`;
  const shown = excerpt(text, matches(text, { words: ['x'], cjk: [] })).map((p) => p.text).join('');
  assert.ok(shown.startsWith('…𠀀') && shown.endsWith('x'), shown);
  assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(shown), 'no lone high surrogate');
});

// ---- Damaged or missing index files: errors, never a hang or a wrong answer ----

await check('a missing index rejects with the URL, and a later search tries again', async () => {
  await assert.rejects(search('/later/', 'open'), /\/later\/meta\.json: HTTP 404/);
  writeIndex('/later/', pages, postings, firsts);
  assert.deepEqual(urls(await search('/later/', 'open source')), ['open-source']);
});
await check('a meta.json of another version is refused', async () => {
  files.set('/v2/meta.json', JSON.stringify({ version: 2, pages: 1, chunks: ['a'] }));
  await assert.rejects(search('/v2/', 'a'), /not a version 1 search index/);
});
await check('a truncated chunk is refused', async () => {
  writeIndex('/cut/', pages, postings, firsts);
  const c = files.get('/cut/c/0.bin');
  files.set('/cut/c/0.bin', c.subarray(0, c.length - 1));
  await assert.rejects(search('/cut/', 'cobalt'), /chunk ends|past the chunk's end/);
});
await check('a chunk with invalid UTF-8 is refused', async () => {
  writeIndex('/utf/', pages, postings, firsts);
  files.set('/utf/c/0.bin', new Uint8Array([2, 0xff, 0xfe, 1, 0, 1]));
  await assert.rejects(search('/utf/', 'cobalt'), TypeError);
});

// ---- A built site's index ----

const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const site = opt('--site');
if (site) {
  const base = opt('--base') || '/';
  const root = path.resolve(site);
  globalThis.fetch = async (url) => {
    const rel = decodeURIComponent(String(url)).slice(base.length);
    const file = path.join(root, rel);
    if (!String(url).startsWith(base) || !file.startsWith(root + path.sep) || !fs.existsSync(file)) return new Response('missing', { status: 404 });
    return new Response(fs.readFileSync(file));
  };
  const zh = await search(`${base}search-index/zh/`, '多模态').catch((e) => e);
  await check('site: 多模态 (zh) finds the multimodal chapter first, excerpt marked', () => {
    assert.ok(Array.isArray(zh), String(zh));
    assert.match(zh[0]?.url || '', /\/multimodal\/$/, zh.map((r) => r.href).join(' '));
    assert.ok(zh[0].excerpt.some((p) => p.mark && p.text.includes('多模态')), JSON.stringify(zh[0].excerpt));
    assert.ok(zh.every((r) => r.href.startsWith(base)), 'links under the base path');
  });
  const en = await search(`${base}search-index/en/`, 'open source').catch((e) => e);
  await check('site: "open source" (en) finds the open-source chapter first', () => {
    assert.ok(Array.isArray(en), String(en));
    assert.match(en[0]?.url || '', /\/open-source\/$/, en.map((r) => r.href).join(' '));
    assert.ok(en.every((r) => r.url.startsWith(`${base}en/`)), 'English results stay in English');
  });
  const none = await search(`${base}search-index/en/`, 'zqxjvwk').catch((e) => e);
  await check('site: a word in no page finds nothing', () => assert.deepEqual(none, []));
}

console.log(`${ran - failed}/${ran} checks passed`);
process.exit(failed ? 1 : 0);
