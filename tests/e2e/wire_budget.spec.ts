// What a volunteer's phone really downloads: a cold first open of the demo
// check-in URL against the real server, bytes on the wire (CDP
// `Network.loadingFinished` encodedDataLength: response headers and the
// body as sent, compressed or not) for every request started before the
// check-in screen is usable, and then the scanner fetched on demand. These
// are the enforced budgets (scripts/size-report's on-disk brotli sum is
// only a report); docs/performance.md says what each part costs.
import { test, expect } from './fixtures/server';
import { launchWithCamera } from './fixtures/fake_camera';
import { CDPSession, Page, Request } from '@playwright/test';

const FIRST_SCREEN_BUDGET = 200_000;
const SCANNER_BUDGET = 150_000;

interface Fetch {
  url: string;
  status: number;
  encoding: string;
  bytes: number;
}

/**
 * Every request of the page and of its workers (the service worker, the
 * decoder's worker), with its bytes on the wire once finished. The page's
 * own come from its CDP session. A worker's are not on that session: they
 * come from Playwright's record of them (`request.sizes()`, from the same
 * CDP figures in the worker's own session). A response the service worker
 * answered counts only the worker's own fetch from the network.
 */
class WireMeter {
  private started: { url: string; fetch: Promise<Fetch> }[] = [];

  static async attach(p: Page): Promise<WireMeter> {
    const m = new WireMeter();
    const cdp: CDPSession = await p.context().newCDPSession(p);
    await cdp.send('Network.enable');
    const pending = new Map<string, { fetch: Fetch; resolve: (f: Fetch) => void }>();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.url.startsWith('data:') || e.redirectResponse) return;
      const fetch: Fetch = { url: e.request.url, status: 0, encoding: '', bytes: 0 };
      m.started.push({ url: fetch.url, fetch: new Promise((resolve) => pending.set(e.requestId, { fetch, resolve })) });
    });
    cdp.on('Network.responseReceived', (e) => {
      const f = pending.get(e.requestId)?.fetch;
      if (!f) return;
      f.status = e.response.status;
      const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      f.encoding = e.response.fromServiceWorker ? 'from-sw' : (h['content-encoding'] ?? 'identity');
    });
    cdp.on('Network.loadingFinished', (e) => {
      const p = pending.get(e.requestId);
      if (!p) return;
      p.fetch.bytes = p.fetch.encoding === 'from-sw' ? 0 : e.encodedDataLength;
      p.resolve(p.fetch);
    });
    cdp.on('Network.loadingFailed', (e) => {
      const p = pending.get(e.requestId);
      if (!p) return;
      p.fetch.encoding = `failed: ${e.errorText}`;
      p.resolve(p.fetch);
    });
    p.context().on('request', (r) => {
      if (!r.serviceWorker() && !isWorkerRequest(r)) return;
      const via = r.serviceWorker() ? 'sw:' : 'worker:';
      m.started.push({
        url: r.url(),
        fetch: (async () => {
          const res = await r.response();
          await res?.finished();
          const s = await r.sizes();
          return {
            url: r.url(),
            status: res?.status() ?? 0,
            encoding: via + ((await res?.headerValue('content-encoding')) ?? 'identity'),
            bytes: s.responseHeadersSize + s.responseBodySize,
          };
        })(),
      });
    });
    return m;
  }

  /** How many requests have started so far. */
  mark(): number {
    return this.started.length;
  }

  /**
   * The requests started between two marks, each once it has finished. The
   * page's session never sees a dedicated worker's script finish (the worker
   * fetches it itself): such a request is left out when the service worker's
   * own fetch of the same URL in the window carried its bytes, and fails the
   * measure otherwise.
   */
  async between(from: number, to: number): Promise<Fetch[]> {
    const slice = this.started.slice(from, to);
    const settled = await Promise.all(
      slice.map((s) => Promise.race([s.fetch, new Promise<null>((r) => setTimeout(() => r(null), 20_000))])),
    );
    const finished = settled.filter((f): f is Fetch => f !== null);
    const viaSw = new Set(finished.filter((f) => f.encoding.startsWith('sw:')).map((f) => f.url));
    const open = slice.filter((s, i) => settled[i] === null && !viaSw.has(s.url)).map((s) => s.url);
    if (open.length) throw new Error(`still loading after 20 s: ${open.join(' ')}`);
    return finished;
  }
}

/** A request of a dedicated worker: Playwright gives it no frame. */
function isWorkerRequest(r: Request): boolean {
  try {
    r.frame();
    return false;
  } catch {
    return true;
  }
}

function report(label: string, fetches: Fetch[], budget: number): number {
  const total = fetches.reduce((n, f) => n + f.bytes, 0);
  for (const f of [...fetches].sort((a, b) => b.bytes - a.bytes)) {
    console.log(`[wire] ${label}: ${String(f.bytes).padStart(7)} B  ${f.status} ${f.encoding.padEnd(8)} ${new URL(f.url).pathname}`);
  }
  console.log(
    `[wire] ${label}: ${total} B on the wire in ${fetches.length} requests ` +
      `(budget ${budget} B, ${budget - total} B left)`,
  );
  return total;
}

/** The check-in screen is usable: the notice or the first-use form shown, or the button enabled. */
async function checkInUsable(p: Page) {
  await p
    .locator('.privacy-notice button.accept')
    .or(p.locator('#profile-name'))
    .or(p.locator('button.primary.big:enabled'))
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
}

test('a cold first open of the check-in URL stays within the first-screen budget on the wire', async ({ server, page }) => {
  const meter = await WireMeter.attach(page);
  await page.goto(server.checkinUrl);
  await checkInUsable(page);
  const fetches = await meter.between(0, meter.mark());
  const total = report('first screen', fetches, FIRST_SCREEN_BUDGET);

  // Everything the page itself loads comes compressed, except what is too
  // small to gain from it; nothing is requested twice, and no /favicon.ico.
  for (const f of fetches) {
    expect(f.status, f.url).toBeLessThan(400);
    if (f.bytes > 2_000) expect(f.encoding, `${f.url} compressed`).toMatch(/^(sw:|worker:)?(br|gzip)$/);
  }
  const paths = fetches.filter((f) => !f.encoding.startsWith('sw:')).map((f) => new URL(f.url).pathname);
  expect(paths).not.toContain('/favicon.ico');
  expect(paths.filter((p) => p.startsWith('/snippets/')), 'snippets folded into the main script').toEqual([]);
  expect(new Set(paths).size, `each file once: ${paths.join(' ')}`).toBe(paths.length);
  // The widget's wasm was counted (the meter saw it, wherever it came from).
  const wasm = fetches.filter((f) => /\/baodao-[0-9a-f]{12,16}_bg\.wasm$/.test(f.url));
  expect(wasm.reduce((n, f) => n + f.bytes, 0), 'the widget wasm counted').toBeGreaterThan(50_000);
  expect(total, 'first screen bytes on the wire').toBeLessThanOrEqual(FIRST_SCREEN_BUDGET);
});

test('the scanner fetched on demand stays within its budget on the wire', async ({ server }) => {
  const cam = await launchWithCamera(server.checkinUrl);
  try {
    const p = cam.page;
    const meter = await WireMeter.attach(p);
    await p.goto(server.base + '/');
    const scan = p.locator('a.scan-link');
    await expect(scan).toBeVisible();
    // Let the first screen's own requests (and the service worker's
    // install) finish, so the window holds the scanner only.
    await p.waitForLoadState('networkidle');
    // ...and the service worker take control: the scan's requests then all
    // pass through it, the dedicated workers' included, and are counted as
    // its fetches from the network.
    await p.waitForFunction(async () => {
      const reg = await navigator.serviceWorker.ready;
      return reg.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
    });
    await meter.between(0, meter.mark());
    const start = meter.mark();
    await scan.tap();
    // Decoded the camera's code and opened its venue: the scan screen and
    // the decoder both came and worked.
    await expect(p).toHaveURL(/\/c#/, { timeout: 30_000 });
    // Requests of the scan that are still in flight are waited for.
    const fetches = (await meter.between(start, meter.mark())).filter((f) => {
      const path = new URL(f.url).pathname;
      // The venue's page after the scan is the check-in screen, not the scanner.
      return !path.startsWith('/api/');
    });
    const total = report('scanner', fetches, SCANNER_BUDGET);
    // Both modules counted, whoever fetched them (the page, the decoder's
    // worker, the service worker on the page's behalf).
    for (const wasm of ['/scanner-ui_bg.wasm', '/scanner-wasm_bg.wasm']) {
      const counted = fetches.filter((f) => new URL(f.url).pathname === wasm).reduce((n, f) => n + f.bytes, 0);
      expect(counted, `${wasm} counted`).toBeGreaterThan(10_000);
    }
    expect(total, 'scanner bytes on the wire').toBeLessThanOrEqual(SCANNER_BUDGET);
    expect(cam.errors).toEqual([]);
  } finally {
    await cam.close();
  }
});
