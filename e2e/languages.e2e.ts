import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectPageErrors,
  consoleLogin,
  launchBrowser,
  newContext,
  residentLogin,
  screenshot,
} from './support/browser.js';

const htmlLang = (page: Page) => page.getAttribute('html', 'lang');

describe('both languages', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('resident app: switches to English and remembers it after a reload', async () => {
    const page = await (await newContext(browser, 'phone')).newPage();
    const errors = collectPageErrors(page);
    await page.goto('/login');
    await page.getByRole('heading', { name: '欢迎回家' }).waitFor();
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { name: 'Welcome home' }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    expect(await page.title()).toBe('Linli');
    await page.getByRole('button', { name: 'Log in', exact: true }).waitFor();
    await screenshot(page, 'phone-en-login');

    await page.reload();
    await page.getByRole('heading', { name: 'Welcome home' }).waitFor();
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Create a Linli account' }).waitFor();
    await page.getByText('At least 8 characters with letters and digits').first().waitFor();
    await screenshot(page, 'phone-en-signup');

    await residentLogin(page, 'resident');
    await page.getByText('Verified resident').waitFor();
    await page.getByRole('link', { name: 'My home' }).waitFor();
    await screenshot(page, 'phone-en-home');

    await page.getByRole('link', { name: 'Me', exact: true }).click();
    await page.getByText('Elderly mode', { exact: true }).waitFor();
    await page.getByText('Language', { exact: true }).waitFor();
    await screenshot(page, 'phone-en-me');

    await page.goto('/bind');
    await page.getByRole('heading', { name: 'Choose your district' }).waitFor();
    await screenshot(page, 'phone-en-bind');

    // The same choice reaches the staff console on this device (she is signed in there too).
    await page.goto('/console');
    await page.getByRole('menuitem', { name: 'Household bindings' }).waitFor();

    await page.goto('/me');
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('heading', { name: '我的', exact: true }).waitFor();
    expect(await htmlLang(page)).toBe('zh-CN');
    await screenshot(page, 'phone-zh-me');
    expect(errors).toEqual([]);
  });

  it('staff console: switches to English and remembers it after a reload', async () => {
    const page = await (await newContext(browser, 'desktop')).newPage();
    const errors = collectPageErrors(page);
    await page.goto('/console');
    await page.getByRole('heading', { name: '工作人员登录' }).waitFor();
    await screenshot(page, 'desktop-zh-login');
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Staff log-in' }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    expect(await page.title()).toBe('Linli Console');
    await screenshot(page, 'desktop-en-login');

    await consoleLogin(page, 'staff.xinjing');
    for (const item of ['Places', 'Household bindings', 'Audit log']) {
      await page.getByRole('menuitem', { name: item }).waitFor();
    }
    await page.reload();
    await page.getByRole('heading', { name: 'Places', exact: true }).waitFor();
    await page.getByText('Place tree').waitFor();
    await screenshot(page, 'desktop-en-places');

    await page.getByRole('menuitem', { name: 'Household bindings' }).click();
    await page.getByRole('heading', { name: 'Household bindings' }).waitFor();
    await page.getByRole('columnheader', { name: 'Applicant' }).waitFor();
    await screenshot(page, 'desktop-en-bindings');

    await page.getByRole('menuitem', { name: 'Audit log' }).click();
    await page.getByRole('columnheader', { name: 'Actor' }).waitFor();
    await screenshot(page, 'desktop-en-audit');

    await page.getByText('简体中文', { exact: true }).click();
    await page.getByRole('heading', { name: '操作日志' }).waitFor();
    await screenshot(page, 'desktop-zh-audit');
    expect(errors).toEqual([]);
  });
});
