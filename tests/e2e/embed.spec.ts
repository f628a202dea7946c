// Embedding the widget in another site with public/embed.js. A host
// page on a second local origin (listed in --frame-ancestors) embeds a venue
// and a volunteer checks in through the iframe; the iframe follows the
// widget's height; an unlisted origin is refused by the browser.
import { test, expect, startServer, RunningServer } from './fixtures/server';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';

/** A tiny web site on `port` (0: any) whose page embeds `venueUrl`. */
async function hostSite(port: number, widgetBase: string, venueUrl: string, lang = 'zh-CN') {
  const html = `<!doctype html><meta charset="utf-8"><title>host</title>
<h1>区志愿者服务日</h1>
<div id="baodao-checkin"></div>
<script src="${widgetBase}/embed.js" data-venue-url="${venueUrl}" data-lang="${lang}"></script>
<p id="after">footer</p>`;
  const srv: Server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((r) => srv.listen(port, '127.0.0.1', () => r()));
  const origin = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

/** The embedding site's port, known before the widget server starts. */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function withServer(args: string[], f: (s: RunningServer) => Promise<void>) {
  const s = await startServer(args);
  try {
    await f(s);
  } finally {
    await s.stop();
    rmSync(s.dataDir, { recursive: true, force: true });
  }
}

test('a listed site embeds a venue and a volunteer checks in through it', async ({ page }) => {
  const port = await freePort();
  await withServer(['--frame-ancestors', `http://127.0.0.1:${port}`], async (server) => {
    const site = await hostSite(port, server.base, server.checkinUrl);
    try {
      await page.goto(site.origin);
      const frame = page.frameLocator('#baodao-checkin iframe');
      const iframe = page.locator('#baodao-checkin iframe');
      await expect(iframe).toHaveAttribute('allow', /camera/);
      await expect(frame.locator('.venue-name')).toHaveText('区文化中心');
      // The personal-information notice comes before the first check-in.
      await frame.locator('.privacy-notice button.accept').tap();
      await frame.locator('#profile-name').fill('赵六');
      await frame.locator('#profile-mobile').fill('13600001111');
      await frame.locator('#profile-organisation').fill('第一中学');
      await frame.locator('form.profile-form button[type=submit]').tap();
      await frame.locator('button.primary.big').tap();
      await expect(frame.locator('.confirmation')).toContainText('已签到');
      await expect(frame.locator('.confirmation .delivery')).toHaveAttribute('data-state', 'synced');

      // The iframe is as tall as the widget's content (no inner scrolling).
      await expect
        .poll(async () => {
          const outer = await iframe.evaluate((f) => f.getBoundingClientRect().height);
          const inner = await frame.locator('body').evaluate((b) => b.getBoundingClientRect().height);
          return Math.abs(outer - Math.ceil(inner));
        })
        .toBeLessThan(2);
      // …not embed.js's initial 640 px.
      expect(await iframe.evaluate((f) => f.style.height)).not.toBe('640px');
      const roster = await (await fetch(`${server.base}/api/venues/1/checkins`, { headers: server.organiserAuth })).json();
      expect(roster.entries.map((e: { name: string }) => e.name)).toEqual(['赵六']);
    } finally {
      await site.close();
    }
  });
});

test('data-lang chooses the language', async ({ page }) => {
  const port = await freePort();
  await withServer(['--frame-ancestors', `http://127.0.0.1:${port}`], async (server) => {
    const site = await hostSite(port, server.base, server.checkinUrl, 'en');
    try {
      await page.goto(site.origin);
      const frame = page.frameLocator('#baodao-checkin iframe');
      await expect(frame.locator('.lang-switch')).toHaveText('中文');
      await expect(page.locator('#baodao-checkin iframe')).toHaveAttribute('title', 'Volunteer check-in');
    } finally {
      await site.close();
    }
  });
});

test('an unlisted site cannot frame the widget', async ({ page }) => {
  const listed = await freePort();
  await withServer(['--frame-ancestors', `http://127.0.0.1:${listed}`], async (server) => {
    const evil = await hostSite(0, server.base, server.checkinUrl);
    try {
      const refused = page.waitForEvent('console', (m) => /frame-ancestors/.test(m.text()));
      await page.goto(evil.origin);
      await refused;
      const frame = page.frameLocator('#baodao-checkin iframe');
      await page.waitForTimeout(1000);
      await expect(frame.locator('.app-bar')).toHaveCount(0);
      // The header says why.
      const res = await fetch(server.checkinUrl);
      expect(res.headers.get('content-security-policy')).toMatch(
        new RegExp(`; frame-ancestors 'self' http://127\\.0\\.0\\.1:${listed}$`),
      );
    } finally {
      await evil.close();
    }
  });
});

test('the demo serves a live example page that embeds the widget', async ({ page, server }) => {
  const fragment = new URL(server.checkinUrl).hash;
  await page.goto(`${server.base}/embed-example.html${fragment}`);
  const frame = page.frameLocator('#baodao-checkin iframe');
  await expect(frame.locator('.venue-name')).toHaveText('区文化中心');
});

