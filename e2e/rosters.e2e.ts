import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, consoleLogin, launchBrowser, newContext, screenshot } from './support/browser.js';

/**
 * C8: a community worker loads her roster from Excel. The first upload has a mistake, which the
 * report names by row and column; the corrected file imports; the same file again changes nothing.
 * Three resident party members arrive at 新景花园 (which had two and no branch), so S1 breaks there.
 */
describe('staff import a roster, fix a mistake, import again, and the standards change', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let xinjingId: string;
  let gardenId: string;

  /** The Chinese template from the server, filled in like a worker would, as an .xlsx file. */
  async function roster(phoneOfRow3: string): Promise<Buffer> {
    const res = await page.request.get(`/api/v1/places/${xinjingId}/rosters/template.xlsx?lang=zh-CN`);
    expect(res.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.body()) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('花名册')!;
    const rows = [
      ['新景花园', '4幢', '', '101', '范建军', '男', 1968, '13911110001', '居民党员', '', '', ''],
      ['新景花园', '4幢', '', '102', '蔡玉梅', '女', 1972, phoneOfRow3, '居民党员', '', '', ''],
      ['新景花园', '4幢', '', '201', '邱德明', '男', 1959, '13911110003', '居民党员', '', '', '退休教师'],
      ['新景花园', '4幢', '', '201', '邱小雨', '女', 1990, '', '', '', '', ''],
    ];
    rows.forEach((r, i) => {
      ws.getRow(i + 2).values = r;
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async function upload(file: Buffer) {
    await page.locator('input[type=file]').setInputFiles({
      name: '新景花园花名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    await page.getByTestId('roster-report').waitFor();
  }

  /** S1 breaks at 新景花园 (a violation pointing at it), or not. */
  async function s1BrokenAtGarden(): Promise<boolean> {
    const res = await page.request.get(`/api/v1/places/${xinjingId}/standards`);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as {
      rules: { id: string; status: string; violations: { placeId: string; message: string }[] }[];
    };
    const s1 = body.rules.find((r) => r.id === 'S1')!;
    return s1.violations.some((v) => v.placeId === gardenId);
  }

  /** The standards page of 新景社区: the S1 count in 新景花园's row of the drill-down table. */
  async function s1OnStandardsPage(shot: string): Promise<{ count: string; rule: string }> {
    await page.getByRole('menuitem', { name: '规范达标' }).click();
    const row = page.getByTestId('drill-新景花园');
    await row.waitFor();
    await page.getByTestId('rule-S1').waitFor();
    await screenshot(page, shot);
    const count = (await row.getByRole('cell').nth(1).textContent()) ?? '';
    const rule = (await page.getByTestId('rule-S1').textContent()) ?? '';
    await page.getByRole('menuitem', { name: '花名册' }).click();
    await page.getByRole('heading', { name: '花名册', exact: true }).waitFor();
    return { count, rule };
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser, 'desktop')).newPage();
    errors = collectPageErrors(page);
    await consoleLogin(page, 'staff.xinjing');
    const roots = (await (await page.request.get('/api/v1/places')).json()) as { items: { id: string }[] };
    xinjingId = roots.items[0]!.id;
    const children = (await (await page.request.get(`/api/v1/places/${xinjingId}/children`)).json()) as {
      items: { id: string; name: string }[];
    };
    gardenId = children.items.find((c) => c.name === '新景花园')!.id;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('refuses a roster with a mistake, naming the row and the column, and writes nothing', async () => {
    expect(await s1BrokenAtGarden()).toBe(false);
    const before = await s1OnStandardsPage('desktop-zh-rosters-standards-before');
    expect(before.count).toBe('0');
    expect(before.rule).not.toContain('新景花园');
    await page.getByRole('link', { name: /中文模板/ }).waitFor();
    await screenshot(page, 'desktop-zh-rosters');

    await upload(await roster('1391111000'));
    const report = page.getByTestId('roster-report');
    expect(await report.getAttribute('data-ok')).toBe('false');
    await page.getByText('发现 1 处问题，没有写入任何数据').waitFor();
    const row = page.getByRole('row').filter({ hasText: '不是有效的手机号' });
    expect(await row.getByRole('cell').nth(0).textContent()).toBe('3');
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('手机号');
    expect(await page.getByRole('button', { name: /^导入 \d+ 行$/ }).isDisabled()).toBe(true);
    await screenshot(page, 'desktop-zh-rosters-report');
    expect(await s1BrokenAtGarden()).toBe(false);
  });

  it('imports the corrected roster, and S1 breaks at 新景花园', async () => {
    const fixed = await roster('13911110002');
    await upload(fixed);
    await page.getByText('检查通过，可以导入').waitFor();
    const counts = page.getByTestId('roster-counts');
    expect(await counts.textContent()).toMatch(/新建房屋4新增或更新居民4新增或更新党员3无变化的行0/);
    await screenshot(page, 'desktop-zh-rosters-ready');

    await page.getByRole('button', { name: '导入 4 行' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '导入 4 行' }).click();
    await page.getByTestId('roster-imported').waitFor();
    expect(await page.getByTestId('roster-imported').textContent()).toContain(
      '新建房屋 4 处，居民 4 人，党员 3 人；0 行无变化',
    );
    await screenshot(page, 'desktop-zh-rosters-imported');
    // Two members before, five now, and still no branch.
    expect(await s1BrokenAtGarden()).toBe(true);
    const after = await s1OnStandardsPage('desktop-zh-rosters-standards-after');
    expect(after.count).toBe('1');
    expect(after.rule).toContain('新景花园');

    // The same file again: recognised row by row, nothing new.
    await upload(fixed);
    await page.getByText('检查通过，没有需要导入的变化').waitFor();
    await page.getByRole('button', { name: '导入 4 行' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '导入 4 行' }).click();
    await page.getByTestId('roster-imported').waitFor();
    expect(await page.getByTestId('roster-imported').textContent()).toContain(
      '新建房屋 0 处，居民 0 人，党员 0 人；4 行无变化',
    );
    expect(errors).toEqual([]);
  });

  it('reads the same in English', async () => {
    const context = await newContext(browser, 'desktop');
    await context.addInitScript(() => window.localStorage.setItem('linli.lang', 'en'));
    const en = await context.newPage();
    const enErrors = collectPageErrors(en);
    await consoleLogin(en, 'staff.xinjing');
    await en.goto('/console/rosters');
    await en.getByRole('heading', { name: 'Rosters', exact: true }).waitFor();
    const prev = page;
    page = en;
    await upload(await roster('139111100'));
    page = prev;
    await en.getByText('Problems found: 1. Nothing was written').waitFor();
    await en.getByRole('row').filter({ hasText: 'Not a mobile number' }).waitFor();
    await screenshot(en, 'desktop-en-rosters-report');
    expect(enErrors).toEqual([]);
    await context.close();
  });
});
