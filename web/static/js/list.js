// The list of fused events shown under the timeline and the map.
import { el } from './dom.js';
import { seg } from './api.js';
import { query } from './filters.js';
import { dateLabel, placeLabel, statusClass, typeLabel, who } from './format.js';

const maxRows = 500;

export function eventList(items, f) {
  const rows = items.slice(0, maxRows).map((e) =>
    el('tr', { class: 'event-row', 'data-id': e.id, 'data-type': e.type },
      el('td', {}, dateLabel(e.date)),
      el('td', {}, el('a', { href: `/event/${seg(e.id)}${query(f)}` }, typeLabel(e))),
      el('td', {}, who(e)),
      el('td', {}, placeLabel(e.location)),
      el('td', {}, el('span', { class: 'status ' + statusClass(e.status) }, e.status || '?')),
      el('td', { class: 'num' }, `${e.origins ?? 0} / ${e.outlets ?? 0}`),
    ));
  return el('div', { class: 'list' },
    items.length > maxRows ? el('p', { class: 'note' }, `First ${maxRows} of ${items.length} shown; narrow the filters to see the rest.`) : null,
    el('table', { id: 'event-list' },
      el('thead', {}, el('tr', {},
        el('th', {}, 'Date'), el('th', {}, 'Type'), el('th', {}, 'Actor → recipient'),
        el('th', {}, 'Place (precision)'), el('th', {}, 'Status'),
        el('th', { class: 'num', title: 'independent origins / outlets' }, 'Origins / outlets'))),
      el('tbody', {}, rows)));
}
