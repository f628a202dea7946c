// Bad input gets a clear, localised message, and nothing is stored.
import { test, expect } from './fixtures/server';
import type { RunningServer } from './fixtures/server';
import { CheckInPage } from './fixtures/checkin_page';
import { leadRosterRows } from './fixtures/console_page';
import { eventKey, randomKey, demoVenueCode, around } from './fixtures/codes';

// Every way a venue code can be wrong has its own message (in Chinese and in
// English), and none stores anything. Codes are made per test: some are
// signed with the demo event's real key (read from the server's database).
type Case = { what: string; fragment: (s: RunningServer) => string; zh: string; en: string };

const day = 86_400;
const cases: Case[] = [
  {
    what: 'a forged code (signed by another key)',
    fragment: () => '#' + demoVenueCode(randomKey()),
    zh: '这个二维码无法验证',
    en: 'could not be verified',
  },
  {
    what: "another event's code",
    fragment: () => '#' + demoVenueCode(randomKey(), { event: 77 }),
    zh: '属于其他活动',
    en: 'belongs to another event',
  },
  {
    what: 'an expired code',
    fragment: (s) => '#' + demoVenueCode(eventKey(s.dataDir), around(-10 * day, -5 * day)),
    zh: '这个二维码已过期',
    en: 'has expired',
  },
  {
    what: 'a code not valid yet',
    fragment: (s) => '#' + demoVenueCode(eventKey(s.dataDir), around(5 * day, 10 * day)),
    zh: '还未生效',
    en: 'not valid yet',
  },
  {
    what: 'a code signed with an unknown key id',
    fragment: () => '#' + demoVenueCode(randomKey(), { keyId: 9 }),
    zh: '暂时无法核验',
    en: 'cannot be checked yet',
  },
  {
    what: 'a genuine code of an unknown venue',
    fragment: (s) => '#' + demoVenueCode(eventKey(s.dataDir), { venue: 999 }),
    zh: '找不到这个服务地点',
    en: 'This venue was not found',
  },
  {
    what: 'a code of an unknown format version',
    fragment: () => '#' + demoVenueCode(randomKey(), { format: 0xb2 }),
    zh: '比当前页面新',
    en: 'newer than this page',
  },
  {
    what: 'a truncated code',
    fragment: (s) => '#' + s.checkinUrl.split('#')[1].slice(0, 60),
    zh: '只读到了二维码的一部分',
    en: 'Only part of the QR code',
  },
  {
    what: 'garbage',
    fragment: () => '#%E5%A5%BD%3Cscript%3E',
    zh: '二维码已损坏或无法识别',
    en: 'damaged or unreadable',
  },
  {
    what: 'a non-Baodao QR code',
    fragment: () => '#https://example.com',
    zh: '这不是报到签到码',
    en: 'Not a Baodao check-in code',
  },
  {
    what: "the skeleton's unsigned code",
    fragment: () => '#u.1.1',
    zh: '旧版签到码',
    en: 'old-style check-in code',
  },
  {
    what: 'a missing fragment',
    fragment: () => '',
    zh: '链接中没有场馆信息',
    en: 'The link has no venue in it',
  },
];

test('every refusal has its own message', () => {
  expect(new Set(cases.map((c) => c.zh)).size).toBe(cases.length);
  expect(new Set(cases.map((c) => c.en)).size).toBe(cases.length);
});

for (const [locale, language, text] of [
  ['zh-CN', 'Chinese', 'zh'],
  ['en-US', 'English', 'en'],
] as const) {
  test.describe(`in a ${language} browser`, () => {
    test.use({ locale });
    for (const c of cases) {
      test(`${c.what} is refused in ${language} and nothing is stored`, async ({ page, server }) => {
        const checkin = new CheckInPage(page);
        await checkin.open(`${server.base}/c${c.fragment(server)}`);
        await expect(checkin.error).toContainText(c[text]);
        await expect(checkin.checkButton).toHaveCount(0);
        await expect(page.locator('#profile-name')).toHaveCount(0);
        expect(await checkin.storedRecordCount()).toBe(0);
      });
    }
  });
}

test("a poster whose key the organiser revoked is refused once the phone knows", async ({ page, server }) => {
  const checkin = new CheckInPage(page);
  // The poster works, and the phone caches the event data.
  await checkin.open(server.checkinUrl);
  await expect(page.locator('.venue-name')).toHaveText('区文化中心');
  // Rotate, then revoke the key the poster was signed with.
  expect((await fetch(`${server.base}/api/events/1/keys`, { method: 'POST', headers: server.organiserAuth })).status).toBe(201);
  expect((await fetch(`${server.base}/api/events/1/keys/1/revoke`, { method: 'POST', headers: server.organiserAuth })).status).toBe(200);
  await page.reload();
  await expect(checkin.error).toContainText('已被主办方停用');
  await expect(checkin.checkButton).toHaveCount(0);
  expect(await checkin.storedRecordCount()).toBe(0);
  // The reprinted poster (signed by the new key) works.
  const svg = await (await fetch(`${server.base}/api/venues/1/qr.svg`, { headers: server.organiserAuth })).text();
  expect(svg).toContain('<svg');
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
  await expect((await leadRosterRows(page, server)).first()).toContainText(hostile);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('table.roster img')).toHaveCount(0);
});
