import { mkdirSync, readFileSync } from 'node:fs';
import jsQRModule from 'jsqr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  collectPageErrors,
  consoleLogin,
  launchBrowser,
  newContext,
  residentLogin,
  screenshot,
} from './support/browser.js';

// jsqr is CommonJS typed as an ES module: under NodeNext its default import is the module itself.
const jsQR = jsQRModule.default;
const SHOTS = new URL('./screenshots/', import.meta.url).pathname;

interface Mine {
  items: { id: string; lit: boolean; cardToken: string | null; choices: { title: string } }[];
}

/** What the QR code in a PNG says. */
function qrOf(file: string): string | undefined {
  const png = PNG.sync.read(readFileSync(file));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

/** SPEC C3: a party member lights up his household with separate consent, prints the sign, and can revoke. */
describe('a member lights up his household, prints the door sign, and revokes', () => {
  let browser: Browser;
  let memberContext: BrowserContext;
  let member: Page;
  let errors: string[];
  let token = '';
  let title = '';

  const mine = async () =>
    (await member.request.get('/api/v1/me/central-households')).json() as Promise<Mine>;

  beforeAll(async () => {
    browser = await launchBrowser();
    memberContext = await newContext(browser, 'phone');
    member = await memberContext.newPage();
    errors = collectPageErrors(member);
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    // Leave the demo as it was: 吴军's household lit.
    const state = await mine().catch(() => null);
    const ch = state?.items[0];
    if (ch && !ch.lit) {
      await member.request.post(`/api/v1/central-households/${ch.id}/light-up`, {
        data: { consent: { agreed: true, textVersion: 'light-up/2026-11' }, choices: { ...ch.choices } },
      });
    }
    await browser?.close();
  });

  it('finds the way from home to lighting up, and starts from an unlit household', async () => {
    await residentLogin(member, 'member');
    const shortcut = member.getByTestId('light-up-shortcut');
    await shortcut.waitFor();
    await screenshot(member, 'phone-zh-home-lighting');
    await shortcut.click();
    await member.waitForURL((u) => u.pathname === '/light-up');
    await member.getByTestId('lit-status').waitFor();
    if ((await member.getByTestId('lit-status').textContent()) === '已点亮') {
      // The demo lit 吴军's household; put the light out first so the whole flow can be seen.
      await member.getByTestId('revoke').click();
      await member.locator('.adm-dialog').getByRole('button', { name: '撤回同意并取消点亮' }).click();
      await member.getByTestId('lit-status').filter({ hasText: '未点亮' }).waitFor();
      await member.locator('.adm-toast-mask').waitFor({ state: 'hidden' });
    }
    await screenshot(member, 'phone-zh-light-up-start');
  });

  it('chooses what the card shows, then consents on a separate screen in Chinese', async () => {
    await member.getByTestId('start-light-up').click();
    await member.getByLabel('名片标题').fill('吴军家 · 党员中心户');
    await member.getByText('家电小修', { exact: true }).click();
    await member.getByLabel('一句话寄语（可选）').fill('有事您找我，邻里一家亲');
    await screenshot(member, 'phone-zh-light-up-choices');
    await member.getByRole('button', { name: '下一步：阅读并同意' }).click();

    const consent = member.getByTestId('consent-step');
    await consent.getByRole('heading', { name: '点亮身份单独同意书' }).waitFor();
    await consent.getByText('您的电话号码不会出现在门牌或名片上').waitFor();
    const agree = member.getByRole('button', { name: '同意并点亮' });
    expect(await agree.isDisabled()).toBe(true);
    await screenshot(member, 'phone-zh-light-up-consent');
    await member.getByText('我已阅读并同意公开显示我户的党员中心户身份').click();
    await agree.click();
    await member.getByTestId('lit-status').filter({ hasText: '已点亮' }).waitFor();
    await member.locator('.adm-toast-mask').waitFor({ state: 'hidden' });
    await screenshot(member, 'phone-zh-light-up-lit');

    const state = await mine();
    token = state.items[0]!.cardToken!;
    title = state.items[0]!.choices.title;
    expect(title).toBe('吴军家 · 党员中心户');
    expect(token).toMatch(/^[A-Za-z0-9_-]{24,}$/);
  });

  it('downloads the door sign: the PNG decodes and its QR code opens the card', async () => {
    const [download] = await Promise.all([
      member.waitForEvent('download'),
      member.getByTestId('door-sign-png').click(),
    ]);
    const file = `${SHOTS}door-sign-zh.png`;
    await download.saveAs(file);
    expect(qrOf(file)).toBe(`${baseUrl()}/card/${token}`);

    const [pdf] = await Promise.all([
      member.waitForEvent('download'),
      member.getByTestId('door-sign-pdf').click(),
    ]);
    const pdfFile = `${SHOTS}door-sign-zh.pdf`;
    await pdf.saveAs(pdfFile);
    expect(readFileSync(pdfFile).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const id = (await mine()).items[0]!.id;
    const en = await member.request.get(`/api/v1/central-households/${id}/door-sign.png?lang=en`);
    expect(en.status()).toBe(200);
    const enFile = `${SHOTS}door-sign-en.png`;
    (await import('node:fs')).writeFileSync(enFile, await en.body());
    expect(qrOf(enFile)).toBe(`${baseUrl()}/card/${token}`);
  });

  it('opens the card in a fresh anonymous browser: what was chosen, no phone number', async () => {
    const anon = await newContext(browser, 'phone');
    const visitor = await anon.newPage();
    const visitorErrors = collectPageErrors(visitor);
    await visitor.goto(qrOf(`${SHOTS}door-sign-zh.png`)!);
    const card = visitor.getByTestId('public-card');
    await card.getByRole('heading', { name: title }).waitFor();
    await card.getByText('家电小修').waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    expect(text).not.toContain('301');
    await screenshot(visitor, 'phone-zh-card');
    // Contact goes through Linli: the visitor is asked to log in.
    await visitor.getByTestId('contact-button').click();
    await visitor.waitForURL((u) => u.pathname === '/login');
    expect(visitorErrors).toEqual([]);

    const en = await newContext(browser, 'phone');
    await en.addInitScript(() => window.localStorage.setItem('linli.lang', 'en'));
    const enPage = await en.newPage();
    await enPage.goto(`/card/${token}`);
    await enPage.getByText('Contact via Linli').waitFor();
    await screenshot(enPage, 'phone-en-card');
    await en.close();
    await anon.close();
  });

  it('shows the lit household on the building page', async () => {
    await member.goto('/');
    await member.getByTestId('building-shortcut').first().click();
    await member.waitForURL((u) => u.pathname.startsWith('/building/'));
    await member.getByTestId('lit-household').filter({ hasText: title }).waitFor();
    await screenshot(member, 'phone-zh-building');
    const url = member.url();
    const en = await newContext(browser, 'phone');
    await en.addInitScript(() => window.localStorage.setItem('linli.lang', 'en'));
    const enPage = await en.newPage();
    await residentLogin(enPage, 'resident');
    await enPage.goto(new URL(url).pathname);
    await enPage.getByText('Lit central households in this building').waitFor();
    await screenshot(enPage, 'phone-en-building');
    await en.close();
  });

  it('lets community staff see who consented and when', async () => {
    const staffContext = await newContext(browser, 'desktop');
    const staff = await staffContext.newPage();
    await consoleLogin(staff, 'staff.xinjing');
    await staff.goto('/console/lighting');
    const row = staff.getByRole('row').filter({ hasText: title });
    await row.getByText('本人在线确认').waitFor();
    await row
      .getByText(/\d{4}\/\d{2}\/\d{2}.*同意/)
      .first()
      .waitFor();
    await staff.getByText('未点亮').first().waitFor();
    await screenshot(staff, 'desktop-zh-lighting');
    await staffContext.close();
  });

  it('revokes: the card is emptied at once and shows nothing personal', async () => {
    await member.goto('/light-up');
    await member.getByTestId('revoke').click();
    await member.locator('.adm-dialog').getByRole('button', { name: '撤回同意并取消点亮' }).click();
    await member.getByTestId('lit-status').filter({ hasText: '未点亮' }).waitFor();

    const anon = await newContext(browser, 'phone');
    const visitor = await anon.newPage();
    await visitor.goto(`/card/${token}`);
    await visitor.getByTestId('card-gone').waitFor();
    const body = (await visitor.locator('body').textContent()) ?? '';
    expect(body).toContain('此名片已不再展示');
    expect(body).not.toContain('吴军');
    expect(body).not.toContain(title);
    expect(body).not.toContain('家电小修');
    await screenshot(visitor, 'phone-zh-card-revoked');
    await anon.close();
    expect(errors).toEqual([]);
  });
});
