// The scan screen fits the phone: without a camera the error and both ways
// around it (a photo, the short code) are on the first screen, with no black
// viewfinder still "opening the camera"; with a camera, the viewfinder gives
// way so the notice on a foreign code and the fallbacks stay in view. At
// 320 px, in Chinese and English, normal and elder mode.
import { test, expect } from './fixtures/server';
import { failingCamera, launchWithCamera, withoutBarcodeDetector } from './fixtures/fake_camera';
import { texts, Lang } from './fixtures/texts';
import type { Locator, Page } from '@playwright/test';

const SMALL = { width: 320, height: 568 };

/** Entirely inside the viewport, no scrolling. */
async function expectOnFirstScreen(page: Page, what: Locator, name: string) {
  await expect(what, name).toBeVisible();
  const box = (await what.boundingBox())!;
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled, 'the page was not scrolled').toBe(0);
  expect(box.y, `${name}: top`).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `${name}: bottom within ${SMALL.height} px`).toBeLessThanOrEqual(SMALL.height);
}

const prepare = (lang: Lang, elder: boolean) => {
  const init = (args: { lang: string; elder: boolean }) => {
    if (args.elder) localStorage.setItem('baodao.elder', '1');
    if (args.lang === 'en') localStorage.setItem('baodao.lang', 'en');
  };
  return [init, { lang, elder }] as const;
};

for (const lang of ['zh-CN', 'en'] as const) {
  const t = texts(lang);
  const locale = lang === 'en' ? 'en-US' : 'zh-CN';
  for (const elder of [false, true]) {
    const mode = `${lang}${elder ? ', elder mode' : ''}`;

    for (const [error, key] of [
      ['NotAllowedError', 'scan-denied'],
      ['NotFoundError', 'scan-no_camera'],
    ] as const) {
      test(`no camera (${error}, ${mode}): the error and the fallbacks on the first screen`, async ({ browser, server }) => {
        const context = await browser.newContext({ viewport: SMALL, locale, isMobile: true, hasTouch: true });
        try {
          const page = await context.newPage();
          await page.addInitScript(...prepare(lang, elder));
          await page.addInitScript(failingCamera, error);
          await page.goto(server.base + '/scan');
          const panel = page.locator('.scan-error');
          await expect(panel).toHaveAttribute('data-error', key);
          await expect(panel).toContainText(t[key]);
          // No black viewfinder saying it is opening the camera, no camera tools.
          await expect(page.locator('.viewfinder')).toBeHidden();
          await expect(page.getByText(t['scan-starting'])).toBeHidden();
          await expect(page.locator('.scan-tools')).toBeHidden();
          await expectOnFirstScreen(page, panel, 'the error');
          await expectOnFirstScreen(page, page.locator('label.photo-button'), 'the photo button');
          await expectOnFirstScreen(page, page.locator('a.short-code-link'), 'the short-code link');
          if (key === 'scan-denied') {
            // How to allow the camera: one tap away, and then readable.
            const how = panel.getByText(t['scan-denied_how']);
            await expect(how).toBeHidden();
            await panel.locator('summary').tap();
            await expect(how).toBeVisible();
          }
        } finally {
          await context.close();
        }
      });
    }

    test(`a foreign code (${mode}): the notice and the fallbacks on the first screen`, async ({ server }) => {
      const cam = await launchWithCamera('https://weixin.qq.com/r/AbCdEfGhIjKl', { context: { viewport: SMALL, locale } });
      const page = cam.page;
      try {
        await page.addInitScript(withoutBarcodeDetector);
        await page.addInitScript(...prepare(lang, elder));
        await page.goto(server.base + '/scan');
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        const notice = page.locator('.scan-notice');
        await expect(notice).toHaveText(t['error-not_baodao']);
        await expectOnFirstScreen(page, page.locator('.viewfinder'), 'the viewfinder');
        await expectOnFirstScreen(page, notice, 'the notice');
        await expectOnFirstScreen(page, page.locator('label.photo-button'), 'the photo button');
        await expectOnFirstScreen(page, page.locator('a.short-code-link'), 'the short-code link');
        // The viewfinder stays square.
        const box = (await page.locator('.viewfinder').boundingBox())!;
        expect(Math.abs(box.width - box.height)).toBeLessThan(2);
      } finally {
        await cam.close();
      }
    });
  }
}
