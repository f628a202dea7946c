// Download size: the service worker precaches only the volunteer's first
// screen. The scanner (scan screen module + QR decoder), WeChat's SDK and the
// console (lead, display, organiser: its own bundle under /console/) are
// cached on first use, and open with the server stopped afterwards.
import { test, expect } from './fixtures/server';
import { launchWithCamera, withoutBarcodeDetector } from './fixtures/fake_camera';
import { Page } from '@playwright/test';

/** Every URL path in the page's caches, by cache name. */
const cachedPaths = (page: Page) =>
  page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = (await cache.keys()).map((r) => new URL(r.url).pathname);
    }
    return out;
  });

const swControls = (page: Page) =>
  page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
  });

test('the scanner and the console are cached on first use, not at install, and open offline', async ({ server }) => {
  test.setTimeout(120_000);
  const cam = await launchWithCamera(server.checkinUrl);
  const page = cam.page;
  let stopped = false;
  try {
    await page.addInitScript(withoutBarcodeDetector);
    await page.goto(server.base + '/');
    await expect(page.locator('.app-bar .brand')).toContainText('报到');
    await swControls(page);

    // Installed: the first screen only (no scanner, SDK or console yet).
    const installed = Object.values(await cachedPaths(page)).flat();
    expect(installed).toContain('/index.html');
    expect(installed.some((p) => p.endsWith('_bg.wasm'))).toBe(true);
    expect(installed.filter((p) => /^\/(scanner-|vendor\/|console\/)/.test(p))).toEqual([]);

    // First use online: scan the poster (loads the scan module and decoder)...
    await page.locator('a.scan-link').tap();
    await expect(page).toHaveURL(/\/c#/, { timeout: 20_000 });
    // ...and open the lead's display screen (the console bundle) with the
    // lead's link (its session is kept for the next visits).
    await page.goto(server.leadUrl.replace('/lead/1#', '/lead/1/display#'));
    await expect(page.locator('.display-qr')).toHaveAttribute('data-code', /^[s-v]/);
    await expect
      .poll(async () => Object.values(await cachedPaths(page)).flat().filter((p) => /^\/(scanner-|console\/)/.test(p)))
      .toEqual(
        expect.arrayContaining([
          '/scanner-ui.js',
          '/scanner-ui_bg.wasm',
          '/scanner-worker.js',
          '/scanner-wasm_bg.wasm',
          '/console/index.html',
          expect.stringMatching(/^\/console\/baodao-console-[0-9a-f]+_bg\.wasm$/),
        ]),
      );

    await server.stop();
    stopped = true;
    // Offline: the display screen keeps running from the cached console...
    await page.goto(`${server.base}/lead/1/display`);
    await expect(page.locator('.display-qr')).toHaveAttribute('data-code', /^[s-v]/);
    await expect(page.locator('.display-qr svg path')).toHaveCount(1);
    // ...and the scanner decodes the poster again from the cached modules.
    await page.goto(server.base + '/');
    await expect(page.locator('.app-bar .brand')).toContainText('报到');
    await page.locator('a.scan-link').tap();
    await expect(page).toHaveURL(/\/c#/, { timeout: 20_000 });
    expect(page.url()).toBe(server.checkinUrl);
  } finally {
    // (The fixture's stop() cannot tell a signalled process has exited: restart for its teardown.)
    if (stopped) await server.start();
    await cam.close();
  }
});
