import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, consoleLogin, launchBrowser, newContext, screenshot } from './support/browser.js';

/** SPEC §1 story 1 begins here: a newcomer finds her flat and the community confirms she lives there. */
describe('a new resident asks to be bound to her household; her community approves', () => {
  const phone = '13912340001';
  const name = '王小红';
  const password = 'linli2026x';
  let browser: Browser;
  let residentContext: BrowserContext;
  let resident: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    residentContext = await newContext(browser, 'phone');
    resident = await residentContext.newPage();
    errors = collectPageErrors(resident);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('signs up on a phone, in Chinese by default', async () => {
    await resident.goto('/');
    await resident.waitForURL((url) => url.pathname === '/login');
    expect(await resident.getAttribute('html', 'lang')).toBe('zh-CN');
    await resident.getByRole('heading', { name: '欢迎回家' }).waitFor();
    await screenshot(resident, 'phone-zh-login');

    await resident.getByRole('link', { name: '立即注册' }).click();
    await resident.waitForURL((url) => url.pathname === '/signup');
    // The password rule is stated before anyone gets it wrong.
    await resident.getByText('至少 8 位，须同时包含字母和数字').first().waitFor();
    await screenshot(resident, 'phone-zh-signup');

    await resident.getByLabel('手机号').fill(phone);
    await resident.getByLabel('称呼').fill(name);
    await resident.getByLabel('密码').fill('abcdefgh');
    await resident.getByRole('button', { name: '注册并登录' }).click();
    await resident.getByText('密码不符合要求').waitFor();

    await resident.getByLabel('密码').fill(password);
    await resident.getByRole('button', { name: '注册并登录' }).click();
    await resident.waitForURL((url) => url.pathname === '/');
    await resident.getByText('还没有绑定房屋').waitFor();
    await resident.getByRole('heading', { name: `${name}，您好` }).waitFor();
    await screenshot(resident, 'phone-zh-home-unbound');
  });

  it('finds her household level by level and asks to be bound', async () => {
    await resident.getByRole('button', { name: '申请绑定房屋' }).click();
    await resident.waitForURL((url) => url.pathname === '/bind');
    await screenshot(resident, 'phone-zh-bind-start');
    for (const level of ['椒江区', '葭沚街道', '新景社区', '颐景名苑']) {
      await resident.getByRole('button', { name: level, exact: true }).click();
    }
    await resident.getByRole('heading', { name: '请选择楼栋' }).waitFor();
    await screenshot(resident, 'phone-zh-bind-choose');
    await resident.getByRole('button', { name: '3幢', exact: true }).click();
    await resident.getByRole('button', { name: '501室', exact: true }).click();
    await expect.poll(() => resident.getByTestId('selected-household').textContent()).toBe('501室');
    await resident.getByLabel('备注（选填）').fill('业主本人，上月入住');
    await screenshot(resident, 'phone-zh-bind-confirm');

    await resident.getByRole('button', { name: '提交申请' }).click();
    await resident.waitForURL((url) => url.pathname === '/');
    const card = resident.getByTestId('binding-card').filter({ hasText: '501室' });
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('pending');
    expect(await card.textContent()).toContain('待审核');
    await screenshot(resident, 'phone-zh-home-pending');
  });

  it('is not shown to community staff of another community', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await consoleLogin(page, 'staff.dongshan');
    await page.goto('/console/bindings?status=all');
    await page.getByRole('heading', { name: '房屋绑定' }).waitFor();
    await page.locator('.ant-table-tbody').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('main').textContent()).not.toContain(name);
    await screenshot(page, 'desktop-zh-bindings-dongshan');

    // Even asked for by id, 新景社区 does not exist for her: a friendly empty state, not a crash.
    const find = async (parentId: string | null, wanted: string) => {
      const res = await page.request.get(`/api/v1/directory${parentId ? `?parentId=${parentId}` : ''}`);
      const body = (await res.json()) as { items: { id: string; name: string }[] };
      const hit = body.items.find((i) => i.name === wanted);
      if (!hit) throw new Error(`${wanted} not in the directory`);
      return hit.id;
    };
    const xinjing = await find(await find(await find(null, '椒江区'), '葭沚街道'), '新景社区');
    await page.goto(`/console/bindings?scope=${xinjing}&status=all`);
    await page.getByText('没有访问权限').waitFor();
    expect(await page.locator('main').textContent()).not.toContain(name);
    await screenshot(page, 'desktop-zh-bindings-no-access');
    await context.close();
  });

  it('is approved by community staff of her community', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    const staffErrors = collectPageErrors(page);
    await consoleLogin(page, 'staff.xinjing');
    await screenshot(page, 'desktop-zh-places-start');
    await page.getByRole('menuitem', { name: '房屋绑定' }).click();
    const row = page.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    // Community staff of her community see her phone in full.
    expect(await row.textContent()).toContain(phone);
    expect(await row.textContent()).toContain('颐景名苑 3幢 501室');
    await screenshot(page, 'desktop-zh-bindings');

    await row.getByRole('button', { name: '通过', exact: true }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '通过', exact: true }).click();
    await page.getByText(`已通过 ${name} 的申请`).waitFor();
    await row.waitFor({ state: 'detached' });

    await page.locator('.ant-segmented').getByText('已通过', { exact: true }).click();
    await page.getByRole('row').filter({ hasText: name }).waitFor();
    await screenshot(page, 'desktop-zh-bindings-approved');
    expect(staffErrors).toEqual([]);
    await context.close();
  });

  it('then she sees her household', async () => {
    await resident.reload();
    await expect.poll(() => resident.getByTestId('household-name').textContent()).toBe('501室');
    const card = resident.locator('.ll-household');
    // The name comes with /me; the path follows when the household's details arrive.
    await expect.poll(() => card.textContent()).toContain('颐景名苑');
    expect(await card.textContent()).toContain('已认证住户');
    await screenshot(resident, 'phone-zh-home-bound');
    expect(errors).toEqual([]);
  });
});
