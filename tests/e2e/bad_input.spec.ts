// Bad input gets a clear, localised message, and nothing is stored.
import { test, expect } from './fixtures/server';
import { CheckInPage } from './fixtures/checkin_page';

const cases = [
  { what: 'an unknown venue', fragment: '#u.1.999', zh: '找不到这个服务地点', en: 'This venue was not found' },
  { what: 'an unknown event', fragment: '#u.77.1', zh: '找不到这次活动', en: 'This event was not found' },
  { what: 'a malformed code', fragment: '#u.1.x', zh: '二维码内容不完整或已损坏', en: 'incomplete or damaged' },
  { what: 'garbage', fragment: '#%E5%A5%BD%3Cscript%3E', zh: '二维码内容不完整或已损坏', en: 'incomplete or damaged' },
  { what: 'a missing fragment', fragment: '', zh: '链接中没有场馆信息', en: 'The link has no venue in it' },
];

for (const c of cases) {
  test(`${c.what} is refused in Chinese`, async ({ page, server }) => {
    const checkin = new CheckInPage(page);
    await checkin.open(`${server.base}/c${c.fragment}`);
    await expect(checkin.error).toContainText(c.zh);
    await expect(checkin.checkButton).toHaveCount(0);
    await expect(page.locator('#profile-name')).toHaveCount(0);
    expect(await checkin.storedRecordCount()).toBe(0);
  });
}

test.describe('in an English browser', () => {
  test.use({ locale: 'en-US' });
  for (const c of cases) {
    test(`${c.what} is refused in English`, async ({ page, server }) => {
      const checkin = new CheckInPage(page);
      await checkin.open(`${server.base}/c${c.fragment}`);
      await expect(checkin.error).toContainText(c.en);
    });
  }
});

test('an empty name and an invalid mobile number are refused and nothing is stored', async ({ page, server }) => {
  const checkin = new CheckInPage(page);
  await checkin.open(server.checkinUrl);
  await checkin.fillProfile('   ', '13812345678', '第一中学');
  await expect(page.locator('.field-error')).toHaveText('请填写姓名。');
  await expect(page.locator('#profile-name')).toHaveAttribute('aria-invalid', 'true');

  await checkin.fillProfile('王芳', '1234567', '第一中学');
  await expect(page.locator('.field-error')).toContainText('11 位中国大陆手机号码');
  await expect(checkin.checkButton).toHaveCount(0);
  expect(await checkin.storedRecordCount()).toBe(0);
  expect(await page.evaluate(() => localStorage.getItem('baodao.profile'))).toBeNull();
});

test('a hostile name is shown as text, never run', async ({ page, server }) => {
  const checkin = new CheckInPage(page);
  await checkin.open(server.checkinUrl);
  const hostile = '<img src=x onerror="window.__pwned=1">';
  await checkin.fillProfile(hostile, '13812345678', '<b>bold</b>');
  await checkin.checkButton.tap();
  await checkin.expectLatestState('synced');
  await page.goto(`${server.base}/lead/1`);
  await expect(page.locator('table.roster tbody tr').first()).toContainText(hostile);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('table.roster img')).toHaveCount(0);
});
