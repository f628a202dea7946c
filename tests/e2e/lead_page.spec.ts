// The lead's page says what it shows: a search with no match says so (not
// "no one has checked in"), the filter that is on looks on, review's accept
// and reject look different, and the assisted search results follow "check
// out everyone" without searching again.
import { test, expect } from './fixtures/server';
import { flaggedCheckIn } from './fixtures/console_page';
import { texts } from './fixtures/texts';

for (const lang of ['zh-CN', 'en'] as const) {
  const t = texts(lang);
  test(`the roster, its filters and review say what they show (${lang})`, async ({ browser, server }) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: lang === 'en' ? 'en-US' : 'zh-CN' });
    const page = await context.newPage();
    if (lang === 'en') await page.addInitScript(() => localStorage.setItem('baodao.lang', 'en'));
    await page.goto(server.leadUrl);
    await expect(page.locator('.roster-empty')).toHaveText(t['lead-empty']);

    await flaggedCheckIn(server);
    await page.reload();
    await expect(page.locator('.people tr[data-name="钱多多"]')).toBeVisible();
    await page.locator('#roster-search').fill('没有这个人');
    await expect(page.locator('.roster-empty')).toHaveText(t['roster-no_match']);
    await page.locator('#roster-search').fill('');
    await page.locator('button.filter[data-choice=left]').click();
    await expect(page.locator('.roster-empty')).toHaveText(t['roster-no_match']);

    // The filter that is on is pressed and looks it.
    const on = page.locator('button.filter[data-choice=left]');
    const off = page.locator('button.filter[data-choice=all]');
    await expect(on).toHaveAttribute('aria-pressed', 'true');
    await expect(off).toHaveAttribute('aria-pressed', 'false');
    const bg = (el: typeof on) => el.evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(await bg(on)).not.toBe(await bg(off));

    // Accept and reject look different.
    const review = page.locator('.review-item').first();
    await expect(review).toBeVisible();
    const accept = review.locator('button.review-accept');
    const reject = review.locator('button.review-reject');
    expect(await bg(accept)).not.toBe(await bg(reject));
    await context.close();
  });
}

test('assisted results follow "check out everyone"', async ({ page, server }) => {
  await flaggedCheckIn(server);
  await page.goto(server.leadUrl);
  await page.locator('#assisted-query').fill('2222');
  await page.locator('form.assisted-search button[type=submit]').click();
  const match = page.locator('.match[data-name="钱多多"]');
  await expect(match.locator('button.assisted-out')).toBeVisible();
  await page.locator('button.checkout-all-start').click();
  await page.locator('button.checkout-all-confirm').click();
  await expect(page.locator('.checkout-all-done')).toHaveAttribute('data-count', '1');
  // Not searched again by hand: the result now offers check-in.
  await expect(match.locator('button.assisted-in')).toBeVisible();
  await expect(match.locator('button.assisted-out')).toHaveCount(0);
});
