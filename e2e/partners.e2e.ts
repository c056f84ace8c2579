import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeByEscape,
  collectPageErrors,
  consoleLogin,
  launchBrowser,
  newContext,
  screenshot,
} from './support/browser.js';

/** SPEC C4 and §1 stories 1–2: the partner units a community works with, and what they did. */
describe('community staff browse their partner units on a desktop', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, 'desktop');
    page = await context.newPage();
    errors = collectPageErrors(page);
    await consoleLogin(page, 'staff.xinjing');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lists the units paired with 新景社区, and the college’s 43-appliance contribution in its drawer', async () => {
    await page.getByRole('menuitem', { name: '共建单位' }).click();
    await page.waitForURL((u) => u.pathname === '/console/partners');
    const table = page.getByTestId('partner-table');
    await table.getByRole('button', { name: '台州职业技术学院' }).waitFor();
    await table.getByRole('button', { name: '椒江区社区卫生服务中心' }).waitFor();
    // Units paired only with 东山社区 are not here.
    expect(await table.getByText('椒江区市场监督管理局').count()).toBe(0);
    await screenshot(page, 'desktop-zh-partners-registry');

    await table.getByRole('button', { name: '台州职业技术学院' }).click();
    const drawer = page.getByTestId('partner-drawer');
    await drawer.getByText('上门维修家电43件，居民满意').waitFor();
    await drawer.getByText('家电维修志愿服务队').waitFor();
    // Community staff see the contact's phone in full (the reveal is audited).
    expect(await drawer.getByTestId('contact-phone').textContent()).toBe('13957600101');
    await screenshot(page, 'desktop-zh-partners-drawer');
    await closeByEscape(page, drawer);
  });

  it('shows pairings, the offers catalogue and the contributions timeline', async () => {
    await page.getByRole('tab', { name: '结对' }).click();
    await page.getByRole('cell', { name: '台州职业技术学院' }).first().waitFor();
    await screenshot(page, 'desktop-zh-partners-pairings');
    await page.getByRole('tab', { name: '资源清单' }).click();
    await page.getByText('远程视频问诊').waitFor();
    await screenshot(page, 'desktop-zh-partners-offers');
    await page.getByRole('tab', { name: '共建成效' }).click();
    await page.getByTestId('contribution').filter({ hasText: '43' }).waitFor();
    await screenshot(page, 'desktop-zh-partners-contributions');
    expect(errors).toEqual([]);
  });

  it('reads the same in English', async () => {
    const en = await newContext(browser, 'desktop');
    await en.addInitScript(() => window.localStorage.setItem('linli.lang', 'en'));
    const p = await en.newPage();
    await consoleLogin(p, 'staff.xinjing');
    await p.goto('/console/partners');
    await p.getByRole('tab', { name: 'Registry' }).waitFor();
    await p.getByTestId('partner-table').getByRole('button', { name: '台州职业技术学院' }).waitFor();
    await screenshot(p, 'desktop-en-partners-registry');
    await p.getByRole('tab', { name: 'Contributions' }).click();
    await p.getByTestId('contribution').filter({ hasText: '43' }).waitFor();
    await screenshot(p, 'desktop-en-partners-contributions');
    await p.goto('/console/lighting');
    await p.getByText('by the member online').first().waitFor();
    await screenshot(p, 'desktop-en-lighting');
    await en.close();
  });

  it('shows a partner contact the own unit, with offers they may add to', async () => {
    const c = await newContext(browser, 'desktop');
    const p = await c.newPage();
    await consoleLogin(p, 'partner');
    await p.goto('/console/partners');
    await p.getByTestId('partner-table').getByRole('button', { name: '台州职业技术学院' }).click();
    const drawer = p.getByTestId('partner-drawer');
    await drawer.getByRole('button', { name: '添加资源' }).waitFor();
    await drawer.getByRole('button', { name: '记录共建' }).waitFor();
    await c.close();
  });
});
