// The widget inside WeChat's browser (Android and iOS user agents).
// Key screens load and a volunteer checks in; /scan uses WeChat's scanner
// through the JS-SDK when the server signs the page (stubbed here: no real
// WeChat account in tests), feeding the camera scanner's path; without it the
// camera scanner opens with a hint for when WeChat blocks the camera.
import { test, expect } from './fixtures/server';
import { CheckInPage } from './fixtures/checkin_page';
import { WECHAT_UA, stubWeChat } from './fixtures/wechat';
import { leadRosterRows } from './fixtures/console_page';

for (const [os, ua] of Object.entries(WECHAT_UA)) {
  test.describe(`in WeChat (${os})`, () => {
    // Page routes must see every request: no service worker in between.
    test.use({ userAgent: ua, serviceWorkers: 'block' });

    test('home, check-in and lead screens load and a volunteer checks in', async ({ page, server }) => {
      await page.goto(server.base);
      await expect(page.locator('a.scan-link')).toBeVisible();
      const checkin = new CheckInPage(page);
      await checkin.open(server.checkinUrl);
      await expect(page.locator('.venue-name')).toHaveText('区文化中心');
      await checkin.fillProfile('王五', '13700001111', '第一中学');
      await checkin.checkIn();
      await checkin.expectLatestState('synced');
      await expect(await leadRosterRows(page, server)).toHaveCount(1);
    });

    test("scan uses WeChat's scanner and opens the venue", async ({ page, server }) => {
      const signed = await stubWeChat(page, server.checkinUrl);
      await page.goto(server.base);
      await page.locator('a.scan-link').tap();
      await expect(page.locator('.venue-name')).toHaveText('区文化中心');
      expect(new URL(page.url()).pathname).toBe('/c');
      // Signed: our page without its fragment; the SDK asked for a result.
      expect(signed).toEqual([os === 'ios' ? `${server.base}/` : `${server.base}/scan`]);
      expect(await page.evaluate(() => (window as any).__wxConfig.jsApiList)).toEqual(['scanQRCode']);
      expect(await page.evaluate(() => (window as any).__wxScan.needResult)).toBe(1);
    });

    test('a foreign code from WeChat\'s scanner is explained; the camera scanner opens', async ({ page, server }) => {
      await stubWeChat(page, 'https://example.com/not-baodao');
      await page.goto(`${server.base}/scan`);
      await expect(page.locator('.wechat-hint')).toContainText('这不是报到签到码');
      await expect(page.locator('.wechat-hint')).toContainText('在浏览器打开');
    });

    test('without a WeChat account the camera scanner opens with a hint', async ({ page, server }) => {
      await page.goto(`${server.base}/scan`);
      await expect(page.locator('.wechat-hint')).toContainText('在浏览器打开');
      await expect(page.locator('.wechat-hint')).toContainText('拍照识别二维码');
    });
  });
}

test.describe('outside WeChat', () => {
  test('the JS-SDK is never loaded', async ({ page, server }) => {
    const sdk: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('jweixin') || r.url().includes('/api/wechat/')) sdk.push(r.url());
    });
    await page.goto(`${server.base}/scan`);
    await expect(page.locator('section.scanner')).toBeAttached();
    await page.waitForTimeout(500);
    await expect(page.locator('.wechat-hint')).toHaveCount(0);
    expect(sdk).toEqual([]);
  });

  test('the vendored JS-SDK is served from our origin and defines wx', async ({ page, server }) => {
    await page.goto(`${server.base}/code`);
    await page.addScriptTag({ url: `${server.base}/vendor/jweixin-1.6.0.js` });
    expect(await page.evaluate(() => typeof (window as any).wx?.scanQRCode)).toBe('function');
  });
});

test.describe('in WeChat on a bad network', () => {
  test.use({ userAgent: WECHAT_UA.android, serviceWorkers: 'block' });

  test('a signature request that never answers does not keep the camera away', async ({ page, server }) => {
    await page.route('**/api/wechat/jsconfig?*', () => {
      /* never answered */
    });
    await page.goto(`${server.base}/scan`);
    await expect(page.locator('.wechat-hint')).toContainText('在浏览器打开', { timeout: 8_000 });
  });

  test('without an account the signature is asked for once per visit; the hint leaves with the screen', async ({ page, server }) => {
    let asked = 0;
    page.on('request', (r) => {
      if (r.url().includes('/api/wechat/jsconfig')) asked++;
    });
    await page.goto(`${server.base}/scan`);
    await expect(page.locator('.wechat-hint')).toBeVisible();
    await page.locator('a.brand').tap();
    // The hint leaves with the scan screen.
    await expect(page.locator('a.scan-link')).toBeVisible();
    await expect(page.locator('.wechat-hint')).toHaveCount(0);
    await page.locator('a.scan-link').tap();
    await expect(page.locator('.wechat-hint')).toBeVisible();
    expect(asked).toBe(1);
  });
});
