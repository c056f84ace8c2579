import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, consoleLogin, launchBrowser, newContext, screenshot } from './support/browser.js';

describe('the staff console places tree', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  const node = (name: string) =>
    page.locator('.ant-tree-treenode').filter({ has: page.getByText(name, { exact: true }) });

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser, 'desktop')).newPage();
    errors = collectPageErrors(page);
    await consoleLogin(page, 'staff.xinjing');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('reaches every menu item on a 1366×768 laptop: the menu scrolls under the logo', async () => {
    const laptop = await newContext(browser, 'desktop');
    const small = await laptop.newPage();
    await small.setViewportSize({ width: 1366, height: 768 });
    await consoleLogin(small, 'staff.xinjing');
    const menu = small.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem');
    const last = menu.last();
    await last.scrollIntoViewIfNeeded();
    const box = (await last.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    const label = (await last.textContent())!.trim();
    await last.click();
    await small.getByRole('heading', { name: label }).first().waitFor();
    await screenshot(small, 'desktop-zh-menu-laptop');
    await laptop.close();
  });

  it('opens the tree at the staff member’s community and shows a place’s details', async () => {
    // Her scope root opens by itself and shows its details.
    await page
      .getByTestId('place-details')
      .getByRole('heading', { name: /新景社区/ })
      .waitFor();
    await node('颐景名苑').locator('.ant-tree-title').click();
    const details = page.getByTestId('place-details');
    await details.getByRole('heading', { name: /颐景名苑/ }).waitFor();
    expect(await details.textContent()).toContain('葭沚街道');
    await screenshot(page, 'desktop-zh-places');
  });

  it('adds a building under a compound', async () => {
    await page.getByRole('button', { name: '新增下级' }).click();
    const dialog = page.getByRole('dialog', { name: '在「颐景名苑」下新增' });
    await dialog.waitFor();
    // Only the kinds allowed under a compound are offered.
    expect(await dialog.locator('.ant-select').textContent()).toContain('楼栋');
    await dialog.getByLabel('名称').fill('5幢');
    await screenshot(page, 'desktop-zh-places-add');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('已新增「5幢」').waitFor();
    await node('5幢').waitFor();
    await page.getByTestId('place-details').getByRole('heading', { name: /5幢/ }).waitFor();
  });

  it('renames it', async () => {
    await page.getByRole('button', { name: '重命名' }).click();
    const dialog = page.getByRole('dialog', { name: '重命名「5幢」' });
    const input = dialog.getByLabel('名称');
    expect(await input.inputValue()).toBe('5幢');
    await input.fill('5号楼');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('已重命名为「5号楼」').waitFor();
    await node('5号楼').waitFor();
    expect(await node('5幢').count()).toBe(0);
    await page.getByTestId('place-details').getByRole('heading', { name: /5号楼/ }).waitFor();
    await screenshot(page, 'desktop-zh-places-renamed');
    expect(errors).toEqual([]);
  });
});
