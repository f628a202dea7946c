// Hostile names (venue, organisation, volunteer) in the console are shown as
// text: nothing they contain runs.
import { test, expect } from './fixtures/server';
import { api } from './fixtures/console_page';
import { CheckInPage } from './fixtures/checkin_page';

const venueName = '<img src=x onerror="window.__xss=1">';
const orgName = '<script>window.__xss=2</script>';

test('hostile names render as text in the console', async ({ page, server }) => {
  const venue = await api(server, 'POST', '/api/events/1/venues', { name: venueName, parent: null, closes_at: null });
  expect(venue.status).toBe(201);
  expect((await api(server, 'POST', '/api/events/1/organisations', { name: orgName })).status).toBe(201);

  // A volunteer of that organisation checks in at the demo venue.
  const checkin = new CheckInPage(page);
  await checkin.open(server.checkinUrl);
  await checkin.fillProfile('<b>小</b>"李"', '13500005555', orgName);
  await checkin.checkButton.tap();
  await checkin.expectLatestState('synced');

  await page.goto(server.organiserUrl);
  await expect(page.locator('.organisation-counts')).toContainText(orgName);
  await expect(page.locator('.venue-counts')).toContainText(venueName);
  await page.getByRole('button', { name: '场馆与单位' }).tap();
  await expect(page.locator('.venue-list')).toContainText(venueName);
  await page.goto(`${server.base}/organiser/posters?event=1`);
  await expect(page.locator(`.poster[data-venue="${venue.json.id}"] .poster-venue`)).toHaveText(venueName);
  await page.goto(`${server.base}/lead/1`);
  await expect(page.locator('.people')).toContainText('<b>小</b>"李"');
  await expect(page.locator('.people b')).toHaveCount(0);

  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator('img[src=x]')).toHaveCount(0);
});
