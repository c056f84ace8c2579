import { PNG } from 'pngjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectPageErrors,
  launchBrowser,
  newContext,
  residentLogin,
  screenshot,
} from './support/browser.js';
import { smallTargets, smallTexts } from './support/measure.js';

const SHOTS = new URL('./screenshots/', import.meta.url).pathname;

/** A small photo of a "broken appliance": a PNG made on the spot (nothing is downloaded). */
function photo(): Buffer {
  const png = new PNG({ width: 320, height: 240 });
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (png.width * y + x) << 2;
      png.data[i] = 200 - (y >> 2);
      png.data[i + 1] = 120 + (x >> 3);
      png.data[i + 2] = 90;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/**
 * The posting steps keep their buttons in a bar stuck to the foot of the screen; a full-page capture
 * would paint it mid-page, so these are taken as the phone shows them.
 */
async function viewportShot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(350);
  await page.screenshot({ path: `${SHOTS}${name}.png`, animations: 'disabled' });
}

interface NeedDetail {
  status: string;
  rating: number | null;
  photos: unknown[];
  logs: { note: string | null }[];
}

/**
 * SPEC C1/C9 in the resident app: 林阿姨 posts a need in three steps with a photo; her building
 * leader sees it around him, claims it (she hears of it live), logs the service and marks it done;
 * she confirms it with a rating; both inboxes word what happened.
 */
describe('a resident posts a need, a leader serves it, she confirms and rates it', () => {
  const text = `洗衣机漏水，地上全是水（e2e ${Date.now().toString(36)}）`;
  let browser: Browser;
  let residentContext: BrowserContext;
  let leaderContext: BrowserContext;
  let resident: Page;
  let leader: Page;
  let residentErrors: string[];
  let leaderErrors: string[];
  let needPath = '';

  /** The inbox entry of this kind about the need posted here (earlier files leave others). */
  const notificationOf = (page: Page, kind: string) =>
    page.locator(
      `[data-testid="notification"][data-kind="${kind}"][data-need-id="${needPath.split('/').pop()}"]`,
    );

  const needOf = async (page: Page) =>
    (await page.request.get(`/api/v1${needPath}`)).json() as Promise<NeedDetail>;

  beforeAll(async () => {
    browser = await launchBrowser();
    residentContext = await newContext(browser, 'phone');
    leaderContext = await newContext(browser, 'phone');
    resident = await residentContext.newPage();
    leader = await leaderContext.newPage();
    residentErrors = collectPageErrors(resident);
    leaderErrors = collectPageErrors(leader);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('posts a need in three steps with a photo, offered similar needs on the way', async () => {
    await residentLogin(resident, 'resident');
    await resident.getByRole('link', { name: '需求' }).click();
    await resident.waitForURL((u) => u.pathname === '/needs');
    await resident.getByTestId('need-card').first().waitFor();
    await screenshot(resident, 'phone-zh-needs-mine');

    await resident.getByTestId('post-need').click();
    await resident.waitForURL((u) => u.pathname === '/needs/new');
    // Step 1: what.
    await resident.getByRole('button', { name: '下一步' }).click();
    await resident.getByText('请先选择一个类别').waitFor();
    await resident.getByRole('button', { name: '家电维修', exact: true }).click();
    expect(
      await resident.getByRole('button', { name: '家电维修', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');
    await resident.getByLabel('说说您需要什么帮助').fill(text);
    // Open needs like it in her building are offered (here her own fridge repair: no "me too" on it).
    const similar = resident.getByTestId('similar-needs');
    await similar.getByTestId('need-card').first().waitFor();
    await viewportShot(resident, 'phone-zh-need-post-1');
    await resident.getByRole('button', { name: '下一步' }).click();

    // Step 2: details: a photo uploaded with progress, the place (home by default), quantity.
    await resident.getByTestId('photo-input').setInputFiles({
      name: 'washer.png',
      mimeType: 'image/png',
      buffer: photo(),
    });
    await resident.locator('[data-testid="photo-item"][data-status="done"]').waitFor();
    expect(await resident.getByRole('radio', { name: /我家/ }).getAttribute('aria-checked')).toBe('true');
    await resident.getByText('选择紧急后，会立刻通知楼栋长').waitFor();
    await resident.getByLabel('数量（选填）').fill('1');
    await resident.getByLabel('单位').fill('台');
    await viewportShot(resident, 'phone-zh-need-post-2');
    await resident.getByRole('button', { name: '下一步' }).click();

    // Step 3: review and send.
    const review = resident.getByTestId('need-review');
    await review.getByText(text).waitFor();
    await review.getByText('1 张照片').waitFor();
    await viewportShot(resident, 'phone-zh-need-post-3');
    await resident.getByRole('button', { name: '发送' }).click();

    await resident.waitForURL((u) => /^\/needs\/[0-9a-z]{20,}$/.test(u.pathname));
    needPath = new URL(resident.url()).pathname;
    await resident.getByTestId('need-description').filter({ hasText: text }).waitFor();
    await resident.getByTestId('need-status').filter({ hasText: '待认领' }).waitFor();
    await resident.getByTestId('need-photo').first().waitFor();
    await resident.getByTestId('need-timeline').getByText('林阿姨 发布了需求').waitFor();
    expect((await needOf(resident)).photos).toHaveLength(1);
    // The photo loads (its bytes come back from the API).
    const loaded = await resident
      .getByTestId('need-photo')
      .first()
      .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
    expect(loaded).toBe(true);
    await resident.locator('.adm-toast-mask').waitFor({ state: 'hidden' });
    await screenshot(resident, 'phone-zh-need-posted');

    await resident.getByRole('button', { name: '返回' }).click();
    await resident.waitForURL((u) => u.pathname === '/needs');
    await resident.getByTestId('need-card').filter({ hasText: text }).getByText('待认领').waitFor();
  });

  it('lets a neighbour typing the same thing join it with "me too" instead of posting again', async () => {
    const neighbourContext = await newContext(browser, 'phone');
    const neighbour = await neighbourContext.newPage();
    const errors = collectPageErrors(neighbour);
    await residentLogin(neighbour, 'member');
    await neighbour.goto('/needs/new');
    await neighbour.getByRole('button', { name: '家电维修', exact: true }).click();
    await neighbour.getByLabel('说说您需要什么帮助').fill('洗衣机漏水');
    const offered = neighbour.getByTestId('similar-needs').getByTestId('need-card').filter({ hasText: text });
    await offered.waitFor();
    // Others see the building, never her flat.
    expect(await offered.textContent()).not.toContain('201');
    await viewportShot(neighbour, 'phone-zh-need-post-similar');
    await offered.getByRole('button', { name: '我也需要' }).click();
    await neighbour.locator('.adm-toast-main').filter({ hasText: '已加入这条需求' }).waitFor();
    await neighbour.waitForURL((u) => u.pathname === needPath);
    const joined = (await (await neighbour.request.get(`/api/v1${needPath}`)).json()) as {
      supportedByMe: boolean;
    };
    expect(joined.supportedByMe).toBe(true);
    await neighbour.getByTestId('need-timeline').getByText('也遇到了同样的问题').waitFor();
    expect(errors).toEqual([]);
    await neighbourContext.close();
  });

  it('reaches the building leader: he sees it around him, and the inbox says so', async () => {
    await residentLogin(leader, 'leader');
    await leader.getByRole('link', { name: /消息/ }).click();
    await leader.waitForURL((u) => u.pathname === '/inbox');
    await notificationOf(leader, 'need_posted').filter({ hasText: '附近有新的需求：家电维修' }).waitFor();
    await screenshot(leader, 'phone-zh-inbox-leader');

    await leader.goto('/needs/around');
    await leader.getByRole('button', { name: '我的楼栋' }).waitFor();
    const card = leader.getByTestId('need-card').filter({ hasText: text });
    await card.waitFor();
    await card.getByTestId('need-slots').filter({ hasText: '已认领 0/1' }).waitFor();
    // Others see the place without the flat.
    expect(await card.textContent()).not.toContain('201');
    await screenshot(leader, 'phone-zh-needs-around');
  });

  it('claims it: she hears of it live while her inbox is open', async () => {
    await resident.goto('/inbox');
    await resident.getByRole('heading', { name: '消息', exact: true }).waitFor();
    await leader.getByTestId('need-card').filter({ hasText: text }).getByTestId('claim-need').click();
    await leader.waitForURL((u) => u.pathname === needPath);
    await leader.getByTestId('need-status').filter({ hasText: '已认领' }).waitFor();
    // The helper may see her phone in full (revealing it is recorded) and call it with one tap.
    const phone = leader.getByTestId('need-phone');
    await phone.waitFor();
    const reveal = leader.getByRole('button', { name: '查看完整联系方式' });
    if (await reveal.isVisible()) await reveal.click();
    await phone.filter({ hasText: /^1\d{10}$/ }).waitFor();
    await leader.getByRole('link', { name: /拨打 1\d{10}/ }).waitFor();
    await leader.locator('.adm-toast-mask').waitFor({ state: 'hidden' });
    await screenshot(leader, 'phone-zh-need-claimed-helper');

    // No reload: the event stream brings the notification and the badge.
    await notificationOf(resident, 'need_claimed')
      .filter({ hasText: '您的需求有人认领了：家电维修' })
      .waitFor();
    await resident.getByTestId('unread-badge').filter({ hasText: /\d/ }).waitFor();

    // The me page shows the count too, on its way to the inbox.
    await resident.goto('/me');
    const entry = resident.getByTestId('me-inbox');
    await entry.getByText(/\d+ 条未读消息/).waitFor();
    await entry.getByTestId('unread-badge').filter({ hasText: /\d/ }).waitFor();
    await entry.click();
    await resident.waitForURL((u) => u.pathname === '/inbox');
  });

  it('logs the service and marks it done, from his claims', async () => {
    await leader.goto('/needs/claims');
    const claimed = leader.getByTestId('need-card').filter({ hasText: text });
    await claimed.getByTestId('need-slots').filter({ hasText: '已认领 1/1' }).waitFor();
    await screenshot(leader, 'phone-zh-needs-claims');
    await claimed.getByRole('button').first().click();
    await leader.waitForURL((u) => u.pathname === needPath);
    await leader.getByTestId('log-service').click();
    await leader.getByLabel('做了什么').fill('更换了进水管接头，试机不再漏水');
    await leader.getByRole('button', { name: '增加服务时长（小时）' }).click();
    await leader.getByTestId('log-items').fill('1');
    await screenshot(leader, 'phone-zh-need-log');
    await leader.getByRole('button', { name: '保存记录' }).click();
    await leader.getByTestId('need-log').filter({ hasText: '更换了进水管接头' }).waitFor();
    await leader.getByTestId('need-totals').getByText('1.5 小时').waitFor();
    await leader.locator('.adm-toast-mask').waitFor({ state: 'hidden' });

    await leader.getByTestId('mark-done').click();
    await leader.locator('.adm-dialog').getByRole('button', { name: '标记完成' }).click();
    await leader.getByTestId('need-status').filter({ hasText: '待确认' }).waitFor();
    expect((await needOf(leader)).status).toBe('done');
  });

  it('she confirms it with a rating and thanks; the inbox takes her to the need', async () => {
    const note = notificationOf(resident, 'need_done').filter({
      hasText: '需求已完成，请确认并评价：家电维修',
    });
    await note.waitFor();
    await screenshot(resident, 'phone-zh-inbox-resident');
    await note.click();
    await resident.waitForURL((u) => u.pathname === needPath);

    const form = resident.getByTestId('confirm-form');
    await form.waitFor();
    await resident.getByTestId('auto-confirm').waitFor();
    await form.getByRole('radio', { name: '4 星' }).click();
    await form.getByLabel('感谢的话（选填）').fill('谢谢王师傅，修得又快又好！');
    await screenshot(resident, 'phone-zh-need-confirm');
    await form.getByRole('button', { name: '已解决，提交评价' }).click();
    await resident.getByTestId('need-status').filter({ hasText: '已解决' }).waitFor();
    await resident.getByTestId('need-rating').getByText('谢谢王师傅').waitFor();
    await resident.getByTestId('need-timeline').getByText('林阿姨 确认已解决').waitFor();
    const need = await needOf(resident);
    expect(need.status).toBe('confirmed');
    expect(need.rating).toBe(4);
    await resident.locator('.adm-toast-mask').waitFor({ state: 'hidden' });
    await screenshot(resident, 'phone-zh-need-confirmed');

    // The helper is thanked in his inbox.
    await leader.goto('/inbox');
    await notificationOf(leader, 'need_confirmed').filter({ hasText: '居民已确认解决' }).waitFor();
    await leader.getByTestId('read-all').click();
    await leader.getByTestId('read-all').waitFor({ state: 'detached' });
  });

  it('alerts the building leader at once of an urgent need: a toast, and first in the list', async () => {
    await leader.goto('/needs/around');
    await leader.getByRole('button', { name: '我的楼栋' }).waitFor();
    const me = (await (await resident.request.get('/api/v1/me')).json()) as {
      roles: { role: string; placeId: string | null }[];
    };
    const home = me.roles.find((r) => r.role === 'resident')!.placeId!;
    const urgentText = `孩子发烧39度，家里没有退烧药（e2e ${Date.now().toString(36)}）`;
    const posted = await resident.request.post('/api/v1/needs', {
      data: { placeId: home, category: 'health', description: urgentText, urgency: 'urgent' },
    });
    expect(posted.status()).toBe(201);
    const { id } = (await posted.json()) as { id: string };
    try {
      await leader.locator('.adm-toast-main').filter({ hasText: '紧急求助：健康医疗' }).waitFor();
      const first = leader.getByTestId('need-card').first();
      await first.filter({ hasText: urgentText }).waitFor();
      await first.getByText('紧急', { exact: true }).waitFor();
      await screenshot(leader, 'phone-zh-needs-around-urgent');
    } finally {
      // Leave no urgent need open for the files after this one.
      await resident.request.post(`/api/v1/needs/${id}/cancel`, { data: { reason: null } });
    }
  });

  it('reads the same in English, and in elderly mode', async () => {
    const en = await newContext(browser, 'phone');
    await en.addInitScript(() => window.localStorage.setItem('linli.lang', 'en'));
    const page = await en.newPage();
    const errors = collectPageErrors(page);
    await residentLogin(page, 'resident');
    await page.goto(needPath);
    await page.getByTestId('need-description').waitFor();
    await page.getByTestId('need-status').filter({ hasText: 'Solved' }).waitFor();
    await page.getByText('Rated 4 stars').waitFor();
    await screenshot(page, 'phone-en-need-confirmed');
    await page.goto('/needs/new');
    await page.getByRole('button', { name: 'Appliance repair', exact: true }).click();
    await viewportShot(page, 'phone-en-need-post-1');
    await page.goto('/inbox');
    await notificationOf(page, 'need_claimed')
      .filter({ hasText: 'Someone claimed your need: Appliance repair' })
      .waitFor();
    await screenshot(page, 'phone-en-inbox');
    expect(errors).toEqual([]);
    await en.close();

    const big = await newContext(browser, 'phone');
    await big.addInitScript(() => window.localStorage.setItem('linli.elderly', '1'));
    const elderly = await big.newPage();
    await residentLogin(elderly, 'resident');
    for (const path of ['/needs', '/needs/new', needPath]) {
      await elderly.goto(path);
      await elderly.locator('main h2, main .nd-category').first().waitFor();
      expect({ path, small: await smallTexts(elderly, 18) }).toEqual({ path, small: [] });
      expect({ path, small: await smallTargets(elderly, 60) }).toEqual({ path, small: [] });
    }
    await elderly.goto('/needs/new');
    await viewportShot(elderly, 'phone-zh-elderly-need-post');
    await elderly.goto(needPath);
    await elderly.getByTestId('need-rating').waitFor();
    await screenshot(elderly, 'phone-zh-elderly-need');
    await big.close();

    expect(residentErrors).toEqual([]);
    expect(leaderErrors).toEqual([]);
  });
});
