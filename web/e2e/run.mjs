// End-to-end run of the web UI in headless Chromium, driven by
// web/e2e_test.go: node web/e2e/run.mjs BASE_URL SCREENSHOT_DIR CHROMIUM.
// It visits every view, applies a filter, opens event pages and reports
// what it saw as one JSON object on stdout; the Go test judges it.
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, outDir, exe] = process.argv.slice(2);
if (!base || !outDir || !exe) {
  console.error('usage: node run.mjs BASE_URL SCREENSHOT_DIR CHROMIUM');
  process.exit(2);
}

const report = { consoleErrors: [], pageErrors: [], dialogs: [], failedRequests: [], foreignRequests: [], screenshots: [] };
const profile = await mkdtemp(join(tmpdir(), 'sitrep-chromium-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: exe,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync'],
});

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
  const shot = async (name) => {
    const path = join(outDir, name + '.png');
    await page.screenshot({ path, fullPage: true });
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
  report.stray = {};
  const rowTypes = () => page.$$eval('#event-list tr.event-row', (rows) => rows.map((r) => r.dataset.type));

  // Timeline, then a filter from the form.
  await page.goto(base + '/timeline');
  await ready();
  await page.waitForSelector('#timeline .vis-item');
  report.timeline = {
    rows: await rowTypes(),
    items: await page.locator('#timeline .vis-item.vis-point, #timeline .vis-item.vis-range, #timeline .vis-item.vis-box').count(),
    ranges: await page.locator('#timeline .vis-item.vis-range').count(),
  };
  report.stray.timeline = await stray();
  await shot('timeline');

  await page.waitForSelector('select[name="type"] option[value="MOBILIZE"]', { state: 'attached' });
  await page.selectOption('select[name="type"]', 'MOBILIZE');
  await page.click('#filters button[type="submit"]');
  await page.waitForURL(/type=MOBILIZE/);
  await ready();
  report.filtered = { url: page.url(), rows: await rowTypes() };
  await shot('timeline-filtered');

  // The filter travels with the navigation links.
  await page.click('#nav a[data-view="map"]');
  await ready();
  report.mapFiltered = { url: page.url(), rows: await rowTypes() };

  // Map without filters.
  await page.goto(base + '/map');
  await ready();
  await page.waitForSelector('#map path.ev-point', { state: 'attached' });
  report.map = {
    outlines: await page.locator('#map .leaflet-overlay-pane path').count(),
    points: await page.locator('#map path.ev-point').count(),
    areas: await page.locator('#map path.ev-area').count(),
    countries: await page.locator('#map path.ev-country').count(),
    rows: await rowTypes(),
  };
  report.stray.map = await stray();
  await shot('map');

  // Network.
  await page.goto(base + '/network');
  await ready();
  await page.waitForSelector('#network canvas');
  await page.waitForTimeout(500);
  report.network = {
    canvas: await page.locator('#network canvas').count(),
    edges: await page.$$eval('#edge-list tr.edge-row', (rows) => rows.map((r) => [...r.cells].slice(0, 3).map((c) => c.textContent))),
  };
  report.stray.network = await stray();
  await shot('network');

  // Event page of the hostile report: its markup must show as text.
  await page.goto(base + '/event/f-talbiseh-0930');
  await ready();
  await page.waitForSelector('#corroboration .sentence');
  report.xss = await page.evaluate(() => {
    const main = document.querySelector('main');
    return {
      sentences: [...main.querySelectorAll('.sentence')].map((s) => s.textContent),
      sources: [...main.querySelectorAll('.evidence .source')].map((s) => s.textContent),
      scripts: main.querySelectorAll('script').length,
      images: main.querySelectorAll('img').length,
      bold: main.querySelectorAll('b').length,
      javascriptLinks: [...document.querySelectorAll('a')].filter((a) => a.getAttribute('href')?.toLowerCase().startsWith('javascript')).length,
      marks: [...main.querySelectorAll('.sentence mark')].map((m) => [m.className, m.textContent]),
    };
  });
  report.stray.eventXSS = await stray();
  await shot('event-xss');

  // Event page with copies, a contradiction and figures.
  await page.goto(base + '/event/f-caspian-1007');
  await ready();
  await page.waitForSelector('#contradictions .side-by-side');
  report.event = await page.evaluate(() => ({
    title: document.querySelector('#event-title')?.textContent,
    origins: document.querySelectorAll('#corroboration .origin').length,
    evidence: document.querySelectorAll('#corroboration .evidence').length,
    claims: [...document.querySelectorAll('#contradictions .side-by-side .claim .value strong')].map((s) => s.textContent),
    marks: [...document.querySelectorAll('#corroboration .sentence mark')].map((m) => [m.className, m.textContent]),
  }));
  await page.goto(base + '/event/f-homs-0930');
  await ready();
  await page.waitForSelector('#corroboration .evidence');
  report.copies = await page.evaluate(() => [...document.querySelectorAll('#corroboration .origin')]
    .map((o) => o.querySelectorAll('.evidence').length));
  report.stray.event = await stray();
  await shot('event');
} catch (err) {
  report.fatal = String(err && err.stack || err);
} finally {
  await ctx.close();
  await rm(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(report) + '\n');
