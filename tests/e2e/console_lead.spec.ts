// The venue lead's console against the real server: an invite link, the live
// roster, assisted check-in made offline and synced later through the same
// outbox as a phone's (stored once), the review queue and "check out
// everyone".
import Database from 'better-sqlite3';
import path from 'node:path';
import { test, expect } from './fixtures/server';
import { inviteLink, storedSession, flaggedCheckIn } from './fixtures/console_page';
import { texts } from './fixtures/texts';

function rowsFor(dataDir: string, name: string) {
  const db = new Database(path.join(dataDir, 'baodao.db'), { fileMustExist: true, readonly: true });
  try {
    return db.prepare('SELECT id, kind, origin FROM checkins WHERE name = ? ORDER BY rowid').all(name) as {
      id: string;
      kind: string;
      origin: string;
    }[];
  } finally {
    db.close();
  }
}

test('invite → roster → assisted check-in offline, then online → review → check out everyone', async ({ context, server }) => {
  let page = await context.newPage();
  await page.goto(await inviteLink(server, [1], '东门 张老师'));
  await expect(page).toHaveURL(/\/lead$/);
  await expect(page.locator('a.venue-link')).toHaveCount(1);
  expect(await storedSession(page)).toMatch(/^bl_/);
  await page.locator('a.venue-link').first().tap();
  await expect(page).toHaveURL(/\/lead\/1$/);
  await expect(page.locator('h1.venue-name')).toHaveText('区文化中心');
  await expect(page.locator('.roster-counts [data-total=present] dd')).toHaveText('0');

  // Offline: the person is added and checked in on this device.
  await context.setOffline(true);
  await page.locator('.add-person summary').tap();
  await page.locator('#new-person-name').fill('赵大爷');
  // A mistyped number is explained under its field, as on a volunteer's
  // own form, and nothing is recorded.
  await page.locator('#new-person-mobile').fill('1370000777');
  await page.locator('#new-person-organisation').fill('社区老年协会');
  // Not on the event's list: said so, as a volunteer would.
  await page.locator('.add-person .organisation-not-listed').tap();
  await page.getByRole('button', { name: '新增并签到' }).tap();
  await expect(page.locator('#new-person-mobile-error')).toHaveText(texts('zh-CN')['error-mobile_invalid']);
  await expect(page.locator('#new-person-mobile')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#new-person-name-error')).toHaveCount(0);
  await expect(page.locator('.assisted-records .record')).toHaveCount(0);
  await page.locator('#new-person-mobile').fill('13700007777');
  await page.locator('#new-person-organisation').fill('社区老年协会');
  await page.getByRole('button', { name: '新增并签到' }).tap();
  await expect(page.locator('.assisted-done')).toContainText('赵大爷 已签到');
  const record = page.locator('.assisted-records .record').first();
  await expect(record.locator('.delivery')).toHaveAttribute('data-state', 'saved');
  expect(rowsFor(server.dataDir, '赵大爷')).toEqual([]);

  // The page is closed while offline; the record waits in this device's
  // outbox (IndexedDB) and is sent when the console is next opened online.
  await page.close();
  await context.setOffline(false);
  page = await context.newPage();
  await page.goto(`${server.base}/lead/1`);
  await expect(page.locator('.assisted-records .record').first().locator('.delivery')).toHaveAttribute('data-state', 'synced');
  const rows = rowsFor(server.dataDir, '赵大爷');
  expect(rows).toHaveLength(1);
  expect(rows[0].origin).toBe('assisted');
  await expect(page.locator('.people tr[data-name="赵大爷"]')).toHaveAttribute('data-status', 'present');

  // Search finds them; checking out goes the same way.
  await page.locator('#assisted-query').fill('7777');
  await page.getByRole('button', { name: '查找' }).tap();
  await page.locator('.match[data-name="赵大爷"] button.assisted-out').tap();
  // Check-out asks once.
  await page.locator('.match[data-name="赵大爷"] button.checkout-confirm').tap();
  await expect(page.locator('.assisted-done')).toContainText('赵大爷 已签退');
  await expect.poll(() => rowsFor(server.dataDir, '赵大爷').map((r) => r.kind)).toEqual(['in', 'out']);

  // A typed short code is stored flagged: the lead reviews it.
  const flagged = await flaggedCheckIn(server);
  await page.reload();
  const review = page.locator(`.review-item[data-id="${flagged}"]`);
  await expect(review).toHaveAttribute('data-flag', 'short_code_entry');
  // Rejecting needs a note.
  await review.getByRole('button', { name: '驳回' }).tap();
  await expect(review.locator('.error-panel')).toHaveAttribute('data-error', 'error-note_required');
  await review.getByRole('button', { name: '通过' }).tap();
  await expect(page.locator('.review-empty')).toBeVisible();

  // End of the day.
  await expect(page.locator('.roster-counts [data-total=present] dd')).toHaveText('1');
  await page.locator('button.checkout-all-start').tap();
  await page.locator('button.checkout-all-confirm').tap();
  await expect(page.locator('.checkout-all-done')).toHaveAttribute('data-count', '1');
  await expect(page.locator('.roster-counts [data-total=present] dd')).toHaveText('0');
  await expect(page.locator('.roster-counts [data-total=left] dd')).toHaveText('2');
});
