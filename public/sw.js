// Baodao's service worker: keeps the app shell so the widget opens with no
// connection after the first visit.
//
// The build stamps this file (scripts/stamp-sw, a trunk post_build hook):
// PRECACHE lists the volunteer's first screen of *this* build (index.html
// and the hashed JS, WASM, CSS and snippets it loads) and VERSION is a hash
// of the build's files. Each version has its own cache, filled
// all-or-nothing at install, so the cached index.html always names JS and
// WASM that are in the same cache: no blank page from a JS/WASM mismatch. A
// new version waits until the page asks it to take over (the "new version
// available — reload" prompt), then deletes old caches.
//
// Not every visitor needs the scanner, WeChat's SDK or the console
// (lead, display, organiser): those are cached on first use (ON_DEMAND, one
// cache kept across versions), so they still open offline afterwards.
//
// Strategies: page loads (navigations) network-first with a short timeout,
// falling back to this version's index.html (the console's pages: to the
// console's index.html, once seen); content-hashed assets cache-first; other
// files network-first with the cached copy as fallback; /api/* is never
// cached (the outbox is in IndexedDB).
'use strict';

const VERSION = '__BAODAO_VERSION__';
const PRECACHE = /* __BAODAO_PRECACHE__ */ [];
const CACHE = 'baodao-shell-' + VERSION;
const NAVIGATION_TIMEOUT_MS = 4000;
// Cached on first use, kept across versions (pruned when the console's page
// changes, see rememberConsole).
const ON_DEMAND_CACHE = 'baodao-on-demand';
// Files loaded on demand: the scan screen's module and decoder, WeChat's SDK,
// the console bundle (public URL /console/, scripts/build-web).
const ON_DEMAND = /^\/(scanner-[^/]+|vendor\/.+|console\/.+)$/;
// Pages served the console's index.html (server/src/http/mod.rs).
const CONSOLE_PAGE = /^\/(lead(\/.*)?|organiser)$/;
const CONSOLE_INDEX = '/console/index.html';
const SYNC_TAG = 'baodao-sync';
// trunk's content hash in the file name (e.g. baodao-29df3609367803f9.js;
// a u64 in hex without leading zeros, so sometimes 15 digits).
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.[a-z0-9]+$/;

self.addEventListener('install', (event) => {
  // cache.addAll is atomic: one failed file and nothing is stored, install
  // fails, and the previous version keeps serving.
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // Hashed files may come from the HTTP cache (immutable: the page
      // just loaded them, so the phone does not download them twice); the
      // others are fetched afresh.
      cache.addAll(PRECACHE.map((url) => new Request(url, { cache: HASHED.test(url) ? 'default' : 'reload' }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('baodao-shell-') && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => { clearTimeout(t); resolve(v); },
      (e) => { clearTimeout(t); reject(e); },
    );
  });
}

async function shellIndex() {
  const cache = await caches.open(CACHE);
  return cache.match('/index.html');
}

async function consoleIndex() {
  return (await caches.match(CONSOLE_INDEX, { cacheName: ON_DEMAND_CACHE })) || shellIndex();
}

// Keeps the console's page for offline starts (a display screen must keep
// running), and drops cached console files this page no longer names.
async function rememberConsole(response) {
  const html = await response.clone().text();
  const cache = await caches.open(ON_DEMAND_CACHE);
  await cache.put(CONSOLE_INDEX, response);
  for (const req of await cache.keys()) {
    const p = new URL(req.url).pathname;
    if (p.startsWith('/console/') && p !== CONSOLE_INDEX && !html.includes(p)) await cache.delete(req);
  }
}

async function navigate(request, event) {
  const isConsole = CONSOLE_PAGE.test(new URL(request.url).pathname);
  const fallback = isConsole ? consoleIndex : shellIndex;
  try {
    const response = await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
    if (isConsole && response.ok) event.waitUntil(rememberConsole(response.clone()));
    // A server error page is worse than the cached app shell.
    if (response.status < 500) return response;
    const cached = await fallback();
    return cached || response;
  } catch (e) {
    const cached = await fallback();
    if (cached) return cached;
    throw e;
  }
}

async function asset(request) {
  const cached = await caches.match(request, { cacheName: CACHE });
  if (cached) return cached;
  // Not part of this version (e.g. a newer index.html from the network names
  // newer hashed files): straight from the network, never mixed into CACHE.
  return fetch(request);
}

// Files without a hash in their name (worker scripts, snippets) can change
// under the same URL: the network first, this version's copy offline.
async function unhashed(request) {
  try {
    const response = await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
    if (response.ok) return response;
    return (await caches.match(request, { cacheName: CACHE })) || response;
  } catch (e) {
    const cached = await caches.match(request, { cacheName: CACHE });
    if (cached) return cached;
    throw e;
  }
}

// On-demand files: hashed ones cache-first; the others (fixed names:
// scanner-ui.js, the decoder, the SDK) from the network when it answers,
// so a deploy's scanner is never mixed with an older one while online.
async function onDemand(request, event) {
  const cache = await caches.open(ON_DEMAND_CACHE);
  const hashed = HASHED.test(new URL(request.url).pathname);
  if (hashed) {
    const cached = await cache.match(request);
    if (cached) return cached;
  }
  try {
    const response = await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
    if (response.ok) event.waitUntil(cache.put(request, response.clone()));
    else if (!hashed) return (await cache.match(request)) || response;
    return response;
  } catch (e) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw e;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request, event));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(HASHED.test(url.pathname) ? asset(request) : unhashed(request));
  } else if (ON_DEMAND.test(url.pathname)) {
    event.respondWith(onDemand(request, event));
  }
});

// Background Sync: the connection is back. The outbox and its sync engine
// live in the page (Rust/WASM), so wake any open page; with none open, the
// records wait safely in IndexedDB for the next start.
self.addEventListener('sync', (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((clients) => {
      for (const c of clients) c.postMessage({ type: SYNC_TAG });
    }),
  );
});
