// The organiser's console against the real server: a one-time setup link,
// an event made in the UI, CSV imports (GBK as Excel in China saves it, and
// a file with bad rows that must import nothing), the live dashboard showing
// a volunteer's check-in without a reload, and the exports: CSV (BOM,
// Chinese headers) and Excel workbooks read back cell by cell.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/server';
import { CheckInPage } from './fixtures/checkin_page';
import { fixture, setupLink, storedSession } from './fixtures/console_page';
import { readXlsx } from './fixtures/xlsx';

test('setup link → new event → CSV imports → edit', async ({ page, server }) => {
  await page.goto(await setupLink(server));
  // The secret leaves the address bar at once.
  await expect(page).toHaveURL(/\/organiser$/);
  await page.getByLabel('您的姓名').fill('王老师');
  await page.getByRole('button', { name: '以组织者身份登录' }).tap();
  await expect(page.getByRole('heading', { name: '活动管理' })).toBeVisible();
  expect(await storedSession(page)).toMatch(/^bo_/);

  // A new event.
  await page.locator('button.new-event').tap();
  const form = page.locator('form.event-form').first();
  await form.getByLabel('活动名称', { exact: true }).fill('2026 东湖志愿服务日');
  await form.getByLabel('第一天', { exact: true }).fill('2026-12-05');
  await form.getByLabel('最后一天', { exact: true }).fill('2026-12-04');
  await form.getByRole('button', { name: '保存' }).tap();
  // Bad dates: a clear message, the form keeps what was typed.
  await expect(form.locator('.error-panel')).toHaveAttribute('data-error', 'error-event_dates_invalid');
  await expect(form.getByLabel('活动名称', { exact: true })).toHaveValue('2026 东湖志愿服务日');
  await form.getByLabel('最后一天', { exact: true }).fill('2026-12-06');
  await form.getByRole('button', { name: '保存' }).tap();
  await expect(page).toHaveURL(/\/organiser\?event=2$/);
  await expect(page.locator('#event-select')).toHaveValue('2');

  await page.getByRole('button', { name: '场馆与单位' }).tap();
  const venues = page.locator('form.csv-import[data-kind=venues]');

  // A file with bad rows: row-numbered errors, nothing imported.
  await venues.locator('input[type=file]').setInputFiles(fixture('venues_bad_row.csv'));
  await venues.getByRole('button', { name: '导入' }).tap();
  await expect(venues.locator('.error-panel')).toHaveAttribute('data-error', 'error-csv_invalid');
  await expect(venues.locator('.csv-errors tr[data-row="3"]')).toHaveAttribute('data-error', 'main_venue_unknown');
  await expect(venues.locator('.csv-errors tr[data-row="4"]')).toHaveAttribute('data-error', 'closes_at_invalid');
  await expect(venues.locator('.csv-errors tr[data-row="3"]')).toContainText('找不到名为“不存在的主场馆”的主场馆');
  await expect(page.locator('.venue-list li[data-venue]')).toHaveCount(0);
  const after = await (await fetch(`${server.base}/api/events/2`)).json();
  expect(after.venues).toEqual([]);

  // GBK (Excel's "CSV" in China): imported and read correctly.
  await venues.locator('input[type=file]').setInputFiles(fixture('venues_gbk.csv'));
  await venues.getByRole('button', { name: '导入' }).tap();
  await expect(venues.locator('.import-done')).toContainText('新增 3 个');
  await expect(venues.locator('.import-done')).toContainText('GBK');
  await expect(page.locator('.venue-list li[data-venue]')).toHaveCount(3);
  await expect(page.locator('.venue-list')).toContainText('东湖会展中心B馆');

  const orgs = page.locator('form.csv-import[data-kind=organisations]');
  await orgs.locator('input[type=file]').setInputFiles(fixture('organisations_gbk.csv'));
  await orgs.getByRole('button', { name: '导入' }).tap();
  await expect(orgs.locator('.import-done')).toContainText('新增 2 个');
  await expect(page.locator('.organisation-list > li')).toHaveCount(2);

  // Rename an organisation in the UI.
  const school = page.locator('.organisation-list > li[data-organisation="第一中学"]');
  await school.locator('input').fill('区第一中学');
  await school.getByRole('button', { name: '改名' }).tap();
  await expect(page.locator('.organisation-list > li[data-organisation="区第一中学"]')).toHaveCount(1);
  const event = await (await fetch(`${server.base}/api/events/2`)).json();
  expect(event.organisations).toContain('区第一中学');
  expect(event.venues.map((v: { name: string }) => v.name)).toContain('东湖会展中心A馆');
});

test('the dashboard shows a volunteer check-in live, and the CSV and Excel exports have the row in Chinese', async ({ page, server, browser }) => {
  await page.goto(server.organiserUrl);
  await expect(page.getByRole('heading', { name: '实时看板' })).toBeVisible();
  const checkedIn = page.locator('.totals [data-total=checked_in] dd');
  await expect(checkedIn).toHaveText('0');

  // A volunteer checks in on their own phone.
  const phone = await browser.newContext({ locale: 'zh-CN' });
  const volunteer = await phone.newPage();
  const checkin = new CheckInPage(volunteer);
  await checkin.open(server.checkinUrl);
  await checkin.fillProfile('陈小明', '13900001234', '第一中学');
  await checkin.checkButton.tap();
  await checkin.expectLatestState('synced');
  await phone.close();

  // No reload: the live stream (or polling) brings it in.
  await expect(checkedIn).toHaveText('1');
  await expect(page.locator('.totals [data-total=present] dd')).toHaveText('1');
  await expect(page.locator('.venue-counts tr[data-venue="1"] td').first()).toHaveText('1');
  await expect(page.locator('.organisation-counts tr[data-organisation="第一中学"]')).toBeVisible();
  await expect(page.locator('.timeline-chart svg .bucket')).not.toHaveCount(0);

  // The CSV: a BOM (Excel reads it as UTF-8), Chinese headers and kinds.
  const csv = await downloadOf(page, 'button.export-csv', 'baodao-event-1.csv');
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.subarray(3).toString('utf-8').trim().split(/\r?\n/);
  expect(lines[0]).toBe('记录编号,场馆,主场馆,类型,来源,时间,姓名,手机号,单位,标记,审核,审核备注,时长（小时）');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(',签到,本人手机,');
  expect(lines[1]).toContain('陈小明,13900001234,第一中学');

  // The workbook: the same columns, the header frozen, the time a date-time.
  const book = readXlsx(await downloadOf(page, 'button.export-xlsx', 'baodao-event-1.xlsx'));
  expect(book.name).toBe('签到记录');
  expect(book.frozenAt).toBe('A2');
  expect(book.rows[0].join(',')).toBe(lines[0]);
  expect(book.rows).toHaveLength(2);
  const row = book.rows[1];
  expect(row.slice(3, 5)).toEqual(['签到', '本人手机']);
  expect(row.slice(6, 9)).toEqual(['陈小明', '13900001234', '第一中学']);
  // Excel's serial day of the CSV's local time (the event is in UTC+8).
  const local = lines[1].split(',')[5];
  const serial = (Date.parse(local.replace(' ', 'T') + 'Z') - Date.UTC(1899, 11, 30)) / 86_400_000;
  expect(row[5]).toBeCloseTo(serial, 6);

  const hours = readXlsx(await downloadOf(page, 'button.export-hours-xlsx', 'baodao-hours-1.xlsx'));
  expect(hours.name).toBe('志愿时长');
  expect(hours.rows[0]).toEqual(['姓名', '手机号', '单位', '场馆', '首次签到', '最后签退', '时长（小时）', '仍在场']);
  expect(hours.rows[1][0]).toBe('陈小明');
  expect(hours.rows[1][6]).toBe(0);
  expect(hours.rows[1][7]).toBe('是');
});

/// Taps a download button of the dashboard; the file's bytes, once its name is checked.
async function downloadOf(page: Page, button: string, filename: string): Promise<Buffer> {
  const downloading = page.waitForEvent('download');
  await page.locator(button).tap();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(filename);
  return readFileSync((await download.path())!);
}
