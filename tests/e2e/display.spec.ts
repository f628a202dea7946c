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
