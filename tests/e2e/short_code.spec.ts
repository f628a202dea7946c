// Typing a venue's short code instead of scanning: resolved on the phone from
// the cached event data, then the normal check-in, flagged for the lead.
import { test, expect } from './fixtures/server';
import { CheckInPage } from './fixtures/checkin_page';
import { leadRosterRows } from './fixtures/console_page';

async function shortCode(base: string, venue: number): Promise<string> {
  const event = await (await fetch(`${base}/api/events/1`)).json();
  return event.venues.find((v: { id: number }) => v.id === venue).short_code;
}

test('a volunteer checks in by typing the short code from the home page', async ({ page, server }) => {
  const checkin = new CheckInPage(page);
  const code = await shortCode(server.base, 1);
  await page.goto(server.base + '/');
  await page.locator('a.short-code-link').tap();
  await expect(page).toHaveURL(/\/code$/);
  // Typed the way people do: lowercase, with a dash and spaces.
  await page.locator('#short-code').fill(` ${code.slice(0, 4).toLowerCase()}-${code.slice(4)} `);
  await page.locator('form.short-code-form button[type=submit]').tap();

  await expect(page).toHaveURL(new RegExp(`/c#s\\.${code}$`));
  await expect(page.locator('.venue-name')).toHaveText('区文化中心');
  await checkin.fillProfile('赵敏', '13700001111', '实验小学');
  await checkin.checkIn();
  // Stored by the server, marked for the lead to confirm.
  await checkin.expectLatestState('flagged');

  const row = (await leadRosterRows(page, server)).first();
  await expect(row).toContainText('赵敏');
  await expect(row.locator('.flag')).toHaveText('待核查');
});

test('a typo in the short code is caught before anything is stored', async ({ page, server }) => {
  const checkin = new CheckInPage(page);
  const code = await shortCode(server.base, 2);
  // Swap two different characters: the check character catches every swap.
  const i = [...code].findIndex((c, k) => k > 0 && c !== code[k - 1]);
  const typo = code.slice(0, i - 1) + code[i] + code[i - 1] + code.slice(i + 1);
  await page.goto(`${server.base}/code`);
  await page.locator('#short-code').fill(typo);
  await page.locator('form.short-code-form button[type=submit]').tap();
  await expect(page.locator('.error-panel')).toContainText('短码有输入错误');
  await expect(page).toHaveURL(/\/code$/);

  await page.locator('#short-code').fill('ABCD-EFG0');
  await page.locator('form.short-code-form button[type=submit]').tap();
  await expect(page.locator('.error-panel')).toContainText('不会出现 0、O、1、I、L');
  expect(await checkin.storedRecordCount()).toBe(0);
});

test('the check-in error panel offers the short code in one tap', async ({ page, server }) => {
  await page.goto(`${server.base}/c#u.1.1`);
  await expect(page.locator('.error-panel')).toBeVisible();
  await page.locator('a.short-code-link').tap();
  await expect(page).toHaveURL(/\/code$/);
  await expect(page.locator('#short-code')).toBeVisible();
});
