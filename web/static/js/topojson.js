// A small TopoJSON decoder: enough to turn world-atlas's country outlines
// into GeoJSON for Leaflet. Arcs are shared polylines, delta-encoded and
// quantized when the topology has a transform; a negative arc index ~i
// means arc i reversed.

function decodeArcs(topo) {
  const t = topo.transform;
  return (topo.arcs || []).map((arc) => {
    if (!t) return arc.map((p) => [p[0], p[1]]);
    let x = 0;
    let y = 0;
    return arc.map((p) => {
      x += p[0];
      y += p[1];
      return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]];
    });
  });
}

// feature converts a GeometryCollection object of topo to a GeoJSON
// FeatureCollection (a single geometry to a Feature).
export function feature(topo, object) {
  const arcs = decodeArcs(topo);
  const t = topo.transform;
  const point = (p) => (t ? [p[0] * t.scale[0] + t.translate[0], p[1] * t.scale[1] + t.translate[1]] : p.slice(0, 2));
  const arc = (i) => {
    const a = arcs[i < 0 ? ~i : i];
    if (!a) throw new Error(`topojson: arc ${i} out of range`);
    return i < 0 ? a.slice().reverse() : a;
  };
  const line = (idx) => {
    const pts = [];
    idx.forEach((i, k) => {
      const a = arc(i);
      // Consecutive arcs share their joining point.
      pts.push(...(k > 0 ? a.slice(1) : a));
    });
    return pts;
  };
  const ring = (idx) => {
    const pts = line(idx);
    while (pts.length > 0 && pts.length < 4) pts.push(pts[0]);
    return pts;
  };
  const geometry = (o) => {
    switch (o.type) {
      case 'Point': return { type: 'Point', coordinates: point(o.coordinates) };
      case 'MultiPoint': return { type: 'MultiPoint', coordinates: o.coordinates.map(point) };
      case 'LineString': return { type: 'LineString', coordinates: line(o.arcs) };
      case 'MultiLineString': return { type: 'MultiLineString', coordinates: o.arcs.map(line) };
      case 'Polygon': return { type: 'Polygon', coordinates: o.arcs.map(ring) };
      case 'MultiPolygon': return { type: 'MultiPolygon', coordinates: o.arcs.map((p) => p.map(ring)) };
      case 'GeometryCollection': return { type: 'GeometryCollection', geometries: o.geometries.map(geometry) };
      default: return null;
    }
  };
  const toFeature = (o) => ({ type: 'Feature', id: o.id, properties: o.properties || {}, geometry: geometry(o) });
  if (object.type === 'GeometryCollection') {
    return { type: 'FeatureCollection', features: object.geometries.map(toFeature) };
  }
  return toFeature(object);
}

// unwrapRing makes a ring's longitudes continuous (no step over 180°), so
// a country across the antimeridian (Russia, Fiji) draws as one shape
// reaching past 180 instead of a band around the world. A ring that
// circles a pole (Antarctica) cannot be unwrapped and is kept as it is.
function unwrapRing(ring) {
  if (ring.length < 2) return ring;
  const out = [ring[0].slice()];
  let shift = 0;
  for (let i = 1; i < ring.length; i++) {
    const d = ring[i][0] + shift - out[i - 1][0];
    if (d > 180) shift -= 360;
    else if (d < -180) shift += 360;
    out.push([ring[i][0] + shift, ring[i][1]]);
  }
  const last = out[out.length - 1];
  if (Math.abs(last[0] - out[0][0]) > 1e-9 || Math.abs(last[1] - out[0][1]) > 1e-9) return ring;
  // Keep shapes across the antimeridian on its east side, so the parts of
  // one country (Russia's mainland and Wrangel Island) stay together.
  if (Math.min(...out.map((p) => p[0])) < -180) for (const p of out) p[0] += 360;
  return out;
}

// planar unwraps the polygon rings of a GeoJSON feature or collection in
// place and returns it.
export function planar(g) {
  if (!g) return g;
  switch (g.type) {
    case 'FeatureCollection': g.features.forEach(planar); break;
    case 'Feature': planar(g.geometry); break;
    case 'GeometryCollection': g.geometries.forEach(planar); break;
    case 'Polygon': g.coordinates = g.coordinates.map(unwrapRing); break;
    case 'MultiPolygon': g.coordinates = g.coordinates.map((p) => p.map(unwrapRing)); break;
    default:
  }
  return g;
}
