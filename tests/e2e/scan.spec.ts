// The in-app scanner. A fake rear camera (Chromium playing a Y4M
// file) shows the venue's QR code; the scan screen decodes it (with the wasm
// decoder in a Web Worker, or the browser's BarcodeDetector where there is
// one) and opens that venue's check-in page. Also: the photo fallback,
// foreign codes, camera errors, pausing while hidden.
import { test, expect } from './fixtures/server';
import { CheckInPage } from './fixtures/checkin_page';
import { WECHAT_UA } from './fixtures/wechat';
import { leadRosterRows } from './fixtures/console_page';
import { qrPng, launchWithCamera, withoutBarcodeDetector, fakeBarcodeDetector, failingCamera } from './fixtures/fake_camera';
import { texts } from './fixtures/texts';
import { Page } from '@playwright/test';

// The Chinese texts (the widget's and the scan screen's own).
const zh = texts('zh-CN');

/** Records every camera stream the page opens, to check they get stopped. */
const recordStreams = () => {
  const md = navigator.mediaDevices;
  if (!md) return;
  const w = window as unknown as { __streams: MediaStream[]; __constraints: unknown[] };
  w.__streams = [];
  w.__constraints = [];
  const original = md.getUserMedia.bind(md);
  md.getUserMedia = async (c) => {
    w.__constraints.push(c);
    const s = await original(c);
    w.__streams.push(s);
    return s;
  };
};

const liveTracks = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __streams: MediaStream[] }).__streams
      .flatMap((s) => s.getTracks())
      .filter((t) => t.readyState === 'live').length,
  );

/** The paths of the wasm modules the page fetches from now on (filled as it goes). */
const wasmFetched = (page: Page) => {
  const paths: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) paths.push(new URL(r.url()).pathname);
  });
  return paths;
};

const scanStats = (page: Page) =>
  page.evaluate(() => (window as unknown as { __baodaoScan?: Record<string, unknown> }).__baodaoScan ?? null);

test('scanning the venue poster opens its check-in page (wasm decoder in a worker)', async ({ server }) => {
  const cam = await launchWithCamera(server.checkinUrl);
  const page = cam.page;
  try {
    await page.addInitScript(withoutBarcodeDetector);
    await page.addInitScript(recordStreams);
    const wasm = wasmFetched(page);
    await page.goto(server.base + '/');
    await expect(page.locator('.app-bar .brand')).toContainText('报到');
    // The scanner's modules are not part of the first screen.
    expect(wasm.filter((p) => p.startsWith('/scanner'))).toEqual([]);

    const tapped = Date.now();
    await page.locator('a.scan-link').tap();
    await expect(page).toHaveURL(/\/c#/, { timeout: 20_000 });
    const navigated = Date.now();
    const stats = await scanStats(page);
    console.log(
      `[scan timing] wasm decoder: tap → check-in page ${navigated - tapped} ms (includes loading the scanner and the camera); ` +
        `first frame → decoded ${Number(stats?.firstFrameToDecodeMs).toFixed(0)} ms; frames ${stats?.frames}; ` +
        `main thread per frame mean ${Number(stats?.grabMsMean).toFixed(2)} ms, max ${Number(stats?.grabMsMax).toFixed(2)} ms; ` +
        `frame incl. worker decode mean ${Number(stats?.frameMsMean).toFixed(1)} ms`,
    );
    expect(stats?.decoder).toBe('wasm');
    expect(wasm).toEqual(expect.arrayContaining(['/scanner-ui_bg.wasm', '/scanner-wasm_bg.wasm']));
    expect(page.url()).toBe(server.checkinUrl);
    // The rear camera was asked for; leaving the scan screen released it.
    const constraints = await page.evaluate(() => (window as unknown as { __constraints: unknown[] }).__constraints);
    expect(constraints).toEqual([expect.objectContaining({ video: expect.objectContaining({ facingMode: { ideal: 'environment' } }) })]);
    expect(await liveTracks(page)).toBe(0);

    const checkin = new CheckInPage(page);
    await expect(page.locator('.venue-name')).toHaveText('区文化中心');
    await checkin.fillProfile('王五', '13700001111', '第一中学');
    await checkin.checkIn();
    await checkin.expectLatestState('synced');

    const rows = await leadRosterRows(page, server);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('王五');
  } finally {
    await cam.close();
  }
});

test("the browser's BarcodeDetector is used where it reads QR codes", async ({ server }) => {
  const cam = await launchWithCamera(server.checkinUrl);
  const page = cam.page;
  try {
    await page.addInitScript({ path: require.resolve('jsqr/dist/jsQR.js') });
    await page.addInitScript(fakeBarcodeDetector);
    const wasm = wasmFetched(page);
    const started = Date.now();
    await page.goto(server.base + '/scan');
    await expect(page).toHaveURL(/\/c#/, { timeout: 20_000 });
    const stats = await scanStats(page);
    console.log(
      `[scan timing] BarcodeDetector (jsQR stand-in): open /scan → check-in page ${Date.now() - started} ms; ` +
        `first frame → decoded ${Number(stats?.firstFrameToDecodeMs).toFixed(0)} ms`,
    );
    expect(stats?.decoder).toBe('barcode-detector');
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__fakeDetectorFormats)).toEqual([
      'qr_code',
    ]);
    // The wasm decoder was never fetched.
    expect(wasm).not.toContain('/scanner-wasm_bg.wasm');
    await expect(page.locator('.venue-name')).toHaveText('区文化中心');
  } finally {
    await cam.close();
  }
});

test('a foreign QR code is explained, scanning goes on, and the camera pauses while hidden', async ({ server }) => {
  const cam = await launchWithCamera('https://weixin.qq.com/r/AbCdEfGhIjKl');
  const page = cam.page;
  try {
    await page.addInitScript(withoutBarcodeDetector);
    await page.addInitScript(recordStreams);
    // A camera with a torch (the fake one has none): report it, record its use.
    await page.addInitScript(() => {
      const w = window as unknown as { __torch: unknown[] };
      w.__torch = [];
      const caps = MediaStreamTrack.prototype.getCapabilities;
      MediaStreamTrack.prototype.getCapabilities = function () {
        return { ...caps.call(this), torch: true } as MediaTrackCapabilities;
      };
      MediaStreamTrack.prototype.applyConstraints = async function (c?: MediaTrackConstraints) {
        w.__torch.push((c?.advanced?.[0] as { torch?: boolean })?.torch);
      };
    });
    await page.goto(server.base + '/scan');
    await expect(page.locator('.scan-notice')).toHaveText(zh['error-not_baodao']);

    const torch = page.locator('button.torch');
    await expect(torch).toBeVisible();
    await torch.tap();
    await expect(torch).toHaveAttribute('aria-pressed', 'true');
    await torch.tap();
    await expect(torch).toHaveAttribute('aria-pressed', 'false');
    expect(await page.evaluate(() => (window as unknown as { __torch: unknown[] }).__torch)).toEqual([true, false]);

    // Muting the beep is remembered.
    const sound = page.locator('button.sound');
    await expect(sound).toHaveText(zh['scan-sound_on']);
    await sound.tap();
    await expect(sound).toHaveText(zh['scan-sound_off']);
    expect(await page.evaluate(() => localStorage.getItem('baodao.scan.muted'))).toBe('1');
    const before = (await scanStats(page))?.frames as number;
    await expect.poll(async () => (await scanStats(page))?.frames as number).toBeGreaterThan(before + 2);
    // Steady state: attempts per second and main-thread time per frame.
    const t0 = Date.now();
    const f0 = (await scanStats(page))?.frames as number;
    await page.waitForTimeout(3000);
    const stats = await scanStats(page);
    const rate = (((stats?.frames as number) - f0) * 1000) / (Date.now() - t0);
    console.log(
      `[scan timing] wasm decoder, steady state: ${rate.toFixed(1)} attempts/s; main thread per frame ` +
        `(drawImage + getImageData + postMessage) mean ${Number(stats?.grabMsMean).toFixed(2)} ms, ` +
        `max ${Number(stats?.grabMsMax).toFixed(2)} ms; frame incl. worker decode mean ${Number(stats?.frameMsMean).toFixed(1)} ms ` +
        `over ${stats?.frames} frames`,
    );
    expect(rate).toBeGreaterThan(3);
    expect(new URL(page.url()).pathname).toBe('/scan');
    await expect(page.locator('section.scanner')).toHaveAttribute('data-state', 'scanning');

    // Hidden (another app, locked phone): the camera is released; shown again: back on.
    const setHidden = (hidden: boolean) =>
      page.evaluate((h) => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    await expect(page.locator('section.scanner')).toHaveAttribute('data-state', 'paused');
    expect(await liveTracks(page)).toBe(0);
    await setHidden(false);
    await expect(page.locator('section.scanner')).toHaveAttribute('data-state', 'scanning');
    expect(await liveTracks(page)).toBe(1);

    // Leaving by the short-code link stops the camera too.
    await page.locator('a.short-code-link').tap();
    await expect(page.locator('section.scanner')).toHaveCount(0);
    expect(await liveTracks(page)).toBe(0);
  } finally {
    await cam.close();
  }
});

test('a photo of the venue code opens its check-in page (no camera)', async ({ page, server }) => {
  // No fake camera here: headless Chromium has no camera to give.
  await page.addInitScript(withoutBarcodeDetector);
  await page.goto(server.base + '/scan');
  await expect(page.locator('section.scanner')).toHaveAttribute('data-state', 'failed');
  console.log(`[scan] without a camera: ${await page.locator('.scan-error').getAttribute('data-error')}`);

  // A photo without a Baodao code first.
  const input = page.locator('section.scanner input[type=file]');
  await input.setInputFiles({ name: 'other.png', mimeType: 'image/png', buffer: await qrPng('hello world') });
  await expect(page.locator('.scan-notice')).toHaveText(zh['error-not_baodao']);

  const started = Date.now();
  await input.setInputFiles({ name: 'poster.png', mimeType: 'image/png', buffer: await qrPng(server.checkinUrl) });
  await expect(page).toHaveURL(/\/c#/);
  console.log(`[scan timing] photo → check-in page ${Date.now() - started} ms`);
  expect(page.url()).toBe(server.checkinUrl);
  await expect(page.locator('.venue-name')).toHaveText('区文化中心');
});

for (const [name, key] of [
  ['NotAllowedError', 'scan-denied'],
  ['NotFoundError', 'scan-no_camera'],
  ['NotReadableError', 'scan-busy'],
] as const) {
  test(`camera error ${name} is explained`, async ({ page, server }) => {
    await page.addInitScript(failingCamera, name);
    await page.goto(server.base + '/scan');
    const panel = page.locator('.scan-error');
    await expect(panel).toHaveAttribute('data-error', key);
    await expect(panel).toContainText(zh[key]);
    if (key === 'scan-denied') await expect(panel).toContainText(zh['scan-denied_how']);
    await expect(panel.locator('button.retry')).toBeVisible();
    // The fallbacks stay one tap away.
    await expect(page.locator('label.photo-button')).toBeVisible();
    await expect(page.locator('a.short-code-link')).toBeVisible();
  });
}

test('in WeChat, a denied camera explains how to open in the browser', async ({ browser, server }) => {
  const context = await browser.newContext({
    userAgent: WECHAT_UA.android,
    locale: 'zh-CN',
    viewport: { width: 360, height: 740 },
  });
  const page = await context.newPage();
  await page.addInitScript(failingCamera, 'NotAllowedError');
  await page.goto(server.base + '/scan');
  await expect(page.locator('.scan-error')).toContainText(zh['scan-denied_wechat']);
  await context.close();
});

test('over plain HTTP the camera is explained to need HTTPS', async ({ server }) => {
  const cam = await launchWithCamera(server.checkinUrl, {
    frames: 1,
    args: ['--host-resolver-rules=MAP baodao.test 127.0.0.1'],
  });
  try {
    const port = new URL(server.base).port;
    await cam.page.goto(`http://baodao.test:${port}/scan`);
    expect(await cam.page.evaluate(() => window.isSecureContext)).toBe(false);
    await expect(cam.page.locator('.scan-error')).toHaveAttribute('data-error', 'scan-insecure');
    await expect(cam.page.locator('.scan-error')).toContainText(zh['scan-insecure']);
  } finally {
    await cam.close();
  }
});

test('a decoder that crashes is replaced and never takes the app down', async ({ server }) => {
  // page.route cannot see requests the service worker answers from its cache.
  const cam = await launchWithCamera(server.checkinUrl, { context: { serviceWorkers: 'block' } });
  const page = cam.page;
  try {
    await page.addInitScript(withoutBarcodeDetector);
    // A worker whose decoder traps on every frame (as a wasm `unreachable` would).
    await page.route('**/scanner-worker.js', (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: "onmessage = () => { throw new WebAssembly.RuntimeError('unreachable'); };",
      }),
    );
    let workers = 0;
    page.on('worker', () => workers++);
    await page.goto(server.base + '/scan');
    await expect(page.locator('section.scanner')).toHaveAttribute('data-state', 'scanning');
    await expect.poll(() => workers, { timeout: 10_000 }).toBeGreaterThan(2);
    // Still scanning, and the app still works.
    await expect(page.locator('section.scanner')).toHaveAttribute('data-state', 'scanning');
    await page.locator('a.brand').tap();
    await expect(page.locator('a.scan-link')).toBeVisible();
  } finally {
    await cam.close();
  }
});
