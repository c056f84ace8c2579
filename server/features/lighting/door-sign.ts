import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { AppError } from '../../../domain/errors.js';

/**
 * The door sign of a lit central household (C3): its title, what it offers, the Linli name and a QR
 * code to the public card. Drawn as SVG, rendered to PNG by resvg with a CJK font (Debian's
 * fonts-noto-cjk), and wrapped into an A4 PDF for printing. No personal data beyond what the member
 * chose for the card is drawn.
 */

export interface DoorSignInput {
  title: string;
  services: string[];
  motto: string | null;
  /** The leader's name, only if the member chose to show it. */
  name: string | null;
  cardUrl: string;
  lang: 'zh-CN' | 'en';
}

const FONT_DIRS = [
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/truetype/noto',
  '/usr/share/fonts/noto-cjk',
];
const FONT_FAMILY = 'Noto Sans CJK SC';

/** The CJK font files, or a clear error: a sign with boxes instead of characters is worse than none. */
export function cjkFontFiles(): string[] {
  for (const dir of FONT_DIRS) {
    const files = ['NotoSansCJK-Regular.ttc', 'NotoSansCJK-Bold.ttc']
      .map((f) => `${dir}/${f}`)
      .filter((f) => existsSync(f));
    if (files.length > 0) return files;
  }
  throw new AppError(
    'DOOR_SIGN_UNAVAILABLE',
    'The door sign cannot be drawn: the server has no CJK font (install the fonts-noto-cjk package).',
  );
}

const LABELS = {
  'zh-CN': {
    banner: '党员中心户',
    sub: '亮身份 · 作表率 · 解民忧',
    offers: '我们可以帮您',
    scan: '扫码查看名片，通过邻里联系我们',
    footer: '邻里 Linli · 共建共治共享',
    host: '户主',
  },
  en: {
    banner: 'Party-member central household',
    sub: 'Here to help our neighbours',
    offers: 'We can help with',
    scan: 'Scan to see our card and contact us through Linli',
    footer: 'Linli · neighbourhood co-governance',
    host: 'Household of',
  },
} as const;

const W = 1240;
const H = 1754;
const RED = '#c8102e';
const INK = '#1f2329';
const MUTED = '#646a73';

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Roughly how wide a text is in em: CJK and full-width characters are 1, the rest about 0.55. */
function emWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffef]/.test(ch) ? 1 : 0.55;
  return w;
}

/** Break a text into lines no wider than `maxEm`, at spaces for Latin words and anywhere for CJK. */
export function wrapText(text: string, maxEm: number, maxLines: number): string[] {
  const tokens = text.match(/[\u2e80-\uffef]|[^\s\u2e80-\uffef]+|\s+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    const candidate = line + token;
    if (emWidth(candidate.trimEnd()) <= maxEm || line.trim() === '') {
      line = candidate;
      continue;
    }
    lines.push(line.trim());
    line = token.trim() === '' ? '' : token;
  }
  if (line.trim() !== '') lines.push(line.trim());
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, -1)}…`;
    return kept;
  }
  return lines;
}

function textLines(
  lines: string[],
  opts: {
    x: number;
    y: number;
    size: number;
    lineHeight: number;
    weight?: number;
    fill: string;
    anchor?: string;
  },
): string {
  return lines
    .map(
      (l, i) =>
        `<text x="${opts.x}" y="${opts.y + i * opts.lineHeight}" font-family="${FONT_FAMILY}" font-size="${opts.size}" font-weight="${opts.weight ?? 400}" fill="${opts.fill}" text-anchor="${opts.anchor ?? 'middle'}">${escapeXml(l)}</text>`,
    )
    .join('');
}

/** The sign as SVG (exported for tests and previews). */
export async function doorSignSvg(input: DoorSignInput): Promise<string> {
  const L = LABELS[input.lang];
  const qr = await QRCode.toString(input.cardUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
  const viewBox = /viewBox="([^"]+)"/.exec(qr)?.[1] ?? '0 0 33 33';
  const qrInner = qr.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');

  const parts: string[] = [];
  parts.push(`<rect width="${W}" height="${H}" fill="#fffdf9"/>`);
  parts.push(
    `<rect x="28" y="28" width="${W - 56}" height="${H - 56}" rx="28" fill="none" stroke="${RED}" stroke-width="6"/>`,
  );
  // Banner
  parts.push(
    `<path d="M28 56 a28 28 0 0 1 28 -28 h${W - 112} a28 28 0 0 1 28 28 v260 h-${W - 56} z" fill="${RED}"/>`,
  );
  const bannerSize = input.lang === 'en' ? 64 : 104;
  parts.push(
    textLines([L.banner], { x: W / 2, y: 190, size: bannerSize, lineHeight: 0, weight: 700, fill: '#fff' }),
  );
  parts.push(textLines([L.sub], { x: W / 2, y: 268, size: 38, lineHeight: 0, fill: '#ffe3e8' }));

  let y = 470;
  const titleLines = wrapText(input.title, 13, 2);
  parts.push(textLines(titleLines, { x: W / 2, y, size: 84, lineHeight: 108, weight: 700, fill: INK }));
  y += (titleLines.length - 1) * 108;
  if (input.name) {
    y += 80;
    parts.push(textLines([`${L.host} ${input.name}`], { x: W / 2, y, size: 40, lineHeight: 0, fill: MUTED }));
  }

  // What the household offers, as chips in rows.
  if (input.services.length > 0) {
    y += 110;
    parts.push(
      `<line x1="140" y1="${y - 40}" x2="${W - 140}" y2="${y - 40}" stroke="#f0d5da" stroke-width="3"/>`,
    );
    parts.push(
      textLines([L.offers], { x: W / 2, y: y + 20, size: 40, lineHeight: 0, weight: 700, fill: RED }),
    );
    y += 70;
    const chipSize = 40;
    const rows: { text: string; w: number }[][] = [[]];
    let rowW = 0;
    for (const s of input.services.slice(0, 8)) {
      const text = wrapText(s, 14, 1)[0] ?? s;
      const w = emWidth(text) * chipSize + 64;
      if (rowW + w > W - 240 && rows.at(-1)!.length > 0) {
        rows.push([]);
        rowW = 0;
      }
      rows.at(-1)!.push({ text, w });
      rowW += w + 24;
    }
    for (const row of rows.slice(0, 3)) {
      const total = row.reduce((a, c) => a + c.w, 0) + 24 * (row.length - 1);
      let x = (W - total) / 2;
      for (const chip of row) {
        parts.push(
          `<rect x="${x}" y="${y}" width="${chip.w}" height="76" rx="38" fill="#fdf0f2" stroke="#f3c5cd" stroke-width="2"/>`,
        );
        parts.push(
          textLines([chip.text], { x: x + chip.w / 2, y: y + 52, size: chipSize, lineHeight: 0, fill: INK }),
        );
        x += chip.w + 24;
      }
      y += 100;
    }
  }
  if (input.motto) {
    y += 40;
    const mottoLines = wrapText(`“${input.motto}”`, 24, 2);
    parts.push(textLines(mottoLines, { x: W / 2, y, size: 40, lineHeight: 56, fill: MUTED }));
  }

  // QR code to the public card, with a quiet zone, in the space left above the footer.
  const footerTop = H - 170;
  const room = footerTop - 110 - (y + 80);
  const qrSize = Math.max(340, Math.min(520, room - 72));
  const qrY = Math.min(y + 80 + 36 + Math.max(0, (room - 72 - qrSize) / 2), footerTop - 110 - qrSize - 36);
  const qrX = (W - qrSize) / 2;
  parts.push(
    `<rect x="${qrX - 36}" y="${qrY - 36}" width="${qrSize + 72}" height="${qrSize + 72}" rx="24" fill="#ffffff" stroke="#eceef1" stroke-width="3"/>`,
  );
  parts.push(
    `<svg x="${qrX}" y="${qrY}" width="${qrSize}" height="${qrSize}" viewBox="${viewBox}" shape-rendering="crispEdges">${qrInner}</svg>`,
  );
  parts.push(textLines([L.scan], { x: W / 2, y: qrY + qrSize + 96, size: 36, lineHeight: 0, fill: INK }));
  // Footer with the Linli mark.
  parts.push(`<rect x="${W / 2 - 250}" y="${H - 150}" width="500" height="4" fill="#f0d5da"/>`);
  parts.push(textLines([L.footer], { x: W / 2, y: H - 88, size: 34, lineHeight: 0, weight: 700, fill: RED }));

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join('')}</svg>`;
}

export async function renderDoorSignPng(input: DoorSignInput): Promise<Buffer> {
  const fontFiles = cjkFontFiles();
  const svg = await doorSignSvg(input);
  const resvg = new Resvg(svg, {
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}

/** An A4 page with the PNG sign filling it, ready to print. */
export async function renderDoorSignPdf(input: DoorSignInput): Promise<Buffer> {
  const png = await renderDoorSignPng(input);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    info: { Title: input.title, Creator: 'Linli', Producer: 'Linli' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const pageW = doc.page.width;
  const pageH = doc.page.height;
  doc.image(png, 0, 0, { fit: [pageW, pageH], align: 'center', valign: 'center' });
  doc.link(0, pageH * 0.5, pageW, pageH * 0.4, input.cardUrl);
  doc.end();
  return done;
}
