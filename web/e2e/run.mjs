// End-to-end run of the web UI in headless Chromium, driven by
// web/e2e_test.go:
//
//   node web/e2e/run.mjs BASE_URL SCREENSHOT_DIR CHROMIUM [fixture|smoke]
//
// It visits every view, applies filters, opens event pages and prints what
// it saw as one JSON object on stdout; the Go test judges it. "fixture"
// (the default) expects the test's fixture corpus and opens its events by
// ID; "smoke" works on any store and picks what it finds.
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, outDir, exe, mode = 'fixture'] = process.argv.slice(2);
if (!base || !outDir || !exe || !['fixture', 'smoke'].includes(mode)) {
  console.error('usage: node run.mjs BASE_URL SCREENSHOT_DIR CHROMIUM [fixture|smoke]');
  process.exit(2);
}
const fixture = mode === 'fixture';

const report = {
  mode, consoleErrors: [], pageErrors: [], dialogs: [], failedRequests: [], foreignRequests: [], screenshots: [], stray: {},
};
// Milliseconds each step took, to see where a slow run spends its time.
report.timings = {};
let lap = Date.now();
const mark = (step) => {
  const now = Date.now();
  report.timings[step] = now - lap;
  lap = now;
};
const profile = await mkdtemp(join(tmpdir(), 'sitrep-chromium-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: exe,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync'],
});

mark('launch');
try {
  const page = ctx.pages()[0] || (await ctx.newPage());
  page.setDefaultTimeout(10000);
  page.on('console', (m) => { if (m.type() === 'error') report.consoleErrors.push(`${m.text()} @ ${page.url()}`); });
  page.on('pageerror', (e) => report.pageErrors.push(String(e)));
  page.on('dialog', (d) => { report.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('requestfailed', (r) => report.failedRequests.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) report.failedRequests.push(`${r.url()}: HTTP ${r.status()}`); });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(base) && !u.startsWith('data:')) report.foreignRequests.push(u);
  });

  const ready = () => page.waitForSelector('body[data-ready="true"]');
  // Views are shot as the analyst first sees them; event pages whole.
  const shot = async (name, fullPage = false) => {
    const path = join(outDir, name + '.png');
    await page.screenshot({ path, fullPage });
    report.screenshots.push(path);
  };
  // Text nodes that show a JavaScript value by mistake ("null", "undefined").
  const stray = () => page.evaluate(() => {
    const w = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    const bad = [];
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      if (/^(null|undefined|NaN|\[object Object\])$/.test(n.data.trim())) bad.push(n.data.trim());
    }
    return bad;
  });
  const rows = () => page.$$eval('#event-list tr.event-row', (rs) => rs.map((r) => r.dataset.type));
  const visit = async (path, name, selector) => {
    await page.goto(base + path);
    await ready();
    if (selector) await page.waitForSelector(selector, { state: 'attached' });
    report.stray[name] = await stray();
  };
  const evidence = () => page.evaluate(() => {
    const main = document.querySelector('main');
    return {
      title: document.querySelector('#event-title')?.textContent,
      sentences: [...main.querySelectorAll('#corroboration .sentence')].map((s) => s.textContent),
      sources: [...main.querySelectorAll('.evidence .source')].map((s) => s.textContent),
      origins: main.querySelectorAll('#corroboration .origin').length,
      perOrigin: [...main.querySelectorAll('#corroboration .origin')].map((o) => o.querySelectorAll('.evidence').length),
      claims: [...main.querySelectorAll('#contradictions .side-by-side .claim .value strong')].map((s) => s.textContent),
      marks: [...main.querySelectorAll('#corroboration .sentence mark')].map((m) => [m.className, m.textContent]),
      scripts: main.querySelectorAll('script').length,
      images: main.querySelectorAll('img').length,
      bold: main.querySelectorAll('b').length,
      javascriptLinks: [...document.querySelectorAll('a')].filter((a) => (a.getAttribute('href') || '').trim().toLowerCase().startsWith('javascript')).length,
    };
  });

  // Timeline.
  await visit('/timeline', 'timeline', '#event-list');
  report.timeline = {
    rows: await rows(),
    items: await page.locator('#timeline .vis-item.vis-point, #timeline .vis-item.vis-range, #timeline .vis-item.vis-box').count(),
    ranges: await page.locator('#timeline .vis-item.vis-range').count(),
    // The best corroborated event: most origins, as the list shows them.
    bestEvent: await page.$$eval('#event-list tr.event-row', (rs) => rs
      .map((r) => [r.querySelector('a')?.getAttribute('href'), parseInt(r.cells[5].textContent, 10) || 0])
      .sort((a, b) => b[1] - a[1])[0]?.[0] || ''),
  };
  await shot('timeline');
  // The CSV export of the current filter answers.
  const csv = await page.$eval('.exports a', (a) => a.href);
  const res = await page.request.get(csv);
  report.timeline.export = { status: res.status(), type: res.headers()['content-type'] || '', lines: (await res.text()).trim().split('\n').length };
  // Clicking an event on the timeline opens its page.
  await page.click('#timeline .vis-item.vis-point .vis-item-content, #timeline .vis-item.vis-range .vis-item-content');
  await page.waitForURL(/\/event\//);
  await ready();
  report.timeline.clicked = new URL(page.url()).pathname;
  await page.goBack();
  await ready();
  mark('timeline');

  // A type filter from the form: the rarest type in the store, or MOBILIZE.
  await page.waitForSelector('select[name="type"] option:nth-child(2)', { state: 'attached' });
  const type = fixture ? 'MOBILIZE' : await page.$$eval('select[name="type"] option', (os) => os
    .filter((o) => o.value).map((o) => [o.value, Number((o.textContent.match(/\((\d+)\)$/) || [])[1] || 0)])
    .sort((a, b) => a[1] - b[1])[0][0]);
  await page.selectOption('select[name="type"]', type);
  await page.click('#filters button[type="submit"]');
  await page.waitForURL((u) => u.searchParams.get('type') === type);
  await ready();
  report.filtered = { type, url: page.url(), rows: await rows() };
  await shot('timeline-filtered');

  // The filter travels with the navigation links.
  await page.click('#nav a[data-view="map"]');
  await ready();
  report.mapFiltered = { type, url: page.url(), rows: await rows() };
  mark('filter');

  // Map without filters, then an area filter typed in the form and one
  // taken from the map view.
  await visit('/map', 'map', '#map .leaflet-overlay-pane path');
  report.map = {
    outlines: await page.locator('#map .leaflet-overlay-pane path').count(),
    points: await page.locator('#map path.ev-point').count(),
    areas: await page.locator('#map path.ev-area').count(),
    countries: await page.locator('#map path.ev-country').count(),
    rows: await rows(),
  };
  await shot('map');
  await page.click('#map-bbox');
  await page.waitForURL((u) => u.searchParams.has('bbox'));
  await ready();
  report.map.viewBBox = new URL(page.url()).searchParams.get('bbox');
  report.map.viewRows = await rows();
  if (fixture) {
    await page.fill('input[name="bbox"]', '36,34,37.5,35.5'); // around Homs
    await page.click('#filters button[type="submit"]');
    await page.waitForURL((u) => u.searchParams.get('bbox') === '36,34,37.5,35.5');
    await ready();
    report.map.homsRows = await page.$$eval('#event-list tr.event-row', (rs) => rs.map((r) => r.cells[3].textContent));
  }

  mark('map');

  // Network.
  await visit('/network', 'network', '#network canvas');
  await page.waitForTimeout(300);
  report.network = {
    canvas: await page.locator('#network canvas').count(),
    edges: await page.$$eval('#edge-list tr.edge-row', (rs) => rs.map((r) => [...r.cells].slice(0, 3).map((c) => c.textContent))),
  };
  await shot('network');
  mark('network');

  if (fixture) {
    // The hostile report: its markup must show as text.
    await visit('/event/f-talbiseh-0930', 'eventXSS', '#corroboration .sentence');
    report.xss = await evidence();
    await shot('event-xss', true);
    await visit('/event/f-caspian-1007', 'eventCaspian', '#contradictions .side-by-side');
    report.event = await evidence();
    await visit('/event/f-homs-0930', 'event', '#corroboration .evidence');
    report.copies = (await evidence()).perOrigin;
  } else {
    await visit(report.timeline.bestEvent || '/event/none', 'event', '#corroboration .evidence');
    report.event = await evidence();
  }
  await shot('event', true);
  mark('events');
} catch (err) {
  report.fatal = String((err && err.stack) || err);
} finally {
  await ctx.close();
  await rm(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(report) + '\n');
