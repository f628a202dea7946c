// Fault tests: the offline outbox and sync against the real server.
// Each asserts the server's exact final rows (SQLite, read directly): every
// check-in present exactly once.
import { test, expect } from './fixtures/server';
import { CheckInPage } from './fixtures/checkin_page';
import { checkinRows, expectExactlyOnce, outboxRows, pendingCopies, putOutboxRows, OutboxRow } from './fixtures/outbox';
import { startStallingProxy } from './fixtures/stalling_proxy';

const MAX_BATCH_ITEMS = 200;
/** src/api.rs REQUEST_TIMEOUT_MS: how long a request may wait for its answer. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Checks in once through the UI (online) and returns the stored record, a template for more. */
async function firstCheckIn(page: import('@playwright/test').Page, url: string): Promise<OutboxRow> {
  const checkin = new CheckInPage(page);
  await checkin.open(url);
  await checkin.fillProfile('王五', '13700002222', '第二中学');
  await checkin.checkButton.tap();
  await checkin.expectLatestState('synced');
  const rows = await outboxRows(page);
  expect(rows).toHaveLength(1);
  return rows[0];
}

/**
 * Taps "sync now" if it is still there. A sync started by another trigger
 * (a retry timer, `online`, another tab) may empty the outbox first: the
 * button then goes away, and a plain click() would wait for it until the
 * test times out (the "two tabs hang" bug was exactly that).
 */
async function syncNow(page: import('@playwright/test').Page) {
  await page.locator('.sync-banner .sync-now').click({ timeout: 5_000 }).catch(() => {});
}

test('1. a check-in made offline survives closing the page and syncs when reopened online', async ({ page, context, server }) => {
  const checkin = new CheckInPage(page);
  await checkin.open(server.checkinUrl);
  await checkin.fillProfile('李四', '13900001111', '区人民医院');

  await context.setOffline(true);
  await server.stop();
  await checkin.checkButton.tap();
  await expect(checkin.confirmation).toContainText('已签到');
  await checkin.expectLatestState('saved');
  await expect(page.locator('.sync-banner .pending')).toBeVisible();
  await expect(page.locator('.sync-banner .cache-warning')).toBeVisible();
  const [saved] = await outboxRows(page);
  await page.close();

  await server.start();
  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(server.checkinUrl);
  await new CheckInPage(again).expectLatestState('synced');
  await expect(again.locator('.sync-banner .pending')).toBeHidden();
  await expect(again.locator('.sync-banner .last-sync')).toBeVisible();
  expectExactlyOnce(server.dataDir, [saved.id]);
});

test('2. the server killed (SIGKILL) in the middle of a sync loses nothing and stores nothing twice', async ({ page, server }) => {
  const template = await firstCheckIn(page, server.checkinUrl);
  const more = pendingCopies(template, 1000);
  await putOutboxRows(page, more);

  let syncRequests = 0;
  let killed: Promise<void> | null = null;
  page.on('request', (r) => {
    if (!r.url().endsWith('/api/sync')) return;
    syncRequests += 1;
    // The second batch: the first is committed, this one is in flight.
    if (syncRequests === 2 && !killed) killed = server.stop('SIGKILL');
  });
  await page.reload(); // app start is a sync trigger
  await expect.poll(() => killed !== null, { timeout: 30_000 }).toBe(true);
  await killed;
  await server.start();
  await syncNow(page);
  await expect(page.locator('.sync-banner .pending')).toBeHidden({ timeout: 60_000 });
  expectExactlyOnce(server.dataDir, [template.id, ...more.map((r) => r.id)]);
  console.log(`fault 2: ${syncRequests} /api/sync requests for 1001 records, server killed during request 2`);
});

test('3. the same batch replayed 10 times (5 of them at once) stores each record once', async ({ page, server }) => {
  test.setTimeout(120_000);
  const template = await firstCheckIn(page, server.checkinUrl);

  // Replays at the HTTP level, as a phone whose answers were lost would send:
  // 5 one after another, then 5 at the same time.
  const items = pendingCopies(template, 50).map((r) => {
    const { venue_name: _v, delivery: _d, pending: _p, ...checkin } = r;
    return checkin;
  });
  const post = () =>
    fetch(`${server.base}/api/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ device_time_ms: Date.now(), items }),
    });
  const statuses: string[][] = [];
  for (let i = 0; i < 5; i++) {
    const r = await post();
    expect(r.status).toBe(200);
    statuses.push((await r.json()).results.map((x: { status: string }) => x.status));
  }
  const concurrent = await Promise.all(Array.from({ length: 5 }, post));
  for (const r of concurrent) {
    expect(r.status, 'concurrent replay answered').toBe(200);
    statuses.push((await r.json()).results.map((x: { status: string }) => x.status));
  }
  expect(new Set(statuses[0])).toEqual(new Set(['accepted']));
  for (const s of statuses.slice(1)) expect(new Set(s)).toEqual(new Set(['duplicate']));
  expectExactlyOnce(server.dataDir, [template.id, ...items.map((i) => i.id)]);
});

/**
 * Holds every /api/sync request of `pages` for `holdMs` before passing it to
 * the server, and measures how many were in flight at once (from the page
 * sending it to the server's answer) and how many items were sent in all.
 */
async function watchSync(pages: import('@playwright/test').Page[], holdMs: number) {
  const seen = { requests: 0, items: 0, inFlight: 0, maxInFlight: 0 };
  for (const p of pages) {
    await p.route('**/api/sync', async (route) => {
      seen.requests += 1;
      seen.items += (route.request().postDataJSON() as { items: unknown[] }).items.length;
      seen.inFlight += 1;
      seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
      try {
        await new Promise((r) => setTimeout(r, holdMs));
        const response = await route.fetch();
        await route.fulfill({ response });
      } catch {
        await route.abort().catch(() => {});
      } finally {
        seen.inFlight -= 1;
      }
    });
  }
  return seen;
}

/** Two tabs of one phone (one shared outbox with 300 pending records) start syncing at the same moment. */
async function twoTabsAtOnce(
  page: import('@playwright/test').Page,
  context: import('@playwright/test').BrowserContext,
  server: { base: string; checkinUrl: string },
) {
  const template = await firstCheckIn(page, server.checkinUrl);
  const records = pendingCopies(template, 300);
  await putOutboxRows(page, records);
  const second = await context.newPage();
  const seen = await watchSync([page, second], 400);
  // Both tabs load (app start is a sync trigger) at once; the short-code
  // screen has no 300-row history to render.
  const started = Date.now();
  await Promise.all([page.goto(`${server.base}/code`), second.goto(`${server.base}/code`)]);
  // Nothing left on the phone: every record has the server's answer. Read
  // from the shared outbox itself: a tab that has not read its records yet
  // shows no "waiting" banner either (and the last sync time from before).
  await expect
    .poll(async () => (await outboxRows(second)).filter((r) => r.pending !== 0).length, { timeout: 60_000 })
    .toBe(0);
  const stored = await outboxRows(second);
  expect(new Set(stored.map((r) => (r.delivery as { state: string }).state))).toEqual(new Set(['synced']));
  // Each tab has heard of this sync, its own or the other tab's, and shows
  // nothing waiting.
  for (const p of [page, second]) {
    await expect
      .poll(async () => Number(await p.locator('.sync-banner .last-sync').getAttribute('data-ms')))
      .toBeGreaterThanOrEqual(started);
    await expect(p.locator('.sync-banner .pending')).toBeHidden();
  }
  return { ids: [template.id, ...records.map((r) => r.id)], seen };
}

test('3b. two tabs syncing at once: one tab at a time (Web Locks), each record stored once', async ({ page, context, server }) => {
  test.setTimeout(120_000);
  const { ids, seen } = await twoTabsAtOnce(page, context, server);
  expectExactlyOnce(server.dataDir, ids);
  // The cross-tab lock: never two batches in flight, no record sent twice.
  expect(seen.maxInFlight).toBe(1);
  expect(seen.items).toBe(300);
  console.log(`fault 3b: two tabs, ${seen.requests} /api/sync requests for 300 records, at most ${seen.maxInFlight} in flight`);
});

test('3c. two tabs syncing at once without Web Locks (old WebViews): the server stores each record once', async ({ page, context, server }) => {
  test.setTimeout(120_000);
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined, configurable: true });
  });
  const { ids, seen } = await twoTabsAtOnce(page, context, server);
  expectExactlyOnce(server.dataDir, ids);
  // Both tabs really did send the same records at the same time.
  expect(seen.maxInFlight).toBeGreaterThanOrEqual(2);
  expect(seen.items).toBeGreaterThan(300);
  console.log(`fault 3c: two tabs without locks, ${seen.requests} requests carrying ${seen.items} items for 300 records, ${seen.maxInFlight} in flight at once`);
});

test('4. a device clock a day ahead: stored with the corrected time and flagged, not lost', async ({ page, server }) => {
  const DAY = 86_400_000;
  // The phone's clock (Date.now and new Date()) runs a day ahead.
  await page.addInitScript((shift) => {
    const Real = Date;
    const realNow = Real.now.bind(Real);
    class Shifted extends Real {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(realNow() + shift);
        else super(...(args as [number]));
      }
      static now() {
        return realNow() + shift;
      }
    }
    (globalThis as unknown as { Date: DateConstructor }).Date = Shifted as unknown as DateConstructor;
  }, DAY);
  const checkin = new CheckInPage(page);
  await checkin.open(server.checkinUrl);
  expect(await page.evaluate(() => Date.now() - performance.timeOrigin - performance.now())).toBeGreaterThan(DAY - 60_000);
  await checkin.fillProfile('钱七', '13500004444', '红十字会');
  const before = Date.now();
  await checkin.checkButton.tap();
  await checkin.expectLatestState('flagged');
  const after = Date.now();
  const [saved] = await outboxRows(page);
  // The phone keeps its own clock's reading...
  expect(saved.device_time_ms).toBeGreaterThanOrEqual(before + DAY);
  expect(saved.device_time_ms).toBeLessThanOrEqual(after + DAY);
  expect(saved.delivery).toEqual({ state: 'flagged', reason: 'device_clock_off' });

  // ...the server stores it once, with the time corrected and a flag.
  const rows = checkinRows(server.dataDir);
  expect(rows).toHaveLength(1);
  const [row] = rows;
  expect(row.id).toBe(saved.id);
  expect(row.flag).toBe('device_clock_off');
  expect(row.device_time_ms).toBe(saved.device_time_ms);
  expect(row.checked_ms).toBeGreaterThanOrEqual(before - 1_000);
  expect(row.checked_ms).toBeLessThanOrEqual(after + 1_000);

  // The phone learnt its offset at sync and shows the corrected time
  // (today's date, not tomorrow's).
  const offset = Number(await page.evaluate(() => localStorage.getItem('baodao.clock_offset_ms')));
  expect(Math.abs(offset + DAY)).toBeLessThan(5_000);
  const shown = await checkin.records.first().locator('time').textContent();
  const expected = await page.evaluate((t) => {
    const format = (ms: number) =>
      new Date(ms).toLocaleString('zh-CN', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    return [format(t - 5_000), format(t), format(t + 5_000)];
  }, row.checked_ms);
  expect(expected).toContain(shown);
  await expect(checkin.records.first().locator('.delivery')).toHaveAttribute('data-state', 'flagged');
});

test('5. 10,000 pending records sync in bounded batches and the page stays responsive', async ({ page, server }) => {
  test.setTimeout(240_000);
  const template = await firstCheckIn(page, server.checkinUrl);
  const more = pendingCopies(template, 9_999);
  await page.goto(`${server.base}/code`); // no 10,000-row history on this screen
  await putOutboxRows(page, more);

  let requests = 0;
  page.on('request', (r) => r.url().endsWith('/api/sync') && (requests += 1));
  // Measure the longest gap between animation frames while syncing.
  await page.addInitScript(() => {
    const w = window as unknown as { __maxGap: number; __frames: number };
    w.__maxGap = 0;
    w.__frames = 0;
    let last = performance.now();
    const tick = (t: number) => {
      w.__maxGap = Math.max(w.__maxGap, t - last);
      w.__frames += 1;
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const started = Date.now();
  await page.reload();
  await expect(page.locator('.sync-banner .pending')).toBeVisible();
  // Click-to-paint while batches are in flight: tap the language switch and
  // time until the next frame after its handler.
  const clickToPaint = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const button = document.querySelector('.lang-switch') as HTMLElement;
        const t0 = performance.now();
        button.addEventListener('click', () => requestAnimationFrame(() => resolve(performance.now() - t0)), { once: true });
        button.click();
      }),
  );
  await expect(page.locator('.sync-banner .pending')).toBeHidden({ timeout: 200_000 });
  const elapsed = Date.now() - started;
  const { maxGap, frames } = await page.evaluate(() => {
    const w = window as unknown as { __maxGap: number; __frames: number };
    return { maxGap: w.__maxGap, frames: w.__frames };
  });
  console.log(
    `fault 5: 10,000 records synced in ${elapsed} ms with ${requests} requests; ` +
      `longest frame gap ${maxGap.toFixed(0)} ms over ${frames} frames; click-to-paint ${clickToPaint.toFixed(0)} ms`,
  );
  expect(requests).toBeLessThanOrEqual(Math.ceil(10_000 / MAX_BATCH_ITEMS) + 3);
  expectExactlyOnce(server.dataDir, [template.id, ...more.map((r) => r.id)]);
});

test('6. after one visit the app shell loads from the service worker with the server down', async ({ page, server }) => {
  const sw = await fetch(`${server.base}/sw.js`);
  expect(sw.headers.get('cache-control')).toBe('no-cache');
  const source = await sw.text();
  expect(source).not.toContain('__BAODAO_');
  expect(source).toMatch(/baodao_bg\.wasm|_bg-[0-9a-f]+\.wasm|\.wasm"/);

  await page.goto(server.base + '/');
  await expect(page.locator('.app-bar .brand')).toContainText('报到');
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
  });
  await server.stop();
  await page.reload();
  await expect(page.locator('.app-bar .brand')).toContainText('报到');
  // A deep link opens too (navigations fall back to this version's index.html).
  await page.goto(`${server.base}/code`);
  await expect(page.locator('.app-bar .brand')).toContainText('报到');
  await expect(page.locator('form.short-code-form')).toBeVisible();
  // (The fixture's stop() cannot tell a signalled process has exited: restart for its teardown.)
  await server.start();
});

test('7. a stalled sync request times out, releases the sync lock, and the batch is retried and stored once', async ({ page, server }) => {
  // The page's timers and clock are Playwright's (time still flows), so the
  // request deadline can be reached without waiting for it.
  await page.clock.install();
  const proxy = await startStallingProxy(server.base);
  try {
    const template = await firstCheckIn(page, server.checkinUrl.replace(server.base, proxy.base));
    const more = pendingCopies(template, 50);
    await putOutboxRows(page, more);

    // The next two sync requests meet a connection that never answers:
    // first the request is lost, then the server stores the batch but its
    // answer never reaches the phone.
    proxy.syncs.length = 0; // the first check-in's
    proxy.stalls.push('lost', 'unanswered');
    await page.reload(); // app start is a sync trigger
    await expect.poll(() => proxy.syncs.length).toBe(1);
    await expect(page.locator('.sync-banner .pending')).toHaveAttribute('data-count', '50');
    // While the request hangs, this tab holds the cross-tab sync lock.
    const held = () => page.evaluate(async () => (await navigator.locks.query()).held?.map((l) => l.name) ?? []);
    expect(await held()).toContain('baodao-sync');

    await page.clock.fastForward(REQUEST_TIMEOUT_MS + 1_000);
    // Aborted at the deadline: a network failure, retried after a backoff.
    await expect(page.locator('.sync-banner .offline')).toBeVisible();
    await expect.poll(() => proxy.syncs.length, { timeout: 20_000 }).toBe(2);
    await expect.poll(() => proxy.heldBack.length).toBe(1);
    expectExactlyOnce(server.dataDir, [template.id, ...more.map((r) => r.id)]);

    await page.clock.fastForward(REQUEST_TIMEOUT_MS + 1_000);
    await expect(page.locator('.sync-banner .pending')).toBeHidden({ timeout: 30_000 });
    // ...and the lock is free again (released once the run ends).
    await expect.poll(held).not.toContain('baodao-sync');
    const stored = await outboxRows(page);
    expect(stored.filter((r) => r.pending !== 0)).toEqual([]);
    expect(proxy.syncs.map((s) => s.fate)).toEqual(['lost', 'unanswered', 'answered']);
    // The retry carried the same 50 records; the server had them already.
    expect(proxy.syncs.map((s) => s.items)).toEqual([50, 50, 50]);
    expect(new Set(proxy.syncs[2].statuses)).toEqual(new Set(['duplicate']));
    expectExactlyOnce(server.dataDir, [template.id, ...more.map((r) => r.id)]);
  } finally {
    await proxy.close();
  }
});

test('without IndexedDB, records fall back to localStorage with a warning and still sync once', async ({ page, server }) => {
  await page.addInitScript(() => {
    // What some WebViews and private modes look like.
    delete (window as unknown as { indexedDB?: IDBFactory }).indexedDB;
  });
  const checkin = new CheckInPage(page);
  await checkin.open(server.checkinUrl);
  expect(await page.evaluate(() => typeof (window as { indexedDB?: unknown }).indexedDB)).toBe('undefined');
  await expect(page.locator('.sync-banner .storage-fallback')).toBeVisible();
  await checkin.fillProfile('赵六', '13600003333', '街道办');

  await server.stop();
  await checkin.checkButton.tap();
  await expect(checkin.confirmation).toContainText('已签到');
  await checkin.expectLatestState('saved');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('baodao.outbox.fallback') ?? '[]'));
  expect(stored).toHaveLength(1);

  await server.start();
  await page.reload();
  await checkin.expectLatestState('synced');
  await expect(page.locator('.sync-banner .storage-fallback')).toBeVisible();
  await expect(page.locator('.sync-banner .storage-error')).toBeHidden();
  expectExactlyOnce(server.dataDir, [stored[0].id]);
});
