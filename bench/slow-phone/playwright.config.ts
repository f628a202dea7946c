// The slow-phone benchmark (slow_phone.bench.ts), run by tests/e2e's
// Playwright (run.sh): the e2e suite's browser settings, one test at a time
// so the figures are not shared with another test's load.
import base from '../../tests/e2e/playwright.config';

export default {
  ...base,
  testDir: '.',
  testMatch: '*.bench.ts',
  timeout: 900_000,
  fullyParallel: false,
  workers: 1,
};
