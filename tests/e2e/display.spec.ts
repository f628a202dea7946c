// The venue lead's display screen: a rotating signed code that changes every
// 30 s (the page's clock is driven by the test), which phones accept, and
// which keeps rotating without the server once set up.
import { test, expect } from './fixtures/server';
import { CheckInPage } from './fixtures/checkin_page';

test('the display shows a code that changes every slot and checks people in', async ({ page, server }) => {
  // Mid-slot, so that 30 s later is the next slot.
  const start = Math.floor(Date.now() / 30_000) * 30_000 + 10_000;
  await page.clock.install({ time: start });

  await page.goto(server.leadUrl);
  await page.locator('a.display-link').tap();
  await expect(page).toHaveURL(/\/lead\/1\/display$/);

  const qr = page.locator('.display-qr');
  await expect(qr).toHaveAttribute('data-code', /^[s-v][A-Za-z0-9_-]{243}$/);
  await expect(qr.locator('svg path')).toHaveCount(1);
  const first = await qr.getAttribute('data-code');

  const event = await (await fetch(`${server.base}/api/events/1`)).json();
  const short: string = event.venues[0].short_code;
  await expect(page.locator('.display-short-code')).toHaveText(`${short.slice(0, 4)}-${short.slice(4)}`);

  await page.clock.fastForward(30_000);
  await expect(qr).not.toHaveAttribute('data-code', first!);
  const second = await qr.getAttribute('data-code');
  expect(second).not.toBe(first);

  // Provisioned once: reloading with the server unreachable keeps rotating.
  await page.route('**/api/venues/*/display', (r) => r.abort());
  await page.reload();
  await expect(qr).toHaveAttribute('data-code', second!);
  await page.clock.fastForward(30_000);
  await expect(qr).not.toHaveAttribute('data-code', second!);
  const third = (await qr.getAttribute('data-code'))!;
  await page.unroute('**/api/venues/*/display');

  // A phone (same clock) checks in with the code on the screen.
  const checkin = new CheckInPage(page);
  await checkin.open(`${server.base}/c#${third}`);
  await expect(page.locator('.venue-name')).toHaveText('区文化中心');
  await checkin.fillProfile('孙丽', '13600001111', '红十字会');
  await checkin.checkButton.tap();
  await checkin.expectLatestState('synced');

  // Three minutes later the photo of that code no longer works.
  await page.clock.fastForward(180_000);
  await checkin.open(`${server.base}/c#${first}`);
  await expect(checkin.error).toContainText('这个二维码已过期');
});

test("the lead's roster says how each person was proven; a screen-only venue sends poster check-ins to review", async ({ page, browser, server }) => {
  // The organiser sets venue 1 to take its screen's codes only.
  await page.goto(server.organiserUrl);
  await page.getByRole('button', { name: '场馆与单位' }).tap();
  // Venue 1's own editor (its sub-venues are listed inside its item).
  await page.locator('.venue-list li[data-venue="1"] summary').first().click();
  const editor = page.locator('form.venue-editor:has(#venue-1-screen-only)');
  await editor.locator('label.check:has(#venue-1-screen-only)').click();
  await expect(editor.locator('#venue-1-screen-only')).toBeChecked();
  await editor.getByRole('button', { name: '保存场馆' }).click();
  await expect
    .poll(async () => (await (await fetch(`${server.base}/api/events/1/venues`, { headers: server.organiserAuth })).json())[0].screen_only)
    .toBe(true);

  // One volunteer with the poster, one with the screen.
  const phone = await browser.newContext();
  const p = await phone.newPage();
  const checkin = new CheckInPage(p);
  await checkin.open(server.checkinUrl);
  await checkin.fillProfile('海报甲', '13600001112', '红十字会');
  await checkin.checkButton.tap();
  await checkin.expectLatestState('flagged');
  await phone.close();

  const lead = await browser.newContext();
  const screen = await lead.newPage();
  await screen.goto(server.leadUrl);
  await expect(screen.locator('a.display-link')).toBeVisible();
  await screen.goto(`${server.base}/lead/1/display`);
  await expect(screen.locator('.display-qr svg path')).toHaveCount(1);
  const code = await screen.locator('.display-qr').getAttribute('data-code');
  const phone2 = await browser.newContext();
  const q = await phone2.newPage();
  const second = new CheckInPage(q);
  await second.open(`${server.base}/c#${code}`);
  await second.fillProfile('屏幕乙', '13600001113', '红十字会');
  await second.checkButton.tap();
  await second.expectLatestState('synced');
  await phone2.close();

  await screen.goto(`${server.base}/lead/1`);
  await expect(screen.locator('tr[data-name="屏幕乙"] .proof')).toHaveText('屏幕码');
  await expect(screen.locator('tr[data-name="海报甲"] .proof')).toHaveText('海报码');
  const review = screen.locator('.review-item[data-flag="poster_code_at_screen_venue"]');
  await expect(review).toContainText('海报甲');
  await expect(review.locator('.flag-reason')).toContainText('本场馆只认屏幕上的签到码');
  await expect(review.locator('.proof')).toHaveText('海报码');
  await lead.close();
});
