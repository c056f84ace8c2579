import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';

/** Debian's Chromium; nothing is ever downloaded. The flags keep it quiet on a closed network. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1440, height: 900 } as const;
export const DEMO_PASSWORD = 'linli2026';

const SHOTS = new URL('../screenshots/', import.meta.url).pathname;

export function baseUrl(): string {
  return inject('baseUrl');
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/** A fresh profile (own cookies and localStorage) the size of a phone or a desktop screen. */
export async function newContext(browser: Browser, device: 'phone' | 'desktop'): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: device === 'phone' ? PHONE : DESKTOP,
    deviceScaleFactor: device === 'phone' ? 2 : 1,
    isMobile: device === 'phone',
    hasTouch: device === 'phone',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/**
 * Save e2e/screenshots/<name>.png once animations and requests have settled, for people to look at.
 * CI (CI=true) waits the same but skips the capture unless E2E_SCREENSHOTS=1: nobody sees a clean
 * clone's 150-odd full-page pictures. (The wait stays: some steps rely on the page having settled,
 * and skipping it made them flaky.)
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(350);
  if (process.env.CI === 'true' && process.env.E2E_SCREENSHOTS !== '1') return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/**
 * Close a drawer, modal or panel with Escape and wait until it is gone. An Escape that arrives while
 * something inside it (a select's list, a closing modal) still holds the focus only closes that, so
 * press again, up to three times.
 */
export async function closeByEscape(page: Page, overlay: Locator): Promise<void> {
  for (let i = 0; i < 3 && (await overlay.isVisible()); i++) {
    await page.keyboard.press('Escape');
    await overlay.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => {});
  }
  await overlay.waitFor({ state: 'hidden' });
}

/** Errors the page throws, and anything the Content Security Policy refuses, are failures, not noise. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text()))
      errors.push(msg.text());
  });
  return errors;
}

/** Log in to the resident app with a password. */
export async function residentLogin(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/手机号或用户名|Phone or username/).fill(login);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** Log in to the staff console with a password. */
export async function consoleLogin(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/console/login');
  await page.getByLabel(/用户名或手机号|Username or phone/).fill(login);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(登\s?录|Log in)$/ }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/console/places'));
}
