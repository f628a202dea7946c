// The organiser's invites for many venues: an event of 120 venues, a
// search in the venue picker, one link per chosen venue and then per venue
// for all, made in one request each; the list of links copied and printed,
// and each link opening its own venue only.
import { test, expect } from './fixtures/server';
import { api } from './fixtures/console_page';
import type { RunningServer } from './fixtures/server';

/** Brings the demo event (5 venues) up to 120 with a CSV import. */
async function manyVenues(server: RunningServer) {
  const rows = Array.from({ length: 115 }, (_, i) => `第${String(i + 1).padStart(3, '0')}号服务点`);
  const r = await fetch(`${server.base}/api/events/1/import/venues`, {
    method: 'POST',
    headers: { ...server.organiserAuth, 'content-type': 'text/csv' },
    body: `场馆\n${rows.join('\n')}\n`,
  });
  expect(r.status).toBe(200);
  const event = await (await fetch(`${server.base}/api/events/1`)).json();
  expect(event.venues).toHaveLength(120);
  return event.venues as { id: number; name: string }[];
}

/** The venue an invite link signs its lead in to. */
async function venuesOf(server: RunningServer, url: string): Promise<number[]> {
  const link = url.split('#invite=')[1];
  const r = await fetch(`${server.base}/api/auth/redeem`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ link }),
  });
  expect(r.status).toBe(201);
  return (await r.json()).venues.map((v: { id: number }) => v.id);
}

test('one invite per venue: search, choose, copy and print the list', async ({ page, context, server }) => {
  const venues = await manyVenues(server);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  await page.goto(server.organiserUrl);
  await page.locator('.tabs [data-choice=invites]').tap();
  const form = page.locator('form.invite-form');
  await expect(form.locator('.venue-checks label.check')).toHaveCount(120);

  // Search by a main venue's name: it and its sub-venue.
  await form.getByLabel('查找场馆').fill('人民公园');
  await expect(form.locator('.venue-checks label.check:visible')).toHaveCount(2);
  await expect(form.locator('.chosen-count')).toHaveText('已选 0 个 · 显示 2 个');
  await form.getByRole('button', { name: '选中显示的场馆' }).tap();
  // Another search keeps what was chosen, and adds to it.
  await form.getByLabel('查找场馆').fill('第11');
  await expect(form.locator('.venue-checks label.check:visible')).toHaveCount(6);
  await form.locator('.venue-checks label.check:visible').first().tap();
  await expect(form.locator('.chosen-count')).toHaveText('已选 3 个 · 显示 6 个');

  await form.getByRole('button', { name: '为所选场馆各生成一个链接' }).tap();
  const list = page.locator('.invite-links');
  await expect(list.getByRole('heading')).toHaveText('已生成 3 个邀请链接');
  const rows = list.locator('tbody tr');
  await expect(rows).toHaveCount(3);
  const park = venues.filter((v) => v.name.startsWith('人民公园')).map((v) => v.id);
  const first110 = venues.find((v) => v.name === '第110号服务点')!.id;
  const chosen = [...park, first110].sort((a, b) => a - b);
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({ venue: Number(tr.getAttribute('data-venue')), name: tr.querySelector('th')!.textContent!, url: tr.querySelector('td')!.textContent! })),
  );
  expect(shown.map((r) => r.venue)).toEqual(chosen);
  expect(shown.map((r) => r.name)).toEqual(chosen.map((id) => venues.find((v) => v.id === id)!.name));
  for (const r of shown) {
    expect(r.url).toMatch(new RegExp(`^${server.base}/lead#invite=bi_[A-Za-z0-9_-]{43}$`));
    expect(await venuesOf(server, r.url)).toEqual([r.venue]);
  }
  // The choice is cleared for the next batch.
  await expect(form.locator('.chosen-count')).toContainText('已选 0 个');

  // Copy all: a line per venue, name and link.
  await list.getByRole('button', { name: '复制全部链接' }).tap();
  await expect(list.getByText('已复制。')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(shown.map((r) => `${r.name}\t${r.url}\n`).join(''));

  // Printed, the list stands alone.
  await page.emulateMedia({ media: 'print' });
  await expect(list.locator('table')).toBeVisible();
  await expect(form).toBeHidden();
  await expect(page.locator('.tabs')).toBeHidden();
  await expect(list.getByRole('button', { name: '打印链接列表' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  // Every venue at once: one request, 120 links, all listed below.
  const made: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/invites/venues')) made.push(r.postData() ?? '');
  });
  await form.getByRole('button', { name: '为全部场馆各生成一个链接' }).tap();
  await expect(list.getByRole('heading')).toHaveText('已生成 120 个邀请链接');
  await expect(rows).toHaveCount(120);
  expect(made).toHaveLength(1);
  expect(JSON.parse(made[0])).not.toHaveProperty('venues');
  const invites = await api(server, 'GET', '/api/events/1/invites');
  // The demo's own lead invite, then 3 and 120 made here, each for one venue.
  const mine = invites.json.filter((i: { venues: number[] }) => i.venues.length === 1);
  expect(mine.length).toBeGreaterThanOrEqual(123);
  await expect(page.locator('.invite-list > li')).toHaveCount(invites.json.length);
});

test('an invite without a lifetime lasts until the event is over; errors are in Chinese', async ({ page, server }) => {
  await page.goto(server.organiserUrl);
  await page.locator('.tabs [data-choice=invites]').tap();
  const form = page.locator('form.invite-form');
  await expect(form.getByLabel('有效时长（小时，1–720，可不填）')).toHaveValue('');
  await form.getByRole('button', { name: '为所选场馆各生成一个链接' }).tap();
  await expect(form.locator('.error-panel')).toHaveAttribute('data-error', 'error-venues_empty');

  await form.locator('.venue-checks label.check').first().tap();
  await form.getByLabel('备注（发给谁）').fill('东门 张老师');
  await form.getByRole('button', { name: '生成邀请链接' }).tap();
  await expect(page.locator('.new-invite .invite-url')).toHaveValue(/\/lead#invite=bi_/);
  const invites = await api(server, 'GET', '/api/events/1/invites');
  const newest = invites.json.reduce((a: { id: number }, b: { id: number }) => (a.id > b.id ? a : b));
  const event = await (await fetch(`${server.base}/api/events/1`)).json();
  // Noon (UTC+8) the day after the last day.
  const [y, m, d] = event.ends_on.split('-').map(Number);
  expect(newest.expires_ms).toBe(Date.UTC(y, m - 1, d + 1, 12 - 8));

  await form.locator('.venue-checks label.check').first().tap();
  // The field's own limits stop the form; the per-venue button is checked
  // by the server.
  await form.getByLabel('有效时长（小时，1–720，可不填）').fill('721');
  await form.getByRole('button', { name: '为所选场馆各生成一个链接' }).tap();
  await expect(form.locator('.error-panel')).toHaveAttribute('data-error', 'error-expiry_invalid');
  await expect(form.locator('.error-panel')).toContainText('请输入 1 至 720 小时之间的有效时长');
});
