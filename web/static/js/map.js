// Map of fused events over an offline basemap of country outlines
// (Natural Earth via world-atlas; no tiles). Precision is drawn as known:
// a marker only for a place known to a point; a place known to an admin
// area or region is drawn as its bounding box, and a country as its
// outline (or bounding box), never as a point. Areas with no known extent
// are listed, not drawn. Events at one place share one shape.
import { append, el } from './dom.js';
import { listAll, seg } from './api.js';
import { describe, query } from './filters.js';
import { dateLabel, placeLabel, plural, typeLabel, who } from './format.js';
import { eventList } from './list.js';
import { feature, planar } from './topojson.js';

let basemap = null; // Promise of {world, byISO3}, loaded once per page

async function fetchJSON(path) {
  const r = await fetch(path);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r.json();
}

// loadBasemap decodes the outlines and indexes them by ISO alpha-3 code
// (world-atlas ids are ISO numeric codes).
function loadBasemap() {
  if (!basemap) {
    basemap = Promise.all([
      fetchJSON('/static/vendor/world-atlas/countries-50m.json'),
      fetchJSON('/static/vendor/world-atlas/iso3.json'),
    ]).then(([topo, iso3]) => {
      const world = planar(feature(topo, topo.objects.countries));
      const byISO3 = new Map();
      for (const ft of world.features) if (iso3[ft.id]) byISO3.set(iso3[ft.id], ft);
      return { world, byISO3 };
    });
    basemap.catch(() => { basemap = null; });
  }
  return basemap;
}

function finite(...v) {
  return v.every((x) => typeof x === 'number' && Number.isFinite(x));
}

const maxTipEvents = 6;

function tip(g) {
  const shown = g.events.slice(0, maxTipEvents);
  return el('div', { class: 'tip' },
    el('strong', {}, placeLabel(g.loc)), el('br'),
    plural(g.events.length, 'event'), g.events.length > 1 ? ' (click to list them)' : '',
    el('ul', {}, shown.map((e) => el('li', {}, `${dateLabel(e.date)} ${typeLabel(e)}: ${who(e)} (${plural(e.origins ?? 0, 'origin')})`))),
    g.events.length > shown.length ? `and ${g.events.length - shown.length} more` : '');
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

// groupByPlace gathers events by their place.
function groupByPlace(items) {
  const groups = new Map();
  let noLocation = 0;
  for (const e of items) {
    const loc = e.location;
    if (!loc) {
      noLocation++;
      continue;
    }
    const key = loc.place_id || `${loc.name}|${loc.precision}|${loc.lat}|${loc.lon}`;
    if (!groups.has(key)) groups.set(key, { loc, bbox: null, events: [] });
    const g = groups.get(key);
    g.events.push(e);
    if (!g.bbox && Array.isArray(e.bbox) && e.bbox.length === 4 && finite(...e.bbox)) g.bbox = e.bbox;
  }
  return { groups: [...groups.values()], noLocation };
}

// shape returns the layer that draws a place honestly, or null.
function shape(g, byISO3) {
  const loc = g.loc;
  const weight = Math.min(g.events.length, 20);
  if (loc.precision === 'point' && finite(loc.lat, loc.lon)) {
    return L.circleMarker([loc.lat, loc.lon], { radius: 4 + 2 * Math.sqrt(weight), className: 'ev-point', color: '#a3261b', weight: 1.5, fillOpacity: 0.7 });
  }
  const opacity = Math.min(0.06 + 0.03 * weight, 0.35);
  if (loc.precision === 'country' && byISO3.has(loc.country)) {
    return L.geoJSON(byISO3.get(loc.country), { style: { className: 'ev-country', color: '#6b3fa0', weight: 1.2, dashArray: '2 3', fillOpacity: opacity } });
  }
  if (loc.precision !== 'point' && g.bbox) {
    const [w, s, e, n] = g.bbox;
    return L.rectangle([[s, w], [n, e]], { className: 'ev-area', color: '#1b5fa3', weight: 1.2, dashArray: '4 3', fillOpacity: opacity });
  }
  return null;
}

export async function render(root, f, ctx) {
  const [{ world, byISO3 }, { items, truncated }] = await Promise.all([loadBasemap(), listAll('/fused', f)]);
  if (!ctx.alive()) return null;

  const box = el('div', { id: 'map', class: 'map' });
  const areaBtn = el('button', { type: 'button', id: 'map-bbox' }, 'Filter to visible area');
  const clearBtn = f.bbox ? el('button', { type: 'button', id: 'map-bbox-clear' }, 'Clear area filter') : null;
  const note = el('div', { id: 'unplaced' });
  append(root,
    el('h2', {}, 'Map of fused events'),
    el('p', { class: 'summary', id: 'summary' },
      `${plural(items.length, 'fused event')}${truncated ? ' (more not loaded)' : ''} · ${describe(f)}`),
    el('p', { class: 'map-tools' }, areaBtn, ' ', clearBtn),
    el('div', { class: 'map-wrap' }, box,
      el('div', { class: 'map-legend' },
        el('p', {}, el('span', { class: 'key key-point' }), 'place known to a point (city, base)'),
        el('p', {}, el('span', { class: 'key key-area' }), 'place known only to an area: its extent, not a point'),
        el('p', {}, el('span', { class: 'key key-country' }), 'place known only to a country'),
        el('p', {}, 'Size and shade grow with the number of events.'))),
    note,
    eventList(items, f),
  );

  const map = L.map(box, { worldCopyJump: true, minZoom: 1, zoomSnap: 0.5 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Outlines: Natural Earth');
  L.geoJSON(world, { interactive: false, style: { color: '#8a8a8a', weight: 0.6, fillColor: '#f4f1ea', fillOpacity: 1 } }).addTo(map);

  const { groups, noLocation } = groupByPlace(items);
  // Large areas first, so smaller shapes and points stay on top.
  groups.sort((a, b) => (a.loc.precision === 'point') - (b.loc.precision === 'point'));
  const drawn = L.featureGroup().addTo(map);
  // The view fits points and admin areas: whole countries and regions
  // would zoom the map out to a continent.
  const focus = L.latLngBounds([]);
  const unplaced = [];
  for (const g of groups) {
    const layer = shape(g, byISO3);
    if (!layer) {
      unplaced.push(...g.events);
      continue;
    }
    layer.bindTooltip(tip(g), { sticky: true });
    layer.on('click', () => {
      if (g.events.length === 1) ctx.navigate(`/event/${seg(g.events[0].id)}${query(f)}`);
      else ctx.setFilters({ ...f, place: g.loc.place_id || g.loc.name });
    });
    layer.addTo(drawn);
    if (g.loc.precision === 'point' || g.loc.precision === 'admin') focus.extend(layer.getBounds ? layer.getBounds() : layer.getLatLng());
  }
  if (f.bbox) {
    const b = f.bbox.split(',').map(Number);
    if (b.length === 4 && finite(...b)) {
      L.rectangle([[b[1], b[0]], [b[3], b[2]]], { interactive: false, color: '#333', weight: 1, fill: false, dashArray: '8 4' }).addTo(map);
    }
  }
  const bounds = focus.isValid() ? focus : drawn.getBounds();
  if (bounds.isValid()) {
    map.fitBounds(bounds.pad(0.15), { maxZoom: 8 });
  } else {
    map.setView([35, 38], 5); // Syria: the corpus's theatre
  }

  if (unplaced.length || noLocation) {
    append(note, el('p', { class: 'note' },
      noLocation ? `${plural(noLocation, 'event')} without a location. ` : '',
      unplaced.length ? `${plural(unplaced.length, 'event')} located only to an area whose extent is unknown, so not drawn:` : ''));
    append(note, el('ul', { class: 'unplaced' }, unplaced.slice(0, 50).map((e) =>
      el('li', {}, el('a', { href: `/event/${seg(e.id)}${query(f)}` }, `${typeLabel(e)}: ${who(e)}`), ` — ${placeLabel(e.location)}`))));
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
