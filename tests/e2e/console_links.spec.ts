// A link opened where a session already works never replaces it silently:
// the console asks, "keep" keeps it, and a link that fails (junk, revoked)
// leaves the working session as it was.
import { test, expect } from './fixtures/server';
import { api, inviteLink, storedSession } from './fixtures/console_page';
import type { Page } from '@playwright/test';

const tokenOf = (url: string) => url.split('#token=')[1];

async function expectOrganiser(page: Page, token: string) {
  await expect(page.locator('.dashboard .totals')).toBeVisible();
  expect(await storedSession(page)).toBe(token);
}

test("another lead's ready-session link asks first; keeping stays the organiser", async ({ page, server }) => {
  const organiser = tokenOf(server.organiserUrl);
  await page.goto(server.organiserUrl);
  await expectOrganiser(page, organiser);

  await page.goto(`${server.base}/lead/1#token=${tokenOf(server.leadUrl)}`);
  const question = page.locator('.link-question');
  await expect(question).toContainText('这台设备已登录：组织者');
  await expect(question).toContainText('演示登录链接');
  expect(page.url()).not.toContain('#token');
  await question.locator('button.switch-keep').click();
  await expect(question).toHaveCount(0);
  expect(await storedSession(page)).toBe(organiser);
  await page.goto(server.base + '/organiser');
  await expectOrganiser(page, organiser);

  // Choosing the link switches.
  await page.goto(`${server.base}/lead/1#token=${tokenOf(server.leadUrl)}`);
  await page.locator('.link-question button.switch-replace').click();
  await expect(page.locator('.lead-header')).toBeVisible();
  expect(await storedSession(page)).toBe(tokenOf(server.leadUrl));
});

test('a junk token link never locks the organiser out', async ({ page, browser, server }) => {
  const organiser = tokenOf(server.organiserUrl);
  await page.goto(server.organiserUrl);
  await expectOrganiser(page, organiser);
  await page.goto(`${server.base}/organiser#token=bo_junk`);
  await page.locator('.link-question button.switch-replace').click();
  const notice = page.locator('.link-notice');
  await expect(notice).toContainText('您刚打开的链接没有使用，这台设备仍保持原来的登录。');
  await expect(notice).toContainText('此链接无法使用');
  await expectOrganiser(page, organiser);
  await page.reload();
  await expectOrganiser(page, organiser);

  // On a device with no session, the junk link signs nobody in.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(`${server.base}/organiser#token=bo_junk`);
  await expect(other.locator('.sign-in[data-state=expired]')).toBeVisible();
  expect(await storedSession(other)).toBeNull();
  await fresh.close();
});

test("someone else's invite asks first, and a revoked one leaves the lead signed in", async ({ page, server }) => {
  await page.goto(await inviteLink(server, [1], 'A'));
  await expect(page.locator('a.venue-link')).toHaveCount(1);
  const lead = await storedSession(page);

  // Venue 2's invite: asked, kept.
  const other = await inviteLink(server, [2], 'B');
  await page.goto(other);
  const question = page.locator('.link-question');
  await expect(question).toContainText('场馆负责人（');
  await expect(question).toContainText('场馆负责人邀请链接');
  await question.locator('button.switch-keep').click();
  expect(await storedSession(page)).toBe(lead);
  await page.goto(`${server.base}/lead/1`);
  await expect(page.locator('.lead-header')).toBeVisible();

  // A revoked invite, chosen: refused, and the lead carries on.
  const invites = await api(server, 'GET', '/api/events/1/invites');
  const b = invites.json.find((i: { label: string }) => i.label === 'B');
  expect((await api(server, 'POST', `/api/invites/${b.id}/revoke`)).status).toBe(200);
  await page.goto(other);
  await page.locator('.link-question button.switch-replace').click();
  await expect(page.locator('.link-notice')).toContainText('此链接无法使用');
  expect(await storedSession(page)).toBe(lead);
  await page.goto(`${server.base}/lead/1`);
  await expect(page.locator('.lead-header')).toBeVisible();

  // A working invite, chosen: now the lead of venue 2.
  await page.goto(await inviteLink(server, [2], 'C'));
  await page.locator('.link-question button.switch-replace').click();
  await expect(page.locator('a.venue-link')).toHaveCount(1);
  await expect(page.locator('a.venue-link')).toHaveAttribute('href', '/lead/2');
  expect(await storedSession(page)).not.toBe(lead);
});
