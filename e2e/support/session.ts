import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';
import { ensureWebBuild } from './web-build.ts';

/** Where browser tests write their screenshots (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL('../artifacts', import.meta.url));

export interface BrowserSession {
  readonly server: RunningServer;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
}

/**
 * Registers the hooks of a browser suite: the dashboard built, `lodestone serve` started on an embedded
 * database, Chromium launched with one 1280×800 page; any uncaught error in the page fails the test during
 * which it happened (`watch` adds another page). Call `get()` inside tests (or a later `beforeAll`).
 */
export function browserSession(): {
  get(): BrowserSession;
  api<T>(path: string): Promise<T>;
  watch(page: Page): void;
} {
  let session: BrowserSession | undefined;
  const pageErrors: string[] = [];
  const watch = (page: Page) => page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    ensureWebBuild();
    const server = await startServer();
    try {
      const browser = await launchChromium();
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
      const page = await context.newPage();
      watch(page);
      session = { server, browser, context, page };
    } catch (e) {
      // No browser, no session: stop the server rather than leave it running after the suite.
      await server.stop();
      throw e;
    }
  }, 240_000);
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await session?.browser.close();
    await session?.server.stop();
  });
  const get = (): BrowserSession => {
    if (!session) throw new Error('the browser session has not started');
    return session;
  };
  return {
    get,
    watch,
    async api<T>(path: string): Promise<T> {
      const response = await fetch(`${get().server.baseUrl}${path}`);
      expect(response.status, path).toBe(200);
      return (await response.json()) as T;
    },
  };
}
