// API client. Base URL comes from the page's <meta name="sitrep-api">.

const base = (document.querySelector('meta[name="sitrep-api"]')?.content || '/api/v1').replace(/\/+$/, '');

// ApiError carries the status and the API's error message.
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// get fetches base+path with query params (empty values left out).
export async function get(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== '' && v !== null && v !== undefined) q.set(k, String(v));
  }
  const qs = q.toString();
  let res;
  try {
    res = await fetch(base + path + (qs ? '?' + qs : ''), { headers: { Accept: 'application/json' } });
  } catch (err) {
    throw new ApiError(0, `cannot reach the API at ${base}: ${err.message}`);
  }
  let body = null;
  try {
    body = await res.json();
  } catch (_) {
    // not JSON; reported below
  }
  if (!res.ok) {
    throw new ApiError(res.status, (body && body.error) || `${path}: HTTP ${res.status}`);
  }
  if (body === null) throw new ApiError(res.status, `${path}: the answer is not JSON`);
  return body;
}

// Largest page the API serves by default (api.DefaultMaxPageSize).
const pageSize = 500;

// listAll follows the cursor of a list endpoint until max items. truncated
// says whether more were left.
export async function listAll(path, params, max = 5000) {
  const items = [];
  let cursor = '';
  for (;;) {
    const p = await get(path, { ...params, limit: Math.min(pageSize, max - items.length), cursor });
    items.push(...(p.items || []));
    if (!p.next) return { items, truncated: false };
    if (items.length >= max) return { items, truncated: true };
    cursor = p.next;
  }
}

// exportURL is the API's export of the fused events that match filters f.
export function exportURL(format, f) {
  const q = new URLSearchParams({ kind: 'fused' });
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  return `${base}/export/${encodeURIComponent(format)}?${q}`;
}

// id encodes one path segment; IDs may hold '/' or ':'.
export const seg = (id) => encodeURIComponent(id);
