// The dashboard in a real browser against the real server: every page, a commodity change, a scenario
// run, Japanese labels and the phone layout. Screenshots go to e2e/artifacts/.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatNumber, formatShare } from '../packages/web/src/i18n/format.ts';
import { type RunningServer, serveCommandExists } from './support/server.ts';
import { ARTIFACTS, browserSession } from './support/session.ts';

const READY = (name: string) => `[data-chart="${name}"][data-ready="true"]`;

interface AtlasAnswer {
  commodity: string;
  stage: string;
  year: number;
  hhi: number;
  top3Share: number;
  chinaShare: number;
  alliedShare: number;
  countries: { iso3: string; value: number }[];
  aggregates: unknown[];
  sources: { id: string }[];
}

describe.skipIf(!serveCommandExists())('dashboard in Chromium', { timeout: 60_000 }, () => {
  const session = browserSession();
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  const api = session.api;
  const shot = (name: string, p: Page = page) => p.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
  const figure = (name: string) => page.locator(`[data-figure="${name}"] [data-value]`).innerText();

  beforeAll(() => {
    ({ server, browser, page } = session.get());
  });

  it('atlas: draws the first chart, shows the API figures, follows a commodity change, opens a source', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.waitForSelector(READY('atlas-map'), { timeout: 30_000 });
    const readyAt = Number(await page.getAttribute(READY('atlas-map'), 'data-ready-at'));
    console.log(`time to first chart (atlas map, from navigation): ${readyAt} ms`);
    expect(readyAt).toBeGreaterThan(0);

    const atlas = await api<AtlasAnswer>('/api/atlas?commodity=rare_earths&stage=mining');
    expect(await page.getAttribute('[data-atlas]', 'data-atlas')).toBe(`rare_earths/mining/${atlas.year}`);
    expect(await figure('hhi')).toBe(formatNumber('en', atlas.hhi, 0));
    expect(await figure('top3Share')).toBe(formatShare('en', atlas.top3Share));
    expect(await figure('chinaShare')).toBe(formatShare('en', atlas.chinaShare));
    expect(await figure('alliedShare')).toBe(formatShare('en', atlas.alliedShare));
    await shot('atlas');

    await page.selectOption('select[name="commodity"]', 'gallium');
    await page.waitForSelector('[data-atlas^="gallium/"]');
    await page.waitForSelector(READY('atlas-map'));
    const [, stage, year] = ((await page.getAttribute('[data-atlas]', 'data-atlas')) ?? '').split('/');
    const gallium = await api<AtlasAnswer>(`/api/atlas?commodity=gallium&stage=${stage}&year=${year}`);
    expect(await figure('chinaShare')).toBe(formatShare('en', gallium.chinaShare));
    expect(await figure('hhi')).toBe(formatNumber('en', gallium.hhi, 0));

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-download="csv"]')]);
    const csvLines = readFileSync(await csv.path(), 'utf8')
      .trim()
      .split('\r\n');
    expect(csvLines).toHaveLength(1 + gallium.countries.length + gallium.aggregates.length);
    const top = [...gallium.countries].sort((a, b) => b.value - a.value)[0];
    expect(csvLines[1]?.startsWith(`${top?.iso3},`)).toBe(true);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-download="xlsx"]')]);
    expect(xlsx.suggestedFilename()).toBe(`lodestone-gallium-${stage}-${year}.xlsx`);
    expect(
      readFileSync(await xlsx.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    const sourceId = gallium.sources[0]?.id ?? '';
    const source = await api<{ title: string }>(`/api/sources/${sourceId}`);
    await page.locator(`[data-figure="hhi"] [data-source="${sourceId}"]`).click();
    await expect.poll(() => page.locator(`[data-source-panel="${sourceId}"]`).innerText()).toContain(source.title);
  });

  it('chains: draws the magnets Sankey with a text alternative', async () => {
    await page.click('[data-nav="chains"]');
    await page.waitForSelector(READY('sankey'), { timeout: 30_000 });
    const sankey = await api<{ nodes: unknown[]; links: unknown[] }>('/api/network/sankey?chain=magnets');
    const label = (await page.getAttribute('[data-chart="sankey"]', 'aria-label')) ?? '';
    expect(label).toContain(`${sankey.nodes.length} nodes and ${sankey.links.length} flows`);
    await shot('chains');
  });

  it('criticality: shows the derivation of a selected material with the API’s SR', async () => {
    await page.click('[data-nav="criticality"]');
    await page.waitForSelector(READY('criticality'), { timeout: 30_000 });
    const rows = await api<{ material: string; sr: number }[]>('/api/criticality?buyer=EU');
    const first = rows[0];
    if (!first) throw new Error('no criticality rows');
    await page.getByRole('button', { name: 'Show data table' }).first().click();
    await page.locator('[data-table="criticality"] button', { hasText: first.material }).first().click();
    await page.waitForSelector(`[data-derivation="${first.material}"]`);
    expect(await page.locator('[data-derivation-sr]').innerText()).toBe(formatNumber('en', first.sr, 2));
    await shot('criticality');
  });

  it('controls: draws the timeline and lists what is in force on a date', async () => {
    await page.click('[data-nav="controls"]');
    await page.waitForSelector(READY('controls-timeline'), { timeout: 30_000 });
    await page.fill('input[name="at"]', '2025-06-01');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const inForce = await api<{ entries: unknown[] }>('/api/controls?at=2025-06-01');
    await expect.poll(() => page.locator('[data-table="in-force"] tbody tr').count()).toBe(inForce.entries.length);
    await shot('controls');
  });

  it('scenarios: runs cn-2025-04-ree7 and shows the numbers the API stored', { timeout: 240_000 }, async () => {
    await page.click('[data-nav="scenarios"]');
    await page.selectOption('select[name="scenario"]', 'cn-2025-04-ree7');
    await page.fill('input[name="runs"]', '4');
    await page.fill('input[name="months"]', '12');
    await page.click('[data-run]');
    await page.waitForSelector('[data-run-status="done"]', { timeout: 180_000 });
    await page.waitForSelector(READY('shortfall'));
    const runId = (await page.getAttribute('[data-run-status]', 'data-run-id')) ?? '';
    const run = await api<{
      status: string;
      report: { summary: { iso3: string; product: string; totalShortfall: number; peakShare: number }[] };
    }>(`/api/runs/${runId}`);
    expect(run.status).toBe('done');
    const shown = await page
      .locator('[data-table="summary"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) =>
          Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset['col'], td.textContent ?? ''])),
        ),
      );
    expect(shown.length).toBeGreaterThan(0);
    for (const row of shown) {
      const stored = run.report.summary.find((s) => s.iso3 === row['iso3'] && s.product === row['product']);
      expect(stored, `${row['iso3']}/${row['product']}`).toBeDefined();
      expect(row['totalShortfall']).toBe(formatNumber('en', stored?.totalShortfall ?? NaN));
      expect(row['peakShare']).toBe(formatShare('en', stored?.peakShare ?? NaN));
    }
    await shot('scenarios');

    // The explanation of a point equals the API's for the same country, product and month.
    const shortfallFigure = page.locator('figure', { has: page.locator('[data-chart="shortfall"]') });
    await shortfallFigure.getByRole('button', { name: 'Show data table' }).click();
    await shortfallFigure.getByRole('button', { name: 'Explanation' }).last().click();
    const explained = (await page.locator('[data-explain]').first().getAttribute('data-explain')) ?? '';
    const [iso3, product, month] = explained.split('/');
    const explanation = await api<{ supplied: number }>(
      `/api/runs/${runId}/explain?iso3=${iso3}&product=${product}&month=${month}`,
    );
    expect(await page.locator('[data-explain-supplied]').first().innerText()).toBe(
      formatNumber('en', explanation.supplied),
    );

    // A second run with another seed, then both side by side.
    await page.fill('input[name="seed"]', '2');
    await page.click('[data-run]');
    await page.waitForSelector(`[data-run-status="done"]:not([data-run-id="${runId}"])`, { timeout: 180_000 });
    await page.locator('[data-table="runs"] input[type="checkbox"]').nth(0).check();
    await page.locator('[data-table="runs"] input[type="checkbox"]').nth(1).check();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect.poll(() => page.locator('[data-compare] h4').count()).toBe(2);
  });

  it('scenarios: the form names the field at fault, then saves a valid variant', async () => {
    const editor = page.locator('[data-editor]');
    await editor.locator('input[name="horizonMonths"]').fill('0');
    await editor.getByRole('button', { name: 'Save scenario' }).click();
    expect(await editor.locator('[data-issues]').innerText()).toContain('horizonMonths');
    await editor.locator('input[name="id"]').fill('e2e-variant');
    await editor.locator('input[name="horizonMonths"]').fill('6');
    await editor.getByRole('button', { name: 'Save scenario' }).click();
    await expect.poll(() => page.locator('select[name="scenario"]').inputValue()).toBe('e2e-variant');
    const saved = await api<{ id: string; horizonMonths: number }>('/api/scenarios/e2e-variant');
    expect(saved.horizonMonths).toBe(6);
  });

  it('switches to Japanese: labels, names from the API and number formats, kept after a reload', async () => {
    await page.click('[data-lang="ja"]');
    expect(await page.locator('[data-nav="atlas"]').innerText()).toBe('アトラス');
    await page.click('[data-nav="atlas"]');
    await page.waitForSelector(READY('atlas-map'));
    expect(await page.locator('[data-figure="chinaShare"] .figure-label').innerText()).toBe('中国シェア');
    const commodities = await api<{ key: string; nameJa: string }[]>('/api/commodities');
    const selected = await page.locator('select[name="commodity"] option:checked').innerText();
    expect(selected).toBe(commodities.find((c) => c.key === 'rare_earths')?.nameJa);
    await page.reload();
    await page.waitForSelector(READY('atlas-map'));
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.locator('[data-nav="scenarios"]').innerText()).toBe('シナリオ');
    await shot('atlas-ja');
  });

  it('fits every page on a 390-pixel phone screen without horizontal scrolling', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    session.watch(phone);
    for (const route of ['atlas', 'chains', 'criticality', 'controls', 'scenarios', 'tracker', 'review']) {
      await phone.goto(`${server.baseUrl}/${route}`);
      await phone.waitForSelector('h2');
      if (route === 'tracker') await phone.waitForSelector('[data-tracker][data-ready="true"]', { timeout: 30_000 });
      else if (route === 'review') await phone.waitForSelector('[data-queue][data-ready="true"]', { timeout: 30_000 });
      else if (route !== 'scenarios')
        await phone.waitForSelector('[data-chart][data-ready="true"]', { timeout: 30_000 });
      expect(await phone.evaluate<number>('document.documentElement.scrollWidth'), route).toBeLessThanOrEqual(390);
      await shot(`${route}-phone`, phone);
    }
    await phone.close();
  });

  it('is keyboard-navigable: skip link first, then the pages in order', async () => {
    await page.goto(`${server.baseUrl}/atlas`);
    await page.waitForSelector(READY('atlas-map'), { timeout: 30_000 });
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.className')).toBe('skip');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.dataset.nav')).toBe('chains');
    await page.keyboard.press('Enter');
    await page.waitForSelector(READY('sankey'), { timeout: 30_000 });
    expect(page.url()).toBe(`${server.baseUrl}/chains`);
  });
});
