// The walking skeleton's path, end to end with real parts: a venue's check-in
// URL → first-use form → check-in in IndexedDB → synced to the server →
// visible on the lead's page, in Debian's Chromium at a phone's size.
import { test, expect } from './fixtures/server';
import { CheckInPage } from './fixtures/checkin_page';
import { leadRosterRows } from './fixtures/console_page';
import { statSync } from 'node:fs';
import path from 'node:path';

test('a volunteer checks in from a venue URL and the lead sees it', async ({ page, server }) => {
  const checkin = new CheckInPage(page);
  // The poster's signed static code: 83 bytes, 111 characters of base64url.
  expect(server.checkinUrl).toMatch(/\/c#[s-v][A-Za-z0-9_-]{110}$/);
  await checkin.open(server.checkinUrl);

  await expect(page.locator('.venue-name')).toHaveText('区文化中心');
  await checkin.fillProfile('张三', '138 1234 5678', '第一中学');

  await expect(checkin.checkButton).toHaveText('签到');
  await checkin.checkIn();
  await checkin.expectLatestState('synced');
  await expect(checkin.records).toHaveCount(1);

  // The record and the profile survive a reload; the next tap would check out.
  await page.reload();
  await expect(checkin.records).toHaveCount(1);
  await expect(checkin.records.first().locator('.delivery')).toHaveAttribute('data-state', 'synced');
  await expect(checkin.checkButton).toHaveText('签退');
  expect(await checkin.storedRecordCount()).toBe(1);

  const rows = await leadRosterRows(page, server);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('张三');
  await expect(rows.first()).toContainText('138****5678');
  await expect(rows.first()).toContainText('第一中学');
  await expect(page.locator('.roster-counts [data-total=total] dd')).toHaveText('1');
  await expect(page.locator('.roster-counts [data-total=present] dd')).toHaveText('1');
});

test('a check-in made while the server is down is kept and synced later', async ({ page, server }) => {
  const checkin = new CheckInPage(page);
  await checkin.open(server.checkinUrl);
  await checkin.fillProfile('李四', '13900001111', '区人民医院');

  await server.stop();
  await checkin.checkIn();
  await checkin.expectLatestState('saved');
  await expect(page.locator('.sync-banner .pending')).toBeVisible();

  await server.start();
  await page.reload();
  await checkin.expectLatestState('synced');
  await expect(page.locator('.sync-banner .pending')).toBeHidden();

  const roster = await (await fetch(`${server.base}/api/venues/1/checkins`, { headers: server.organiserAuth })).json();
  expect(roster.entries.map((e: { name: string }) => e.name)).toEqual(['李四']);
});

test('the release bundles load without errors and were optimised by a correct wasm-opt', async ({ page, server }) => {
  const wasm: string[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(r.url());
  });
  const unoptimised = (name: string) =>
    statSync(path.join(process.env.CARGO_TARGET_DIR ?? path.join(__dirname, '../../target'), 'wasm-bindgen/release', name)).size;
  // The volunteer app, then the console (its own bundle under /console/).
  const bundles = [
    { url: server.base + '/', wasm: 'baodao_bg.wasm', ready: page.locator('.app-bar .brand') },
    { url: server.organiserUrl, wasm: 'baodao-console_bg.wasm', ready: page.locator('.dashboard .totals') },
  ];
  for (const b of bundles) {
    wasm.length = 0;
    await page.goto(b.url);
    await expect(b.ready).toBeVisible();
    expect(wasm).toHaveLength(1);
    // The app started above, so wasm-opt did not corrupt the bundle; and it
    // did run: the served module is much smaller than wasm-bindgen's output.
    const served = Buffer.from(await (await fetch(wasm[0])).arrayBuffer());
    expect(served.subarray(0, 4).toString('latin1')).toBe('\0asm');
    expect(served.length).toBeLessThan(unoptimised(b.wasm) * 0.8);
  }
  // The console's module is served from its own folder (public URL /console/).
  expect(new URL(wasm[0]).pathname).toMatch(/^\/console\/baodao-console-[0-9a-f]+_bg\.wasm$/);
});
