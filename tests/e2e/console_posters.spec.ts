// Printing every venue's poster at once: one A4 page per venue in the
// browser's print (checked on the PDF Chromium prints), each with the venue
// name, its main venue, the QR, the short code and the bilingual line.
import { test, expect } from './fixtures/server';

test('print all posters: one A4 page per venue', async ({ page, server }) => {
  const event = await (await fetch(`${server.base}/api/events/1`)).json();
  const count = event.venues.length;
  expect(count).toBeGreaterThan(1);

  await page.goto(server.organiserUrl);
  await page.locator('.tabs a[href^="/organiser/posters"]').tap();
  await expect(page).toHaveURL(/\/organiser\/posters\?event=1$/);
  const posters = page.locator('.poster');
  await expect(posters).toHaveCount(count);

  const sub = event.venues.find((v: { parent: number | null }) => v.parent !== null);
  const main = event.venues.find((v: { id: number }) => v.id === sub.parent);
  const poster = page.locator(`.poster[data-venue="${sub.id}"]`);
  await expect(poster.locator('.poster-venue')).toHaveText(sub.name);
  await expect(poster.locator('.poster-main')).toHaveText(main.name);
  await expect(poster.locator('.poster-scan')).toHaveText('微信扫一扫 / Scan with your camera');
  await expect(poster.locator('.poster-code')).toHaveText(`${sub.short_code.slice(0, 4)}-${sub.short_code.slice(4)}`);
  await expect(poster.locator('img.poster-qr')).toHaveAttribute('src', `/api/venues/${sub.id}/qr.svg`);
  // Every QR has loaded.
  await expect
    .poll(() => page.locator('img.poster-qr').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length))
    .toBe(count);

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.app-bar')).toBeHidden();
  await expect(page.locator('.print-bar')).toBeHidden();
  const breaks = await posters.evaluateAll((els) => els.map((e) => getComputedStyle(e).breakAfter));
  expect(breaks.slice(0, -1).every((b) => b === 'page')).toBe(true);

  // The PDF Chromium prints has exactly one page per venue.
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages.length).toBe(count);
  // A4: 595 × 842 points (Skia writes 594.96 × 841.92).
  expect(pdf).toMatch(/\/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12](\.\d+)?\s*\]/);
});
