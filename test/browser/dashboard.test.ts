// The dashboard page in headless Chromium (Debian's /usr/bin/chromium through
// playwright-core) against the real platform at synthetic scale 1: every chart
// draws data, the language toggle and the filters change what is shown, the
// explorer works from the gateway's own assets, and with the economy subgraph
// stopped the page still shows the other pillars and names the missing one.
// Screenshots go to test-artifacts/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardDist } from '../../dashboard/serve-static.js';
import { repoRoot } from '../../subgraphs/registry.js';
import { startTestPlatform, type PlatformFixture } from '../support/platform-fixture.js';

const artifacts = join(repoRoot, 'test-artifacts');
const panels = ['progress-heatmap', 'funding-by-year', 'funding-by-sector', 'funding-by-country', 'project-locations', 'water-level', 'health-cases', 'meetings-timeline'];

let platform: PlatformFixture;
let browser: Browser;
let page: Page;
/** Every URL the browser asked for: the page must not reach beyond the gateway (no CDN). */
const requested: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(dashboardDist, 'index.html'))) throw new Error('dashboard/dist is missing: run "npm run dashboard:build" (./lmc test does)');
  mkdirSync(artifacts, { recursive: true });
  [platform, browser] = await Promise.all([
    startTestPlatform({ syntheticScale: 1 }),
    chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] }),
  ]);
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('request', (request) => requested.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
});
afterAll(async () => {
  await browser?.close();
  await platform?.dispose();
});

const panel = (id: string) => page.locator(`[data-panel="${id}"]`);
const stateOf = (id: string) => panel(id).getAttribute('data-state');
const pointsOf = async (id: string) => Number(await panel(id).getAttribute('data-points'));
/** Waits until the page has answered its latest filters (all panels out of loading). */
const loaded = () => page.waitForSelector('body[data-loading="false"]', { timeout: 60_000 });
const screenshot = (name: string) => page.screenshot({ path: join(artifacts, `dashboard-${name}.png`), fullPage: true });

describe('the dashboard page', () => {
  it('draws every chart with data from the running platform', { timeout: 120_000 }, async () => {
    await page.goto(`${platform.gatewayUrl}dashboard/?year=2020`);
    await loaded();
    for (const id of panels) {
      expect(await stateOf(id), id).toBe('ready');
      expect(await pointsOf(id), id).toBeGreaterThan(0);
      expect(await panel(id).locator('.chart svg path').count(), `${id} drew shapes`).toBeGreaterThan(0);
    }
    // 94 actions × 6 members, each cell assessed or not: all columns are there.
    expect(await panel('progress-heatmap').locator('.group-legend').count()).toBe(7);
    await expect.poll(() => page.locator('#synthetic-notice').textContent()).toContain('Synthetic data');
    expect(await page.locator('#outage').isHidden()).toBe(true);
    await screenshot('en');
  });

  it('switches every label to Chinese and back', { timeout: 60_000 }, async () => {
    await page.click('#language-toggle');
    expect(await page.locator('h1').textContent()).toBe('澜湄合作五年行动计划数据看板');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await panel('progress-heatmap').locator('h2').textContent()).toContain('计划进展');
    expect(await panel('funding-by-year').locator('svg').textContent()).toContain('承诺额');
    expect(await page.locator('#filter-country option[value="TH"]').textContent()).toBe('泰国');
    expect(await page.locator('#synthetic-notice').textContent()).toContain('合成数据');
    expect(page.url()).toContain('lang=zh');
    await screenshot('zh');
    await page.click('#language-toggle');
    expect(await page.locator('h1').textContent()).toBe('LMC Plan of Action dashboard');
    expect(await panel('funding-by-year').locator('svg').textContent()).toContain('Committed');
  });

  it('narrows to one member and one pillar with the filters', { timeout: 90_000 }, async () => {
    const allHeatmapPoints = await pointsOf('progress-heatmap');
    expect(await pointsOf('funding-by-country')).toBeGreaterThan(1);
    // Record every state the panels pass through, to see the loading state between filter and data.
    await page.evaluate(() => {
      const seen = ((window as any).panelStates = new Set<string>());
      new MutationObserver((changes) => changes.forEach((c) => seen.add((c.target as HTMLElement).dataset.state ?? ''))).observe(document.body, {
        subtree: true,
        attributeFilter: ['data-state'],
      });
    });
    await page.selectOption('#filter-country', 'TH');
    await loaded();
    expect(await page.evaluate(() => [...(window as any).panelStates])).toContain('loading');
    expect(page.url()).toContain('country=TH');
    expect(await pointsOf('funding-by-country')).toBe(1);
    expect(await panel('funding-by-country').locator('svg').textContent()).toContain('Thailand');
    expect(await pointsOf('progress-heatmap')).toBeLessThan(allHeatmapPoints);
    expect(await panel('health-cases').locator('svg').textContent()).not.toContain('Viet Nam');
    // The synthetic set has water stations in China and Cambodia only: an empty state, not a blank chart.
    expect(await stateOf('water-level')).toBe('empty');
    expect(await panel('water-level').locator('.panel-status').textContent()).toBe('No data for this selection.');

    await page.selectOption('#filter-pillar', 'ECONOMY');
    await loaded();
    expect(await panel('meetings-timeline').isHidden()).toBe(true);
    expect(await panel('health-cases').isHidden()).toBe(true);
    expect(await stateOf('funding-by-year')).toBe('ready');
    expect(await panel('progress-heatmap').locator('.group-legend').allTextContents()).toEqual([expect.stringMatching(/^4\.2: /)]);
    await screenshot('filtered');
    await page.selectOption('#filter-pillar', '');
    await page.selectOption('#filter-country', '');
    await loaded();
  });

  it('serves GraphiQL from its own assets, and it runs the examples', { timeout: 90_000 }, async () => {
    await page.goto(`${platform.gatewayUrl}explorer/`);
    await page.waitForSelector('.graphiql-container', { timeout: 60_000 });
    await expect.poll(() => page.locator('.graphiql-query-editor').textContent(), { timeout: 30_000 }).toContain('query Dashboard');
    await page.click('.graphiql-execute-button');
    await expect.poll(() => page.locator('.graphiql-response').textContent(), { timeout: 30_000 }).toContain('"countries"');
    await page.screenshot({ path: join(artifacts, 'explorer.png') });
  });

  it('shows the other pillars and names the missing one when a subgraph is down', { timeout: 120_000 }, async () => {
    await platform.subgraphs.economy.stop();
    await page.goto(`${platform.gatewayUrl}dashboard/?year=2020`);
    await loaded();
    const outage = page.locator('#outage');
    expect(await outage.isVisible()).toBe(true);
    expect(await outage.textContent()).toContain('economy');
    for (const id of ['funding-by-year', 'funding-by-sector', 'funding-by-country', 'project-locations', 'water-level']) {
      expect(await stateOf(id), id).toBe('missing');
      expect(await panel(id).locator('.panel-status').textContent(), id).toContain('subgraph "economy"');
    }
    expect(await stateOf('progress-heatmap')).toBe('partial');
    expect(await pointsOf('progress-heatmap')).toBeGreaterThan(0);
    for (const id of ['health-cases', 'meetings-timeline']) {
      expect(await stateOf(id), id).toBe('ready');
      expect(await pointsOf(id), id).toBeGreaterThan(0);
    }
    await screenshot('economy-down');
  });

  it('asked for nothing outside the gateway', () => {
    const origin = new URL(platform.gatewayUrl).origin;
    const elsewhere = requested.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'));
    expect(elsewhere).toEqual([]);
    // The only console errors allowed are the failed economy calls' HTTP statuses, if any.
    expect(consoleErrors.filter((text) => !/status of 50\d/.test(text))).toEqual([]);
  });
});
