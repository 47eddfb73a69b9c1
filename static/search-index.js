// The browser side of yanbao's own search index (docs/search-index.md is the contract): the
// tokenizers shared with the Rust indexer, the lookup of query terms in the chunked term
// dictionary, AND + BM25 ranking, and the choice of section and excerpt shown for each result.
// No dependencies and no build step; it only ever returns plain text, never HTML.

// Han, kana and Hangul syllables: text without spaces between words, indexed by bigrams.
function isCjk(cp) {
  return (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff)
    || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x323af)
    || (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0xac00 && cp <= 0xd7af);
}

// The same class as Rust's `char::is_alphanumeric`.
const ALNUM = /^[\p{Alphabetic}\p{N}]$/u;

function isDigit(unit) {
  return unit >= 0x30 && unit <= 0x39;
}

/** Cuts text into runs: `{ cjk, start, end }` with UTF-16 offsets, in order. */
export function runs(text) {
  const out = [];
  let kind = null;
  let start = 0;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i);
    let k = null;
    if (isCjk(cp)) k = 'cjk';
    else if (ALNUM.test(String.fromCodePoint(cp))) k = 'word';
    // "1.3" is one word: a dot between two digits does not end it.
    else if (cp === 0x2e && kind === 'word' && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1))) k = 'word';
    if (k !== kind) {
      if (kind) out.push({ cjk: kind === 'cjk', start, end: i });
      kind = k;
      start = i;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  if (kind) out.push({ cjk: kind === 'cjk', start, end: text.length });
  return out;
}

/** The term of a word: lowercased, with the light plural fold of the contract. */
export function wordTerm(word) {
  // Character by character, as Rust's `char::to_lowercase`: a whole-string toLowerCase would
  // turn a word-final Σ into ς where the indexer writes σ.
  const w = [...word].map((c) => c.toLowerCase()).join('');
  const long = [...w].length > 3;
  if (long && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (long && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

// The neighbouring pairs of a CJK run, by code point (a character may be two UTF-16 units).
function bigrams(chars) {
  const out = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** The index terms of a text, in order of occurrence, with duplicates. */
export function indexTerms(text) {
  const out = [];
  for (const r of runs(text)) {
    const s = text.slice(r.start, r.end);
    if (!r.cjk) {
      out.push(wordTerm(s));
      continue;
    }
    const chars = [...s];
    out.push(...bigrams(chars), chars[chars.length - 1]);
  }
  return out;
}

/** The query terms of a text as `[term, isPrefix]`, in order of occurrence. */
export function queryTerms(text) {
  const out = [];
  for (const r of runs(text)) {
    const s = text.slice(r.start, r.end);
    if (!r.cjk) out.push([wordTerm(s), true]);
    else {
      const chars = [...s];
      if (chars.length === 1) out.push([s, true]);
      else for (const b of bigrams(chars)) out.push([b, false]);
    }
  }
  return out;
}

// ---- Reading the index ----

/** Decodes a chunk (`entry*`, see the contract) into `[{ term, pages, scores }]`. */
export function decodeChunk(bytes) {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let at = 0;
  const varint = () => {
    let value = 0;
    for (let scale = 1; ; scale *= 128) {
      if (at >= bytes.length) throw new Error(`chunk ends inside a number at byte ${at}`);
      if (scale > 2 ** 49) throw new Error(`number too long at byte ${at}`);
      const b = bytes[at++];
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
    }
  };
  const entries = [];
  while (at < bytes.length) {
    const len = varint();
    if (at + len > bytes.length) throw new Error(`chunk ends inside a term at byte ${at}`);
    const term = utf8.decode(bytes.subarray(at, at + len));
    at += len;
    const count = varint();
    // Each posting takes at least two bytes: a count beyond that is a damaged chunk.
    if (count * 2 > bytes.length - at) throw new Error(`term "${term}" claims ${count} postings past the chunk's end`);
    const pages = new Array(count);
    const scores = new Array(count);
    let page = 0;
    for (let i = 0; i < count; i++) {
      page += varint();
      pages[i] = page;
      scores[i] = varint();
    }
    entries.push({ term, pages, scores });
  }
  return entries;
}

// The first index in a sorted array of strings (or of objects by `key`) not below `t`.
function lowerBound(items, t, key = (x) => x) {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The chunks (indices into `meta.chunks`) that can hold the term, or terms starting with it. */
export function chunksFor(firsts, term, prefix) {
  // The chunk whose range holds `term` itself: the last one whose first term is ≤ it.
  let i = lowerBound(firsts, term);
  const holds = i < firsts.length && firsts[i] === term ? i : i - 1;
  const out = holds >= 0 ? [holds] : [];
  if (!prefix) return out;
  // Longer terms with this prefix sort after it, up to the first chunk that starts otherwise.
  for (i = holds + 1; i < firsts.length && firsts[i].startsWith(term); i++) out.push(i);
  return out;
}

// One loader per bundle: meta, chunks and pages are each fetched once; a failed fetch is
// forgotten so that a later search tries again.
const bundles = new Map();

async function get(url, as) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return as === 'json' ? res.json() : new Uint8Array(await res.arrayBuffer());
}

function once(cache, key, make) {
  let p = cache.get(key);
  if (!p) {
    p = make();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

function loader(bundle) {
  const base = bundle.endsWith('/') ? bundle : `${bundle}/`;
  return once(bundles, base, () => get(`${base}meta.json`, 'json').then((meta) => {
    const ok = meta && meta.version === 1 && Number.isInteger(meta.pages) && Array.isArray(meta.chunks)
      && meta.chunks.every((c) => typeof c === 'string');
    if (!ok) throw new Error(`${base}meta.json: not a version 1 search index`);
    const chunks = new Map();
    const pages = new Map();
    return {
      meta,
      chunk: (i) => once(chunks, i, () => get(`${base}c/${i}.bin`).then(decodeChunk)),
      page: (n) => once(pages, n, () => get(`${base}p/${n}.json`, 'json').then(checkPage)),
    };
  }));
}

function checkPage(page) {
  const ok = page && typeof page.url === 'string' && typeof page.title === 'string'
    && Array.isArray(page.sections) && page.sections.every((s) => s && typeof s.text === 'string');
  if (!ok) throw new Error(`page ${page && page.url}: not a search result page`);
  return page;
}

// For one query term, each page's best `idf · score` among its terms that match.
function bestScores(entries, term, prefix, pageCount) {
  const best = new Map();
  for (const chunk of entries) {
    for (let i = lowerBound(chunk, term, (e) => e.term); i < chunk.length; i++) {
      const e = chunk[i];
      if (prefix ? !e.term.startsWith(term) : e.term !== term) break;
      const n = e.pages.length;
      const idf = Math.log(1 + (pageCount - n + 0.5) / (n + 0.5));
      for (let j = 0; j < n; j++) {
        const s = idf * e.scores[j];
        if (!(best.get(e.pages[j]) >= s)) best.set(e.pages[j], s);
      }
    }
  }
  return best;
}

// A result list with the number of all results as `total` (not enumerable, so the list still
// compares as a plain array).
function listed(results, total) {
  return Object.defineProperty(results, 'total', { value: total, enumerable: false });
}

/**
 * Searches the index of one language (`bundle`: the URL of its folder) and returns `limit`
 * results from the `offset`-th best on: `{ url, href, title, report, section: {id, title} | null,
 * excerpt }`, the list's `total` being the number of all results.
 */
export async function search(bundle, query, limit = 20, offset = 0) {
  // A repeated query term adds nothing to what a page must contain, and counts once.
  const seen = new Set();
  const terms = [];
  for (const [t, p] of queryTerms(query)) {
    const key = `${p ? '*' : '='}${t}`;
    if (!seen.has(key)) terms.push([t, p]);
    seen.add(key);
  }
  if (!terms.length) return listed([], 0);
  const index = await loader(bundle);
  const wanted = terms.map(([t, p]) => chunksFor(index.meta.chunks, t, p));
  if (wanted.some((w) => !w.length)) return listed([], 0);
  const loaded = new Map();
  await Promise.all([...new Set(wanted.flat())].map(async (i) => loaded.set(i, await index.chunk(i))));
  let scores = null;
  for (let k = 0; k < terms.length; k++) {
    const best = bestScores(wanted[k].map((i) => loaded.get(i)), terms[k][0], terms[k][1], index.meta.pages);
    if (scores) for (const [page, s] of scores) {
      if (best.has(page)) scores.set(page, s + best.get(page));
      else scores.delete(page);
    }
    else scores = best;
    if (!scores.size) return listed([], 0);
  }
  const from = Math.max(0, offset);
  const top = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(from, from + Math.max(0, limit));
  const pages = await Promise.all(top.map(([n]) => index.page(n)));
  const matcher = queryMatcher(query);
  return listed(pages.map((page) => result(page, matcher)), scores.size);
}

// ---- Sections and excerpts ----

// What counts as a match in shown text: a word whose term starts with a query word's term, or
// the query's CJK runs as typed.
function queryMatcher(query) {
  const words = [];
  const cjk = [];
  for (const r of runs(query)) {
    const s = query.slice(r.start, r.end);
    if (r.cjk) cjk.push(s);
    else words.push(wordTerm(s));
  }
  return { words, cjk };
}

/** The spans `[start, end)` of the matches in a text, in order, as found (may overlap). */
export function matches(text, { words, cjk }) {
  const out = [];
  if (words.length) {
    for (const r of runs(text)) {
      if (!r.cjk && words.some((w) => wordTerm(text.slice(r.start, r.end)).startsWith(w))) out.push([r.start, r.end]);
    }
  }
  for (const c of cjk) {
    for (let i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + c.length)) out.push([i, i + c.length]);
  }
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

function result(page, matcher) {
  const sections = page.sections.length ? page.sections : [{ id: null, title: page.title, text: '' }];
  // The section with the most matches, the earliest on a tie; the first when none matches.
  let chosen = 0;
  let most = 0;
  const found = sections.map((s) => matches(s.text, matcher));
  found.forEach((m, i) => {
    if (m.length > most) [chosen, most] = [i, m.length];
  });
  const s = sections[chosen];
  return {
    url: page.url,
    href: s.id ? `${page.url}#${s.id}` : page.url,
    title: page.title,
    report: typeof page.report === 'string' ? page.report : null,
    section: s.id ? { id: s.id, title: typeof s.title === 'string' ? s.title : '' } : null,
    excerpt: excerpt(s.text, found[chosen]),
  };
}

// About 24 words or 60 CJK characters: a word weighs as much as two and a half characters.
const BUDGET = 60;
const WORD_WEIGHT = 2.5;
const LEAD = BUDGET / 4;
// How far a cut may move to reach a space rather than split "open-source" or "2,000".
const MAX_SHIFT = 6;

// The units an excerpt is measured and cut in: each word, each CJK character.
function units(text) {
  const out = [];
  for (const r of runs(text)) {
    if (!r.cjk) out.push({ start: r.start, end: r.end, cjk: false });
    else for (let i = r.start; i < r.end;) {
      const w = text.codePointAt(i) > 0xffff ? 2 : 1;
      out.push({ start: i, end: i + w, cjk: true });
      i += w;
    }
  }
  return out;
}

/**
 * The excerpt of a text around its first match: `[{ text, mark }]`, cut at word boundaries
 * (at spaces, where the text has them) with "…" where cut, and every match inside marked.
 */
export function excerpt(text, spans) {
  const u = units(text);
  if (!u.length) return text.trim() ? [{ text: text.trim(), mark: false }] : [];
  const weight = (i) => (u[i].cjk ? 1 : WORD_WEIGHT);
  const first = spans.length ? u.findIndex((x) => x.end > spans[0][0]) : 0;
  const m = first < 0 ? 0 : first;
  let a = m;
  let total = weight(m);
  while (a > 0 && total - weight(m) + weight(a - 1) <= LEAD) total += weight(--a);
  let b = m;
  while (b + 1 < u.length && total + weight(b + 1) <= BUDGET) total += weight(++b);
  while (a > 0 && total + weight(a - 1) <= BUDGET) total += weight(--a);
  // A cut between two words goes where the text has a space, or next to a CJK character.
  const cuttable = (i) => u[i - 1].cjk || u[i].cjk || /\s/.test(text.slice(u[i - 1].end, u[i].start));
  for (let k = 0; a > 0 && a < m && k < MAX_SHIFT && !cuttable(a); k++) a++;
  for (let k = 0; b + 1 < u.length && k < MAX_SHIFT && !cuttable(b + 1); k++) b++;
  const from = a === 0 ? 0 : u[a].start;
  const to = b === u.length - 1 ? text.length : u[b].end;
  return pieces(text, from, to, spans, a > 0, b < u.length - 1);
}

// Text pieces between `from` and `to`, marks merged where they overlap or touch.
function pieces(text, from, to, spans, cutBefore, cutAfter) {
  const out = [];
  const push = (s, mark) => {
    if (!s) return;
    const last = out[out.length - 1];
    if (last && last.mark === mark) last.text += s;
    else out.push({ text: s, mark });
  };
  if (cutBefore) push('…', false);
  let at = from;
  for (const [s, e] of spans) {
    const start = Math.max(s, at);
    const end = Math.min(e, to);
    if (end <= start) continue;
    push(text.slice(at, start), false);
    push(text.slice(start, end), true);
    at = end;
  }
  push(text.slice(at, to), false);
  if (cutAfter) push('…', false);
  // Spaces at the ends of the text shown, left where it was not cut, are dropped.
  if (out.length && !out[0].mark) out[0].text = out[0].text.trimStart();
  if (out.length && !out[out.length - 1].mark) out[out.length - 1].text = out[out.length - 1].text.trimEnd();
  return out.filter((p) => p.text);
}
