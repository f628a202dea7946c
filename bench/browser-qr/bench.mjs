// See run.sh. Serves the decoders and the corpus to one page through
// Playwright routing (no server), then decodes every image with each
// decoder on the same RGBA pixels and prints reads, wrong texts, mean and
// p95 times and each peer's time ratio to Baodao.
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
// Its exports map hides the package's files: found by path.
const zxingWasm = path.join(path.dirname(new URL(import.meta.url).pathname), 'node_modules/zxing-wasm');
const files = {
  '/scanner-wasm.js': [path.join(dist, 'scanner-wasm.js'), 'text/javascript'],
  '/scanner-wasm_bg.wasm': [path.join(dist, 'scanner-wasm_bg.wasm'), 'application/wasm'],
  '/jsQR.js': [require.resolve('jsqr/dist/jsQR.js'), 'text/javascript'],
  '/zxing-js.js': [require.resolve('@zxing/library/umd/index.min.js'), 'text/javascript'],
  '/zxing-wasm.js': [path.join(zxingWasm, 'dist/iife/reader/index.js'), 'text/javascript'],
  '/zxing_reader.wasm': [path.join(zxingWasm, 'dist/reader/zxing_reader.wasm'), 'application/wasm'],
};
// Decoders return CRLF where the ZXing labels have LF.
const normalise = (t) => t.replace(/\r\n/g, '\n');
const corpora = dirs.map((dir, i) => {
  const pngs = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
  const cases = pngs.map((png) => {
    const txt = path.join(dir, png.replace(/\.png$/, '.txt'));
    files[`/corpus/${i}/${png}`] = [path.join(dir, png), 'image/png'];
    return { url: `/corpus/${i}/${png}`, expected: existsSync(txt) ? normalise(readFileSync(txt, 'utf8')) : null };
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
      body: '<!doctype html>' + ['/scanner-wasm.js', '/jsQR.js', '/zxing-js.js', '/zxing-wasm.js'].map((s) => `<script src="${s}"></script>`).join(''),
    });
  }
  const f = files[p];
  return f ? route.fulfill({ contentType: f[1], body: readFileSync(f[0]) }) : route.fulfill({ status: 404 });
});
await page.goto('http://bench.local/');
await page.evaluate(async () => {
  await wasm_bindgen({ module_or_path: '/scanner-wasm_bg.wasm' });
  await ZXingWASM.prepareZXingModule({ overrides: { locateFile: () => '/zxing_reader.wasm' }, fireImmediately: true });
});

const DECODERS = ['baodao', 'zxing-wasm', 'zxing-js', 'jsqr'];
const LABELS = {
  baodao: 'Baodao (scanner-wasm)',
  'zxing-wasm': 'zxing-wasm 3.1.4 (zxing-cpp)',
  'zxing-js': 'ZXing-js 0.21 (TRY_HARDER)',
  jsqr: 'jsQR 1.4',
};

for (const { dir, cases } of corpora) {
  const r = await page.evaluate(async ({ cases, decoders }) => {
    const canvas = new OffscreenCanvas(1, 1);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const norm = (t) => t.replace(/\r\n/g, '\n');
    const zxingHints = new Map([
      [ZXing.DecodeHintType.TRY_HARDER, true],
      [ZXing.DecodeHintType.POSSIBLE_FORMATS, [ZXing.BarcodeFormat.QR_CODE]],
    ]);
    const zxingReader = new ZXing.QRCodeReader();
    const run = {
      baodao: async (img) => Array.from(wasm_bindgen.decode_rgba(img.width, img.height, new Uint8Array(img.data.buffer))),
      'zxing-wasm': async (img) =>
        (
          await ZXingWASM.readBarcodes(img, {
            formats: ['QRCode'],
            tryHarder: true,
            tryRotate: true,
            tryInvert: true,
            tryDownscale: true,
          })
        )
          .filter((b) => b.isValid)
          .map((b) => b.text),
      'zxing-js': async (img) => {
        // Fed luminance, as the library's browser readers do.
        const { data, width, height } = img;
        const lum = new Uint8ClampedArray(width * height);
        for (let i = 0, j = 0; i < lum.length; i++, j += 4) lum[i] = (data[j] * 306 + data[j + 1] * 601 + data[j + 2] * 117) >> 10;
        try {
          const bitmap = new ZXing.BinaryBitmap(new ZXing.HybridBinarizer(new ZXing.RGBLuminanceSource(lum, width, height)));
          return [zxingReader.decode(bitmap, zxingHints).getText()];
        } catch {
          return [];
        }
      },
      jsqr: async (img) => {
        const j = jsQR(img.data, img.width, img.height);
        return j ? [j.data] : [];
      },
    };
    const out = { n: 0, known: 0 };
    for (const d of decoders) out[d] = { readKnown: 0, any: 0, wrong: 0, times: [] };
    let warm = false;
    for (const c of cases) {
      const bmp = await createImageBitmap(await (await fetch(c.url)).blob());
      canvas.width = bmp.width;
      canvas.height = bmp.height;
      ctx.drawImage(bmp, 0, 0);
      const img = ctx.getImageData(0, 0, bmp.width, bmp.height);
      if (!warm) {
        for (const d of decoders) await run[d](img);
        warm = true;
      }
      out.n++;
      if (c.expected !== null) out.known++;
      for (const d of decoders) {
        const t = performance.now();
        const texts = (await run[d](img)).map(norm);
        out[d].times.push(performance.now() - t);
        if (texts.length > 0) out[d].any++;
        if (c.expected === null) continue;
        if (texts.includes(c.expected)) out[d].readKnown++;
        else if (texts.length > 0) out[d].wrong++;
      }
    }
    return out;
  }, { cases, decoders: DECODERS });
  const stats = (times) => {
    const sorted = [...times].sort((a, b) => a - b);
    return { mean: times.reduce((a, b) => a + b, 0) / times.length, p95: sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] };
  };
  const ours = stats(r.baodao.times);
  console.log(`${dir}: ${r.n} images (${r.known} with a known text)`);
  for (const d of DECODERS) {
    const s = stats(r[d].times);
    const ratio = d === 'baodao' ? '' : ` | time ${(s.mean / ours.mean).toFixed(2)}× Baodao's`;
    console.log(
      `  ${LABELS[d].padEnd(30)} read ${String(r[d].readKnown).padStart(3)}/${r.known} known, ${r[d].wrong} wrong, ` +
        `${r[d].any}/${r.n} with any text | mean ${s.mean.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms${ratio}`,
    );
  }
}
await browser.close();
