// Prints the figures of bench/lighthouse/run.sh's reports: each run, then the
// median per page (by performance score's metrics, each taken separately).
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [dir, runs] = [process.argv[2], Number(process.argv[3])];
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (r) =>
  `performance ${r.score.toFixed(2)}  FCP ${(r.fcp / 1000).toFixed(2)} s  LCP ${(r.lcp / 1000).toFixed(2)} s  ` +
  `TBT ${r.tbt.toFixed(0)} ms  TTI ${(r.tti / 1000).toFixed(2)} s  total ${r.bytes.toLocaleString('en')} B in ${r.requests} requests`;

for (const page of ['checkin', 'lead']) {
  const all = [];
  for (let i = 1; i <= runs; i++) {
    const lhr = JSON.parse(readFileSync(path.join(dir, `${page}-${i}.json`), 'utf8'));
    if (lhr.runtimeError) throw new Error(`${page} run ${i}: ${lhr.runtimeError.message}`);
    const a = (id) => lhr.audits[id].numericValue;
    const r = {
      score: lhr.categories.performance.score,
      fcp: a('first-contentful-paint'),
      lcp: a('largest-contentful-paint'),
      tbt: a('total-blocking-time'),
      tti: a('interactive'),
      bytes: a('total-byte-weight'),
      requests: lhr.audits['network-requests'].details.items.length,
    };
    all.push(r);
    console.log(`${page} run ${i}: ${fmt(r)}`);
  }
  const m = Object.fromEntries(Object.keys(all[0]).map((k) => [k, median(all.map((r) => r[k]))]));
  console.log(`${page} median of ${runs}: ${fmt(m)}`);
}
