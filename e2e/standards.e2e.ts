import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, consoleLogin, launchBrowser, newContext, screenshot } from './support/browser.js';

/** A district admin reads the standards of the demo district, drills down, and staff stay inside. */
describe('the standards page', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  const rule = (id: string) => page.getByTestId(`rule-${id}`);
  const drill = (name: string) => page.getByTestId(`drill-${name}`);
  const crumbs = () => page.getByTestId('scope-crumbs');

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser, 'desktop')).newPage();
    errors = collectPageErrors(page);
    await consoleLogin(page, 'district');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows S1–S7 for the district with the deliberate breaks where they are', async () => {
    await page.getByRole('menuitem', { name: '规范达标' }).click();
    await page.waitForURL(/\/console\/standards/);
    await rule('S7').waitFor();
    expect(await page.getByTestId('rules').locator('.st-rule').count()).toBe(7);
    expect(await rule('S1').getByTestId('status-S1').textContent()).toBe('未达标');
    const s1 = await rule('S1').textContent();
    expect(s1).toContain('云间小区有居住党员 4 名，尚未成立小区党支部：请成立小区党支部。');
    expect(await rule('S7').textContent()).toContain('东山社区大党委上次全体会议在 150 天前');
    expect(await rule('S4').textContent()).toContain('新景社区的党建会客厅');
    expect(await rule('S2').getByTestId('status-S2').textContent()).toBe('参考');
    // The district's threshold is quoted in the rule.
    expect(await rule('S1').textContent()).toContain('居住党员达到 3 名');
    expect(await drill('海门街道').textContent()).toMatch(/海门街道/);
    await screenshot(page, 'desktop-zh-standards');
  });

  it('drills down to a community and a compound, and back up', async () => {
    await drill('海门街道').click();
    await drill('东山社区').waitFor();
    await drill('东山社区').click();
    await drill('云间小区').waitFor();
    expect(await crumbs().textContent()).toContain('东山社区');
    expect(await rule('S1').textContent()).toContain('云间小区');
    expect(await rule('S7').textContent()).toContain('东山社区');
    // 新景社区's living room is not this community's business.
    expect(await rule('S4').textContent()).not.toContain('新景社区');
    await screenshot(page, 'desktop-zh-standards-community');
    await drill('云间小区').click();
    await drill('1幢').waitFor();
    // No community inside a compound: S7 does not apply here.
    expect(await rule('S7').getByTestId('status-S7').textContent()).toBe('不涉及');
    expect(await rule('S1').textContent()).toContain('云间小区');
    await screenshot(page, 'desktop-zh-standards-compound');
    await crumbs().getByRole('link', { name: '椒江区' }).click();
    await drill('葭沚街道').waitFor();
  });

  it('lets a district admin change a threshold and see it apply', async () => {
    await page.getByTestId('open-settings').click();
    const drawer = page.locator('.ant-drawer');
    const field = drawer.getByLabel('S1 成立支部的居住党员数（名）');
    await field.waitFor();
    expect(await field.inputValue()).toBe('3');
    // Far above any demo compound, even after other files import members.
    await field.fill('20');
    await screenshot(page, 'desktop-zh-standards-settings');
    await drawer.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('设置已保存').waitFor();
    await page.waitForFunction(() => document.body.textContent?.includes('居住党员达到 20 名'));
    expect(await rule('S1').getByTestId('status-S1').textContent()).toBe('达标');
    await page.getByTestId('open-settings').click();
    await drawer.getByRole('button', { name: '恢复默认' }).click();
    await drawer.getByRole('button', { name: '保存设置' }).click();
    await page.waitForFunction(() => document.body.textContent?.includes('居住党员达到 3 名'));
    expect(await rule('S1').getByTestId('status-S1').textContent()).toBe('未达标');
  });

  it('exports the breaks as an Excel file', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('reads in English too', async () => {
    await page.evaluate(() => window.localStorage.setItem('linli.lang', 'en'));
    await page.reload();
    await rule('S7').waitFor();
    expect(await rule('S1').getByTestId('status-S1').textContent()).toBe('Broken');
    expect(await rule('S1').textContent()).toContain(
      '云间小区 has 4 resident party members and no branch: set up a compound branch.',
    );
    await screenshot(page, 'desktop-en-standards');
    await page.getByRole('menuitem', { name: 'Living rooms' }).click();
    await page.getByText('云间党建会客厅').waitFor();
    await screenshot(page, 'desktop-en-living-rooms');
    await page.evaluate(() => window.localStorage.setItem('linli.lang', 'zh-CN'));
    await page.reload();
    await page.getByText('云间党建会客厅').waitFor();
    await screenshot(page, 'desktop-zh-living-rooms');
    expect(errors).toEqual([]);
  });

  it('keeps staff of another community out of 新景社区', async () => {
    const other = await (await newContext(browser, 'desktop')).newPage();
    await consoleLogin(other, 'staff.dongshan');
    await other.goto('/console/standards');
    await other.getByTestId('rule-S7').waitFor();
    expect(await other.getByTestId('rules').textContent()).not.toContain('新景社区');
    const status = await other.evaluate(async () => {
      const places = (await (await fetch('/api/v1/directory')).json()) as { items: { id: string }[] };
      const district = places.items[0]!.id;
      const streets = (await (await fetch(`/api/v1/directory?parentId=${district}`)).json()) as {
        items: { id: string; name: string }[];
      };
      const jiaozhi = streets.items.find((s) => s.name === '葭沚街道')!.id;
      const communities = (await (await fetch(`/api/v1/directory?parentId=${jiaozhi}`)).json()) as {
        items: { id: string; name: string }[];
      };
      const xinjing = communities.items.find((c) => c.name === '新景社区')!.id;
      return (await fetch(`/api/v1/places/${xinjing}/standards`)).status;
    });
    expect(status).toBe(404);
    await other.close();
  });
});
