// The volunteer's journey on real WebKit (WebKitGTK's MiniBrowser, the engine
// of every iPhone browser, WeChat's included), against the real server:
// first use, check in and out, a server outage, the photo fallback and the
// mock camera. Each project (playwright.config.ts) runs it once: service
// workers on, off, and off with iOS WeChat's user agent.
import { test, expect, WebKitPage, OutboxRecord } from './fixtures/webkit';
import type { RunningServer } from '../e2e/fixtures/server';
import { storedCheckins as storedRows } from '../e2e/fixtures/outbox';
import { qrPng } from '../e2e/fixtures/fake_camera';
import { texts, Lang } from '../e2e/fixtures/texts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const VENUE = '区文化中心';
const PERSON = { name: '王芳', mobile: '13812345678', organisation: '第一中学' };

/** The language the widget chose (MiniBrowser reports its own locale). */
async function lang(wk: WebKitPage): Promise<Record<string, string>> {
  const tag = await wk.until('the widget to set <html lang>', () => wk.eval<string>('return document.documentElement.lang;'), (l) => /^(zh-CN|en)$/.test(l));
  return texts(tag as Lang);
}

/** The notice, then the profile; ready to check in. */
async function firstUse(wk: WebKitPage, server: RunningServer) {
  await wk.goto(server.checkinUrl);
  const t = await lang(wk);
  await wk.expectText('.privacy-notice h1', t['privacy-title']);
  // Nothing to fill in and no check-in before the notice is accepted.
  expect(await wk.count('#profile-name')).toBe(0);
  expect(await wk.count('button.primary.big')).toBe(0);
  await wk.click('.privacy-notice button.accept');
  await wk.fill('#profile-name', PERSON.name);
  await wk.fill('#profile-mobile', PERSON.mobile);
  await wk.fill('#profile-organisation', PERSON.organisation);
  // Picked from the event's list, or entered as "not listed": never by typing alone.
  const picked = await wk.until(
    'the organisation to be matched or offered as not listed',
    () => wk.eval<string>("return document.querySelector('.organisation-picked') ? 'picked' : document.querySelector('.organisation-not-listed') ? 'not-listed' : '';"),
    (v) => v !== '',
  );
  if (picked === 'not-listed') await wk.click('.organisation-not-listed');
  await wk.click('form.profile-form button[type=submit]');
  await wk.expectText('.venue-name', VENUE);
  await wk.expectAttr('button.primary.big', 'data-kind', 'in');
  await wk.expectText('button.primary.big', t['checkin-button']);
  return t;
}

/** Check-out asks once: the big button, then the question's 签退. */
async function checkOut(wk: WebKitPage, t: Record<string, string>) {
  await wk.expectAttr('button.primary.big', 'data-kind', 'out');
  await wk.click('button.primary.big');
  await wk.click('button.checkout-confirm');
  await wk.expectText('.confirmation .confirmation-title', t['checkout-done']);
}

/**
 * What the server must hold for these outbox rows (oldest first): one row
 * each, the same ids, with the venue, kind and flag expected of each.
 */
function expectedRows(outbox: OutboxRecord[], expected: { venue: number; kind: string; flag: string | null }[]) {
  expect(outbox.map((r) => [r.venue, r.kind])).toEqual(expected.map((e) => [e.venue, e.kind]));
  return outbox.map((r, i) => ({
    id: r.id,
    event_id: 1,
    venue_id: expected[i].venue,
    kind: expected[i].kind,
    ...PERSON,
    origin: 'device',
    flag: expected[i].flag,
  }));
}

/** Outbox rows oldest first (the order the server's `checked_ms` sorts them). */
async function outboxInOrder(wk: WebKitPage) {
  const rows = await wk.outboxRows();
  expect(Array.isArray(rows), JSON.stringify(rows)).toBe(true);
  return [...rows].sort((a, b) => a.device_time_ms - b.device_time_ms || a.id.localeCompare(b.id));
}

test('first use, check in, reload, check out: the visit\'s hours are shown and the server has both', async ({ wk, server, webkit }) => {
  const t = await firstUse(wk, server);
  const sw = await wk.eval<string>('return typeof navigator.serviceWorker;');
  expect(sw).toBe(webkit.serviceWorkers ? 'object' : 'undefined');
  if (webkit.userAgent) expect(await wk.eval<string>('return navigator.userAgent;')).toBe(webkit.userAgent);

  await wk.click('button.primary.big');
  await wk.expectText('.confirmation .confirmation-title', t['checkin-done']);
  await wk.expectAttr('.confirmation .delivery', 'data-state', 'synced');
  await wk.expectCount('.record-list .record', 1);

  // The record and the profile survive a reload; the next tap checks out.
  await wk.reload();
  await wk.expectText('.venue-name', VENUE);
  await wk.expectCount('.record-list .record', 1);
  await wk.expectAttr('.record-list .record .delivery', 'data-state', 'synced');
  await wk.expectAttr('button.primary.big', 'data-kind', 'out');
  await wk.expectText('button.primary.big', t['checkout-button']);

  await checkOut(wk, t);
  await wk.expectAttr('.confirmation .delivery', 'data-state', 'synced');
  // The visit's hours, from the two records' times as stored on the phone.
  const outbox = await outboxInOrder(wk);
  expect(outbox.map((r) => r.kind)).toEqual(['in', 'out']);
  const minutes = Math.floor(
    (outbox[1].device_time_ms - outbox[0].device_time_ms) / 60_000,
  );
  const duration = t['hours-duration'].replace('{ $hours }', String(Math.floor(minutes / 60))).replace('{ $minutes }', String(minutes % 60));
  await wk.expectText('.confirmation-hours', t['hours-visit'].replace('{ $duration }', duration));

  // Home: the event's total, nothing in progress, both records.
  await wk.goto(server.base + '/');
  await wk.expectAttr('.hours-total', 'data-minutes', String(minutes));
  await wk.expectText('.hours-total .hours-value', duration);
  expect(await wk.count('.hours-open')).toBe(0);
  await wk.expectCount('.record-list .record', 2);

  expect(storedRows(server.dataDir)).toEqual(
    expectedRows(outbox, [
      { venue: 1, kind: 'in', flag: null },
      { venue: 1, kind: 'out', flag: null },
    ]),
  );
});

test('with the server stopped the open page keeps checking in, and syncs by itself when it is back', async ({ wk, server, webkit }) => {
  // The second venue's short code (printed under its QR code).
  const event = await (await fetch(`${server.base}/api/events/1`)).json();
  const venue2 = event.venues.find((v: { id: number }) => v.id === 2);
  const t = await firstUse(wk, server);
  await wk.click('button.primary.big');
  await wk.expectAttr('.confirmation .delivery', 'data-state', 'synced');
  if (webkit.serviceWorkers) {
    // The worker has taken over this page: it can serve the app shell offline.
    await wk.until('a service worker to control the page', () => wk.eval<boolean>('return !!navigator.serviceWorker.controller;'), (c) => c);
  }

  let stopped = false;
  try {
    await server.stop();
    stopped = true;
    // Check out here: kept on the phone, waiting.
    await checkOut(wk, t);
    await wk.expectAttr('.confirmation .delivery', 'data-state', 'saved');
    await wk.until('the failed sync to be shown', () => wk.count('.sync-banner .offline'), (n) => n === 1);
    // Then the next venue, by its short code (resolved from the event data
    // cached on the phone), without loading a page: home, "type the code".
    await wk.click('a.brand');
    await wk.click('a.short-code-link');
    await wk.fill('#short-code', venue2.short_code);
    await wk.click('form.short-code-form button[type=submit]');
    await wk.expectText('.venue-name', venue2.name);
    await wk.expectAttr('button.primary.big', 'data-kind', 'in');
    await wk.click('button.primary.big');
    await wk.expectText('.confirmation .confirmation-title', t['checkin-done']);
    await wk.expectAttr('.confirmation .delivery', 'data-state', 'saved');
    await wk.expectAttr('.sync-banner .pending', 'data-count', '2');

    if (webkit.serviceWorkers) {
      // Reopened with no server: the service worker's copy of the app, the
      // records from IndexedDB.
      await wk.reload();
      await wk.expectText('.venue-name', venue2.name);
      await wk.expectCount('.record-list .record', 3);
      await wk.expectAttr('.sync-banner .pending', 'data-count', '2');
    }

    await server.start();
    stopped = false;
    // No reload, no tap: the sync engine's own retry delivers them.
    await wk.until(
      'every record delivered',
      async () => (await wk.outboxRows()).map((r) => r.delivery.state).sort(),
      (s) => JSON.stringify(s) === JSON.stringify(['flagged', 'synced', 'synced']),
      90_000,
    );
    await wk.expectCount('.sync-banner .pending', 0);
  } finally {
    // The server fixture stops what is running at teardown.
    if (stopped) await server.start();
  }
  // A typed short code is stored flagged for the lead's review, as always.
  expect(storedRows(server.dataDir)).toEqual(
    expectedRows(await outboxInOrder(wk), [
      { venue: 1, kind: 'in', flag: null },
      { venue: 1, kind: 'out', flag: null },
      { venue: 2, kind: 'in', flag: 'short_code_entry' },
    ]),
  );
});

test('a photo of the venue code on the scan screen opens its check-in page', async ({ wk, server }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'baodao-webkit-'));
  const other = path.join(dir, 'other.png');
  const poster = path.join(dir, 'poster.png');
  writeFileSync(other, await qrPng('hello world'));
  writeFileSync(poster, await qrPng(server.checkinUrl));

  await wk.goto(server.base + '/scan');
  const t = await lang(wk);
  const input = 'section.scanner input[type=file]';
  // A photo without a Baodao code first: explained, and the screen stays.
  await wk.chooseFile(input, other);
  await wk.expectText('.scan-notice', t['error-not_baodao']);
  // The photo was read beside the camera's frames, and the camera still scans.
  const frames = () => wk.eval<number>('return (window.__baodaoScan || {}).frames || 0;');
  const before = await frames();
  await wk.until('the camera to keep scanning', frames, (n) => n > before + 2);
  await wk.chooseFile(input, poster);
  await wk.until('the check-in page', () => wk.url(), (u) => u === server.checkinUrl);
  await wk.expectText('.venue-name', VENUE);
});

test('the scan screen opens the (mock) camera and releases it on leaving', async ({ wk, server, webkit }) => {
  await wk.goto(server.base + '/scan');
  const t = await lang(wk);
  await wk.expectAttr('section.scanner', 'data-state', 'scanning');
  // Frames arrive from WebKit's mock capture device.
  const track = await wk.until(
    'the video to play the camera',
    () =>
      wk.eval<{ w: number; label: string; state: string } | null>(`
        const v = document.querySelector('section.scanner video');
        if (!v || !v.srcObject || v.videoWidth === 0) return null;
        window.__track = v.srcObject.getVideoTracks()[0];
        return { w: v.videoWidth, label: window.__track.label, state: window.__track.readyState };`),
    (v) => v !== null,
  );
  expect(track!.state).toBe('live');
  expect(track!.label).toMatch(/mock/i);
  if (webkit.userAgent?.includes('MicroMessenger')) {
    // No WeChat account on this server: WeChat's scanner is not offered, the hint is.
    await wk.expectText('.wechat-hint', t['wechat-camera_hint']);
  } else {
    expect(await wk.count('.wechat-hint')).toBe(0);
  }
  await wk.click('a.short-code-link');
  await wk.expectCount('section.scanner', 0);
  await wk.until('the camera to be released', () => wk.eval<string>('return window.__track.readyState;'), (s) => s === 'ended');
});
