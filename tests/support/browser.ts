// Debian's Chromium driven by playwright-core (no browser download is possible here).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(__dirname, '..', '..', '.tmp', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run \`apt-get install -y chromium fonts-wqy-microhei\``);
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // The machine has no network: background services would only fail and slow the start.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** What every browser test does with its page: find visible elements, read them, sign in as a demo identity. */
export interface DemoPage {
  /** The visible matches of a selector (Taro's H5 router keeps hidden pages in the DOM). */
  shown(selector: string): Locator;
  /** Opens the app at `hash` as a demo identity (null: signed out), as the identity chip does. */
  openAs(openid: string | null, hash: string): Promise<void>;
  /** The trimmed text of the first visible match, once there is one. */
  textOf(selector: string): Promise<string>;
  /** Waits for a visible match of the selector that holds `text`. */
  waitForText(selector: string, text: string): Promise<void>;
}

/** `page()` and `baseUrl()` are read on each call: tests create both in beforeAll. */
export function demoPage(page: () => Page, baseUrl: () => string): DemoPage {
  const shown = (selector: string) => page().locator(`${selector} >> visible=true`);
  return {
    shown,
    async openAs(openid, hash) {
      // The identity is in the origin's localStorage, which the app reads as it boots. Set it from a
      // small document of the same origin (the gateway's identity list) rather than booting the
      // whole app only to leave it: that load's calls would run on, cold starts and all, while the
      // real one waits behind them.
      await page().goto(`${baseUrl()}/api/demo-identities`);
      await page().evaluate((id) => (id ? localStorage.setItem('cactus.demoOpenId', id) : localStorage.removeItem('cactus.demoOpenId')), openid);
      await page().goto(`${baseUrl()}/#${hash}`);
      // The app shell: Taro's router has mounted the page the hash names (its data may still be coming).
      await page().locator('.taro_page').first().waitFor({ state: 'attached' });
    },
    async textOf(selector) {
      await shown(selector).first().waitFor({ timeout: 10_000 });
      return ((await shown(selector).first().textContent()) ?? '').trim();
    },
    async waitForText(selector, text) {
      await shown(selector).filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
    },
  };
}

/**
 * Full-page screenshots named `<prefix>-<name>.png` in SCREENSHOT_DIR, taken once the page has
 * settled (Taro's H5 router slides a new page in from the right).
 */
export function screenshots(page: () => Page, prefix: string): (name: string) => Promise<void> {
  return async (name) => {
    await page().waitForTimeout(500);
    await page().screenshot({ path: join(SCREENSHOT_DIR, `${prefix}-${name}.png`), fullPage: true });
  };
}
