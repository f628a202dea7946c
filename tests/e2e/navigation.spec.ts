// The volunteer app's own navigation (src/navigation.rs, instead of
// leptos_router): links open screens without a page load, back and forward
// follow the history, a new fragment on the check-in page opens that venue,
// and links marked rel="external" or to another origin are left alone.
import { test, expect } from './fixtures/server';

/** A marker that survives only while no page load happens. */
const mark = () => {
  (window as unknown as { __samePage: boolean }).__samePage = true;
};
const samePage = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage === true);

test('links, back and forward switch screens without a page load', async ({ page, server }) => {
  await page.goto(server.base + '/');
  await expect(page.locator('a.short-code-link')).toBeVisible();
  await page.evaluate(mark);

  await page.locator('a.short-code-link').tap();
  await expect(page).toHaveURL(`${server.base}/code`);
  await expect(page.locator('form.short-code-form')).toBeVisible();
  await expect(page.locator('a.scan-link')).toHaveCount(0);

  await page.goBack();
  await expect(page).toHaveURL(`${server.base}/`);
  await expect(page.locator('a.scan-link')).toBeVisible();
  await expect(page.locator('form.short-code-form')).toHaveCount(0);

  await page.goForward();
  await expect(page.locator('form.short-code-form')).toBeVisible();

  // The brand link goes home; everything so far happened in one page load.
  await page.locator('.app-bar .brand').tap();
  await expect(page).toHaveURL(`${server.base}/`);
  await expect(page.locator('a.scan-link')).toBeVisible();
  expect(await samePage(page)).toBe(true);
});

test('a new fragment on the check-in page opens that venue; external links load a page', async ({ page, server }) => {
  const event = await (await fetch(`${server.base}/api/events/1`)).json();
  await page.goto(server.checkinUrl);
  await expect(page.locator('.venue-name')).toHaveText('区文化中心');
  await page.evaluate(mark);

  // Another venue's short-code link, reached by a link within the app.
  const second = event.venues[1];
  await page.evaluate((href) => {
    const a = document.createElement('a');
    a.href = href;
    a.id = 'other-venue';
    a.textContent = 'other';
    document.body.append(a);
  }, `/c#s.${second.short_code}`);
  await page.locator('#other-venue').click();
  await expect(page.locator('.venue-name')).toHaveText(second.name);
  expect(await samePage(page)).toBe(true);

  // rel="external" (e.g. into the console bundle) is a real page load.
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '/organiser';
    a.rel = 'external';
    a.id = 'to-console';
    a.textContent = 'console';
    document.body.append(a);
  });
  await page.locator('#to-console').click();
  await expect(page).toHaveURL(`${server.base}/organiser`);
  // The console's own page (it asks for a sign-in link: no session here).
  await expect(page.locator('.card.sign-in')).toBeVisible();
  expect(await samePage(page)).toBe(false);
});
