// Timeline of fused events. An event whose date is known only within a
// range (earliest..latest) is drawn as a bar over that range, so
// uncertainty is visible; a day-precise event is a point.
import { append, el } from './dom.js';
import { exportURL, listAll, seg } from './api.js';
import { describe, query } from './filters.js';
import { dateRange, plural, statusClass, typeLabel, who } from './format.js';
import { eventList } from './list.js';

// localDay returns local midnight of a YYYY-MM-DD date: the timeline draws
// in local time, and a date is a calendar day wherever the reader is.
function localDay(day, plus = 0) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + plus);
}

// window_ opens the timeline on where most events are: a few outliers
// (a report's look back to 2013) would otherwise squeeze the rest into a
// sliver. Every item stays reachable by zooming out.
function window_(data) {
  const day = 24 * 3600 * 1000;
  const t = data.map((d) => d.start.getTime()).sort((a, b) => a - b);
  const lo = t[Math.floor(t.length * 0.05)];
  const hi = t[Math.ceil(t.length * 0.95) - 1];
  const pad = Math.max((hi - lo) * 0.08, 3 * day);
  return { start: new Date(lo - pad), end: new Date(hi + pad + day) };
}

export async function render(root, f, ctx) {
  const { items, truncated } = await listAll('/fused', f);
  if (!ctx.alive()) return null;

  const data = [];
  const types = new Map();
  let undated = 0;
  items.forEach((e, i) => {
    const r = dateRange(e.date);
    if (!r) {
      undated++;
      return;
    }
    const group = e.type || '?';
    types.set(group, (types.get(group) || 0) + 1);
    const item = {
      id: i,
      group,
      start: localDay(r[0]),
      // Groups name the type; an event without actors shows its place.
      content: el('span', {}, who(e) !== '—' ? who(e) : (e.location && e.location.name) || typeLabel(e)),
      className: statusClass(e.status),
    };
    if (r[0] !== r[1]) {
      item.type = 'range';
      item.end = localDay(r[1], 1); // the last day is inclusive
    } else {
      item.type = 'point';
    }
    data.push(item);
  });

  const box = el('div', { id: 'timeline', class: 'timeline' });
  append(root,
    el('h2', {}, 'Timeline of fused events'),
    el('p', { class: 'summary', id: 'summary' },
      `${plural(items.length, 'fused event')}${truncated ? ' (more not loaded)' : ''} · ${describe(f)}`,
      undated ? ` · ${undated} without a usable date are listed below but not drawn` : ''),
    el('p', { class: 'exports' }, 'Export these events: ',
      el('a', { href: exportURL('csv', f), download: '' }, 'CSV'), ' · ',
      el('a', { href: exportURL('geojson', f), download: '' }, 'GeoJSON'), ' · ',
      el('a', { href: exportURL('plover', f), download: '' }, 'PLOVER JSON Lines')),
    el('p', { class: 'legend' }, 'Bars span the range an event may have happened in (earliest to latest); points are day-precise dates.'),
    box,
    eventList(items, f),
  );
  if (data.length === 0) {
    append(box, el('p', { class: 'empty' }, 'No dated events match these filters.'));
    return null;
  }
  const groups = [...types.keys()].sort().map((t) => ({ id: t, content: el('span', {}, `${t} (${types.get(t)})`) }));
  const tl = new vis.Timeline(box, data, groups, {
    ...window_(data),
    stack: true,
    orientation: 'top',
    maxHeight: 460,
    zoomMin: 24 * 3600 * 1000,
    showTooltips: false,
    selectable: true,
    tooltip: { followMouse: false },
  });
  tl.on('select', (p) => {
    const i = p.items && p.items[0];
    if (i !== undefined && items[i]) ctx.navigate(`/event/${seg(items[i].id)}${query(f)}`);
  });
  return () => tl.destroy();
}
