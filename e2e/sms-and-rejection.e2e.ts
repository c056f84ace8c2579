import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectPageErrors,
  consoleLogin,
  launchBrowser,
  newContext,
  residentLogin,
  screenshot,
} from './support/browser.js';
import { latestSmsCode } from './support/sms-outbox.js';

describe('SMS codes and a refused request', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a resident logs in with a code sent to her verified phone', async () => {
    const page = await (await newContext(browser, 'phone')).newPage();
    const errors = collectPageErrors(page);
    const phone = '13800000014';
    await page.goto('/login');
    await page.getByRole('tab', { name: '验证码登录' }).click();
    await page.getByLabel('手机号', { exact: true }).fill(phone);
    const since = new Date(Date.now() - 1000).toISOString();
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByRole('button', { name: /秒后可重发/ }).waitFor();
    await page.getByLabel('验证码').fill(await latestSmsCode(phone, since));
    await screenshot(page, 'phone-zh-login-sms');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('household-name').waitFor();
    expect(errors).toEqual([]);
  });

  it('a refused request shows the reason to the applicant', async () => {
    const staff = await (await newContext(browser, 'desktop')).newPage();
    await consoleLogin(staff, 'staff.xinjing');
    await staff.goto('/console/bindings');
    const row = staff.getByRole('row').filter({ hasText: '何静' });
    await row.getByRole('button', { name: '不通过', exact: true }).click();
    const dialog = staff.getByRole('dialog', { name: '不通过 何静 的申请' });
    await dialog.getByRole('button', { name: '不通过', exact: true }).click();
    await dialog.getByText('请填写不通过的原因').waitFor();
    await dialog.getByLabel('不通过的原因').fill('1幢102 登记的租户不是您，请带租房合同到社区核实');
    await screenshot(staff, 'desktop-zh-bindings-reject');
    await dialog.getByRole('button', { name: '不通过', exact: true }).click();
    await staff.getByText('已驳回 何静 的申请').waitFor();
    await row.waitFor({ state: 'detached' });

    const page = await (await newContext(browser, 'phone')).newPage();
    await residentLogin(page, 'newcomer');
    const card = page.getByTestId('binding-card').filter({ hasText: '102室' });
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('rejected');
    expect(await card.textContent()).toContain('原因：1幢102 登记的租户不是您');
    await screenshot(page, 'phone-zh-home-rejected');
  });

  it('a new resident verifies her phone with a code', async () => {
    const page = await (await newContext(browser, 'phone')).newPage();
    const phone = '13912340002';
    await page.goto('/signup');
    await page.getByLabel('手机号').fill(phone);
    await page.getByLabel('称呼').fill('赵阿姨');
    await page.getByLabel('密码').fill('linli2026y');
    await page.getByRole('button', { name: '注册并登录' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('link', { name: '我的', exact: true }).click();
    await page.getByText('未验证').waitFor();
    await page.getByRole('button', { name: '验证手机号' }).click();
    const dialog = page.getByRole('dialog');
    const since = new Date(Date.now() - 1000).toISOString();
    await dialog.getByRole('button', { name: '获取验证码' }).click();
    await dialog.getByLabel('验证码').fill(await latestSmsCode(phone, since));
    await dialog.getByRole('button', { name: '确定' }).click();
    await page.getByText('已验证', { exact: true }).waitFor();
    await screenshot(page, 'phone-zh-me-verified');
  });
});
