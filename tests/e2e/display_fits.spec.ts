// The venue's display screen fits the screen it is shown on, in both
// orientations, at phone, tablet, laptop and TV sizes: the venue name, the
// QR, the countdown, the short code and the buttons are all on screen with
// no scrolling, the QR takes the room the texts leave (so it reads from 3 m)
// and decodes to a check-in URL. "Update the code" says what it did.
import { test, expect } from './fixtures/server';
import type { Browser, Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

const SCREENS = [
  { name: 'phone portrait', width: 360, height: 740 },
  { name: 'phone landscape', width: 740, height: 360 },
  { name: 'tablet portrait', width: 768, height: 1024 },
  { name: 'tablet landscape', width: 1024, height: 768 },
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'TV', width: 1920, height: 1080 },
  { name: 'TV on its side', width: 1080, height: 1920 },
];

type Box = { x: number; y: number; width: number; height: number };

async function openDisplay(browser: Browser, leadUrl: string, base: string, viewport: { width: number; height: number }, lang: string) {
  const context = await browser.newContext({ viewport, locale: lang === 'en' ? 'en-US' : 'zh-CN' });
  const page = await context.newPage();
  if (lang === 'en') await page.addInitScript(() => localStorage.setItem('baodao.lang', 'en'));
  await page.goto(leadUrl);
  await expect(page.locator('a.display-link')).toBeVisible();
  await page.goto(`${base}/lead/1/display`);
  await expect(page.locator('.display-qr svg path')).toHaveCount(1);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  return { context, page };
}

async function boxes(page: Page) {
  const parts = {
    venue: page.locator('.display-venue'),
    qr: page.locator('.display-qr'),
    countdown: page.locator('.display-countdown'),
    code: page.locator('.display-short-code'),
    renew: page.locator('button.display-renew'),
    back: page.locator('.display-actions a'),
  };
  const out: Record<string, Box> = {};
  for (const [name, el] of Object.entries(parts)) {
    await expect(el, name).toBeVisible();
    out[name] = (await el.boundingBox())!;
  }
  return out;
}

function overlaps(a: Box, b: Box) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function expectFits(page: Page, viewport: { width: number; height: number }, what: string) {
  const b = await boxes(page);
  for (const [name, box] of Object.entries(b)) {
    expect(box.x, `${what}: ${name} left`).toBeGreaterThanOrEqual(0);
    expect(box.y, `${what}: ${name} top`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${what}: ${name} right`).toBeLessThanOrEqual(viewport.width + 0.5);
    expect(box.y + box.height, `${what}: ${name} bottom`).toBeLessThanOrEqual(viewport.height + 0.5);
    if (name !== 'qr') expect(overlaps(box, b.qr), `${what}: ${name} clear of the QR`).toBe(false);
  }
  // Nothing is cut off inside the screen either.
  const cut = await page.locator('.display-page').evaluate((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
  expect(cut, `${what}: nothing overflows`).toBe(false);
  // The QR takes the room: most of the shorter side.
  const side = Math.min(b.qr.width, b.qr.height);
  const shorter = Math.min(viewport.width, viewport.height);
  console.log(`[display fit] ${what}: QR ${Math.round(side)} px of ${shorter} px (${((100 * side) / shorter).toFixed(0)}%)`);
  expect(side, `${what}: QR size`).toBeGreaterThanOrEqual(0.7 * shorter);
  return b;
}

for (const lang of ['zh-CN', 'en'] as const) {
  for (const screen of SCREENS) {
    test(`the display fits a ${screen.name} screen (${screen.width}×${screen.height}, ${lang})`, async ({ browser, server }) => {
      const viewport = { width: screen.width, height: screen.height };
      const { context, page } = await openDisplay(browser, server.leadUrl, server.base, viewport, lang);
      try {
        const what = `${screen.name}, ${lang}`;
        const b = await expectFits(page, viewport, what);
        const png = PNG.sync.read(await page.locator('.display-qr').screenshot());
        const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
        expect(read?.data, `${what}: the QR decodes`).toMatch(new RegExp(`/c#[s-v][A-Za-z0-9_-]{243}$`));
        if (screen.width > screen.height) {
          expect(b.qr.x + b.qr.width, `${what}: the QR on the left`).toBeLessThanOrEqual(b.venue.x + 1);
        }

        // "Update the code" says what it did, and the screen still fits.
        await page.locator('button.display-renew').click();
        await expect(page.locator('.display-status')).toContainText(lang === 'en' ? 'Updated' : '已更新');
        await expect(page.locator('.display-qr svg path')).toHaveCount(1);
        await expectFits(page, viewport, `${what}, after updating`);
      } finally {
        await context.close();
      }
    });
  }
}
