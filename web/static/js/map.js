// Map of fused events over an offline basemap of country outlines
// (Natural Earth via world-atlas; no tiles). Precision is drawn as known:
// a point marker only for point precision; an admin, country or region
// location is drawn as its bounding box, or as the country's outline, and
// never as a point. Areas with no known extent are listed, not drawn.
import { append, el } from './dom.js';
import { listAll, seg } from './api.js';
import { describe, query } from './filters.js';
import { dateLabel, placeLabel, plural, typeLabel, who } from './format.js';
import { eventList } from './list.js';
import { feature } from './topojson.js';

let outlines = null; // Promise of the decoded outlines, loaded once per page

function loadOutlines() {
  if (!outlines) {
    outlines = fetch('/static/vendor/world-atlas/countries-50m.json')
      .then((r) => {
        if (!r.ok) throw new Error(`country outlines: HTTP ${r.status}`);
        return r.json();
      })
      .then((topo) => feature(topo, topo.objects.countries));
    outlines.catch(() => { outlines = null; });
  }
  return outlines;
}

function finite(...v) {
  return v.every((x) => typeof x === 'number' && Number.isFinite(x));
}

function tip(e) {
  return el('div', { class: 'tip' },
    el('strong', {}, typeLabel(e)), el('br'), who(e), el('br'),
    dateLabel(e.date), el('br'), placeLabel(e.location), el('br'),
    `${plural(e.origins ?? 0, 'origin')}, ${plural(e.outlets ?? 0, 'outlet')}`);
}

// bboxOf returns the map view as a bbox filter value, clamped to the globe.
function bboxOf(map) {
  const b = map.getBounds();
  const r = (v) => Math.round(v * 1000) / 1000;
  const w = r(Math.max(-180, b.getWest()));
  const e = r(Math.min(180, b.getEast()));
  const s = r(Math.max(-90, b.getSouth()));
  const n = r(Math.min(90, b.getNorth()));
  return w < e && s < n ? `${w},${s},${e},${n}` : '';
}

export async function render(root, f, ctx) {
  const [world, { items, truncated }] = await Promise.all([loadOutlines(), listAll('/fused', f)]);
  if (!ctx.alive()) return null;

  const box = el('div', { id: 'map', class: 'map' });
  const unplaced = [];
  let noLocation = 0;
  const areaBtn = el('button', { type: 'button', id: 'map-bbox' }, 'Filter to visible area');
  const clearBtn = f.bbox ? el('button', { type: 'button', id: 'map-bbox-clear' }, 'Clear area filter') : null;
  const pending = el('ul', { class: 'unplaced' });
  append(root,
    el('h2', {}, 'Map of fused events'),
    el('p', { class: 'summary', id: 'summary' },
      `${plural(items.length, 'fused event')}${truncated ? ' (more not loaded)' : ''} · ${describe(f)}`),
    el('p', { class: 'map-tools' }, areaBtn, ' ', clearBtn),
    el('div', { class: 'map-wrap' }, box,
      el('div', { class: 'map-legend' },
        el('p', {}, el('span', { class: 'key key-point' }), 'place known to a point (city, base)'),
        el('p', {}, el('span', { class: 'key key-area' }), 'place known only to an area: its extent, not a point'),
        el('p', {}, el('span', { class: 'key key-country' }), 'place known only to a country'))),
    el('div', { id: 'unplaced' }),
    eventList(items, f),
  );

  const map = L.map(box, { worldCopyJump: true, minZoom: 2, zoomSnap: 0.5 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Outlines: Natural Earth');
  L.geoJSON(world, { interactive: false, style: { color: '#8a8a8a', weight: 0.6, fillColor: '#f4f1ea', fillOpacity: 1 } }).addTo(map);
  const byName = new Map(world.features.map((ft) => [String(ft.properties.name || '').toLowerCase(), ft]));

  const drawn = L.featureGroup().addTo(map);
  const open = (e) => () => ctx.navigate(`/event/${seg(e.id)}${query(f)}`);
  for (const e of items) {
    const loc = e.location;
    if (!loc) {
      noLocation++;
      continue;
    }
    let layer = null;
    if (loc.precision === 'point' && finite(loc.lat, loc.lon)) {
      layer = L.circleMarker([loc.lat, loc.lon], { radius: 4 + Math.min(e.origins || 1, 6), className: 'ev-point', color: '#a3261b', weight: 1.5, fillOpacity: 0.7 });
    } else if (e.bbox && finite(...e.bbox)) {
      const [w, s, east, n] = e.bbox;
      layer = L.rectangle([[s, w], [n, east]], { className: 'ev-area', color: '#1b5fa3', weight: 1.2, dashArray: '4 3', fillOpacity: 0.08 });
    } else if (loc.precision === 'country' && byName.has(String(loc.name || '').toLowerCase())) {
      layer = L.geoJSON(byName.get(String(loc.name).toLowerCase()), { style: { className: 'ev-country', color: '#6b3fa0', weight: 1.2, dashArray: '2 3', fillOpacity: 0.1 } });
    }
    if (!layer) {
      unplaced.push(e);
      continue;
    }
    layer.bindTooltip(tip(e), { sticky: true });
    layer.on('click', open(e));
    layer.addTo(drawn);
  }
  if (f.bbox) {
    const b = f.bbox.split(',').map(Number);
    if (b.length === 4 && finite(...b)) {
      L.rectangle([[b[1], b[0]], [b[3], b[2]]], { interactive: false, color: '#333', weight: 1, fill: false, dashArray: '8 4' }).addTo(map);
    }
  }
  const bounds = drawn.getBounds();
  if (bounds.isValid()) {
    map.fitBounds(bounds.pad(0.15), { maxZoom: 8 });
  } else {
    map.setView([35, 38], 5); // Syria: the corpus's theatre
  }

  const note = root.querySelector('#unplaced');
  if (unplaced.length || noLocation) {
    append(note, el('p', { class: 'note' },
      noLocation ? `${plural(noLocation, 'event')} without a location. ` : '',
      unplaced.length ? `${plural(unplaced.length, 'event')} located only to an area whose extent is unknown, so not drawn:` : ''));
    for (const e of unplaced.slice(0, 50)) {
      append(pending, el('li', {}, el('a', { href: `/event/${seg(e.id)}${query(f)}` }, `${typeLabel(e)}: ${who(e)}`), ` — ${placeLabel(e.location)}`));
    }
    append(note, pending);
  }

  areaBtn.addEventListener('click', () => {
    const bbox = bboxOf(map);
    if (bbox) ctx.setFilters({ ...f, bbox });
  });
  if (clearBtn) {
    clearBtn.addEventListener('click', () => {
      const g = { ...f };
      delete g.bbox;
      ctx.setFilters(g);
    });
  }
  return () => map.remove();
}
