// Double taps (elderly volunteers double-tap often) on every check-in and
// check-out control, the volunteer's and the lead's: each makes exactly one
// record in the server's SQLite file, and the screen shows the state that
// record leaves — never the opposite action, never the edit form. Then the
// second venue: one step checks out at the first and in at the second.
// Chinese and English, normal and elder mode, at 320 px.
import Database from 'better-sqlite3';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, RunningServer } from './fixtures/server';
import { CheckInPage } from './fixtures/checkin_page';
import { inviteLink } from './fixtures/console_page';
import { eventKey, demoVenueCode } from './fixtures/codes';
import { texts, Lang } from './fixtures/texts';

test.use({ viewport: { width: 320, height: 640 } });

function rows(dataDir: string, name: string) {
  const db = new Database(path.join(dataDir, 'baodao.db'), { fileMustExist: true, readonly: true });
  try {
    return db
      .prepare('SELECT venue_id AS venue, kind FROM checkins WHERE name = ? ORDER BY device_time_ms, id')
      .all(name) as { venue: number; kind: string }[];
  } finally {
    db.close();
  }
}

const kinds = (dataDir: string, name: string) => rows(dataDir, name).map((r) => r.kind);

type Tap = 'dblclick' | 'two taps 100 ms apart';

/** Double-taps `target` once it accepts taps: the second tap at the first's point, whatever is there by then. */
async function doubleTap(page: Page, target: Locator, how: Tap) {
  await expect(target).toBeEnabled();
  if (how === 'dblclick') return target.dblclick();
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.touchscreen.tap(x, y);
  await page.waitForTimeout(100);
  await page.touchscreen.tap(x, y);
}

/** The language and mode, switched as a volunteer would (both are remembered). */
async function switchTo(page: Page, lang: Lang, elder: boolean) {
  if (lang === 'en') {
    await page.locator('.lang-switch:not(.sign-out)').tap();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  }
  if (elder) {
    await page.locator('.elder-switch').tap();
    await expect(page.locator('html')).toHaveClass(/\belder\b/);
  }
}

async function firstUse(page: Page, server: RunningServer, lang: Lang, elder: boolean, name: string) {
  const checkin = new CheckInPage(page);
  await checkin.open(server.checkinUrl);
  await expect(page.locator('.venue-name')).toHaveText('区文化中心');
  await switchTo(page, lang, elder);
  await checkin.fillProfile(name, '13812345678', '第一中学');
  await expect(checkin.checkButton).toHaveAttribute('data-kind', 'in');
  return checkin;
}

const modes: [Lang, boolean][] = [
  ['zh-CN', false],
  ['en', false],
  ['zh-CN', true],
  ['en', true],
];

for (const [lang, elder] of modes) {
  const t = texts(lang);
  const label = `${lang}${elder ? ', elder mode' : ''}`;

  test(`volunteer: double taps on 签到, 签退 and its question each make one record (${label})`, async ({ page, server }) => {
    const name = `王芳${lang}${elder ? '长辈' : ''}`;
    const checkin = await firstUse(page, server, lang, elder, name);
    const question = page.locator('.confirm-question');
    // The state each record leaves: its confirmation, the next action, no
    // question, no edit form; and as many records on the phone.
    const expectState = async (kind: 'in' | 'out', count: number) => {
      await expect(checkin.confirmation).toHaveAttribute('data-kind', kind);
      await expect(checkin.confirmation.locator('.confirmation-title')).toHaveText(t[kind === 'in' ? 'checkin-done' : 'checkout-done']);
      await expect(checkin.checkButton).toHaveAttribute('data-kind', kind === 'in' ? 'out' : 'in');
      await expect(checkin.checkButton).toHaveText(t[kind === 'in' ? 'checkout-button' : 'checkin-button']);
      await expect(question).toBeHidden();
      await expect(checkin.name).toHaveCount(0);
      expect(await checkin.storedRecordCount()).toBe(count);
    };

    const taps: Tap[] = ['dblclick', 'two taps 100 ms apart'];
    let count = 0;
    for (const first of taps) {
      const second: Tap = first === 'dblclick' ? 'two taps 100 ms apart' : 'dblclick';
      // 签到: one check-in, and the second tap neither checks out nor opens the edit form.
      await doubleTap(page, checkin.checkButton, first);
      await expectState('in', ++count);
      // 签退: asks once; the second tap lands on the question, not on its 签退.
      await doubleTap(page, checkin.checkButton, second);
      await expect(question).toHaveText(t['checkout-confirm_question']);
      await page.waitForTimeout(300);
      expect(await checkin.storedRecordCount()).toBe(count);
      await expect(checkin.confirmation).toHaveAttribute('data-kind', 'in');
      // The question's 签退: one check-out, and the 签到 that follows waits.
      await doubleTap(page, checkin.checkoutConfirm, first);
      await expectState('out', ++count);
    }
    // 取消 leaves things as they were. A single tap moves focus to it (a
    // double tap's second lands on the question, which takes focus away).
    await checkin.checkButton.tap();
    await expectState('in', ++count);
    await checkin.checkButton.tap();
    await expect(page.locator('button.checkout-cancel')).toBeFocused();
    await page.locator('button.checkout-cancel').tap();
    await expect(question).toBeHidden();
    await expect(checkin.checkButton).toHaveAttribute('data-kind', 'out');

    await checkin.expectLatestState('synced');
    await expect.poll(() => kinds(server.dataDir, name)).toEqual(['in', 'out', 'in', 'out', 'in']);
    // Nothing sticks out at 320 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });

  test(`volunteer at a second venue: one step checks out at the first and in here (${label})`, async ({ page, server }) => {
    const name = `李四${lang}${elder ? '长辈' : ''}`;
    const checkin = await firstUse(page, server, lang, elder, name);
    await checkin.checkButton.tap();
    await expect(checkin.confirmation).toHaveAttribute('data-kind', 'in');
    const event = await (await fetch(`${server.base}/api/events/1`)).json();
    const venueB: string = event.venues.find((v: { id: number }) => v.id === 2).name;

    await page.goto(`${server.base}/c#${demoVenueCode(eventKey(server.dataDir), { venue: 2 })}`);
    await expect(page.locator('.venue-name')).toHaveText(venueB);
    // Said plainly, and offered as one step.
    await expect(page.locator('.venue-note')).toHaveText(t['checkin-open_elsewhere'].replace('{ $venue }', '区文化中心'));
    const move = t['checkin-move'].replace('{ $venue }', '区文化中心');
    await expect(checkin.checkButton).toHaveText(move);
    await doubleTap(page, checkin.checkButton, 'two taps 100 ms apart');
    await expect(checkin.confirmation).toHaveAttribute('data-kind', 'in');
    await expect(page.locator('.venue-note')).toHaveText(t['checkin-moved'].replace('{ $venue }', '区文化中心'));
        await expect(checkin.checkButton).toHaveAttribute('data-kind', 'out');
    await checkin.expectLatestState('synced');
    // Two records through the outbox, as any: out at A, then in at B.
    await expect
      .poll(() => rows(server.dataDir, name))
      .toEqual([
        { venue: 1, kind: 'in' },
        { venue: 1, kind: 'out' },
        { venue: 2, kind: 'in' },
      ]);
    // Back at A: checked out there (with the visit's hours); checking in
    // again there would first check out at B.
    await page.goto(server.checkinUrl);
    await expect(checkin.confirmation).toHaveAttribute('data-kind', 'out');
    await expect(page.locator('.confirmation-hours')).toBeVisible();
    await expect(checkin.checkButton).toHaveText(t['checkin-move'].replace('{ $venue }', venueB));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });

  test(`lead: double taps on assisted 签到, 签退, its question and 新增并签到 each make one record (${label})`, async ({
    context,
    server,
  }) => {
    const page = await context.newPage();
    await page.goto(await inviteLink(server, [1], '东门 张老师'));
    await page.locator('a.venue-link').first().tap();
    await expect(page.locator('h1.venue-name')).toHaveText('区文化中心');
    await switchTo(page, lang, elder);
    const name = `赵大爷${lang}${elder ? '长辈' : ''}`;

    // 新增并签到: one check-in, and the second tap does not flag the cleared form.
    await page.locator('.add-person summary').tap();
    await page.locator('#new-person-name').fill(name);
    await page.locator('#new-person-mobile').fill('13700007777');
    await page.locator('#new-person-organisation').fill('社区老年协会');
    await page.locator('.add-person .organisation-not-listed').tap();
    await doubleTap(page, page.getByRole('button', { name: t['assisted-add_and_check_in'] }), 'dblclick');
    await expect(page.locator('.assisted-done')).toHaveText(t['assisted-done_in'].replace('{ $name }', name));
    await expect(page.locator('.new-person .field-error')).toHaveCount(0);
    await expect.poll(() => kinds(server.dataDir, name)).toEqual(['in']);

    await page.locator('#assisted-query').fill('7777');
    await page.getByRole('button', { name: t['assisted-find'] }).tap();
    const row = page.locator(`.match[data-name="${name}"]`);
    const question = row.locator('.confirm-question');
    const expected = ['in'];
    for (const how of ['two taps 100 ms apart', 'dblclick'] as Tap[]) {
      const other: Tap = how === 'dblclick' ? 'two taps 100 ms apart' : 'dblclick';
      // 签退 asks once, naming the person; the second tap answers nothing.
      await doubleTap(page, row.locator('button.assisted-out'), how);
      await expect(question).toHaveText(t['assisted-confirm_out'].replace('{ $name }', name));
      await page.waitForTimeout(300);
      expect(kinds(server.dataDir, name)).toEqual(expected);
      // Its 签退: one check-out; the 签到 that takes the row's button waits.
      await doubleTap(page, row.locator('button.checkout-confirm'), other);
      expected.push('out');
      await expect(page.locator('.assisted-done')).toHaveText(t['assisted-done_out'].replace('{ $name }', name));
      await expect(row.locator('button.assisted-in')).toBeVisible();
      await expect(question).toHaveCount(0);
      await expect.poll(() => kinds(server.dataDir, name)).toEqual(expected);
      // 签到: one check-in.
      await doubleTap(page, row.locator('button.assisted-in'), how);
      expected.push('in');
      await expect(page.locator('.assisted-done')).toHaveText(t['assisted-done_in'].replace('{ $name }', name));
      await expect(row.locator('button.assisted-out')).toBeVisible();
      await expect.poll(() => kinds(server.dataDir, name)).toEqual(expected);
    }
    await expect(page.locator('.people tr[data-name="' + name + '"]')).toHaveAttribute('data-status', 'present');

    // 全部签退 asks once too; one check-out for the one person present.
    await doubleTap(page, page.locator('button.checkout-all-start'), 'two taps 100 ms apart');
    await expect(page.locator('button.checkout-all-confirm')).toBeVisible();
    await doubleTap(page, page.locator('button.checkout-all-confirm'), 'dblclick');
    await expect(page.locator('.checkout-all-done')).toHaveAttribute('data-count', '1');
    expected.push('out');
    await expect.poll(() => kinds(server.dataDir, name)).toEqual(expected);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });
}
