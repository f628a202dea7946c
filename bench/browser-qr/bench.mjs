// See run.sh. Serves the decoder, jsQR and the corpus to one page through
// Playwright routing (no server), then times both decoders per image.
import { chromium } from 'playwright-core';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dist = process.env.DIST;
const dirs = process.argv.slice(2);
for (const f of ['scanner-wasm.js', 'scanner-wasm_bg.wasm']) {
  if (!existsSync(path.join(dist, f))) throw new Error(`${dist}/${f} missing: run trunk build --release first (DIST=...)`);
}
const files = {
  '/scanner-wasm.js': [path.join(dist, 'scanner-wasm.js'), 'text/javascript'],
  '/scanner-wasm_bg.wasm': [path.join(dist, 'scanner-wasm_bg.wasm'), 'application/wasm'],
  '/jsQR.js': [require.resolve('jsqr/dist/jsQR.js'), 'text/javascript'],
};
const corpora = dirs.map((dir, i) => {
  const pngs = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
  const cases = pngs.map((png) => {
    const txt = path.join(dir, png.replace(/\.png$/, '.txt'));
    files[`/corpus/${i}/${png}`] = [path.join(dir, png), 'image/png'];
    return { url: `/corpus/${i}/${png}`, expected: existsSync(txt) ? readFileSync(txt, 'utf8') : null };
  });
  return { dir, cases };
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
await page.route('http://bench.local/**', (route) => {
  const p = decodeURIComponent(new URL(route.request().url()).pathname);
  if (p === '/') {
    return route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><script src="/scanner-wasm.js"></script><script src="/jsQR.js"></script>',
    });
  }
  const f = files[p];
  return f ? route.fulfill({ contentType: f[1], body: readFileSync(f[0]) }) : route.fulfill({ status: 404 });
});
await page.goto('http://bench.local/');
await page.evaluate(() => wasm_bindgen({ module_or_path: '/scanner-wasm_bg.wasm' }));

for (const { dir, cases } of corpora) {
  const r = await page.evaluate(async (cases) => {
    const canvas = new OffscreenCanvas(1, 1);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const out = { n: 0, known: 0, wasm: { read: 0, readKnown: 0, ms: 0 }, jsqr: { read: 0, readKnown: 0, ms: 0 } };
    const ok = (texts, expected) => (expected === null ? texts.length > 0 : texts.includes(expected));
    for (const c of cases) {
      const bmp = await createImageBitmap(await (await fetch(c.url)).blob());
      canvas.width = bmp.width;
      canvas.height = bmp.height;
      ctx.drawImage(bmp, 0, 0);
      const { data, width, height } = ctx.getImageData(0, 0, bmp.width, bmp.height);
      let t = performance.now();
      const w = wasm_bindgen.decode_rgba(width, height, new Uint8Array(data.buffer));
      out.wasm.ms += performance.now() - t;
      t = performance.now();
      const j = jsQR(data, width, height);
      out.jsqr.ms += performance.now() - t;
      out.n++;
      const known = c.expected !== null;
      if (known) out.known++;
      if (ok(w, c.expected)) (out.wasm.read++, known && out.wasm.readKnown++);
      if (ok(j ? [j.data] : [], c.expected)) (out.jsqr.read++, known && out.jsqr.readKnown++);
    }
    return out;
  }, cases);
  const wm = r.wasm.ms / r.n;
  const jm = r.jsqr.ms / r.n;
  console.log(
    `${dir}: ${r.n} images (${r.known} with a known text) | ` +
      `wasm (scanner-wasm): read ${r.wasm.readKnown}/${r.known} known (${r.wasm.read}/${r.n} any), mean ${wm.toFixed(2)} ms | ` +
      `jsQR: read ${r.jsqr.readKnown}/${r.known} known (${r.jsqr.read}/${r.n} any), mean ${jm.toFixed(2)} ms | ` +
      `wasm/jsQR mean time ratio ${(wm / jm).toFixed(2)}`,
  );
}
await browser.close();
