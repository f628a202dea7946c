// Printing every venue's poster at once: one A4 page per venue in the
// browser's print (checked on the PDF Chromium prints), each with the venue
// name, its main venue, the event's dates, a QR that decodes to the venue's
// check-in URL, the short code, the bilingual lines and the venue's contact.
// The poster's code is for leads and organisers only.
import { test, expect } from './fixtures/server';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

test('print all posters: one A4 page per venue', async ({ page, server }) => {
  const event = await (await fetch(`${server.base}/api/events/1`)).json();
  const count = event.venues.length;
  expect(count).toBeGreaterThan(1);
  const sub = event.venues.find((v: { parent: number | null }) => v.parent !== null);
  const main = event.venues.find((v: { id: number }) => v.id === sub.parent);
  // Whoever reads a poster's code can check in from home.
  for (const path of [`/api/venues/${sub.id}/qr.svg`, `/api/venues/${sub.id}/checkin`]) {
    expect((await fetch(server.base + path, { redirect: 'manual' })).status, path).toBe(401);
  }
  const contact = '王老师 138 0000 0000';
  const edited = await fetch(`${server.base}/api/venues/${sub.id}`, {
    method: 'PATCH',
    headers: { ...server.organiserAuth, 'content-type': 'application/json' },
    body: JSON.stringify({ contact }),
  });
  expect(edited.status).toBe(200);

  await page.goto(server.organiserUrl);
  await page.locator('.tabs a[href^="/organiser/posters"]').tap();
  await expect(page).toHaveURL(/\/organiser\/posters\?event=1$/);
  const posters = page.locator('.poster');
  await expect(posters).toHaveCount(count);

  const poster = page.locator(`.poster[data-venue="${sub.id}"]`);
  await expect(poster.locator('.poster-venue')).toHaveText(sub.name);
  await expect(poster.locator('.poster-main')).toHaveText(main.name);
  await expect(poster.locator('.poster-scan')).toHaveText('微信扫一扫 / Scan with your camera');
  await expect(poster.locator('.poster-code')).toHaveText(`${sub.short_code.slice(0, 4)}-${sub.short_code.slice(4)}`);
  await expect(poster.locator('.poster-leave')).toHaveText('离开时再扫一次签退 · Scan again when you leave');
  await expect(poster.locator('.poster-contact')).toHaveText(`现场联系人 · Contact ${contact}`);
  await expect(posters.locator('.poster-contact')).toHaveCount(1);
  const [y, m, d] = event.starts_on.split('-').map(Number);
  await expect(poster.locator('.poster-dates')).toContainText(`${y}年${m}月${d}日`);
  // Every poster draws its QR in the page; this one decodes to the venue's
  // check-in URL.
  await expect(page.locator('.poster-qr svg path')).toHaveCount(count);
  const png = PNG.sync.read(await poster.locator('.poster-qr').screenshot());
  const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  const link = await fetch(`${server.base}/api/venues/${sub.id}/checkin`, { headers: server.organiserAuth, redirect: 'manual' });
  expect(link.status).toBe(303);
  expect(read?.data).toBe(link.headers.get('location'));

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
