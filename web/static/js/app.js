// The single-page application: a router over the views, the shared filter
// form, and the header's corpus summary.
import { clear, el } from './dom.js';
import { get } from './api.js';
import * as filters from './filters.js';
import * as timeline from './timeline.js';
import * as map from './map.js';
import * as network from './network.js';
import * as event from './event.js';

const form = document.getElementById('filters');
const main = document.getElementById('view');
const message = document.getElementById('message');

let generation = 0;
let cleanup = null;

function showMessage(text) {
  message.hidden = !text;
  message.textContent = text || '';
}

function navigate(url) {
  history.pushState(null, '', url);
  route();
}

function setFilters(f) {
  navigate(location.pathname + filters.query(f));
}

// viewOf maps a path to a view name and, for the event page, its ID.
function viewOf(path) {
  if (path === '/' || path === '/timeline') return ['timeline'];
  if (path === '/map') return ['map'];
  if (path === '/network') return ['network'];
  if (path.startsWith('/event/')) {
    try {
      return ['event', decodeURIComponent(path.slice('/event/'.length))];
    } catch (_) {
      return ['missing'];
    }
  }
  return ['missing'];
}

async function route() {
  const gen = ++generation;
  const f = filters.current();
  filters.fillForm(form, f);
  const [view, id] = viewOf(location.pathname);
  for (const a of document.querySelectorAll('#nav a')) {
    a.href = a.pathname + filters.query(f);
    a.classList.toggle('active', a.dataset.view === view);
  }
  if (cleanup) {
    try {
      cleanup();
    } catch (_) {
      // a view that failed half-way may not tear down cleanly
    }
    cleanup = null;
  }
  clear(main);
  showMessage('');
  const ctx = { alive: () => gen === generation, navigate, setFilters };
  const page = el('div', { class: 'page page-' + view });
  const loading = el('p', { class: 'loading' }, 'Loading…');
  main.append(loading, page);
  document.body.dataset.view = view;
  document.body.dataset.ready = 'false';
  try {
    let done = null;
    switch (view) {
      case 'timeline': done = await timeline.render(page, f, ctx); break;
      case 'map': done = await map.render(page, f, ctx); break;
      case 'network': done = await network.render(page, f, ctx); break;
      case 'event': done = await event.render(page, id, f, ctx); break;
      default: page.append(el('p', {}, 'No such page.'));
    }
    // A view overtaken by a newer one has drawn nothing to tear down.
    if (gen === generation) cleanup = done;
  } catch (err) {
    if (gen === generation) {
      showMessage(err.status === 404 ? `Not found: ${err.message}` : `Could not load this view: ${err.message}`);
    }
  }
  loading.remove();
  // Marks the view finished, for readers and for the end-to-end test.
  if (gen === generation) document.body.dataset.ready = 'true';
}

// header shows what the store holds and fills the filter choices.
async function header() {
  try {
    const s = await get('/stats');
    document.getElementById('stats').textContent =
      `${s.documents} documents · ${s.events} events · ${s.fused_events} fused` +
      (s.first_date ? ` · ${s.first_date} to ${s.last_date}` : '');
    const sel = form.elements.namedItem('type');
    const chosen = sel.value;
    for (const t of Object.keys(s.event_types || {}).sort()) {
      if (![...sel.options].some((o) => o.value === t)) sel.appendChild(new Option(`${t} (${s.event_types[t]})`, t));
    }
    sel.value = chosen;
  } catch (err) {
    showMessage(`Could not read the store summary: ${err.message}`);
  }
  try {
    const p = await get('/entities', { limit: 500 });
    const list = document.getElementById('actor-list');
    for (const e of p.items || []) list.appendChild(new Option(e.name, e.id));
  } catch (_) {
    // the actor box still takes free text
  }
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const f = filters.readForm(form);
  // Filters select lists; from an event page go back to the timeline.
  const path = location.pathname.startsWith('/event/') ? '/timeline' : location.pathname;
  navigate(path + filters.query(f));
});
document.getElementById('clear-filters').addEventListener('click', () => {
  const path = location.pathname.startsWith('/event/') ? '/timeline' : location.pathname;
  navigate(path);
});

// Links inside the page change the view without reloading it.
document.addEventListener('click', (ev) => {
  const a = ev.target.closest && ev.target.closest('a[href]');
  if (!a || a.target || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  const u = new URL(a.href, location.href);
  if (u.origin !== location.origin || u.pathname.startsWith('/api/') || u.pathname.startsWith('/static/')) return;
  ev.preventDefault();
  navigate(u.pathname + u.search);
});
window.addEventListener('popstate', route);

header();
route();
