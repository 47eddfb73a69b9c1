// The search page: reads ?q=, asks the site's own index for the page's language (the folder in
// `data-bundle`, read by search-index.js) and lists each result with its chapter title, report,
// section and excerpt, linking to the section where the matches are. Strings come from data
// attributes in the page's language; result text is only ever set as text, never parsed as HTML.
import { search } from './search-index.js';

const list = document.getElementById('search-results');
const status = document.getElementById('search-status');
const input = document.getElementById('search-q');
const more = document.getElementById('search-more');
const { bundle } = list.dataset;
// Results are shown this many at a time; "more" adds the next ones.
const PAGE = 20;
let shown = { query: '', count: 0 };
// Only the latest query may fill the list: an earlier one can answer after it.
let latest = 0;

function say(template, values) {
  return template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
}

function paragraph(className, ...children) {
  const p = document.createElement('p');
  p.className = className;
  p.append(...children);
  return p;
}

function item(result) {
  const li = document.createElement('li');
  const h = document.createElement('h2');
  const a = document.createElement('a');
  a.href = result.href;
  a.textContent = result.title || result.url;
  h.append(a);
  li.append(h);
  if (result.report && result.report !== result.title) li.append(paragraph('search-report', result.report));
  if (result.section && result.section.title && result.section.title !== result.title) {
    li.append(paragraph('search-section', result.section.title));
  }
  const excerpt = result.excerpt.map((piece) => {
    if (!piece.mark) return document.createTextNode(piece.text);
    const mark = document.createElement('mark');
    mark.textContent = piece.text;
    return mark;
  });
  li.append(paragraph('search-excerpt', ...excerpt));
  return li;
}

async function run(query, offset = 0) {
  const ticket = ++latest;
  if (!offset) list.replaceChildren();
  more.hidden = true;
  if (!query.trim()) {
    status.textContent = '';
    list.removeAttribute('aria-busy');
    return;
  }
  if (!offset) status.textContent = list.dataset.loading;
  list.setAttribute('aria-busy', 'true');
  try {
    const results = await search(bundle, query, PAGE, offset);
    if (ticket !== latest) return;
    const items = results.map(item);
    list.append(...items);
    shown = { query, count: offset + results.length };
    status.textContent = say(results.total ? list.dataset.count : list.dataset.none, { n: results.total, q: query });
    more.hidden = shown.count >= results.total;
    // After "more", the first new result takes the focus, so a keyboard user reads on from it.
    if (offset && items.length) items[0].querySelector('a').focus();
  } catch (e) {
    if (ticket !== latest) return;
    // The index could not be read: say so (in the page's language when the page offers it).
    console.error(e);
    status.textContent = list.dataset.failed || String(e.message || e);
  } finally {
    if (ticket === latest) list.removeAttribute('aria-busy');
  }
}

// The language switcher leads to the other language's search page: with the query, so the
// reader does not type it again.
function carryQuery(query) {
  for (const a of document.querySelectorAll('.lang-switch a[href]')) {
    const url = new URL(a.href, location.href);
    if (query) url.searchParams.set('q', query); else url.searchParams.delete('q');
    a.href = url.pathname + url.search + url.hash;
  }
}

const query = new URLSearchParams(location.search).get('q') || '';
input.value = query;
carryQuery(query);
run(query);
document.querySelector('.search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set('q', input.value);
  history.replaceState(null, '', url);
  carryQuery(input.value);
  run(input.value);
});
more.addEventListener('click', () => run(shown.query, shown.count));
