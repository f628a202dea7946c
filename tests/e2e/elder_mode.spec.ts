// Elder mode (长辈模式). One switch in the app bar, remembered;
// body text at least 20 px (and following the browser's font size), larger
// touch targets.
import { test, expect } from './fixtures/server';
import { CheckInPage } from './fixtures/checkin_page';

const px = (s: string) => parseFloat(s);

test('elder mode enlarges text and buttons and is remembered', async ({ page, server }) => {
  const checkin = new CheckInPage(page);
  await checkin.open(server.checkinUrl);
  await expect(page.locator('.venue-name')).toHaveText('区文化中心');
  await checkin.acceptNoticeIfShown();
  const sw = page.locator('.elder-switch');
  await expect(sw).toHaveText('长辈模式');
  await expect(sw).toHaveAttribute('aria-pressed', 'false');
  const before = await page.locator('#profile-name').evaluate((e) => e.getBoundingClientRect().height);

  await sw.tap();
  await expect(sw).toHaveAttribute('aria-pressed', 'true');
  const bodySize = await page.evaluate(() => getComputedStyle(document.body).fontSize);
  expect(px(bodySize)).toBeGreaterThanOrEqual(20);
  const after = await page.locator('#profile-name').evaluate((e) => e.getBoundingClientRect().height);
  expect(after).toBeGreaterThan(before);
  expect(after).toBeGreaterThanOrEqual(56);
  // Nothing overflows a 360 px phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await page.reload();
  await expect(page.locator('.elder-switch')).toHaveAttribute('aria-pressed', 'true');
  expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);
  // Still works: check in with large text.
  await checkin.fillProfile('钱七', '13500001111', '第一中学');
  await checkin.checkIn();

  await page.locator('.elder-switch').tap();
  await expect(page.locator('.elder-switch')).toHaveAttribute('aria-pressed', 'false');
  expect(px(await page.evaluate(() => getComputedStyle(document.body).fontSize))).toBeLessThan(20);
});
