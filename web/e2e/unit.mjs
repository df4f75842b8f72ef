// Unit checks of the page's pure modules (TopoJSON decoding, byte-offset
// highlighting), run by web/js_test.go: node web/e2e/unit.mjs. Prints
// {"checks": n, "failures": [...]} on stdout.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature, planar } from '../static/js/topojson.js';
import { byteRange, safeHref, spanIn } from '../static/js/dom.js';
import { exportURL, listAll } from '../static/js/api.js';

const failures = [];
let checks = 0;
const eq = (name, got, want) => {
  checks++;
  if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${name}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
};

// A quantized topology: two arcs, the second used reversed.
const topo = {
  type: 'Topology',
  transform: { scale: [0.5, 0.5], translate: [10, 20] },
  arcs: [[[0, 0], [2, 0], [0, 2]], [[0, 0], [0, 2], [2, 0]]],
  objects: { o: { type: 'GeometryCollection', geometries: [
    { type: 'Polygon', id: '760', properties: { name: 'A' }, arcs: [[0, ~1]] },
    { type: 'Point', coordinates: [4, 4] },
  ] } },
};
const fc = feature(topo, topo.objects.o);
eq('polygon ring', fc.features[0].geometry.coordinates, [[[10, 20], [11, 20], [11, 21], [10, 21], [10, 20]]]);
eq('feature id and properties', [fc.features[0].id, fc.features[0].properties.name], ['760', 'A']);
eq('point', fc.features[1].geometry.coordinates, [12, 22]);
try {
  feature({ type: 'Topology', arcs: [], objects: {} }, { type: 'LineString', arcs: [3] });
  eq('bad arc index throws', false, true);
} catch (err) {
  eq('bad arc index throws', /arc 3/.test(err.message), true);
}

// Antimeridian: a ring across 180° becomes continuous; a polar ring stays.
const cross = { type: 'Polygon', coordinates: [[[170, 0], [-170, 0], [-170, 10], [170, 10], [170, 0]]] };
eq('ring across the antimeridian', planar(cross).coordinates, [[[170, 0], [190, 0], [190, 10], [170, 10], [170, 0]]]);
const west = { type: 'Polygon', coordinates: [[[-178, 0], [179, 0], [179, 5], [-178, 0]]] };
eq('ring moved east of the antimeridian', planar(west).coordinates, [[[182, 0], [179, 0], [179, 5], [182, 0]]]);
const polar = [[-180, -80], [0, -80], [180, -80], [180, -90], [-180, -90], [-180, -80]];
eq('polar ring kept', planar({ type: 'Polygon', coordinates: [polar] }).coordinates, [polar]);

// Byte offsets (UTF-8, as the API gives them) to string indexes.
const s = 'Ça a été bombé à Homs.';
const b = (sub) => {
  const i = Buffer.from(s).indexOf(Buffer.from(sub));
  return [i, i + Buffer.byteLength(sub)];
};
eq('byteRange after accents', byteRange(s, ...b('bombé')), [s.indexOf('bombé'), s.indexOf('bombé') + 5]);
eq('byteRange out of bounds', byteRange(s, 0, 999), null);
eq('byteRange inside a character', byteRange(s, 1, 3), null);
eq('byteRange reversed', byteRange(s, 5, 2), null);
eq('spanIn by offsets', spanIn(s, 100, { start: 100 + b('Homs')[0], end: 100 + b('Homs')[1], text: 'Homs' }), [17, 21]);
eq('spanIn falls back to the text', spanIn(s, 0, { start: 0, end: 4, text: 'Homs' }), [17, 21]);
eq('spanIn with nothing to find', spanIn(s, 0, { start: 50, end: 60, text: 'Raqqa' }), null);
const emoji = '🇸🇾 Syrie: frappe';
eq('byteRange after astral characters', byteRange(emoji, Buffer.byteLength('🇸🇾 Syrie: '), Buffer.byteLength(emoji)), [emoji.indexOf('frappe'), emoji.length]);

// Links from sources.
eq('safeHref http', safeHref('https://news.example/a?b=1'), 'https://news.example/a?b=1');
eq('safeHref javascript', safeHref('javascript:alert(1)'), null);
eq('safeHref JaVaScRiPt with spaces', safeHref(' JaVaScRiPt:alert(1)'), null);
eq('safeHref data', safeHref('data:text/html,<script>alert(1)</script>'), null);
eq('safeHref protocol-relative', safeHref('//evil.example/x'), null);
eq('safeHref local', safeHref('/event/x'), '/event/x');

// Paging: a fake API of 7 items that allows pages of at most 3 and says
// so, as package api does, when asked for more.
const served = [];
globalThis.fetch = async (url) => {
  const u = new URL(url, 'http://sitrep.test');
  served.push(u.pathname + u.search);
  const limit = Number(u.searchParams.get('limit'));
  const json = (status, body) => ({ ok: status < 300, status, json: async () => body });
  if (!u.pathname.endsWith('/fused')) return json(404, { error: 'no such endpoint: ' + u.pathname });
  if (limit > 3) return json(400, { error: `bad query parameter: limit ${limit} exceeds the maximum page size 3` });
  const from = Number(u.searchParams.get('cursor') || 0);
  const items = [...Array(7).keys()].slice(from, from + limit).map((i) => ({ id: 'f' + i }));
  return json(200, from + limit < 7 ? { items, next: String(from + limit) } : { items });
};
const all = await listAll('/fused', { type: 'ASSAULT', actor: '' });
eq('listAll gathers every page', all.items.map((x) => x.id), ['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6']);
eq('listAll not truncated', all.truncated, false);
eq('listAll keeps filters, drops empty ones', served.every((q) => q.includes('type=ASSAULT') && !q.includes('actor=')), true);
const some = await listAll('/fused', {}, 4);
eq('listAll stops at max', [some.items.length, some.truncated], [4, true]);
try {
  await listAll('/missing', {});
  eq('API error thrown', false, true);
} catch (err) {
  eq('API error carries status and message', [err.status, err.message], [404, 'no such endpoint: /api/v1/missing']);
}
eq('exportURL', exportURL('csv', { type: 'ASSAULT', bbox: '1,2,3,4', actor: '' }), '/api/v1/export/csv?kind=fused&type=ASSAULT&bbox=1%2C2%2C3%2C4');

// The real outlines: after planar no ring steps over 180° except rings
// around a pole (Antarctica), which are kept.
const here = dirname(fileURLToPath(import.meta.url));
const atlas = join(here, '..', 'static', 'vendor', 'world-atlas', 'countries-50m.json');
let outlines = false;
if (existsSync(atlas)) {
  outlines = true;
  const world = JSON.parse(readFileSync(atlas, 'utf8'));
  const w = planar(feature(world, world.objects.countries));
  const bad = [];
  for (const f of w.features) {
    const g = f.geometry;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    for (const p of polys) {
      for (const r of p) {
        for (let i = 1; i < r.length; i++) {
          if (Math.abs(r[i][0] - r[i - 1][0]) > 180 && f.properties.name !== 'Antarctica') bad.push(f.properties.name);
        }
      }
    }
  }
  eq('country count', w.features.length > 200, true);
  eq('no ring steps over 180°', [...new Set(bad)], []);
}

process.stdout.write(JSON.stringify({ checks, failures, outlines }) + '\n');
