// End-to-end proof of how long a volunteer waits from the first camera
// frame that shows the venue code to the check-in saved on the phone (goal:
// ≤ 50 ms p95 after the decode). A benchmark, not a test of speed: it prints
// the figures and asserts only that every check-in was stored exactly once.
//
// The fake rear camera (the same Y4M mechanism as scan.spec.ts) shows the
// demo venue's QR code; each cycle opens the scan screen afresh, decodes with
// the wasm decoder in its worker, opens the check-in page and taps the button
// (check in, then out, then in…, all at the same venue).
//
// Where the times come from (all `performance.now()` of the same page):
// - first frame → decoded: the scanner's own stats (`window.__baodaoScan`);
// - the app's marks (src/scan_timing.rs): `baodao:scan-decoded` (a decoded
//   text accepted), `baodao:checkin-ready` (the venue's name and the check-in
//   button are in the document: the next frame shows them),
//   `baodao:checkin-tap`, `baodao:checkin-saved` (outbox write committed).
//
// What "after decode" covers: the issue wants the decoded venue shown
// before the check-in is confirmed, so a person's tap sits between decode
// and save. The goal is on the app's own time: decoded → venue shown, plus
// tap → saved. Both parts are printed, and their per-cycle sum; the person's
// wait (here Playwright's tap) is printed apart and not counted.
import os from 'node:os';
import { test, expect } from './fixtures/server';
import { CheckInPage } from './fixtures/checkin_page';
import { serverRows } from './fixtures/outbox';
import { launchWithCamera, withoutBarcodeDetector } from './fixtures/fake_camera';

const SAMPLES = Number(process.env.SCAN_LATENCY_SAMPLES ?? 20);

/** Nearest-rank percentile. */
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const p50p95 = (values: number[]) => `${percentile(values, 50).toFixed(1)}/${percentile(values, 95).toFixed(1)}`;

interface Sample {
  firstFrameToDecoded: number;
  decodedToReady: number;
  tapToSaved: number;
  tapDelay: number;
}

test('scan latency benchmark: first frame → decoded → check-in saved', async ({ server }) => {
  test.setTimeout(60_000 + SAMPLES * 15_000);
  const loadAtStart = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  const cam = await launchWithCamera(server.checkinUrl);
  const page = cam.page;
  try {
    await page.addInitScript(withoutBarcodeDetector);
    // First use: the notice and the profile, once.
    const checkin = new CheckInPage(page);
    await checkin.open(server.checkinUrl);
    await checkin.fillProfile('赵六', '13600002222', '第二中学');
    await expect(checkin.checkButton).toHaveAttribute('data-kind', 'in');

    const samples: Sample[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      await page.goto(server.base + '/scan');
      await expect(page).toHaveURL(/\/c#/, { timeout: 20_000 });
      await expect(page.locator('.venue-name')).toHaveText('区文化中心');
      await expect(checkin.checkButton).toHaveAttribute('data-kind', i % 2 === 0 ? 'in' : 'out');
      await expect(checkin.checkButton).toBeEnabled();
      await checkin.checkButton.tap();
      // A check-out asks once; the record is made (and timed) on the answer.
      if (i % 2 === 1) {
        await expect(checkin.checkoutConfirm).toBeEnabled();
        await checkin.checkoutConfirm.tap();
      }
      // Saved: the stored outbox has one more record.
      await expect.poll(() => checkin.storedRecordCount()).toBe(i + 1);
      const t = await page.evaluate(() => {
        const at = (name: string) => performance.getEntriesByName(name, 'mark').map((e) => e.startTime);
        const scan = (window as unknown as { __baodaoScan?: { firstFrameToDecodeMs?: number; decoder?: string } })
          .__baodaoScan;
        return {
          decoder: scan?.decoder,
          firstFrameToDecoded: scan?.firstFrameToDecodeMs,
          decoded: at('baodao:scan-decoded'),
          ready: at('baodao:checkin-ready'),
          tap: at('baodao:checkin-tap'),
          saved: at('baodao:checkin-saved'),
        };
      });
      expect(t.decoder).toBe('wasm');
      expect(t.decoded).toHaveLength(1);
      expect(t.tap).toHaveLength(1);
      expect(t.saved).toHaveLength(1);
      const decoded = t.decoded[0];
      const ready = t.ready.find((r) => r >= decoded);
      expect(ready).toBeDefined();
      expect(typeof t.firstFrameToDecoded).toBe('number');
      samples.push({
        firstFrameToDecoded: t.firstFrameToDecoded as number,
        decodedToReady: (ready as number) - decoded,
        tapToSaved: t.saved[0] - t.tap[0],
        tapDelay: t.tap[0] - (ready as number),
      });
    }

    // Correctness only: every check-in is stored once on the phone, and once
    // on the server after sync (cycles that left mid-sync are resent).
    const local = await page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const r = indexedDB.open('baodao');
          r.onsuccess = () => {
            const all = r.result.transaction('outbox').objectStore('outbox').getAll();
            all.onsuccess = () =>
              resolve((all.result as { id: string }[]).map((x) => x.id));
            all.onerror = () => reject(all.error);
          };
          r.onerror = () => reject(r.error);
        }),
    );
    expect(new Set(local).size).toBe(SAMPLES);
    await expect
      .poll(() => [...serverRows(server.dataDir).entries()].filter(([id]) => local.includes(id)).length, {
        timeout: 30_000,
      })
      .toBe(SAMPLES);
    expect([...serverRows(server.dataDir).values()].every((n) => n === 1)).toBe(true);

    const firstFrame = samples.map((s) => s.firstFrameToDecoded);
    const afterDecode = samples.map((s) => s.decodedToReady + s.tapToSaved);
    const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
    console.log(
      `scan latency: first frame→decoded p50/p95 ${p50p95(firstFrame)} ms; ` +
        `after decode: decoded→venue shown p50/p95 ${p50p95(samples.map((s) => s.decodedToReady))} ms + ` +
        `tap→saved p50/p95 ${p50p95(samples.map((s) => s.tapToSaved))} ms = ` +
        `decoded→saved p50/p95 ${p50p95(afterDecode)} ms (goal ≤ 50 ms p95); n=${samples.length}`,
    );
    console.log(
      `[scan latency] not counted: the person's confirming tap (Playwright) p50 ` +
        `${percentile(samples.map((s) => s.tapDelay), 50).toFixed(0)} ms; load average at start ${loadAtStart}, at end ${load}`,
    );
  } finally {
    await cam.close();
  }
});

/**
 * The camera path on a slow phone: Chromium's CPU throttled 4×, against the
 * same page unthrottled in the same run. Prints decode attempts per second
 * (a foreign code keeps the scanner decoding) and first frame → decoded
 * (the venue's code). The scanner decodes one frame at a time and grabs the
 * next only after the answer, so it skips frames rather than queue them:
 * the test checks that no attempt overlapped another.
 */
test('scan on a slow phone (CPU 4×): decode attempts per second, first frame → decoded', async ({ server }) => {
  test.setTimeout(180_000);
  const SLOW = 4;
  const measure = async (rate: number) => {
    const foreign = await launchWithCamera('https://weixin.qq.com/r/AbCdEfGhIjKl');
    let attemptsPerSecond = 0;
    let frameMs = 0;
    try {
      await foreign.page.addInitScript(withoutBarcodeDetector);
      const cdp = await foreign.page.context().newCDPSession(foreign.page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await foreign.page.goto(server.base + '/scan');
      await expect(foreign.page.locator('.scan-notice')).not.toBeEmpty({ timeout: 30_000 });
      const read = () =>
        foreign.page.evaluate(() => {
          const s = (window as unknown as { __baodaoScan?: { frames: number; frameMsMean: number } }).__baodaoScan;
          return { at: performance.now(), frames: s?.frames ?? 0, frameMs: s?.frameMsMean ?? 0 };
        });
      const a = await read();
      await foreign.page.waitForTimeout(5_000);
      const b = await read();
      attemptsPerSecond = ((b.frames - a.frames) * 1000) / (b.at - a.at);
      frameMs = b.frameMs;
    } finally {
      await foreign.close();
    }

    const venue = await launchWithCamera(server.checkinUrl);
    const firstFrame: number[] = [];
    try {
      await venue.page.addInitScript(withoutBarcodeDetector);
      const cdp = await venue.page.context().newCDPSession(venue.page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      for (let i = 0; i < 5; i++) {
        await venue.page.goto(server.base + '/scan');
        await expect(venue.page).toHaveURL(/\/c#/, { timeout: 30_000 });
        const ms = await venue.page.evaluate(
          () => (window as unknown as { __baodaoScan?: { firstFrameToDecodeMs?: number } }).__baodaoScan?.firstFrameToDecodeMs,
        );
        expect(typeof ms).toBe('number');
        firstFrame.push(ms as number);
      }
    } finally {
      await venue.close();
    }
    return { attemptsPerSecond, frameMs, firstFrame };
  };
  const fast = await measure(1);
  const slow = await measure(SLOW);
  // One attempt at a time: never more attempts than the time allows.
  for (const m of [fast, slow]) expect(m.attemptsPerSecond * m.frameMs).toBeLessThanOrEqual(1000 * 1.05);
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(
    `[scan on a slow phone] decode attempts/s: ${slow.attemptsPerSecond.toFixed(1)} at CPU ${SLOW}× ` +
      `(${fast.attemptsPerSecond.toFixed(1)} unthrottled, ratio ${(slow.attemptsPerSecond / fast.attemptsPerSecond).toFixed(2)}); ` +
      `frame (grab + decode) mean ${slow.frameMs.toFixed(1)} ms (${fast.frameMs.toFixed(1)}); ` +
      `first frame→decoded p50/p95 ${p50p95(slow.firstFrame)} ms (${p50p95(fast.firstFrame)} unthrottled); load ${load}`,
  );
});
