// What every browser check shares: Debian's Chromium launched as the project runs it everywhere
// (headless through playwright-core, which gives every launch a fresh, temporary user-data-dir),
// and a page whose console errors, page errors and requests outside what the check allows are
// collected as failures.

import { chromium } from 'playwright-core';

export function launch_chromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** Requests a page served by a local picture server may make: 127.0.0.1, data: and blob: URLs. */
export function loopback_only(url) {
  return url.startsWith('http://127.0.0.1') || url.startsWith('ws://127.0.0.1') || url.startsWith('data:') ||
    url.startsWith('blob:');
}

/**
 * A new page of `browser` whose console errors, page errors and requests `allowed(url)` refuses
 * are pushed onto `failures` (as "console error: ...", "page error: ...", "request leaving
 * 127.0.0.1: ..." / `refused_label`).
 */
export async function watched_page(browser, failures, viewport, allowed = loopback_only,
  refused_label = 'request leaving 127.0.0.1') {
  const page = await browser.newPage({ viewport });
  page.on('console', (message) => {
    if (message.type() === 'error') failures.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (!allowed(request.url())) failures.push(`${refused_label}: ${request.url()}`);
  });
  return page;
}
