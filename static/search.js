// The search page: reads ?q=, asks the Pagefind index built with the site (loaded from this
// page only), and lists each result with its chapter title, report and highlighted excerpt,
// linking to the section where the match is. Strings come from data attributes in the page's
// language; result text is Pagefind's (its excerpts are escaped, with <mark> around matches).
const list = document.getElementById('search-results');
const status = document.getElementById('search-status');
const input = document.getElementById('search-q');
const { bundle } = list.dataset;
let pagefind;

function say(template, values) {
  return template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
}

function item(result) {
  const li = document.createElement('li');
  const h = document.createElement('h2');
  const a = document.createElement('a');
  // The section with the most matches; the page itself when that is its untitled start.
  const best = [...result.sub_results].sort((x, y) => (y.locations?.length || 0) - (x.locations?.length || 0))[0];
  const sub = best && best.url.includes('#') ? best : null;
  a.href = sub ? sub.url : result.url;
  a.textContent = result.meta.title || result.url;
  h.append(a);
  li.append(h);
  if (result.meta.report && result.meta.report !== result.meta.title) {
    const p = document.createElement('p');
    p.className = 'search-report';
    p.textContent = result.meta.report;
    li.append(p);
  }
  if (sub && sub.title && sub.title !== result.meta.title) {
    const p = document.createElement('p');
    p.className = 'search-section';
    p.textContent = sub.title;
    li.append(p);
  }
  const p = document.createElement('p');
  p.className = 'search-excerpt';
  p.append(...excerpt((sub || result).excerpt));
  li.append(p);
  return li;
}

// Pagefind's excerpt is page text with `<` and `>` escaped and <mark> around matches; it is
// rebuilt as text nodes and <mark> elements, never parsed as HTML. Chinese matches come marked
// character by character; marks that touch are joined into one.
function excerpt(text) {
  const out = [];
  let mark = null;
  let closed = null;
  for (const piece of text.split(/(<\/?mark>)/)) {
    if (piece === '') continue;
    if (piece === '<mark>') {
      mark = closed || document.createElement('mark');
      if (!closed) out.push(mark);
      continue;
    }
    if (piece === '</mark>') { closed = mark; mark = null; continue; }
    closed = null;
    const node = document.createTextNode(piece.replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
    if (mark) mark.append(node); else out.push(node);
  }
  return out;
}

async function run(query) {
  list.replaceChildren();
  if (!query.trim()) { status.textContent = ''; return; }
  status.textContent = list.dataset.loading;
  list.setAttribute('aria-busy', 'true');
  pagefind ??= await import(`${bundle}pagefind.js`);
  await pagefind.options({ baseUrl: '/', excerptLength: 24 });
  const search = await pagefind.search(query);
  const results = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
  list.replaceChildren(...results.map(item));
  status.textContent = say(results.length ? list.dataset.count : list.dataset.none, { n: results.length, q: query });
  list.removeAttribute('aria-busy');
}

const query = new URLSearchParams(location.search).get('q') || '';
input.value = query;
run(query);
document.querySelector('.search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set('q', input.value);
  history.replaceState(null, '', url);
  run(input.value);
});
