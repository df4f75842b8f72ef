// Filters live in the page URL's query, so every view and every link
// shares them. Their names are the API's query parameters.

export const keys = ['actor', 'type', 'from', 'to', 'place', 'source', 'status', 'min_origins', 'bbox'];

// current returns the filters in the URL as an object of non-empty values.
export function current() {
  const q = new URLSearchParams(location.search);
  const f = {};
  for (const k of keys) {
    const v = (q.get(k) || '').trim();
    if (v) f[k] = v;
  }
  return f;
}

// query renders filters as a query string ("" or "?a=b").
export function query(f) {
  const q = new URLSearchParams();
  for (const k of keys) if (f[k]) q.set(k, f[k]);
  const s = q.toString();
  return s ? '?' + s : '';
}

// fillForm shows the URL's filters in the form.
export function fillForm(form, f) {
  for (const k of keys) {
    const input = form.elements.namedItem(k);
    if (!input) continue;
    if (input.tagName === 'SELECT' && f[k] && ![...input.options].some((o) => o.value === f[k])) {
      input.appendChild(new Option(f[k], f[k]));
    }
    input.value = f[k] || '';
  }
}

// readForm returns the form's filters.
export function readForm(form) {
  const f = {};
  for (const k of keys) {
    const input = form.elements.namedItem(k);
    const v = input ? String(input.value).trim() : '';
    if (v) f[k] = v;
  }
  return f;
}

// describe says in words which filters apply, for headings.
export function describe(f) {
  const parts = keys.filter((k) => f[k]).map((k) => `${k.replace('_', ' ')} ${f[k]}`);
  return parts.length ? parts.join(' · ') : 'no filters';
}
