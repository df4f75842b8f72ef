// API client. Base URL comes from the page's <meta name="sitrep-api">.

const meta = typeof document === 'undefined' ? null : document.querySelector('meta[name="sitrep-api"]');
const base = ((meta && meta.content) || '/api/v1').replace(/\/+$/, '');

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

// Rows asked per page, below the API's default maximum (500); a server
// configured lower says so in its error, and pages shrink to fit.
let pageSize = 200;

async function page(path, params) {
  try {
    return await get(path, params);
  } catch (err) {
    const m = err.status === 400 && /maximum page size (\d+)/.exec(err.message);
    if (!m || Number(m[1]) < 1 || Number(m[1]) >= params.limit) throw err;
    pageSize = Number(m[1]);
    return get(path, { ...params, limit: pageSize });
  }
}

// listAll follows the cursor of a list endpoint until max items. truncated
// says whether more were left.
export async function listAll(path, params, max = 5000) {
  const items = [];
  let cursor = '';
  for (;;) {
    const p = await page(path, { ...params, limit: Math.min(pageSize, max - items.length), cursor });
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
