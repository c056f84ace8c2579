import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectPageErrors,
  launchBrowser,
  newContext,
  PHONE,
  residentLogin,
  screenshot,
} from './support/browser.js';
import { smallTargets, smallTexts } from './support/measure.js';

const isElderly = (page: Page) => page.evaluate(() => document.documentElement.classList.contains('elderly'));
const bodyFontSize = (page: Page) =>
  page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));

/** 长辈版 (docs refs/elderly.md): a visible switch on the first screen; large type, large targets; kept. */
describe('elderly mode', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser, 'phone')).newPage();
    errors = collectPageErrors(page);
    await residentLogin(page, 'resident');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('has a visible switch on the home screen', async () => {
    const toggle = page.getByTestId('elderly-toggle');
    const box = await toggle.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
    expect(await toggle.textContent()).toBe('长辈版');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await bodyFontSize(page)).toBeLessThan(18);
  });

  it('makes every text on the home screen at least 18 px and every control at least 60 px', async () => {
    await page.getByTestId('elderly-toggle').click();
    expect(await isElderly(page)).toBe(true);
    expect(await bodyFontSize(page)).toBeGreaterThanOrEqual(18);
    expect(await smallTexts(page, 18)).toEqual([]);
    expect(await smallTargets(page, 60)).toEqual([]);
    await page.getByText('长辈版已开启').waitFor({ state: 'detached' });
    await screenshot(page, 'phone-zh-home-elderly');
  });

  it('keeps the choice after a reload, on every page', async () => {
    await page.reload();
    expect(await isElderly(page)).toBe(true);
    await page.getByTestId('household-name').waitFor();
    expect(await bodyFontSize(page)).toBeGreaterThanOrEqual(18);

    await page.getByRole('link', { name: '我的', exact: true }).click();
    await page.getByRole('heading', { name: '我的', exact: true }).waitFor();
    expect(await smallTexts(page, 18)).toEqual([]);
    expect(await smallTargets(page, 60)).toEqual([]);
    await screenshot(page, 'phone-zh-me-elderly');

    await page.goto('/bind');
    await page.getByRole('button', { name: '椒江区', exact: true }).click();
    await page.getByRole('heading', { name: '请选择街道' }).waitFor();
    expect(await smallTexts(page, 18)).toEqual([]);
    expect(await smallTargets(page, 60)).toEqual([]);
    await screenshot(page, 'phone-zh-bind-elderly');
  });

  it('goes back to standard with one tap in settings', async () => {
    await page.goto('/me');
    const sw = page.getByRole('switch', { name: /长辈版/ });
    expect(await sw.getAttribute('aria-checked')).toBe('true');
    await sw.click();
    await page.getByText('长辈版已关闭').waitFor();
    expect(await sw.getAttribute('aria-checked')).toBe('false');
    expect(await isElderly(page)).toBe(false);
    expect(await bodyFontSize(page)).toBeLessThan(18);
    await page.reload();
    await page.getByRole('heading', { name: '我的', exact: true }).waitFor();
    expect(await isElderly(page)).toBe(false);
    expect(errors).toEqual([]);
  });
});
