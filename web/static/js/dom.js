// DOM helpers. Every string from the API reaches the page through
// createTextNode or textContent; nothing here parses HTML, so text from a
// source ("<script>...") always shows as text.

// el creates an element. attrs: class, href (checked by safeHref), title,
// data-* and other plain attributes, and on<Event> listeners. children:
// nodes, or strings that become text nodes; null and false are skipped.
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      e.addEventListener(k.slice(2).toLowerCase(), v);
    } else if (k === 'href') {
      const h = safeHref(v);
      if (h) e.setAttribute('href', h);
    } else if (k === 'class') {
      e.className = v;
    } else {
      e.setAttribute(k, String(v));
    }
  }
  append(e, ...children);
  return e;
}

// append adds children to parent: strings and numbers as text nodes.
export function append(parent, ...children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return parent;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// safeHref keeps links to this site and to http(s) pages; a source URL
// such as "javascript:..." yields null and the link is not made.
export function safeHref(v) {
  const s = String(v);
  if (s.startsWith('/') && !s.startsWith('//')) return s;
  try {
    const u = new URL(s);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  } catch (_) {
    // not a URL
  }
  return null;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// byteRange converts a byte range [start, end) of text's UTF-8 encoding
// (the API's offsets) into a UTF-16 range for JavaScript strings. It
// returns null when the range is out of bounds or splits a character.
export function byteRange(text, start, end) {
  const bytes = encoder.encode(text);
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > bytes.length) {
    return null;
  }
  const head = decoder.decode(bytes.subarray(0, start));
  const mid = decoder.decode(bytes.subarray(start, end));
  if (head.includes('\uFFFD') && !text.includes('\uFFFD')) return null;
  const s = head.length;
  const e = s + mid.length;
  if (text.slice(s, e) !== mid) return null;
  return [s, e];
}

// spanIn locates a mention inside a sentence: by its byte offsets
// (document-relative, like sentStart) when they agree with its text, else
// by the first occurrence of its text. Returns a UTF-16 range or null.
export function spanIn(sentText, sentStart, m) {
  if (!m) return null;
  if (Number.isInteger(m.start) && Number.isInteger(m.end)) {
    const r = byteRange(sentText, m.start - sentStart, m.end - sentStart);
    if (r && (!m.text || sentText.slice(r[0], r[1]) === m.text)) return r;
  }
  if (m.text) {
    const i = sentText.indexOf(m.text);
    if (i >= 0) return [i, i + m.text.length];
  }
  return null;
}

// highlight returns a fragment of text with each span wrapped in a <mark>.
// spans: {range: [start, end] in UTF-16, cls, label}. Overlapping spans
// are dropped after the first, so every character is shown once.
export function highlight(text, spans) {
  const frag = document.createDocumentFragment();
  const sorted = spans.filter((s) => s && s.range).sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1]);
  let at = 0;
  for (const s of sorted) {
    const [start, end] = s.range;
    if (start < at || end <= start) continue;
    if (start > at) frag.appendChild(document.createTextNode(text.slice(at, start)));
    const m = el('mark', { class: s.cls, title: s.label }, text.slice(start, end));
    frag.appendChild(m);
    at = end;
  }
  if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
  return frag;
}
