// Labels for API records. All return plain strings; callers insert them
// as text.

export const statuses = ['asserted', 'claimed', 'denied', 'planned', 'hypothetical', 'negated'];

// statusClass is a CSS class for a status; unknown values get none, so data
// never chooses class names.
export function statusClass(s) {
  return statuses.includes(s) ? 'st-' + s : '';
}

export function actorName(a) {
  return a ? a.name || a.id || '?' : '—';
}

export function who(e) {
  if (!e.actor && !e.recipient) return '—';
  return e.recipient ? `${actorName(e.actor)} → ${actorName(e.recipient)}` : actorName(e.actor);
}

// dateRange returns [earliest, latest] as YYYY-MM-DD, or null if the
// event has no usable date.
export function dateRange(d) {
  if (!d) return null;
  const day = /^\d{4}-\d{2}-\d{2}$/;
  let lo = d.earliest;
  let hi = d.latest;
  if (!day.test(lo || '') && day.test(d.value || '')) lo = d.value;
  if (!day.test(hi || '')) hi = lo;
  if (!day.test(lo || '')) return null;
  return hi < lo ? [lo, lo] : [lo, hi];
}

export function dateLabel(d) {
  const r = dateRange(d);
  if (!r) return (d && d.value) || 'undated';
  const p = !d.precision || d.precision === 'day' ? '' : d.precision === 'publication' ? ' (publication date)' : ` (${d.precision})`;
  return (r[0] === r[1] ? r[0] : `${r[0]} – ${r[1]}`) + p;
}

export function placeLabel(loc) {
  if (!loc) return '—';
  return `${loc.name || loc.place_id || '?'} (${loc.precision || 'unknown precision'})`;
}

export function typeLabel(e) {
  return e.mode ? `${e.type} (${e.mode})` : e.type || '?';
}

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many || one + 's'}`;
}
