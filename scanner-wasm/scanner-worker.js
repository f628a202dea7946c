// Baodao's QR decoder worker: decodes frames off the main thread, in a wasm
// instance of its own (a trap here cannot take the widget down; the widget
// replaces a broken worker). Built by trunk from scanner-wasm/ (index.html).
//
// Request:  { id, width, height, data: ArrayBuffer (RGBA, transferred) }
// Response: { id, texts: string[], ms } or { id, error: string }
importScripts('./scanner-wasm.js');
const ready = wasm_bindgen({ module_or_path: './scanner-wasm_bg.wasm' });
onmessage = async (e) => {
  const { id, width, height, data } = e.data;
  try {
    await ready;
    const t0 = performance.now();
    const texts = wasm_bindgen.decode_rgba(width, height, new Uint8Array(data));
    postMessage({ id, texts, ms: performance.now() - t0 });
  } catch (err) {
    postMessage({ id, error: String(err) });
  }
};
