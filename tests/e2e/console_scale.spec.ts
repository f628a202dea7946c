// The organiser's console at the seed's real size: an event of 12 main
// venues with 108 sub-venues and 185 organisations, made by CSV import
// through the API. The venue list is searched (name, main venue, short code,
// pinyin initials) and grouped; every organisation is reachable; the
// dashboard's alerts name each thing that needs someone, its tables sort by
// any column and the venues' is searchable; and a file with several bad rows
// shows all of them, in the file's own column names. In Chinese and
// English, on a 320 px phone.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/server';
import type { RunningServer } from './fixtures/server';
import { randomUUID } from 'node:crypto';

const DISTRICTS = ['东湖', '西山', '南岸', '北城', '滨江', '人民', '青年', '长青', '和平', '光明', '新华', '朝阳'];
const MAINS = DISTRICTS.map((d) => `${d}文化中心`);

interface Venue {
  id: number;
  name: string;
  parent: number | null;
  short_code: string;
}

interface Scale {
  event: number;
  venues: Venue[];
  /** Where people were checked in, and who waits for review. */
  busy: Venue;
  quiet: Venue;
  flagged: Venue;
}

async function importCsv(server: RunningServer, event: number, kind: string, body: string) {
  return fetch(`${server.base}/api/events/${event}/import/${kind}`, {
    method: 'POST',
    headers: { ...server.organiserAuth, 'content-type': 'text/csv' },
    body,
  });
}

async function organiserApi(server: RunningServer, method: string, route: string, body?: unknown) {
  const r = await fetch(`${server.base}${route}`, {
    method,
    headers: { ...server.organiserAuth, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(r.status, `${method} ${route}`).toBeLessThan(300);
  return r.json();
}

/** A new event of 120 venues and 185 organisations, with a few check-ins. */
async function bigEvent(server: RunningServer): Promise<Scale> {
  // Today, so the venues' poster codes are valid now.
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const created = await organiserApi(server, 'POST', '/api/events', {
    name: '全区志愿服务日',
    starts_on: today,
    ends_on: today,
    time_zone: 'Asia/Shanghai',
  });
  const event: number = created.id;
  // The first main venue "closes" at midnight: today's closing has passed,
  // and people checked in now are still present after it.
  const rows = MAINS.flatMap((main, i) => [
    `${main},,${i === 0 ? '00:00' : '17:00'}`,
    ...Array.from({ length: 9 }, (_, j) => `${main}${j + 1}号服务点,${main},`),
  ]);
  const venues = await importCsv(server, event, 'venues', `场馆,主场馆,结束时间\n${rows.join('\n')}\n`);
  expect(venues.status).toBe(200);
  const orgs = ['北京大学', ...Array.from({ length: 184 }, (_, i) => `${DISTRICTS[i % 12]}街道第${i + 1}志愿服务队`)];
  const imported = await importCsv(server, event, 'organisations', `单位\n${orgs.join('\n')}\n`);
  expect(imported.status).toBe(200);
  const list: Venue[] = await organiserApi(server, 'GET', `/api/events/${event}/venues`);
  expect(list).toHaveLength(120);

  const busy = list.find((v) => v.name === MAINS[0])!;
  const second = list.find((v) => v.name === `${MAINS[1]}3号服务点`)!;
  const flagged = list.find((v) => v.name === `${MAINS[2]}1号服务点`)!;
  const quiet = list.find((v) => v.name === `${MAINS[11]}9号服务点`)!;
  // Assisted check-ins (the organiser's session, the venue's poster code):
  // three people at the first main venue, one at another.
  const people = [
    [busy, '张三', '13800000001', '北京大学'],
    [busy, '李四', '13800000002', '北京大学'],
    [busy, '王五', '13800000003', orgs[5]],
    [second, '赵六', '13800000004', orgs[7]],
  ] as const;
  const items = [];
  for (const [venue, name, mobile, organisation] of people) {
    const detail = await organiserApi(server, 'GET', `/api/venues/${venue.id}`);
    items.push({
      id: randomUUID(),
      event,
      venue: venue.id,
      kind: 'in',
      code: detail.poster_code,
      device_time_ms: Date.now(),
      volunteer: { name, mobile, organisation },
    });
  }
  const sync = await organiserApi(server, 'POST', '/api/sync', { device_time_ms: Date.now(), items });
  expect(sync.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
  // A typed short code, from a phone: flagged for the lead's review.
  const typed = await fetch(`${server.base}/api/sync`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      device_time_ms: Date.now(),
      items: [
        {
          id: randomUUID(),
          event,
          venue: flagged.id,
          kind: 'in',
          code: `s.${flagged.short_code}`,
          device_time_ms: Date.now(),
          volunteer: { name: '钱七', mobile: '13800000005', organisation: orgs[9] },
        },
      ],
    }),
  });
  expect((await typed.json()).results[0].status).toBe('flagged');
  // A lead invite no one has opened.
  await organiserApi(server, 'POST', `/api/events/${event}/invites`, { venues: [quiet.id], label: '九号点 孙老师' });
  return { event, venues: list, busy, quiet, flagged };
}

/** The organiser's console on the big event. */
async function openEvent(page: Page, server: RunningServer, event: number) {
  const url = new URL(server.organiserUrl);
  url.search = `?event=${event}`;
  await page.goto(url.toString());
}

async function noSidewaysScroll(page: Page) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll).toBeLessThanOrEqual(width);
}

const TEXT = {
  'zh-CN': {
    venueSearch: '查找场馆（名称、主场馆、短码或拼音首字母）',
    venueCount: '共 120 个场馆：12 个主场馆，108 个分场馆',
    venueNone: '没有与“不存在”相符的场馆。',
    orgCount: '共 185 个单位',
    orgSearch: '查找单位（名称或拼音首字母）',
    orgFound: '找到 1 个单位（共 185 个）',
    pending: '1 条签到等待负责人审核',
    afterClosing: '1 个场馆已过结束时间，仍有人在场',
    notSignedIn: '1 个负责人邀请还没有人登录',
    noCheckIns: '117 个场馆还没有人签到',
    byVenue: '按场馆',
    present: '目前在场',
    venueFilter: '查找场馆（名称或主场馆）',
    problems: '共 6 个问题，已全部列出。',
    unknownMain: '找不到名为“东湖文化中兴”的主场馆（文件和活动中都没有）。',
    badTime: '“25:99”不是有效的时间：请写成“时:分”，如 17:00。',
    importButton: '导入',
  },
  en: {
    venueSearch: 'Find a venue (name, main venue, short code or pinyin initials)',
    venueCount: '120 venues: 12 main venues, 108 sub-venues',
    venueNone: 'No venue matches “不存在”.',
    orgCount: '185 organisations',
    orgSearch: 'Find an organisation (name or pinyin initials)',
    orgFound: '1 of 185 organisations found',
    pending: '1 check-ins wait for a lead\'s review',
    afterClosing: '1 venues are past closing time with people still present',
    notSignedIn: '1 lead invites have not been used to sign in',
    noCheckIns: '117 venues have no one checked in yet',
    byVenue: 'By venue',
    present: 'Present now',
    venueFilter: 'Find a venue (name or main venue)',
    problems: '6 problems, all listed.',
    unknownMain: 'No main venue is called “东湖文化中兴” (in the file or the event).',
    badTime: '“25:99” is not a time: write it as HH:MM, e.g. 17:00.',
    importButton: 'Import',
  },
} as const;

for (const lang of ['zh-CN', 'en'] as const) {
  const t = TEXT[lang];
  test.describe(`${lang}, 320 px`, () => {
    test.use({ viewport: { width: 320, height: 640 } });
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((l) => localStorage.setItem('baodao.lang', l), lang);
    });

    test('the venue list is grouped under main venues and searchable', async ({ page, server }) => {
      const big = await bigEvent(server);
      await openEvent(page, server, big.event);
      await page.locator('.tabs [data-choice=catalogue]').tap();
      const list = page.locator('.venue-list');
      await expect(list.locator(':scope > li.venue-group')).toHaveCount(12);
      await expect(list.locator('li[data-venue]')).toHaveCount(120);
      await expect(page.locator('.venue-summary')).toHaveText(t.venueCount);
      // Each main venue holds its own nine sub-venues.
      const first = list.locator(`:scope > li[data-venue="${big.busy.id}"]`);
      await expect(first.locator('.sub-venues > li')).toHaveCount(9);
      await expect(first.locator('.sub-venues')).toContainText(`${MAINS[0]}9号服务点`);
      await noSidewaysScroll(page);

      const search = page.getByLabel(t.venueSearch);
      // A main venue's name: it and all its sub-venues.
      await search.fill(MAINS[3]);
      await expect(list.locator('li[data-venue]')).toHaveCount(10);
      await expect(page.locator('.venue-summary')).toHaveAttribute('data-shown', '10');
      // A sub-venue's short code (any case): it, under its main venue.
      await search.fill(big.quiet.short_code.toLowerCase());
      await expect(list.locator(':scope > li.venue-group')).toHaveCount(1);
      await expect(list.locator(':scope > li.venue-group')).toHaveAttribute('data-venue', String(big.quiet.parent));
      await expect(list.locator('.sub-venues > li')).toHaveCount(1);
      await expect(list.locator('.sub-venues > li')).toHaveAttribute('data-venue', String(big.quiet.id));
      // Pinyin initials: 西山文化中心 is xswhzx.
      await search.fill('xswhzx');
      await expect(list.locator(':scope > li.venue-group')).toHaveCount(1);
      await expect(list.locator(':scope > li.venue-group .item-name').first()).toHaveText(MAINS[1]);
      await search.fill('不存在');
      await expect(list.locator('li[data-venue]')).toHaveCount(0);
      await expect(page.locator('.venue-summary')).toHaveText(t.venueNone);
    });

    test('all 185 organisations are listed and found by name or initials', async ({ page, server }) => {
      const big = await bigEvent(server);
      await openEvent(page, server, big.event);
      await page.locator('.tabs [data-choice=catalogue]').tap();
      const list = page.locator('.organisation-list > li');
      await expect(list).toHaveCount(185);
      await expect(page.locator('.organisation-summary')).toHaveText(t.orgCount);
      // The last one is there, not only the first 50.
      await expect(page.locator('.organisation-list > li[data-organisation="北城街道第184志愿服务队"]')).toHaveCount(1);
      await page.getByLabel(t.orgSearch).fill('bjdx');
      await expect(list).toHaveCount(1);
      await expect(list.first()).toHaveAttribute('data-organisation', '北京大学');
      await expect(page.locator('.organisation-summary')).toHaveText(t.orgFound);
      await noSidewaysScroll(page);
    });

    test('the dashboard alerts come first, and its tables sort and search', async ({ page, server }) => {
      const big = await bigEvent(server);
      await openEvent(page, server, big.event);
      const alerts = page.locator('.alerts');
      await expect(alerts.locator('.alert')).toHaveCount(4);
      // Above the totals.
      const [alertsBox, totalsBox] = [await alerts.boundingBox(), await page.locator('.dashboard .totals').boundingBox()];
      expect(alertsBox!.y).toBeLessThan(totalsBox!.y);
      const alert = (kind: string) => alerts.locator(`.alert[data-alert=${kind}]`);
      await expect(alert('pending_review').locator('summary')).toHaveText(t.pending);
      await expect(alert('present_after_closing').locator('summary')).toHaveText(t.afterClosing);
      await expect(alert('leads_not_signed_in').locator('summary')).toHaveText(t.notSignedIn);
      await expect(alert('no_check_ins').locator('summary')).toHaveText(t.noCheckIns);
      // Each opens to its venues, with the lead page one tap away.
      await alert('pending_review').locator('summary').tap();
      await expect(alert('pending_review').locator(`li[data-venue="${big.flagged.id}"] a`)).toHaveAttribute('href', `/lead/${big.flagged.id}`);
      await alert('present_after_closing').locator('summary').tap();
      await expect(alert('present_after_closing').locator(`li[data-venue="${big.busy.id}"]`)).toContainText('3');
      await alert('leads_not_signed_in').locator('summary').tap();
      await expect(alert('leads_not_signed_in').locator('li')).toContainText('九号点 孙老师');
      await expect(alert('leads_not_signed_in').locator('li')).toContainText(`${MAINS[11]}9号服务点`);
      await alert('no_check_ins').locator('summary').tap();
      await expect(alert('no_check_ins').locator('li')).toHaveCount(117);
      await expect(alert('no_check_ins').locator(`li[data-venue="${big.busy.id}"]`)).toHaveCount(0);

      // The venues' table: its heading right above it, grouped by main venue.
      const table = page.locator('table.venue-counts');
      const heading = page.getByRole('heading', { name: t.byVenue });
      const [h, tb] = [await heading.boundingBox(), await page.locator('.venue-part .table-wrap').boundingBox()];
      expect(h!.y).toBeLessThan(tb!.y);
      expect(Math.abs(h!.x - tb!.x)).toBeLessThan(2);
      const rows = table.locator('tbody tr');
      await expect(rows).toHaveCount(120);
      const nameHeader = table.locator('th:has(button[data-sort=name])');
      await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
      await expect(table.locator('tbody tr.main')).toHaveCount(12);
      // Sorted by who is present: the busiest venue first, anywhere.
      const present = table.locator('th:has(button[data-sort=present])');
      await present.getByRole('button', { name: t.present }).tap();
      await expect(present).toHaveAttribute('aria-sort', 'descending');
      await expect(nameHeader).not.toHaveAttribute('aria-sort', /./);
      await expect(rows.first()).toHaveAttribute('data-venue', String(big.busy.id));
      await expect(rows.first().locator('td').nth(1)).toHaveText('3');
      await present.locator('button').tap();
      await expect(present).toHaveAttribute('aria-sort', 'ascending');
      await expect(rows.last()).toHaveAttribute('data-venue', String(big.busy.id));
      // The header row stays in view while the table scrolls.
      await page.locator('.venue-part .table-wrap').evaluate((el) => el.scrollTo(0, 2000));
      const [headRow, wrap] = [await table.locator('thead th').first().boundingBox(), await page.locator('.venue-part .table-wrap').boundingBox()];
      expect(headRow!.y).toBeGreaterThanOrEqual(wrap!.y - 1);
      expect(headRow!.y).toBeLessThan(wrap!.y + 12);
      // Searched by a main venue's name: it and its sub-venues.
      await page.getByLabel(t.venueFilter).fill(MAINS[1]);
      await expect(rows).toHaveCount(10);

      // The organisations' table sorts too, by name.
      const orgs = page.locator('table.organisation-counts');
      await expect(orgs.locator('th:has(button[data-sort=checked_in])')).toHaveAttribute('aria-sort', 'descending');
      await expect(orgs.locator('tbody tr').first()).toHaveAttribute('data-organisation', '北京大学');
      await orgs.locator('button[data-sort=name]').tap();
      await expect(orgs.locator('th:has(button[data-sort=name])')).toHaveAttribute('aria-sort', 'ascending');
      await orgs.locator('button[data-sort=name]').tap();
      await expect(orgs.locator('th:has(button[data-sort=name])')).toHaveAttribute('aria-sort', 'descending');
      const names = await orgs.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-organisation')!));
      expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, 'zh-CN')));
      await noSidewaysScroll(page);
    });

    test('an import with several bad rows shows every problem in the file\'s words', async ({ page, server }) => {
      const big = await bigEvent(server);
      await openEvent(page, server, big.event);
      await page.locator('.tabs [data-choice=catalogue]').tap();
      const form = page.locator('form.csv-import[data-kind=venues]');
      const csv = [
        '场馆,主场馆,结束时间,备注',
        '新服务点甲,东湖文化中兴,,',
        '新服务点乙,东湖文化中心,25:99,',
        ',东湖文化中心,,',
        '新服务点甲,,,',
        '新服务点丙,东湖文化中心1号服务点,,',
      ].join('\r\n');
      await form.locator('input[type=file]').setInputFiles({ name: 'venues.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await form.getByRole('button', { name: t.importButton }).tap();
      const problems = form.locator('.csv-errors tbody tr');
      await expect(problems).toHaveCount(6);
      await expect(form.locator('.problem-count')).toHaveText(t.problems);
      const seen = await problems.evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute('data-row'), tr.getAttribute('data-error'), tr.querySelector('td.column')!.textContent]),
      );
      expect(seen).toEqual([
        ['1', 'header_unknown', '备注'],
        ['2', 'main_venue_unknown', '主场馆'],
        ['3', 'closes_at_invalid', '结束时间'],
        ['4', 'name_empty', '场馆'],
        ['5', 'name_duplicate', '场馆'],
        ['6', 'main_venue_is_sub_venue', '主场馆'],
      ]);
      await expect(problems.nth(1)).toContainText(t.unknownMain);
      await expect(problems.nth(2)).toContainText(t.badTime);
      // Nothing imported.
      const after = await organiserApi(server, 'GET', `/api/events/${big.event}/venues`);
      expect(after).toHaveLength(120);
      await noSidewaysScroll(page);
    });
  });
}

// On a laptop the dashboard's parts sit side by side: each heading must
// stay above its own table, not in the column beside it.
for (const lang of ['zh-CN', 'en'] as const) {
  test.describe(`${lang}, 1280 px`, () => {
    test.use({ viewport: { width: 1280, height: 800 } });
    test('each dashboard heading is right above its table', async ({ page, server }) => {
      await page.addInitScript((l) => localStorage.setItem('baodao.lang', l), lang);
      const big = await bigEvent(server);
      await openEvent(page, server, big.event);
      await expect(page.locator('table.venue-counts tbody tr')).toHaveCount(120);
      for (const part of ['.venue-part', '.organisation-part']) {
        const h = await page.locator(`${part} h3`).boundingBox();
        const table = await page.locator(`${part} .table-wrap`).boundingBox();
        expect(Math.abs(h!.x - table!.x), part).toBeLessThan(2);
        expect(h!.y, part).toBeLessThan(table!.y);
        expect(table!.y - h!.y, part).toBeLessThan(200);
      }
      // The two tables side by side, the alerts across the top.
      const [venues, orgs, alerts] = await Promise.all(
        ['.venue-part', '.organisation-part', '.alerts'].map((s) => page.locator(s).boundingBox()),
      );
      expect(orgs!.x).toBeGreaterThan(venues!.x + venues!.width - 1);
      expect(alerts!.width).toBeGreaterThan(venues!.width + orgs!.width);
    });
  });
}
