// Layout: safe-area insets for phones with notches and a home
// indicator, and a keyboard/switch-access focus order that follows the
// screen. (Width from 320 px and touch-target sizes are checked on every
// screen by a11y.spec.ts.)
import { test, expect } from './fixtures/server';
import { CheckInPage } from './fixtures/checkin_page';

test('the page extends under notches and keeps content inside the safe area', async ({ page, server }) => {
  await page.goto(server.base + '/');
  await expect(page.locator('a.scan-link')).toBeVisible();
  const viewport = await page.locator('meta[name=viewport]').getAttribute('content');
  expect(viewport).toContain('viewport-fit=cover');
  // The served stylesheet pads by every inset (the app bar: top and sides;
  // the content: sides; the page: bottom).
  const css = await page.evaluate(async () => {
    const href = document.querySelector<HTMLLinkElement>('link[rel=stylesheet]')!.href;
    return (await fetch(href)).text();
  });
  for (const side of ['top', 'right', 'bottom', 'left']) {
    expect(css, `env(safe-area-inset-${side})`).toContain(`env(safe-area-inset-${side})`);
  }
  // Chromium has no notch to emulate: check the rules are in force where
  // they matter (the computed padding is at least the no-inset minimum).
  const pad = await page.evaluate(() => {
    const bar = getComputedStyle(document.querySelector('.app-bar')!);
    const main = getComputedStyle(document.querySelector('main')!);
    return [bar.paddingLeft, bar.paddingRight, main.paddingLeft, main.paddingRight].map(parseFloat);
  });
  for (const p of pad) expect(p).toBeGreaterThanOrEqual(12);
});

test('the keyboard focus order follows the screen: app bar, then the form top to bottom', async ({ page, server }) => {
  const checkin = new CheckInPage(page);
  await checkin.open(server.checkinUrl);
  // The notice once (remembered), then a fresh page: focus starts at the top.
  const accept = page.locator('.privacy-notice button.accept');
  await checkin.name.or(accept).first().waitFor();
  if (await accept.isVisible()) {
    await accept.tap();
    await page.reload();
  }
  await expect(checkin.name).toBeVisible();
  const order: string[] = [];
  await page.locator('body').focus();
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press('Tab');
    order.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}.${el.className.split(' ')[0]}`;
      }),
    );
  }
  expect(order).toEqual([
    'a.brand',
    'button.elder-switch',
    'button.lang-switch',
    '#profile-name',
    '#profile-mobile',
    '#profile-organisation',
    'button.primary',
  ]);
  // Focus is visible: a 3 px outline on the focused button.
  expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineWidth)).toBe('3px');
});

test("text follows the browser's font size setting, in both modes, and still fits 320 px", async ({ page, server }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  // What Android's and iOS's larger text settings do to the browser: a larger
  // default font size (16 px → 24 px here).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24, fixed: 20 } });
  await page.goto(server.base + '/');
  await expect(page.locator('a.scan-link')).toBeVisible();
  const body = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  expect(await body()).toBeCloseTo(27, 0); // 112.5 %
  const fits = () => page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth);
  expect(await fits()).toBe(true);
  await page.locator('.elder-switch').tap();
  await expect(page.locator('html')).toHaveClass(/\belder\b/);
  expect(await body()).toBeCloseTo(30, 0); // 125 %
  expect(await fits()).toBe(true);
});

test.describe('with "increase contrast" set on the phone', () => {
  test.use({ contrast: 'more' });
  test('secondary text and field borders get darker', async ({ page, server }) => {
    await page.goto(server.checkinUrl);
    await expect(page.locator('.venue-card .label')).toBeVisible();
    const colours = await page.evaluate(() => ({
      label: getComputedStyle(document.querySelector('.venue-card .label')!).color,
      line: getComputedStyle(document.documentElement).getPropertyValue('--line').trim(),
      scheme: document.querySelector('meta[name=color-scheme]')?.getAttribute('content'),
    }));
    expect(colours).toEqual({ label: 'rgb(51, 51, 51)', line: '#767676', scheme: 'light dark' });
  });
});
