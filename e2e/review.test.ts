// The intake review page in a real browser against the real server: paste an English notice in the style of
// China's Ministry of Commerce, accept the proposed export control, and find it accepted in the page and the API.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serveCommandExists } from './support/server.ts';
import { ARTIFACTS, browserSession } from './support/session.ts';

const NOTICE =
  'The Ministry of Commerce and the General Administration of Customs announced on 9 October 2025 that export ' +
  'controls will be implemented on holmium, erbium, thulium, europium and ytterbium related items ' +
  '(MOFCOM Announcement No. 58 of 2025).';

interface Queued {
  id: number;
  status: string;
  event: { type: string };
  history: { action: string }[];
}

describe.skipIf(!serveCommandExists())('review page in Chromium', { timeout: 60_000 }, () => {
  const session = browserSession();
  let server: RunningServer;
  let page: Page;

  beforeAll(() => {
    ({ server, page } = session.get());
  });

  it('queues the export control of a pasted notice with its evidence marked, accepts it and shows it accepted', async () => {
    await page.goto(`${server.baseUrl}/review`);
    await page.waitForSelector('[data-queue][data-ready="true"]', { timeout: 30_000 });
    await page.fill('textarea[name="text"]', NOTICE);
    await page.fill('input[name="published"]', '2025-10-09');
    await page.click('[data-propose]');
    await expect
      .poll(() => page.locator('[data-proposed]').innerText(), { timeout: 30_000 })
      .toBe('Events proposed: 1.');

    const card = page.locator('[data-queued][data-type="export_control"]');
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('proposed');
    expect(await card.locator('mark[data-evidence]').first().innerText()).toContain('export controls');
    const id = Number(await card.getAttribute('data-queued'));

    await card.locator('[data-accept]').click();
    await page.waitForSelector(`[data-queued="${id}"][data-status="accepted"]`, { timeout: 30_000 });
    expect(await page.locator(`[data-queued="${id}"] [data-status-label]`).innerText()).toBe('Accepted');
    await page.locator(`[data-queued="${id}"] summary`).click();
    expect(
      await page
        .locator(`[data-queued="${id}"] [data-history] li`)
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-step'))),
    ).toEqual(['propose', 'accept']);

    const response = await fetch(`${server.baseUrl}/api/intake/queue/${id}`);
    const stored = (await response.json()) as Queued;
    expect(stored.status).toBe('accepted');
    expect(stored.event.type).toBe('export_control');

    await page.selectOption('select[name="status"]', 'accepted');
    await page.waitForSelector(`[data-queued="${id}"][data-status="accepted"]`);
    expect(await page.locator('[data-queued]').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/review.png`, fullPage: true });
  });
});
