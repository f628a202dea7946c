// Without a service worker (iOS WeChat's WKWebView gives ordinary pages none;
// here Playwright's `serviceWorkers: 'block'`), the outbox and its sync do
// not need one: a page opened online keeps checking in through a real outage
// (server stopped and the phone offline) and delivers everything once the
// network is back, without a reload. What it cannot do is open the page
// again with no network. tests/webkit runs the same journey on WebKit.
import { test, expect } from './fixtures/server';
import { CheckInPage } from './fixtures/checkin_page';
import { outboxRows, storedCheckins as storedRows } from './fixtures/outbox';

test.use({ serviceWorkers: 'block' });

const PERSON = { name: '李四', mobile: '13900001111', organisation: '区人民医院' };


test('no service worker: an open page checks in through an outage and syncs when the network returns', async ({
  page,
  context,
  server,
}) => {
  const event = await (await fetch(`${server.base}/api/events/1`)).json();
  const venue2 = event.venues.find((v: { id: number }) => v.id === 2);
  const checkin = new CheckInPage(page);
  await checkin.open(server.checkinUrl);
  await checkin.fillProfile(PERSON.name, PERSON.mobile, PERSON.organisation);
  await checkin.checkIn();
  await checkin.expectLatestState('synced');
  // Nothing controls the page, and nothing will.
  expect(await page.evaluate(async () => navigator.serviceWorker?.controller ?? null)).toBeNull();
  expect(await page.evaluate(async () => (await navigator.serviceWorker?.getRegistrations())?.length ?? 0)).toBe(0);

  let stopped = false;
  try {
    await server.stop();
    stopped = true;
    await context.setOffline(true);
    // Check out here, on the page already open: saved on the phone.
    await checkin.checkOut();
    await expect(checkin.confirmation).toContainText('已签退');
    await checkin.expectLatestState('saved');
    await expect(page.locator('.sync-banner .offline')).toBeVisible();
    // The next venue by its short code (from the event data cached on the
    // phone), with no page load: home, "type the code", check in.
    await page.locator('a.brand').tap();
    await page.locator('a.short-code-link').tap();
    await page.locator('#short-code').fill(venue2.short_code);
    await page.locator('form.short-code-form button[type=submit]').tap();
    await expect(page.locator('.venue-name')).toHaveText(venue2.name);
    await checkin.checkIn();
    await checkin.expectLatestState('saved');
    await expect(page.locator('.sync-banner .pending')).toHaveAttribute('data-count', '2');

    // Opening the link again is another matter: no worker to answer it.
    const again = await context.newPage();
    await expect(again.goto(server.checkinUrl)).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
    await again.close();

    // Network back (the browser's `online` event): delivered with no reload or tap.
    await server.start();
    stopped = false;
    await context.setOffline(false);
    await expect
      .poll(async () => (await outboxRows(page)).map((r) => (r.delivery as { state: string }).state).sort(), { timeout: 30_000 })
      .toEqual(['flagged', 'synced', 'synced']);
    await expect(page.locator('.sync-banner .pending')).toHaveCount(0);
  } finally {
    if (stopped) await server.start();
  }

  const outbox = (await outboxRows(page)).sort((a, b) => a.device_time_ms - b.device_time_ms);
  // One row per record, the same ids; the typed short code flagged for the lead, as always.
  const expected = [
    { venue: 1, kind: 'in', flag: null },
    { venue: 1, kind: 'out', flag: null },
    { venue: 2, kind: 'in', flag: 'short_code_entry' },
  ];
  expect(outbox.map((r) => [r.venue, r.kind])).toEqual(expected.map((e) => [e.venue, e.kind]));
  expect(storedRows(server.dataDir)).toEqual(
    outbox.map((r, i) => ({
      id: r.id,
      event_id: 1,
      venue_id: expected[i].venue,
      kind: expected[i].kind,
      ...PERSON,
      origin: 'device',
      flag: expected[i].flag,
    })),
  );
});
