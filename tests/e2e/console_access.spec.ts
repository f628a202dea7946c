// Authorisation as a lead or organiser sees it in the browser: a lead of
// venue A opening venue B, or the organiser's pages, gets a clear refusal;
// a revoked invite or a used setup link says the link no longer works.
import { test, expect } from './fixtures/server';
import { api, inviteLink, setupLink } from './fixtures/console_page';

test('a lead of one venue is refused another venue and the organiser pages', async ({ page, server }) => {
  await page.goto(await inviteLink(server, [1]));
  await expect(page.locator('a.venue-link')).toHaveCount(1);

  await page.goto(`${server.base}/lead/2`);
  const refusal = page.locator('.not-allowed');
  await expect(refusal.getByRole('heading', { name: '无权访问' })).toBeVisible();
  await expect(refusal.locator('[role=alert]')).toContainText('场馆负责人只能查看邀请中的场馆');
  // Nothing of venue 2 is shown, and the way back is offered.
  await expect(page.locator('.live-roster')).toHaveCount(0);
  await expect(refusal.locator('a[href="/lead/1"]')).toBeVisible();

  // The server agrees, whatever the page does.
  const token = await page.evaluate(() => localStorage.getItem('baodao.session'));
  const r = await fetch(`${server.base}/api/venues/2/checkins`, { headers: { authorization: `Bearer ${token}` } });
  expect(r.status).toBe(403);

  await page.goto(`${server.base}/organiser`);
  await expect(page.locator('.not-allowed')).toBeVisible();
  await page.goto(`${server.base}/organiser/posters?event=1`);
  await expect(page.locator('.not-allowed')).toBeVisible();
  await expect(page.locator('.poster')).toHaveCount(0);
});

test('revoked invites and used setup links say so, with the next step', async ({ page, server, browser }) => {
  const link = await inviteLink(server, [1]);
  await page.goto(link);
  await expect(page.locator('a.venue-link')).toHaveCount(1);
  const invites = await api(server, 'GET', '/api/events/1/invites');
  // The newest invite is ours (the demo has its own).
  const id = Math.max(...invites.json.map((i: { id: number }) => i.id));
  expect((await api(server, 'POST', `/api/invites/${id}/revoke`)).status).toBe(200);
  await page.goto(`${server.base}/lead/1`);
  await expect(page.locator('.sign-in[data-state=expired]')).toContainText('请联系组织者发送新链接');
  expect(await page.evaluate(() => localStorage.getItem('baodao.session'))).toBeNull();

  // Signing out.
  const other = await browser.newContext({ locale: 'en-GB' });
  const organiser = await other.newPage();
  const setup = await setupLink(server);
  await organiser.goto(setup);
  await organiser.getByLabel('Your name').fill('Ms Li');
  await organiser.getByRole('button', { name: 'Sign in as organiser' }).tap();
  await expect(organiser.getByRole('heading', { name: 'Event administration' })).toBeVisible();
  await organiser.getByRole('button', { name: 'Sign out' }).tap();
  await expect(organiser.locator('.sign-in[data-state=signed-out]')).toBeVisible();

  // The same setup link again: already used.
  await organiser.goto(setup);
  await organiser.getByLabel('Your name').fill('Ms Li');
  await organiser.getByRole('button', { name: 'Sign in as organiser' }).tap();
  await expect(organiser.locator('.sign-in[data-state=expired]')).toContainText('Ask the organiser');
  await other.close();
});
