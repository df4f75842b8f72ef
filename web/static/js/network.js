// Actor network: who acts on whom. Nodes are actors, an edge runs from an
// event's actor to its recipient, and its weight is the number of fused
// events between them under the current filters.
import { append, el } from './dom.js';
import { listAll } from './api.js';
import { describe } from './filters.js';
import { actorName, plural } from './format.js';

const palette = {
  government: '#1b5fa3', military: '#a3261b', armed_group: '#c77c0e', person: '#3f8f3f',
  organization: '#6b3fa0', country: '#2e7d8c', media: '#777777',
};

export async function render(root, f, ctx) {
  const { items, truncated } = await listAll('/fused', f);
  if (!ctx.alive()) return null;

  const nodes = new Map();
  const edges = new Map();
  const node = (a) => {
    const id = a.id || a.name;
    if (!nodes.has(id)) nodes.set(id, { id, name: actorName(a), type: a.type || '', events: 0 });
    return nodes.get(id);
  };
  for (const e of items) {
    if (!e.actor) continue;
    const a = node(e.actor);
    a.events++;
    if (!e.recipient) continue;
    const r = node(e.recipient);
    if (r !== a) r.events++;
    const key = a.id + '\u0000' + r.id;
    if (!edges.has(key)) edges.set(key, { from: a.id, to: r.id, count: 0, types: new Map() });
    const ed = edges.get(key);
    ed.count++;
    ed.types.set(e.type, (ed.types.get(e.type) || 0) + 1);
  }
  const edgeList = [...edges.values()].sort((x, y) => y.count - x.count);
  const label = (id) => nodes.get(id).name;
  const typesText = (ed) => [...ed.types].sort((x, y) => y[1] - x[1]).map(([t, n]) => `${t} ${n}`).join(', ');

  const box = el('div', { id: 'network', class: 'network' });
  append(root,
    el('h2', {}, 'Actor network'),
    el('p', { class: 'summary', id: 'summary' },
      `${plural(nodes.size, 'actor')}, ${plural(edgeList.length, 'link')} from ${plural(items.length, 'fused event')}${truncated ? ' (more not loaded)' : ''} · ${describe(f)}`),
    el('p', { class: 'legend' }, 'Arrows run from actor to recipient; thicker edges carry more events. Click an actor to filter by it.'),
    box,
    el('table', { id: 'edge-list' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Actor'), el('th', {}, 'Recipient'), el('th', { class: 'num' }, 'Events'), el('th', {}, 'Types'))),
      el('tbody', {}, edgeList.map((ed) => el('tr', { class: 'edge-row' },
        el('td', {}, label(ed.from)), el('td', {}, label(ed.to)), el('td', { class: 'num' }, String(ed.count)), el('td', {}, typesText(ed)))))),
  );
  if (nodes.size === 0) {
    append(box, el('p', { class: 'empty' }, 'No events with a known actor match these filters.'));
    return null;
  }
  const net = new vis.Network(box, {
    nodes: [...nodes.values()].map((n) => ({
      id: n.id,
      label: n.name,
      value: n.events,
      color: palette[n.type] || '#555555',
      // An element, not a string: tooltips never parse names as HTML.
      title: el('div', {}, `${n.name}${n.type ? ' (' + n.type + ')' : ''}: ${plural(n.events, 'event')}`),
    })),
    edges: edgeList.map((ed, i) => ({
      id: i,
      from: ed.from,
      to: ed.to,
      value: ed.count,
      label: String(ed.count),
      title: el('div', {}, `${label(ed.from)} → ${label(ed.to)}: ${typesText(ed)}`),
    })),
  }, {
    nodes: { shape: 'dot', scaling: { min: 8, max: 32 }, font: { size: 14, color: '#222' } },
    edges: { arrows: 'to', scaling: { min: 1, max: 12 }, color: { color: '#999', highlight: '#333' }, font: { size: 11, align: 'middle' }, smooth: { type: 'continuous' } },
    physics: { stabilization: { iterations: 150 }, barnesHut: { springLength: 140 } },
    interaction: { hover: true, tooltipDelay: 150 },
  });
  // Stop the simulation once laid out: it would keep a core busy.
  net.once('stabilizationIterationsDone', () => {
    net.setOptions({ physics: false });
    net.fit();
  });
  net.on('click', (p) => {
    if (p.nodes && p.nodes.length === 1) ctx.setFilters({ ...f, actor: String(p.nodes[0]) });
  });
  return () => net.destroy();
}
