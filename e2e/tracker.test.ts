// The framework tracker in a real browser against the real server: the status shown for each commitment is
// the API's, before and after a deadline, with evidence and sources one click away, in English and Japanese.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serveCommandExists } from './support/server.ts';
import { ARTIFACTS, browserSession } from './support/session.ts';

interface TrackerAnswer {
  asOf: string;
  commitments: { id: string; state: string; dueOn: string | null; evidence: { sources: string[] }[] }[];
}

describe.skipIf(!serveCommandExists())('tracker page in Chromium', { timeout: 60_000 }, () => {
  const session = browserSession();
  let server: RunningServer;
  let page: Page;

  const api = session.api;
  const showDay = async (day: string) => {
    await page.fill('input[name="asOf"]', day);
    await page.waitForSelector(`[data-tracker="us-jp-2025/${day}"][data-ready="true"]`, { timeout: 30_000 });
  };
  const shownStates = async () =>
    Object.fromEntries(
      await page
        .locator('[data-commitment]')
        .evaluateAll((els) => els.map((e) => [e.getAttribute('data-commitment'), e.getAttribute('data-state')])),
    ) as Record<string, string>;

  beforeAll(() => {
    ({ server, page } = session.get());
  });

  it('shows the API status of every commitment before and after the six-month deadline', async () => {
    await page.goto(`${server.baseUrl}/tracker`);
    await page.waitForSelector('select[name="framework"] option[value="us-jp-2025"]', { state: 'attached' });
    expect(await page.locator('select[name="framework"]').inputValue()).toBe('us-jp-2025');

    for (const day of ['2026-04-27', '2026-04-29']) {
      await showDay(day);
      const answer = await api<TrackerAnswer[]>(`/api/tracker?framework=us-jp-2025&asOf=${day}`);
      const expected = Object.fromEntries((answer[0]?.commitments ?? []).map((c) => [c.id, c.state]));
      expect(await shownStates()).toEqual(expected);
      expect(expected['project-financing']).toBe(day === '2026-04-27' ? 'unknown' : 'overdue');
      const label = page.locator('[data-commitment="project-financing"] [data-state-label]');
      expect(await label.innerText()).toBe(day === '2026-04-27' ? 'Unknown' : 'Overdue');
      expect(
        await label.evaluate(
          (e) =>
            (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(e)
              .backgroundColor,
        ),
      ).toBe(day === '2026-04-27' ? 'rgb(138, 138, 138)' : 'rgb(192, 57, 43)');
      await page.screenshot({ path: `${ARTIFACTS}/tracker-${day}.png`, fullPage: true });
    }
  });

  it('opens a commitment’s evidence and its source in one click each', async () => {
    const answer = await api<TrackerAnswer[]>('/api/tracker?framework=us-jp-2025&asOf=2026-04-29');
    const sourceId = answer[0]?.commitments.find((c) => c.id === 'rapid-response-group')?.evidence[0]?.sources[0];
    expect(sourceId).toBeDefined();
    const row = page.locator('[data-commitment="rapid-response-group"]');
    await row.locator('summary').click();
    await row.locator(`details [data-source="${sourceId}"]`).click();
    const source = await api<{ title: string }>(`/api/sources/${sourceId}`);
    await expect
      .poll(() => row.locator(`details [data-source-panel="${sourceId}"]`).innerText())
      .toContain(source.title);
  });

  it('labels the statuses in Japanese', async () => {
    await page.click('[data-lang="ja"]');
    expect(await page.locator('[data-nav="tracker"]').innerText()).toBe('合意の進捗');
    expect(await page.locator('[data-commitment="project-financing"] [data-state-label]').innerText()).toBe('期限超過');
  });
});
