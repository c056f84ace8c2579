import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, consoleLogin, launchBrowser, newContext, screenshot } from './support/browser.js';

interface OrgNode {
  id: string;
  name: string;
  dissolvedAt: string | null;
  children: OrgNode[];
}

/** Staff of 新景社区 read their four levels, set up a branch and a joint group, and meet the S3 limit. */
describe('the organisation tree in the staff console', () => {
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
    // Leave the demo as it was for the files after this one: dissolve what this file set up, newest first.
    if (context) {
      const places = (await (await context.request.get('/api/v1/places')).json()) as {
        items: { id: string }[];
      };
      const tree = (await (
        await context.request.get(`/api/v1/places/${places.items[0]!.id}/organisation`)
      ).json()) as { roots: OrgNode[] };
      const live = (n: OrgNode): OrgNode[] => [...n.children.flatMap(live), ...(n.dissolvedAt ? [] : [n])];
      for (const org of tree.roots.flatMap(live)) {
        if (org.name === 'Xinjing Garden joint group' || org.name === '新景花园党支部') {
          await context.request.post(`/api/v1/organisations/${org.id}/dissolve`, {
            data: { reason: 'e2e clean-up' },
          });
        }
      }
    }
    await browser?.close();
  });

  const node = (name: string) => page.getByTestId('org-node').filter({ hasText: name });

  it('shows 颐景名苑’s branch and the 1幢 group with its pioneer post', async () => {
    await page.getByRole('menuitem', { name: '组织体系' }).click();
    await page.waitForURL((url) => url.pathname === '/console/organisation');
    await page.getByRole('heading', { name: '组织体系' }).waitFor();
    await node('新景社区大党委').waitFor();
    await node('颐景名苑党支部').waitFor();
    const group = node('颐景名苑1幢党小组');
    expect(await group.textContent()).toContain('楼长先锋岗 张海');
    // History is kept: the dissolved 4幢 group is shown greyed, with its date.
    expect(await node('颐景名苑4幢党小组').textContent()).toContain('已撤销');
    // The big committee is selected at first: its posts and counts.
    await page
      .getByTestId('org-details')
      .getByRole('heading', { name: /新景社区大党委/ })
      .waitFor();
    await screenshot(page, 'desktop-zh-organisation');

    await group.click();
    const details = page.getByTestId('org-details');
    await details.getByRole('heading', { name: /颐景名苑1幢党小组/ }).waitFor();
    const pioneer = details.getByRole('row').filter({ hasText: '楼长先锋岗' });
    expect(await pioneer.textContent()).toContain('张海');
    expect(await details.textContent()).toContain('红管家队伍');
    await screenshot(page, 'desktop-zh-organisation-group');
  });

  it('sets up a branch for 新景花园 and a joint group under it', async () => {
    await node('新景社区大党委').click();
    await page.getByTestId('org-details').getByRole('button', { name: '新建下级组织' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: '小区' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '新景花园' }).click();
    await dialog.getByLabel('组织名称').fill('新景花园党支部');
    await dialog.getByRole('button', { name: '新建下级组织' }).click();
    await page.getByText('已建立 新景花园党支部').waitFor();
    await page
      .getByTestId('org-details')
      .getByRole('heading', { name: /新景花园党支部/ })
      .waitFor();

    await page.getByTestId('org-details').getByRole('button', { name: '新建下级组织' }).click();
    await dialog.getByText('联合党小组', { exact: true }).click();
    await dialog.getByRole('checkbox', { name: '1幢' }).check();
    await dialog.getByRole('checkbox', { name: '2幢' }).check();
    await dialog.getByLabel('组织名称').fill('新景花园1-2幢联合党小组');
    await screenshot(page, 'desktop-zh-organisation-create-joint');
    await dialog.getByRole('button', { name: '新建下级组织' }).click();
    await page.getByText('已建立 新景花园1-2幢联合党小组').waitFor();
    const joint = node('新景花园1-2幢联合党小组');
    await joint.waitFor();
    // A new group has no leader and no pioneer post yet: said in red.
    expect(await joint.getByTestId('vacancy').textContent()).toContain('楼长先锋岗');
    await page.getByTestId('vacancy-alert').waitFor();
    const details = await page.getByTestId('org-details').textContent();
    expect(details).toContain('1幢');
    expect(details).toContain('2幢');
    await screenshot(page, 'desktop-zh-organisation-joint-created');
  });

  it('refuses an instructor one compound too many, in words a worker understands', async () => {
    // Two more compounds, so 黄志强 (linked to 2) can reach the limit of 3 and then pass it.
    const xinjing = await page.request.get('/api/v1/places');
    const root = ((await xinjing.json()) as { items: { id: string }[] }).items[0]!.id;
    for (const name of ['新景东苑', '新景西苑']) {
      const res = await page.request.post('/api/v1/places', {
        data: { parentId: root, kind: 'compound', name },
      });
      expect(res.status()).toBe(201);
    }
    await page.getByRole('menuitem', { name: '人员' }).click();
    await page.getByRole('heading', { name: '人员' }).waitFor();
    await page.getByText('党建指导员', { exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: '黄志强' });
    await row.waitFor();
    await screenshot(page, 'desktop-zh-people-instructors');
    await row.getByRole('button', { name: '黄志强' }).click();
    const drawer = page.getByTestId('person-drawer');
    await drawer.waitFor();
    const pick = async (name: string) => {
      await drawer.getByLabel('选择小区').click();
      await page.locator('.ant-select-item-option').filter({ hasText: name }).click();
      await drawer.getByRole('button', { name: '联系', exact: true }).click();
    };
    await pick('新景东苑');
    await page.getByText('已联系 新景东苑').waitFor();
    await pick('新景西苑');
    const refusal = page.getByTestId('instructor-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('黄志强 已联系 3 个小区（上限 3 个），请先解除一个再添加。');
    await screenshot(page, 'desktop-zh-people-s3-refused');
    await page.keyboard.press('Escape');
  });

  it('reads the same in English', async () => {
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('menuitem', { name: 'Organisation' }).click();
    await page.getByRole('heading', { name: 'Organisation' }).waitFor();
    const group = node('颐景名苑1幢党小组');
    await group.waitFor();
    expect(await group.textContent()).toContain('Pioneer post 张海');
    expect(await node('颐景名苑4幢党小组').textContent()).toContain('Dissolved');
    await screenshot(page, 'desktop-en-organisation');
    await group.click();
    await page.getByTestId('org-details').getByRole('row').filter({ hasText: 'Pioneer post' }).waitFor();

    // Dissolve the joint group set up in Chinese (kept, greyed) and set up a wider one in English.
    await node('新景花园1-2幢联合党小组').click();
    await page.getByTestId('org-details').getByRole('button', { name: 'Dissolve' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('Regrouped with 3幢');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('新景花园1-2幢联合党小组 dissolved').waitFor();
    await node('新景花园党支部').click();
    await page.getByTestId('org-details').getByRole('button', { name: 'New organisation under it' }).click();
    await dialog.getByText('Joint group', { exact: true }).click();
    for (const b of ['1幢', '2幢', '3幢']) await dialog.getByRole('checkbox', { name: b }).check();
    await dialog.getByLabel('Name').fill('Xinjing Garden joint group');
    await screenshot(page, 'desktop-en-organisation-create-joint');
    await dialog.getByRole('button', { name: 'New organisation under it' }).click();
    await page.getByText('Xinjing Garden joint group set up').waitFor();
    await node('Xinjing Garden joint group').waitFor();
    expect(await node('新景花园1-2幢联合党小组').textContent()).toContain('Dissolved');
    await screenshot(page, 'desktop-en-organisation-joint');

    await page.getByRole('menuitem', { name: 'People' }).click();
    await page.getByRole('heading', { name: 'People', exact: true }).waitFor();
    await page.getByRole('row').filter({ hasText: '周红梅' }).waitFor();
    await screenshot(page, 'desktop-en-people');
    expect(errors).toEqual([]);
  });
});
