import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectPageErrors,
  consoleLogin,
  launchBrowser,
  newContext,
  residentLogin,
  screenshot,
} from './support/browser.js';

const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
const COUNTS = [
  'litHouseholds',
  'smallMattersSolved',
  'needsSolved',
  'membersReportedIn',
  'postsFilled',
  'whistlesAnswered',
] as const;
type Stats = Record<(typeof COUNTS)[number], number> & { medianMinutesToArrive: number | null };

/** A small PNG drawn here (a patch of bare soil or of green), for the before and after photos. */
function photo(file: string, rgb: [number, number, number]): string {
  const png = new PNG({ width: 64, height: 48 });
  for (let i = 0; i < png.data.length; i += 4) {
    png.data[i] = rgb[0];
    png.data[i + 1] = rgb[1];
    png.data[i + 2] = rgb[2];
    png.data[i + 3] = 255;
  }
  const path = `${SHOTS}${file}`;
  writeFileSync(path, PNG.sync.write(png));
  return path;
}

/**
 * SPEC C2 + C7 (issue 5): an in-service member reports in on her phone, staff approve on a desktop;
 * she claims a post, answers a whistle and checks in, records a small matter that staff verify — and
 * the headline counts of her community (and of the district, their sum) move.
 */
describe('whistle and report: a member reports in, serves, and the counts move', () => {
  let browser: Browser;
  let phone: BrowserContext;
  let desk: BrowserContext;
  let member: Page;
  let staff: Page;
  let errors: string[];
  const stamp = Date.now().toString().slice(-6);
  const name = `党员${stamp}`;
  const mobile = `139${stamp}88`;
  const password = 'report2026';
  const whistleTitle = `清理${stamp}号楼道杂物`;
  const matterTitle = `学成小区绿化带补种${stamp}`;
  let communityId = '';
  let before: Stats;

  const stats = async (placeId: string) =>
    (await (await staff.request.get(`/api/v1/places/${placeId}/stats`)).json()) as Stats;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
    phone = await newContext(browser, 'phone');
    desk = await newContext(browser, 'desktop');
    member = await phone.newPage();
    staff = await desk.newPage();
    errors = [...collectPageErrors(member), ...collectPageErrors(staff)];
    await consoleLogin(staff, 'staff.xinjing');
  });

  afterAll(async () => {
    // Put the demo back: the whistle closed, the post left, the report withdrawn.
    const whistles = (await (await member.request.get('/api/v1/me/whistles')).json().catch(() => null)) as {
      items: { id: string; title: string; status: string }[];
    } | null;
    for (const w of whistles?.items ?? [])
      if (w.title === whistleTitle && w.status === 'open')
        await staff.request.post(`/api/v1/whistles/${w.id}/close`, { data: {} });
    const claims = (await (await member.request.get('/api/v1/me/post-claims')).json().catch(() => null)) as {
      items: { id: string; status: string }[];
    } | null;
    for (const c of claims?.items ?? [])
      if (c.status === 'approved' || c.status === 'pending')
        await member.request.post(`/api/v1/post-claims/${c.id}/leave`, { data: {} });
    const reports = (await (
      await member.request.get('/api/v1/me/member-reports')
    )
      .json()
      .catch(() => null)) as {
      items: { id: string; actions: string[] }[];
    } | null;
    for (const r of reports?.items ?? [])
      if (r.actions.includes('withdraw'))
        await member.request.post(`/api/v1/member-reports/${r.id}/withdraw`, { data: {} });
    await browser?.close();
  });

  it('signs up and reports in to her community on a phone', async () => {
    const signup = await member.request.post('/api/v1/auth/signup', {
      data: { phone: mobile, displayName: name, password },
    });
    expect(signup.status()).toBeLessThan(300);
    await member.goto('/me');
    await member.getByTestId('member-shortcut').click();
    await member.waitForURL((u) => u.pathname === '/member');
    await screenshot(member, 'phone-zh-member-hub-new');
    await member.getByTestId('entry-report').click();
    await member.waitForURL((u) => u.pathname === '/member/report-in');

    // No household yet: she chooses the community she lives in.
    await member.getByRole('button', { name: '请选择社区' }).click();
    await member.getByRole('button', { name: /^新景社区/ }).click();
    await member.getByLabel('工作单位').fill('台州市椒江区人民医院');
    await member.getByLabel('所在党组织').fill('椒江区人民医院党委');
    await member.getByLabel('特长技能').fill('急救、心理疏导');
    await member.getByRole('button', { name: '添加', exact: true }).click();
    await member.getByLabel('空闲时间').fill('周末上午');
    await screenshot(member, 'phone-zh-report-in-form');
    await member.getByRole('button', { name: '提交报到' }).click();
    await member.getByTestId('report-status').filter({ hasText: '待审核' }).waitFor();
    await screenshot(member, 'phone-zh-report-in-pending');

    const mine = (await (await member.request.get('/api/v1/me/member-reports')).json()) as {
      items: { community: { id: string }; skills: string[] }[];
    };
    communityId = mine.items[0]!.community.id;
    expect(mine.items[0]!.skills).toEqual(['急救', '心理疏导']);
    before = await stats(communityId);
  });

  it('is approved by community staff on a desktop', async () => {
    await staff.goto('/console/members');
    const row = staff.getByRole('row').filter({ hasText: name });
    await row.getByText('台州市椒江区人民医院').waitFor();
    await screenshot(staff, 'desktop-zh-members-approvals');
    await row.getByRole('button', { name: '通过' }).click();
    await staff.getByText(`已通过 ${name} 的报到`).waitFor();

    await member.reload();
    await member.getByTestId('report-status').filter({ hasText: '已报到' }).waitFor();
    await screenshot(member, 'phone-zh-report-in-approved');
  });

  it('claims a post; staff approve the claim', async () => {
    await member.goto('/member/posts');
    const post = member.getByRole('article', { name: '文明新风岗' });
    await post.getByRole('button', { name: '认领岗位' }).click();
    await post.getByText('待审核').waitFor();
    await member.locator('.adm-toast-mask').waitFor({ state: 'hidden' });
    await screenshot(member, 'phone-zh-posts');

    await staff.goto('/console/posts');
    await staff.getByTestId('posts-table').getByText('文明新风岗').waitFor();
    const claim = staff.getByTestId('claims-table').getByRole('row').filter({ hasText: name });
    await screenshot(staff, 'desktop-zh-posts');
    await claim.getByRole('button', { name: '通过', exact: true }).click();
    await staff.getByText(`已通过 ${name} 认领 文明新风岗`).waitFor();

    await member.reload();
    const held = member.getByRole('article', { name: '文明新风岗' });
    await held.getByText('在岗').waitFor();
    // Service on the post is logged with hours.
    await held.getByRole('button', { name: '记录服务时长' }).click();
    await member.locator('.adm-popup').getByRole('button', { name: '保存' }).click();
    await member.getByText('已记录 1 小时').waitFor();
    await held.getByText('已服务 1 小时').waitFor();
  });

  it('answers a whistle blown to reported-in members, and checks in on arrival', async () => {
    await staff.goto('/console/whistles');
    await staff.getByTestId('blow-whistle').click();
    const modal = staff.locator('.ant-modal');
    await modal.getByLabel('事项').fill(whistleTitle);
    await modal.getByLabel('地点').fill('颐景名苑 3幢楼道');
    await expect
      .poll(() => modal.getByRole('checkbox', { name: /报到党员/ }).isChecked(), { timeout: 15_000 })
      .toBe(true);
    await screenshot(staff, 'desktop-zh-whistle-blow');
    await modal.getByRole('button', { name: '吹哨' }).click();
    await staff.getByText(/已吹哨，已通知 \d+ 人/).waitFor();

    await member.goto('/member/whistles');
    const card = member.getByRole('article', { name: whistleTitle });
    await screenshot(member, 'phone-zh-whistle-called');
    await card.getByRole('button', { name: '马上到' }).click();
    await card.getByTestId('whistle-state').filter({ hasText: '马上到' }).waitFor();
    await card.getByRole('button', { name: '我已到场' }).click();
    await card.getByTestId('whistle-state').filter({ hasText: '已到场' }).waitFor();
    await member.locator('.adm-toast-mask').waitFor({ state: 'hidden' });
    await screenshot(member, 'phone-zh-whistle-arrived');

    await staff.reload();
    const row = staff.getByTestId('whistles-table').getByRole('row').filter({ hasText: whistleTitle });
    await row.getByText('已到场 1').waitFor();
    await row.getByRole('button', { name: /展开|Expand/ }).click();
    await staff
      .getByTestId('whistle-board')
      .getByRole('row')
      .filter({ hasText: name })
      .getByText('马上到')
      .waitFor();
    await screenshot(staff, 'desktop-zh-whistle-board');
  });

  it('records a small matter with before and after photos; staff verify it', async () => {
    await member.goto('/member/small-matters');
    await member.getByTestId('new-matter').click();
    await member.getByLabel('事项').fill(matterTitle);
    await member.getByLabel('地点').fill('学成小区 3幢东侧');
    await member.getByLabel('说明').fill('绿化带裸露多年，自费买了草苗补种。');
    const inputs = member.locator('input[type=file]');
    await inputs.nth(0).setInputFiles(photo('small-matter-before.png', [156, 122, 84]));
    await inputs.nth(1).setInputFiles(photo('small-matter-after.png', [76, 154, 63]));
    await expect
      .poll(() => member.locator('.adm-image-uploader-cell img').count(), { timeout: 15_000 })
      .toBe(2);
    await expect
      .poll(() => member.locator('.adm-image-uploader-cell-loading').count(), { timeout: 15_000 })
      .toBe(0);
    await screenshot(member, 'phone-zh-small-matter-form');
    await member.getByRole('button', { name: '提交记录' }).click();
    const card = member.getByRole('article', { name: matterTitle });
    await card.getByTestId('matter-status').filter({ hasText: '待核实' }).waitFor();

    await staff.goto('/console/small-matters');
    const row = staff.getByRole('row').filter({ hasText: matterTitle });
    await row.locator('img').nth(1).waitFor();
    await screenshot(staff, 'desktop-zh-small-matters');
    // Staff ask for more; she changes it on her phone and sends it again, photos kept.
    await row.getByRole('button', { name: '请补充' }).click();
    const ask = staff.getByRole('dialog');
    await ask.getByLabel('需要补充的内容').fill('请写明补种的面积');
    await ask.getByRole('button', { name: '请补充' }).click();
    await ask.waitFor({ state: 'hidden' });

    await member.reload();
    await card.getByTestId('matter-status').filter({ hasText: '待补充' }).waitFor();
    await card.getByText('社区需要补充：请写明补种的面积').waitFor();
    await card.getByTestId('edit-matter').click();
    await member.getByText('社区需要补充：请写明补种的面积').waitFor();
    expect(await member.locator('.adm-image-uploader-cell img').count()).toBe(2);
    await member.getByLabel('说明').fill('绿化带裸露多年，自费买了草苗补种，约 20 平方米。');
    await screenshot(member, 'phone-zh-small-matter-resend');
    await member.getByRole('button', { name: '重新提交' }).click();
    await member.getByText('已重新提交，等待社区再次核实').waitFor();
    await card.getByTestId('matter-status').filter({ hasText: '待核实' }).waitFor();
    await card.getByText('约 20 平方米').waitFor();

    await staff.reload();
    await row.getByText('约 20 平方米').waitFor();
    await row.getByRole('button', { name: '核实' }).click();
    await staff.getByText('已核实').first().waitFor();

    await member.reload();
    await card.getByTestId('matter-status').filter({ hasText: '已核实' }).waitFor();
    await card.getByTestId('wall-switch').click();
    await member.getByText('已在社区展示墙展示').waitFor();
    await member.locator('.adm-toast-mask').waitFor({ state: 'hidden' });
    await screenshot(member, 'phone-zh-small-matter-verified');

    // The community wall shows it to her neighbours, with its photos.
    await member.goto('/member');
    await member.getByTestId('entry-wall').click();
    await member.getByRole('heading', { name: '社区展示墙' }).waitFor();
    const shown = member.getByRole('article', { name: matterTitle });
    await shown.getByText('约 20 平方米').waitFor();
    await expect.poll(() => shown.locator('img').count()).toBe(2);
    await screenshot(member, 'phone-zh-wall');
  });

  it('moves the headline counts of her community; the district is the sum of its communities', async () => {
    const after = await stats(communityId);
    expect(after.membersReportedIn).toBe(before.membersReportedIn + 1);
    expect(after.postsFilled).toBe(before.postsFilled + 1);
    expect(after.whistlesAnswered).toBe(before.whistlesAnswered + 1);
    expect(after.smallMattersSolved).toBe(before.smallMattersSolved + 1);
    expect(after.medianMinutesToArrive).not.toBeNull();

    await staff.goto('/console/overview');
    await staff.getByTestId('count-membersReportedIn').getByText(String(after.membersReportedIn)).waitFor();
    await staff.getByTestId('count-smallMattersSolved').getByText(String(after.smallMattersSolved)).waitFor();
    await screenshot(staff, 'desktop-zh-overview-community');
    // The console's home (places) shows the same counts for the selected place.
    await staff.goto('/console/places');
    await staff
      .getByTestId('place-counts')
      .getByTestId('count-whistlesAnswered')
      .getByText(String(after.whistlesAnswered))
      .waitFor();
    await screenshot(staff, 'desktop-zh-home-counts');

    await member.goto('/member');
    await member
      .getByTestId('resident-counts')
      .getByTestId('count-postsFilled')
      .filter({ hasText: String(after.postsFilled) })
      .waitFor();
    await screenshot(member, 'phone-zh-member-hub');

    const admin = await newContext(browser, 'desktop');
    const district = await admin.newPage();
    await consoleLogin(district, 'district');
    const communities = (
      (await (await district.request.get('/api/v1/report-in/communities')).json()) as {
        items: { id: string }[];
      }
    ).items;
    const districtId = (
      (await (await district.request.get(`/api/v1/places/${communityId}`)).json()) as {
        ancestors: { id: string; kind: string }[];
      }
    ).ancestors.find((a) => a.kind === 'district')!.id;
    const whole = (await (await district.request.get(`/api/v1/places/${districtId}/stats`)).json()) as Stats;
    const parts = await Promise.all(
      communities.map(
        async (c) => (await (await district.request.get(`/api/v1/places/${c.id}/stats`)).json()) as Stats,
      ),
    );
    for (const key of COUNTS) expect(whole[key]).toBe(parts.reduce((sum, p) => sum + p[key], 0));
    await district.goto('/console/overview');
    await district
      .getByTestId('count-smallMattersSolved')
      .getByText(String(whole.smallMattersSolved))
      .waitFor();
    await district.getByTestId('overview-children').getByText('葭沚街道').waitFor();
    await screenshot(district, 'desktop-zh-overview-district');
    await admin.close();
  });

  it('exports her service record as Excel and PDF', async () => {
    await member.goto('/member/record');
    await member.getByTestId('record-posts').filter({ hasText: '1' }).waitFor();
    await member.getByTestId('record-hours').filter({ hasText: '1 小时' }).waitFor();
    await screenshot(member, 'phone-zh-record');
    const [xlsx] = await Promise.all([
      member.waitForEvent('download'),
      member.getByTestId('record-xlsx').click(),
    ]);
    const xlsxFile = `${SHOTS}service-record-zh.xlsx`;
    await xlsx.saveAs(xlsxFile);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsxFile);
    const cells = book.worksheets.flatMap((ws) => {
      const out: string[] = [];
      ws.eachRow((row) => row.eachCell((c) => out.push(c.text)));
      return out;
    });
    expect(cells.join(' ')).toContain(name);
    const [pdf] = await Promise.all([
      member.waitForEvent('download'),
      member.getByTestId('record-pdf').click(),
    ]);
    const pdfFile = `${SHOTS}service-record-zh.pdf`;
    await pdf.saveAs(pdfFile);
    expect(readFileSync(pdfFile).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('shows the member pages in English on a phone, and the console pages in English', async () => {
    const en = await newContext(browser, 'phone');
    await en.addInitScript(() => window.localStorage.setItem('linli.lang', 'en'));
    const page = await en.newPage();
    const enErrors = collectPageErrors(page);
    await residentLogin(page, mobile, password);
    const visits: [string, string, string][] = [
      ['/member', 'Report in as a member', 'phone-en-member-hub'],
      ['/member/report-in', 'Reported in', 'phone-en-report-in'],
      ['/member/posts', 'On post', 'phone-en-posts'],
      ['/member/whistles', 'Arrived', 'phone-en-whistles'],
      ['/member/small-matters', 'Verified', 'phone-en-small-matters'],
      ['/member/record', 'Download Excel', 'phone-en-record'],
    ];
    for (const [path, text, shot] of visits) {
      await page.goto(path);
      await page.getByText(text).first().waitFor();
      await screenshot(page, shot);
    }
    await page.goto('/me');
    await page.getByText('Our community in numbers').or(page.getByText('in numbers')).first().waitFor();
    await screenshot(page, 'phone-en-me');
    expect(enErrors).toEqual([]);
    await en.close();

    const enDesk = await newContext(browser, 'desktop');
    await enDesk.addInitScript(() => window.localStorage.setItem('linli.lang', 'en'));
    const desktop = await enDesk.newPage();
    await consoleLogin(desktop, 'staff.xinjing');
    const pages: [string, string, string][] = [
      ['/console/overview', 'Households lit up', 'desktop-en-overview'],
      ['/console/members?tab=records', name, 'desktop-en-members-records'],
      ['/console/posts', 'Civilised new customs', 'desktop-en-posts'],
      ['/console/whistles', whistleTitle, 'desktop-en-whistles'],
      ['/console/small-matters', 'To be verified', 'desktop-en-small-matters'],
    ];
    for (const [path, text, shot] of pages) {
      await desktop.goto(path);
      await desktop.getByText(text).first().waitFor();
      await screenshot(desktop, shot);
    }
    await enDesk.close();
    expect(errors).toEqual([]);
  });
});
