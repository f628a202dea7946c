// Clean organisation data: typed text never becomes an
// organisation by itself, on the volunteer's phone or in the lead's
// new-person form; "my organisation is not listed" is an explicit choice the
// organiser sees flagged and maps onto the list, records following; one
// mobile number is one person in the organiser's counts and exports. Real
// server, real SQLite file (read with better-sqlite3), headless Chromium.
import Database from 'better-sqlite3';
import path from 'node:path';
import { test, expect } from './fixtures/server';
import { CheckInPage } from './fixtures/checkin_page';
import { flaggedCheckIn } from './fixtures/console_page';
import { texts } from './fixtures/texts';

/** The organisation stored with each of `name`'s records. */
function organisationsOf(dataDir: string, name: string): string[] {
  const db = new Database(path.join(dataDir, 'baodao.db'), { fileMustExist: true, readonly: true });
  try {
    const rows = db.prepare('SELECT organisation FROM checkins WHERE name = ? ORDER BY rowid').all(name) as {
      organisation: string;
    }[];
    return rows.map((r) => r.organisation);
  } finally {
    db.close();
  }
}

for (const [locale, lang] of [
  ['zh-CN', 'zh-CN'],
  ['en-US', 'en'],
] as const) {
  test.describe(`in ${lang}`, () => {
    test.use({ locale });
    test(`typed initials are not saved as an organisation, and picking one clears the error (${lang})`, async ({
      page,
      server,
    }) => {
      const t = texts(lang);
      const checkin = new CheckInPage(page);
      await checkin.open(server.checkinUrl);
      await checkin.acceptNoticeIfShown();
      await checkin.name.fill('王芳');
      await checkin.mobile.fill('13812345678');
      await checkin.organisation.fill('dyzx');
      await checkin.save.tap();
      const error = page.locator('#profile-organisation-error');
      await expect(error).toHaveText(t['error-organisation_not_chosen']);
      await expect(checkin.organisation).toHaveAttribute('aria-invalid', 'true');
      await expect(checkin.checkButton).toHaveCount(0);
      expect(await page.evaluate(() => localStorage.getItem('baodao.profile'))).toBeNull();

      // The suggestion the initials found: picked, the error goes with it.
      await page.locator('.organisation-option').filter({ hasText: /^第一中学$/ }).tap();
      await expect(page.locator('.organisation-picked')).toHaveText(t['organisation-picked'].replace('{ $name }', '第一中学'));
      await expect(error).toHaveCount(0);
      await expect(checkin.organisation).toHaveAttribute('aria-invalid', 'false');
      await checkin.save.tap();
      await checkin.checkButton.tap();
      await checkin.expectLatestState('synced');
      expect(organisationsOf(server.dataDir, '王芳')).toEqual(['第一中学']);
    });
  });
}

test('"not listed" is an explicit choice, flagged for the organiser, who maps it onto the list with its records', async ({
  page,
  server,
  browser,
}) => {
  const t = texts('zh-CN');
  const phone = await browser.newContext({ locale: 'zh-CN' });
  const volunteer = await phone.newPage();
  const checkin = new CheckInPage(volunteer);
  await checkin.open(server.checkinUrl);
  await checkin.acceptNoticeIfShown();
  await checkin.name.fill('赵敏');
  await checkin.mobile.fill('13700001111');
  await checkin.organisation.fill('东源社区服务队');
  await expect(volunteer.locator('.organisation-none')).toContainText('没有找到“东源社区服务队”');
  await checkin.save.tap();
  await expect(volunteer.locator('#profile-organisation-error')).toHaveText(t['error-organisation_not_chosen']);
  await volunteer.locator('.organisation-not-listed').tap();
  await expect(volunteer.locator('.organisation-unlisted')).toHaveText(t['profile-organisation_type']);
  await expect(volunteer.locator('#profile-organisation-error')).toHaveCount(0);
  await checkin.save.tap();
  await expect(volunteer.locator('.who')).toContainText('赵敏（东源社区服务队）');
  await checkin.checkButton.tap();
  await checkin.expectLatestState('synced');
  await phone.close();
  expect(organisationsOf(server.dataDir, '赵敏')).toEqual(['东源社区服务队']);

  // The organiser sees it marked on the dashboard…
  await page.goto(server.organiserUrl);
  const row = page.locator('.organisation-counts tr[data-organisation="东源社区服务队"]');
  await expect(row).toHaveAttribute('data-unlisted', 'true');
  await expect(row).toContainText(t['dashboard-unlisted']);
  await expect(page.locator('.organisation-counts tr[data-organisation="第一中学"]')).toHaveCount(0);

  // …and maps it onto the list: the record follows, nothing is left to review.
  await page.getByRole('button', { name: '场馆与单位' }).tap();
  const item = page.locator('.unlisted-list > li[data-unlisted="东源社区服务队"]');
  await expect(item).toContainText('1 条记录，1 人');
  await item.getByLabel(t['catalogue-map_into']).fill('第一中学');
  await item.getByRole('button', { name: t['catalogue-map'], exact: true }).tap();
  await expect(page.locator('.unlisted-none')).toBeVisible();
  expect(organisationsOf(server.dataDir, '赵敏')).toEqual(['第一中学']);
  await page.getByRole('button', { name: '实时看板' }).tap();
  await expect(page.locator('.organisation-counts tr[data-organisation="第一中学"]')).toBeVisible();
  await expect(page.locator('.organisation-counts tr[data-organisation="东源社区服务队"]')).toHaveCount(0);

  // Renaming a listed organisation takes its records along too.
  await page.getByRole('button', { name: '场馆与单位' }).tap();
  const school = page.locator('.organisation-list > li[data-organisation="第一中学"]');
  await school.locator('input').fill('区第一中学');
  await school.getByRole('button', { name: '改名' }).tap();
  await expect(page.locator('.organisation-list > li[data-organisation="区第一中学"]')).toHaveCount(1);
  expect(organisationsOf(server.dataDir, '赵敏')).toEqual(['区第一中学']);
});

test("the lead's new-person form picks from the event's list: typed initials alone are refused", async ({ page, server }) => {
  const t = texts('zh-CN');
  await page.goto(server.leadUrl);
  await expect(page.locator('.lead-header')).toBeVisible();
  await page.locator('.add-person summary').tap();
  await page.locator('#new-person-name').fill('孙大妈');
  await page.locator('#new-person-mobile').fill('13600003333');
  const organisation = page.locator('#new-person-organisation');
  await organisation.fill('hpsq');
  const suggestion = page.locator('.add-person .organisation-option').filter({ hasText: /^和平社区居委会$/ });
  await expect(suggestion).toBeVisible();
  await page.getByRole('button', { name: '新增并签到' }).tap();
  await expect(page.locator('#new-person-organisation-error')).toHaveText(t['error-organisation_not_chosen']);
  await expect(page.locator('.assisted-records .record')).toHaveCount(0);
  await suggestion.tap();
  await expect(page.locator('#new-person-organisation-error')).toHaveCount(0);
  await page.getByRole('button', { name: '新增并签到' }).tap();
  await expect(page.locator('.assisted-done')).toContainText('孙大妈 已签到');
  await expect(page.locator('.assisted-records .record').first().locator('.delivery')).toHaveAttribute('data-state', 'synced');
  expect(organisationsOf(server.dataDir, '孙大妈')).toEqual(['和平社区居委会']);
});

test('one mobile number is one person on the dashboard and in the hours export', async ({ page, server }) => {
  // On a phone, then again with another spelling and organisation.
  await flaggedCheckIn(server, { name: '王芳', mobile: '13812345678', organisation: '第一中学' });
  await flaggedCheckIn(server, { name: '王 芳', mobile: '13812345678', organisation: '区图书馆' });
  await page.goto(server.organiserUrl);
  await expect(page.locator('.totals [data-total=checked_in] dd')).toHaveText('1');
  await expect(page.locator('.venue-counts tr[data-venue="1"] td').first()).toHaveText('1');
  await expect(page.locator('.organisation-counts tbody tr')).toHaveCount(1);
  const hours = await fetch(`${server.base}/api/events/1/hours.csv`, { headers: server.organiserAuth });
  const lines = (await hours.text()).trim().split(/\r?\n/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain('13812345678');
});
