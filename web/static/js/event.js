// The event page: one fused event with every source's sentence, the
// words that carry it highlighted, its corroboration (independent origins
// against outlets) and its contradictions side by side.
import { append, el, highlight, safeHref, spanIn } from './dom.js';
import { get, seg } from './api.js';
import { query } from './filters.js';
import { actorName, dateLabel, placeLabel, plural, statusClass, typeLabel, who } from './format.js';

// maxDocs bounds the documents fetched for actor and place spans.
const maxDocs = 40;

// docSpans returns, per evidence index, the actor, recipient and place
// mentions inside its sentence, taken from the stored document. Documents
// that cannot be fetched (deleted, too many) give none: the sentence is
// then shown with its trigger only.
async function docSpans(evidence) {
  const ids = [...new Set(evidence.map((e) => e.doc))].slice(0, maxDocs);
  const docs = new Map();
  await Promise.all(ids.map(async (id) => {
    try {
      docs.set(id, await get('/documents/' + seg(id)));
    } catch (_) {
      // shown without these spans
    }
  }));
  return evidence.map((e) => {
    const d = docs.get(e.doc);
    const ev = d && (d.events || []).find((x) => x.id === e.event);
    if (!ev) return { trigger: null, spans: [] };
    const s = e.sentence || {};
    const inside = (m) => m.start >= s.start && m.end <= s.end;
    const spans = [];
    const add = (list, cls, label) => {
      for (const m of list || []) if (inside(m)) spans.push({ m, cls, label });
    };
    const entity = (id) => (d.entities || []).find((x) => x.id === id);
    if (ev.actor) add(entity(ev.actor.id)?.mentions, 'hl-actor', 'actor: ' + actorName(ev.actor));
    if (ev.recipient) add(entity(ev.recipient.id)?.mentions, 'hl-recipient', 'recipient: ' + actorName(ev.recipient));
    if (ev.location?.place_id) {
      add((d.places || []).find((p) => p.id === ev.location.place_id)?.mentions, 'hl-place', 'place: ' + ev.location.name);
    }
    return { trigger: ev.trigger, spans };
  });
}

// sentence renders a sentence with its marked spans.
function sentence(ref, marks) {
  const text = (ref && ref.text) || '';
  const start = (ref && ref.start) || 0;
  const spans = marks.map((k) => ({ range: spanIn(text, start, k.m), cls: k.cls, label: k.label }));
  return el('blockquote', { class: 'sentence' }, highlight(text, spans));
}

function sourceLine(x) {
  // Only http(s) links: a source URL such as "javascript:..." is shown
  // as the bare outlet name.
  const href = x.url && safeHref(x.url);
  return el('p', { class: 'source' },
    href ? el('a', { href, rel: 'noopener noreferrer', target: '_blank' }, x.source || '?') : el('strong', {}, x.source || '?'),
    x.published ? ` · ${x.published}` : '',
    x.title ? el('span', { class: 'title' }, ` · ${x.title}`) : '',
    el('span', { class: 'doc-id' }, ` · ${x.doc}`));
}

function evidenceCard(e, extra, role) {
  const marks = [];
  const trig = e.trigger || extra.trigger;
  if (trig) marks.push({ m: trig, cls: 'hl-trigger', label: 'event word' });
  marks.push(...extra.spans);
  const a = e.attribution || {};
  const says = a.name ? `${a.name}${a.cue ? ' (' + a.cue + ')' : ''}${a.via ? ' via ' + a.via : ''}${a.quoted ? ', quoted' : ''}` : '';
  return el('article', { class: 'evidence', 'data-doc': e.doc },
    sourceLine(e),
    role ? el('p', { class: 'role' }, role) : null,
    el('p', { class: 'meta' },
      el('span', { class: 'status ' + statusClass(e.status) }, e.status || '?'),
      says ? ` · says: ${says}` : ''),
    sentence(e.sentence, marks));
}

function corroboration(d, extras) {
  // Reports that share an origin are one report copied: group them.
  const groups = new Map();
  d.evidence.forEach((e, i) => {
    const o = e.origin || e.doc;
    if (!groups.has(o)) groups.set(o, []);
    groups.get(o).push([e, extras[i]]);
  });
  const outlets = new Set(d.evidence.map((e) => e.source));
  return el('section', { id: 'corroboration' },
    el('h3', {}, 'Corroboration'),
    el('p', { class: 'summary' },
      `${plural(d.origins ?? groups.size, 'independent origin')} · ${plural(d.outlets ?? outlets.size, 'outlet')} · ${plural(d.evidence.length, 'report')}. `,
      'Reports in one column share an origin: copies of one report count once.'),
    el('p', { class: 'legend' },
      el('mark', { class: 'hl-trigger' }, 'event word'), ' ',
      el('mark', { class: 'hl-actor' }, 'actor'), ' ',
      el('mark', { class: 'hl-recipient' }, 'recipient'), ' ',
      el('mark', { class: 'hl-place' }, 'place')),
    el('div', { class: 'columns' }, [...groups].map(([origin, list]) => {
      const first = list.find(([e]) => e.doc === origin) || list[0];
      const role = (e) => (list.length === 1 ? '' : e.doc === origin ? 'original report' : `copy of ${origin}`);
      return el('div', { class: 'origin' },
        el('h4', {}, `Origin: ${first[0].source || '?'}`, el('span', { class: 'doc-id' }, ` (${origin})`),
          el('span', { class: 'count' }, ` · ${plural(new Set(list.map(([e]) => e.source)).size, 'outlet')}`)),
        list.map(([e, x]) => evidenceCard(e, x, role(e))));
    })));
}

function claim(c) {
  const text = c.sentence?.text || '';
  const i = c.value ? text.indexOf(c.value) : -1;
  const spans = i >= 0 ? [{ range: [i, i + c.value.length], cls: 'hl-value', label: 'claimed value' }] : [];
  return el('div', { class: 'claim' },
    sourceLine(c),
    el('p', { class: 'value' }, 'says: ', el('strong', {}, c.value || '?')),
    el('blockquote', { class: 'sentence' }, highlight(text, spans)));
}

function contradictions(d) {
  const list = d.contradictions || [];
  return el('section', { id: 'contradictions' },
    el('h3', {}, 'Contradictions'),
    list.length === 0 ? el('p', { class: 'note' }, 'The reports do not contradict each other.') : null,
    list.map((c) => el('div', { class: 'contradiction' },
      el('h4', {}, c.kind || '?', c.what ? `: ${c.what}` : ''),
      el('div', { class: 'side-by-side' }, claim(c.a || {}), claim(c.b || {})))));
}

function quantities(d) {
  const q = d.quantities || [];
  if (q.length === 0) return null;
  const num = (x) => (x.value != null ? String(x.value) : x.low != null || x.high != null ? `${x.low ?? '?'}–${x.high ?? '?'}` : '?');
  return el('section', { id: 'quantities' },
    el('h3', {}, 'Figures reported'),
    el('table', {},
      el('thead', {}, el('tr', {}, el('th', {}, 'What'), el('th', { class: 'num' }, 'Value'), el('th', {}, 'Words'), el('th', {}, 'Source'))),
      el('tbody', {}, q.map((x) => el('tr', {}, el('td', {}, x.what || '?'), el('td', { class: 'num' }, num(x)), el('td', {}, x.text || ''), el('td', {}, x.source || ''))))));
}

export async function render(root, id, f, ctx) {
  const d = await get('/fused/' + seg(id));
  d.evidence = d.evidence || [];
  const extras = await docSpans(d.evidence);
  if (!ctx.alive()) return null;

  const loc = d.location;
  append(root,
    el('p', { class: 'back' }, el('a', { href: '/timeline' + query(f) }, '← timeline')),
    el('h2', { id: 'event-title' }, `${typeLabel(d)}: ${who(d)}`),
    el('dl', { class: 'facts' },
      el('dt', {}, 'When'), el('dd', {}, dateLabel(d.date)),
      el('dt', {}, 'Where'), el('dd', {}, placeLabel(loc),
        loc && loc.precision && loc.precision !== 'point' ? ' — an area, not a point' : ''),
      el('dt', {}, 'Status'), el('dd', {}, el('span', { class: 'status ' + statusClass(d.status) }, d.status || '?'), ' (the status most independent origins give)'),
      el('dt', {}, 'CAMEO'), el('dd', {}, d.cameo || '—'),
      el('dt', {}, 'Confidence'), el('dd', {}, typeof d.confidence === 'number' ? d.confidence.toFixed(2) : '—'),
      el('dt', {}, 'Sources'), el('dd', {}, (d.sources || []).join(', ') || '—'),
      el('dt', {}, 'ID'), el('dd', { class: 'doc-id' }, d.id)),
    corroboration(d, extras),
    contradictions(d),
    quantities(d),
  );
  return null;
}
