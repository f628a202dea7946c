// The volunteer's journey: the personal-information notice before
// the first check-in, finding one's organisation by pinyin initials, the
// masked mobile number, check-out with the visit's hours and the event's
// total, "forget me on this phone" (refused while records are unsynced), and
// retention on the phone. Real server, real SQLite file, headless Chromium.
import { test, expect } from './fixtures/server';
import { CheckInPage } from './fixtures/checkin_page';
import type { Page } from '@playwright/test';

const DAY_MS = 86_400_000;

/** The notice, the profile (organisation by tapping), ready to check in. */
async function firstUse(page: Page, checkin: CheckInPage, url: string) {
  await checkin.open(url);
  await page.locator('.privacy-notice button.accept').tap();
  await checkin.name.fill('王芳');
  await checkin.mobile.fill('13812345678');
  await checkin.organisation.fill('bjdx');
  await page.locator('.organisation-option', { hasText: '北京大学' }).tap();
  await checkin.save.tap();
  await expect(checkin.checkButton).toHaveText('签到');
}

/** Local storage value as the widget keeps it. */
async function stored(page: Page, key: string): Promise<string | null> {
  return page.evaluate((k) => localStorage.getItem(k), key);
}

test('the personal-information notice comes first, is remembered per version and can be read again at home', async ({
  page,
  server,
}) => {
  const checkin = new CheckInPage(page);
  await checkin.open(server.checkinUrl);
  const notice = page.locator('.privacy-notice');
  await expect(notice.locator('h1')).toHaveText('个人信息说明');
  // What, why, who, how long: in plain words, with the event's own period.
  await expect(notice).toContainText('您的姓名、手机号码、所属单位，以及每次签到、签退的地点和时间');
  await expect(notice).toContainText('计算服务时长');
  await expect(notice).toContainText('负责人看到的手机号码中间四位是隐藏的');
  await expect(notice.locator('.privacy-how-long')).toHaveText('活动结束后保存 30 天，然后从服务器和这部手机上删除。');
  // Nothing to fill and no check-in button until it is accepted.
  await expect(checkin.name).toHaveCount(0);
  await expect(checkin.checkButton).toHaveCount(0);

  // Declining explains what to do instead, and stores nothing.
  await notice.locator('button.decline').tap();
  await expect(page.locator('.privacy-declined')).toContainText('请找现场负责人进行纸质登记');
  expect(await stored(page, 'baodao.privacy_accepted')).toBeNull();

  await notice.locator('button.accept').tap();
  await expect(checkin.name).toBeVisible();
  expect(await stored(page, 'baodao.privacy_accepted')).toBe('1');
  await page.reload();
  await expect(checkin.name).toBeVisible();
  await expect(notice).toHaveCount(0);

  // A phone that accepted an older notice reads the new one again.
  await page.evaluate(() => localStorage.setItem('baodao.privacy_accepted', '0'));
  await page.reload();
  await expect(notice.locator('button.accept')).toBeVisible();
  await notice.locator('button.accept').tap();

  // English, with the same period.
  await page.locator('.lang-switch').tap();
  await page.goto(`${server.base}/`);
  const review = page.locator('details.privacy-review');
  await review.locator('summary').tap();
  await expect(review.locator('.privacy-how-long')).toHaveText(
    '30 days after the event ends; then it is deleted from the server and from this phone.',
  );
  await expect(review.locator('button.accept')).toHaveCount(0);
});

test('the organisation is found by pinyin initials or part of its name, with big targets and a clear empty result', async ({
  page,
  server,
}) => {
  const checkin = new CheckInPage(page);
  await checkin.open(server.checkinUrl);
  await checkin.acceptNoticeIfShown();
  const options = page.locator('.organisation-option');

  await checkin.organisation.fill('bjdx');
  await expect(options.first()).toHaveText('北京大学');
  // Shorter names first among equally good matches: 北京大学 before 北京师范大学.
  await checkin.organisation.fill('BJ');
  await expect(options.first()).toHaveText('北京大学');
  await expect(options.filter({ hasText: '北京师范大学' })).toHaveCount(1);
  // 185 organisations: a few at a time, and how many more there are.
  expect(await options.count()).toBeLessThanOrEqual(6);
  await expect(page.locator('.organisation-more')).toContainText('请再多输入几个字');
  await checkin.organisation.fill('人民医院');
  await expect(options.filter({ hasText: '区人民医院' })).toHaveCount(1);

  // Nothing found: said plainly, with what to do next; no list.
  await checkin.organisation.fill('zzzz');
  await expect(page.locator('.organisation-none')).toContainText('没有找到“zzzz”');
  await expect(page.locator('.organisation-none')).toContainText('保存并继续');
  await expect(options).toHaveCount(0);

  // Targets big enough for an older volunteer, bigger in elder mode.
  await checkin.organisation.fill('bj');
  const normal = (await options.first().boundingBox())!;
  expect(normal.height).toBeGreaterThanOrEqual(48);
  expect(normal.width).toBeGreaterThan(280);
  await page.locator('.elder-switch').tap();
  await expect(page.locator('html')).toHaveClass(/elder/);
  expect((await options.first().boundingBox())!.height).toBeGreaterThanOrEqual(60);
  await page.locator('.elder-switch').tap();

  await options.filter({ hasText: '北京师范大学' }).tap();
  await expect(checkin.organisation).toHaveValue('北京师范大学');
  await expect(page.locator('.organisation-picked')).toHaveText('已选择：北京师范大学');
  await expect(options).toHaveCount(0);
  await checkin.name.fill('张三');
  await checkin.mobile.fill('13900001111');
  await checkin.save.tap();
  await expect(page.locator('.who')).toContainText('张三（北京师范大学）');

  // The initials came with the event data: no pinyin table in the widget.
  const event = await (await fetch(`${server.base}/api/events/1`)).json();
  expect(event.organisations.length).toBe(185);
  expect(event.organisation_initials[event.organisations.indexOf('北京大学')]).toBe('bjdx');
});

test('the mobile number is masked everywhere except in the edit form', async ({ page, server }) => {
  const checkin = new CheckInPage(page);
  await firstUse(page, checkin, server.checkinUrl);
  await expect(page.locator('.who')).toContainText('138****5678');
  await checkin.checkButton.tap();
  await checkin.expectLatestState('synced');
  expect(await page.locator('main').innerText()).not.toContain('13812345678');

  await page.goto(`${server.base}/`);
  await expect(page.locator('.details-mobile')).toHaveText('138****5678');
  await expect(page.locator('.details-name')).toHaveText('王芳');
  await expect(page.locator('.details-organisation')).toHaveText('北京大学');
  expect(await page.locator('body').innerText()).not.toContain('13812345678');

  await page.goto(server.checkinUrl);
  await page.reload();
  await page.locator('.who button.link-button').tap();
  await expect(checkin.mobile).toHaveValue('13812345678');
});

test('check-out shows the hours of the visit; home shows the history with sync states and the total', async ({
  page,
  server,
}) => {
  const checkin = new CheckInPage(page);
  const start = Date.now();
  await page.clock.setFixedTime(start);
  await firstUse(page, checkin, server.checkinUrl);
  await checkin.checkIn();
  await checkin.expectLatestState('synced');
  await expect(page.locator('.confirmation-hours')).toHaveCount(0);

  // Back 2 h 15 min later: scanning the same venue again offers check-out.
  await page.clock.setFixedTime(start + (2 * 60 + 15) * 60_000);
  await page.goto(`${server.base}/`);
  await page.goto(server.checkinUrl);
  await expect(checkin.checkButton).toHaveText('签退');
  await checkin.checkButton.tap();
  await checkin.checkoutConfirm.tap();
  await expect(checkin.confirmation).toContainText('已签退');
  await expect(page.locator('.confirmation-hours')).toHaveText('本次服务 2 小时 15 分钟');
  // The emulated clock is now hours ahead of the server's, which the server
  // stores and flags (device_clock_off): delivered either way.
  await expect(checkin.confirmation.locator('.delivery')).toHaveAttribute('data-state', /^(synced|flagged)$/);

  // In again at 14:00 with no check-out yet: serving now, not counted.
  await page.clock.setFixedTime(start + 3 * 3_600_000);
  await page.reload();
  await expect(checkin.checkButton).toHaveText('签到');
  await checkin.checkButton.tap();
  // The card on screen may still be the check-out's: wait for the new record.
  await expect.poll(() => checkin.storedRecordCount()).toBe(3);
  await expect(checkin.confirmation).toContainText('已签到');
  await expect(checkin.confirmation.locator('.delivery')).toHaveAttribute('data-state', /^(synced|flagged)$/);

  await page.goto(`${server.base}/`);
  await expect(page.locator('.hours-total .hours-value')).toHaveText('2 小时 15 分钟');
  await expect(page.locator('.hours-total')).toHaveAttribute('data-minutes', '135');
  await expect(page.locator('.hours-open')).toContainText('正在服务：区文化中心');
  await expect(page.locator('.service-hours .hint')).toContainText('没有签退的签到');
  await expect(checkin.records).toHaveCount(3);
  for (const r of await checkin.records.all()) {
    await expect(r.locator('.delivery')).toHaveAttribute('data-state', /^(synced|flagged)$/);
  }
  await expect(checkin.records.nth(1).locator('.record-kind')).toHaveText('已签退');
  await expect(checkin.records.nth(1).locator('.record-hours')).toHaveText('本次服务 2 小时 15 分钟');

  // The server has the same three records.
  const roster = await (await fetch(`${server.base}/api/venues/1/checkins`, { headers: server.organiserAuth })).json();
  expect(roster.entries.map((e: { kind: string }) => e.kind)).toEqual(['in', 'out', 'in']);

  await page.locator('.lang-switch').tap();
  await expect(page.locator('.hours-total .hours-value')).toHaveText('2 h 15 min');
});

test('"forget me" refuses while records are unsynced, says what to do, and works once they are synced', async ({
  page,
  server,
}) => {
  const checkin = new CheckInPage(page);
  await firstUse(page, checkin, server.checkinUrl);
  // The server is unreachable for sync: the check-in waits on the phone.
  let attempts = 0;
  await page.route('**/api/sync', (route) => {
    attempts++;
    return route.abort();
  });
  await checkin.checkButton.tap();
  await checkin.expectLatestState('saved');

  await page.goto(`${server.base}/`);
  await page.locator('.my-details button.forget-me').tap();
  const refused = page.locator('.forget-refused');
  await expect(refused).toContainText('还有 1 条签到记录没有上传到服务器');
  await expect(refused).toContainText('请连上网络，点“立即同步”');
  expect(await stored(page, 'baodao.profile')).not.toBeNull();
  expect(await checkin.storedRecordCount()).toBe(1);

  // "Sync now" from the refusal tries at once; still offline, still refused.
  const before = attempts;
  await refused.locator('button.sync-now').tap();
  await expect.poll(() => attempts).toBeGreaterThan(before);
  await expect(refused).toContainText('还有 1 条签到记录没有上传到服务器');
  // Connected again: once synced (by "sync now" or the automatic retry,
  // whichever comes first) it may go ahead.
  await page.unroute('**/api/sync');
  await refused
    .locator('button.sync-now')
    .tap({ timeout: 1_000 })
    .catch(() => {});
  await expect(refused).toContainText('记录已全部上传，现在可以删除了');
  await refused.locator('button.forget-me').tap();
  await expect(page.locator('.forget-confirm')).toContainText('1 条签到记录');
  // Cancel keeps everything.
  await page.locator('button.forget-no').tap();
  expect(await stored(page, 'baodao.profile')).not.toBeNull();
  await page.locator('.my-details button.forget-me').tap();
  await page.locator('button.forget-yes').tap();
  await expect(page.locator('.forget-done')).toHaveText('已从这部手机上删除您的信息和签到记录。');
  await expect(page.locator('.my-details')).toHaveCount(0);
  await expect(checkin.records).toHaveCount(0);
  expect(await stored(page, 'baodao.profile')).toBeNull();
  expect(await stored(page, 'baodao.privacy_accepted')).toBeNull();
  expect(await checkin.storedRecordCount()).toBe(0);

  // The server keeps its copy; the next person on this phone starts afresh.
  const roster = await (await fetch(`${server.base}/api/venues/1/checkins`, { headers: server.organiserAuth })).json();
  expect(roster.entries.length).toBe(1);
  await page.goto(server.checkinUrl);
  await expect(page.locator('.privacy-notice button.accept')).toBeVisible();
});

test('synced records past the event retention period are removed from the phone on start; unsynced ones stay', async ({
  page,
  server,
}) => {
  const checkin = new CheckInPage(page);
  await firstUse(page, checkin, server.checkinUrl);
  await checkin.checkButton.tap();
  await checkin.expectLatestState('synced');
  await page.route('**/api/sync', (route) => route.abort());
  await checkin.checkOut();
  await checkin.expectLatestState('saved');
  await expect(checkin.records).toHaveCount(2);

  const event = await (await fetch(`${server.base}/api/events/1`)).json();
  expect(event.retention_days).toBe(30);
  // 00:00 UTC after the last day, + 12 h (westernmost zone) + 30 days.
  const retentionEnds = Date.parse(`${event.ends_on}T00:00:00Z`) + DAY_MS + 12 * 3_600_000 + 30 * DAY_MS;

  // One minute before the end: both kept.
  await page.clock.setFixedTime(retentionEnds - 60_000);
  await page.goto(`${server.base}/`);
  await expect(checkin.records).toHaveCount(2);
  expect(await checkin.storedRecordCount()).toBe(2);

  // Opened after it: the synced one is gone, the pending one stays (it
  // would be lost otherwise).
  await page.clock.setFixedTime(retentionEnds + 60_000);
  await page.reload();
  await expect(checkin.records).toHaveCount(1);
  await expect(checkin.records.first().locator('.delivery')).toHaveAttribute('data-state', 'saved');
  expect(await checkin.storedRecordCount()).toBe(1);
});
