// The English texts are not in the volunteer's first-screen download: an
// English reader's phone fetches them once and keeps them. A Chinese reader
// never asks for them; an English one sees English at once on the next
// start, with the server down too.
import { test, expect } from './fixtures/server';
import { texts } from './fixtures/texts';
import type { Page } from '@playwright/test';

const FILE = '/locales/en/widget.ftl';
const en = texts('en');
const zh = texts('zh-CN');

/** Paths the page asked the network or the service worker for. */
function requested(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (r) => paths.push(new URL(r.url()).pathname));
  return paths;
}

test('a Chinese reader never downloads the English texts, and switching fetches them', async ({ page, server }) => {
  const paths = requested(page);
  await page.goto(server.base + '/');
  await expect(page.locator('.app-bar .brand')).toContainText(zh['app-title']);
  await expect(page.locator('h1')).toHaveText(zh['app-tagline']);
  expect(paths).not.toContain(FILE);

  await page.locator('.lang-switch').tap();
  await expect(page.locator('h1')).toHaveText(en['app-tagline']);
  expect(paths.filter((p) => p === FILE)).toHaveLength(1);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('an English reader keeps the texts: English at once on the next start, with the server down', async ({
  browser,
  server,
}) => {
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.goto(server.base + '/');
    await expect(page.locator('h1')).toHaveText(en['app-tagline']);
    await expect(page.locator('.app-bar .brand')).toContainText(en['app-title']);
    await page.waitForFunction(async () => {
      const reg = await navigator.serviceWorker.ready;
      return reg.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
    });
    await server.stop();
    const paths = requested(page);
    await page.reload();
    await expect(page.locator('h1')).toHaveText(en['app-tagline']);
    // The phone's copy, while the server could not be asked.
    expect(paths).toContain(FILE);
  } finally {
    await context.close();
    // (The fixture's teardown stops the server it started.)
    await server.start();
  }
});

test('texts the server answers badly leave Chinese on screen, never keys or an error page', async ({ browser, server }) => {
  const context = await browser.newContext({ locale: 'en-US', serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    let served = false;
    await page.route(`**${FILE}`, (route) => {
      served = true;
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><p>502 Bad Gateway</p>' });
    });
    await page.goto(server.base + '/');
    await expect.poll(() => served).toBe(true);
    await expect(page.locator('h1')).toHaveText(zh['app-tagline']);
    expect(await page.evaluate(() => localStorage.getItem('baodao.texts.en'))).toBeNull();
  } finally {
    await context.close();
  }
});
