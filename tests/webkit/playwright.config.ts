// The WebKit suite: Playwright Test runs it (from tests/e2e, whose packages
// it shares), but the browser is WebKitGTK's MiniBrowser through
// WebKitWebDriver (fixtures/webkit.ts). Run it with tests/webkit/run.
// No import of @playwright/test here: this folder has only selenium-webdriver.
import { WECHAT_UA } from '../e2e/fixtures/wechat';

export default {
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  // Each test has its own server, driver and browser; two at once share 2 cores well enough.
  workers: Number(process.env.WEBKIT_WORKERS ?? 2),
  retries: 0,
  reporter: [['list']],
  projects: [
    // MiniBrowser as it comes: service workers on.
    { name: 'webkit', use: { webkit: { serviceWorkers: true } } },
    // No service worker at all (navigator.serviceWorker undefined).
    { name: 'webkit-no-sw', use: { webkit: { serviceWorkers: false } } },
    // iOS WeChat: its user agent, and no service worker (WKWebView gives ordinary pages none).
    { name: 'webkit-wechat-ios', use: { webkit: { serviceWorkers: false, userAgent: WECHAT_UA.ios } } },
  ],
};
