// Accessibility: every volunteer screen, in both languages, both
// modes (normal and elder) and both colour schemes, passes axe-core with no
// serious or critical violation, does not scroll sideways on a 320 px phone,
// and has touch targets of at least 44 px (elder mode: taller). The venue
// lead's, display and organiser screens too, in both languages.
import { test, expect } from './fixtures/server';
import type { RunningServer } from './fixtures/server';
import { CheckInPage } from './fixtures/checkin_page';
import { fixture, flaggedCheckIn, setupLink, switchSession } from './fixtures/console_page';
import { randomKey, demoVenueCode } from './fixtures/codes';
import { launchWithCamera } from './fixtures/fake_camera';
import { WECHAT_UA } from './fixtures/wechat';
import { expectNoSeriousViolations, expectNoHorizontalScroll, expectTouchTargets } from './fixtures/a11y';
import type { Page, BrowserContext } from '@playwright/test';

type Lang = 'zh-CN' | 'en';
type Mode = 'normal' | 'elder';

/** Language and elder mode as the volunteer left them (what the switches store). */
async function remember(page: Page, lang: Lang, mode: Mode) {
  await page.addInitScript(
    ([lang, elder]) => {
      localStorage.setItem('baodao.lang', lang);
      localStorage.setItem('baodao.elder', elder ? '1' : '0');
      // /scan?camera=NotAllowedError: getUserMedia fails that way.
      const failure = new URLSearchParams(location.search).get('camera');
      if (failure && navigator.mediaDevices) {
        navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('test', failure));
      }
    },
    [lang, mode === 'elder'] as const,
  );
}

/** Checks the screen now shown: axe, sideways scroll, touch targets. */
async function audit(page: Page, screen: string, mode: Mode) {
  await expectNoHorizontalScroll(page, screen);
  await expectTouchTargets(page, screen, mode === 'elder' ? { width: 44, height: 56 } : { width: 44, height: 44 });
  await expectNoSeriousViolations(page, screen);
}

/** Walks through every volunteer screen, auditing each. */
async function volunteerScreens(page: Page, context: BrowserContext, server: RunningServer, mode: Mode) {
  const checkin = new CheckInPage(page);
  const check = (screen: string) => audit(page, screen, mode);

  await page.goto(server.base + '/');
  await expect(page.locator('a.scan-link')).toBeVisible();
  await expect(page.locator('.records .hint')).toBeVisible();
  await check('home, no profile');

  for (const failure of ['NotAllowedError', 'NotFoundError']) {
    await page.goto(`${server.base}/scan?camera=${failure}`);
    await expect(page.locator('.scan-error')).toBeVisible();
    await expect(page.locator('label.photo-button')).toBeVisible();
    await check(`scanner, camera ${failure}`);
  }

  await page.goto(server.base + '/code');
  await expect(page.locator('#short-code')).toBeVisible();
  await check('short-code form');
  await page.locator('#short-code').fill('ABCD-EFGH');
  await page.locator('form.short-code-form button[type=submit]').tap();
  await expect(page.locator('.error-panel')).toBeVisible();
  await check('short-code form, typo');

  const forged = demoVenueCode(randomKey());
  await page.goto(`${server.base}/c#${forged}`);
  await expect(checkin.error).toBeVisible();
  await check('forged code');
  await page.goto(`${server.base}/c#%E5%A5%BD%3Cscript%3E`);
  await expect(checkin.error).toBeVisible();
  await check('unreadable code');

  await checkin.open(server.checkinUrl);
  const accept = page.locator('.privacy-notice button.accept');
  await expect(accept).toBeVisible();
  await check('personal-information notice');
  await page.locator('.privacy-notice button.decline').tap();
  await expect(page.locator('.privacy-declined')).toBeVisible();
  await check('notice declined');
  await accept.tap();
  await expect(checkin.name).toBeVisible();
  await check('first-use form');
  await checkin.organisation.fill('bj');
  await expect(page.locator('.organisation-option').first()).toBeVisible();
  await check('organisation search, options');
  await checkin.organisation.fill('zzzz');
  await expect(page.locator('.organisation-none')).toBeVisible();
  await check('organisation search, nothing found');
  await page.locator('.organisation-not-listed').tap();
  await expect(page.locator('.organisation-unlisted')).toBeVisible();
  await check('organisation not listed');
  await checkin.mobile.fill('123');
  await checkin.save.tap();
  await expect(page.locator('.field-error').first()).toBeVisible();
  await check('first-use form, errors shown');

  await checkin.fillProfile('王芳', '13812345678', '第一中学');
  await checkin.checkButton.tap();
  await checkin.expectLatestState('synced');
  await expect(checkin.checkButton).toHaveAttribute('data-kind', 'out');
  await check('checked in, check-out offered');
  await checkin.checkButton.tap();
  await expect(checkin.checkoutConfirm).toBeVisible();
  await check('check-out asks once');
  await checkin.checkoutConfirm.tap();
  await expect(checkin.confirmation).toHaveAttribute('data-kind', 'out');
  await checkin.expectLatestState('synced');
  await check('checked out, hours shown');

  await context.setOffline(true);
  await expect(page.locator('.sync-banner .offline')).toBeVisible();
  await checkin.checkButton.tap();
  await checkin.expectLatestState('saved');
  await expect(page.locator('.sync-banner .pending')).toBeVisible();
  await check('offline, one record pending');

  // Home: hours, records, my details; "forget me" refused while one waits.
  await page.locator('a.brand').tap();
  await expect(checkin.records).toHaveCount(3);
  await check('home, with profile, hours and records');
  await page.locator('.my-details button.forget-me').tap();
  await expect(page.locator('.forget-refused')).toBeVisible();
  await check('forget me refused (records pending)');
  // Back online the record syncs by itself; then forgetting may go ahead.
  await context.setOffline(false);
  await page.locator('.forget-refused button.forget-me').tap();
  await expect(page.locator('.forget-confirm')).toBeVisible();
  await check('forget me, are you sure');
  await page.locator('button.forget-no').tap();
  await page.locator('details.privacy-review summary').tap();
  await expect(page.locator('details.privacy-review')).toHaveAttribute('open', '');
  await check('home, notice read again');
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} scheme`, () => {
    test.use({ colorScheme: scheme, viewport: { width: 320, height: 640 } });
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const mode of ['normal', 'elder'] as const) {
        test(`every volunteer screen is accessible at 320 px: ${lang}, ${mode}`, async ({ page, context, server }) => {
          await remember(page, lang, mode);
          await volunteerScreens(page, context, server, mode);
        });
      }
    }
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const mode of ['normal', 'elder'] as const) {
        test(`lead, display, poster and organiser screens are accessible at 320 px: ${lang}, ${mode}`, async ({ page, server }) => {
          await remember(page, lang, mode);
          const check = (screen: string) => audit(page, screen, mode);
          await page.goto(await setupLink(server));
          await expect(page.locator('form.sign-in[data-state=setup]')).toBeVisible();
          await check('organiser setup link: your name');
          await page.goto(server.organiserUrl);
          await expect(page.locator('.dashboard .totals')).toBeVisible();
          await check('organiser dashboard');
          await page.locator('button.new-event').tap();
          await expect(page.locator('form.event-form')).toBeVisible();
          await check('organiser new event form');
          await page.locator('button.new-event').tap();
          await page.locator('.tabs [data-choice=catalogue]').tap();
          await expect(page.locator('.venue-list > li').first()).toBeVisible();
          await check('organiser venues and organisations');
          const venues = page.locator('form.csv-import[data-kind=venues]');
          await venues.locator('input[type=file]').setInputFiles(fixture('venues_bad_row.csv'));
          await venues.locator('button[type=submit]').tap();
          await expect(venues.locator('.csv-errors')).toBeVisible();
          await check('organiser CSV import, rows at fault');
          await page.locator('.tabs [data-choice=invites]').tap();
          await expect(page.locator('.invite-form')).toBeVisible();
          await check('organiser invites');
          await page.locator('.tabs [data-choice=event]').tap();
          await expect(page.locator('form.event-form')).toBeVisible();
          await check('organiser event settings');
          await page.locator('.tabs a[href^="/organiser/posters"]').tap();
          await expect(page.locator('.posters .poster-qr svg').first()).toBeVisible();
          await check('organiser posters');
          await page.goto(server.leadUrl);
          await expect(page.locator('.link-question')).toBeVisible();
          await check('another sign-in link: replace the session?');
          await page.locator('.link-question button.switch-replace').click();
          await expect(page.locator('.lead-header')).toBeVisible();
          await check('lead roster, empty');
          // A person the lead adds and checks in; a typed short code to review.
          await page.locator('.add-person summary').tap();
          await page.locator('#new-person-name').fill('赵大爷');
          await page.locator('#new-person-mobile').fill('13700007777');
          await page.locator('#new-person-organisation').fill('社区老年协会');
          await page.locator('.add-person .organisation-not-listed').tap();
          await page.locator('.add-person button[type=submit]').tap();
          await expect(page.locator('.assisted-done')).toBeVisible();
          await expect(page.locator('.people tr[data-name="赵大爷"]')).toBeVisible();
          await check('lead: person added and checked in, roster');
          await flaggedCheckIn(server);
          await page.reload();
          await expect(page.locator('.review-item')).toBeVisible();
          await check('lead: check-in to review');
          await page.locator('button.checkout-all-start').tap();
          await expect(page.locator('button.checkout-all-confirm')).toBeVisible();
          await check('lead: check out everyone, are you sure');
          // The dashboard again, now with check-ins: counts, the chart's bars
          // and the organisations' table.
          await switchSession(page, server.organiserUrl);
          await expect(page.locator('.timeline-chart .bucket rect.bar-in').first()).toBeVisible();
          await expect(page.locator('.organisation-counts tbody tr').first()).toBeVisible();
          await check('organiser dashboard with check-ins');
          await page.goto(server.base + '/lead/1/poster');
          await expect(page.locator('.posters .poster-qr svg').first()).toBeVisible();
          await check('venue poster');
          await page.goto(server.base + '/lead/1/display');
          await expect(page.locator('.display-qr')).toHaveAttribute('data-code', /.+/);
          await check('venue display');
          await page.goto(server.base + '/lead');
          await expect(page.locator('.lead-home')).toBeVisible();
          await check('lead home (venues to choose)');
          await page.locator('button.sign-out').tap();
          await expect(page.locator('.sign-in[data-state=signed-out]')).toBeVisible();
          await check('console, signed out');
        });
      }
    }
  });
}

// Screens that need their own browser set-up: a live camera, WeChat, no
// IndexedDB; and a short-code check-in (flagged for the lead).
test.describe('more volunteer screens', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const mode of ['normal', 'elder'] as const) {
      test(`live scanner, WeChat hint, short-code check-in and storage warning are accessible: ${lang}, ${mode}`, async ({ page, browser, server }) => {
        const check = (p: Page, screen: string) => audit(p, screen, mode);

        // A camera that sees a QR code that is not a venue's: scanning goes on.
        const cam = await launchWithCamera('https://example.com/not-a-venue', {
          frames: 3,
          context: { viewport: { width: 320, height: 640 } },
        });
        try {
          await remember(cam.page, lang, mode);
          await cam.page.goto(server.base + '/scan');
          await expect(cam.page.locator('.scan-notice')).not.toBeEmpty({ timeout: 20_000 });
          await expect(cam.page.locator('.viewfinder video')).toBeVisible();
          await check(cam.page, 'live scanner, foreign code explained');
        } finally {
          await cam.close();
        }

        const wechat = await browser.newContext({ userAgent: WECHAT_UA.android, viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
        try {
          const wx = await wechat.newPage();
          await remember(wx, lang, mode);
          await wx.goto(`${server.base}/scan?camera=NotAllowedError`);
          await expect(wx.locator('.wechat-hint')).toBeVisible();
          await expect(wx.locator('.scan-error')).toBeVisible();
          await check(wx, 'WeChat, camera denied');
        } finally {
          await wechat.close();
        }

        // No IndexedDB (some WebViews): the fallback warning.
        await page.addInitScript(() => {
          delete (window as unknown as { indexedDB?: IDBFactory }).indexedDB;
        });
        await remember(page, lang, mode);
        const event = await (await fetch(`${server.base}/api/events/1`)).json();
        const code: string = event.venues.find((v: { id: number }) => v.id === 1).short_code;
        await page.goto(server.base + '/code');
        await page.locator('#short-code').fill(code);
        await page.locator('form.short-code-form button[type=submit]').tap();
        const checkin = new CheckInPage(page);
        await checkin.fillProfile('赵敏', '13700001111', '实验小学');
        await checkin.checkButton.tap();
        await checkin.expectLatestState('flagged');
        await expect(page.locator('.sync-banner .storage-fallback')).toBeVisible();
        await check(page, 'short-code check-in (flagged), storage fallback warning');
      });
    }
  }
});

test('the language switch changes the page language for screen readers', async ({ page, server }) => {
  await page.goto(server.base + '/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const sw = page.locator('.lang-switch');
  await sw.tap();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toHaveText(/[A-Za-z]/);
  // The switch says, in the other language, what it switches to.
  await expect(sw).toHaveAttribute('lang', 'zh-CN');
  await sw.tap();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(sw).toHaveAttribute('lang', 'en');
});

test('sync state changes are announced: the delivery state lives in a polite live region', async ({ page, context, server }) => {
  const checkin = new CheckInPage(page);
  await checkin.open(server.checkinUrl);
  await checkin.fillProfile('王芳', '13812345678', '第一中学');
  await context.setOffline(true);
  await checkin.checkButton.tap();
  await checkin.expectLatestState('saved');
  const live = (sel: string) =>
    page.locator(sel).first().evaluate((el) => {
      const region = el.closest('[aria-live], [role=status], [role=alert]');
      return region ? region.getAttribute('aria-live') ?? region.getAttribute('role') : null;
    });
  expect(await live('.confirmation .delivery')).toMatch(/polite|status/);
  expect(await live('.sync-banner .pending')).toMatch(/polite|status/);
  expect(await live('.sync-banner .offline')).toMatch(/polite|status/);
  // The live region was there before its content changed (otherwise nothing is read out).
  await context.setOffline(false);
  await checkin.expectLatestState('synced');
  await expect(page.locator('.sync-banner .last-sync')).toBeVisible();
  expect(await live('.sync-banner .last-sync')).toMatch(/polite|status/);
});
