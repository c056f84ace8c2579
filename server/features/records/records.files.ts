import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { ServiceRecord } from '../../../domain/contracts/members.js';
import { AppError } from '../../../domain/errors.js';
import { DEFAULT_POSTS } from '../../../domain/members.js';
import { districtDay, districtMinute } from '../../../domain/district-time.js';
import { cjkFontFiles } from '../lighting/door-sign.js';

// Service records as files: an Excel workbook (exceljs) and an A4 PDF (pdfkit with the Noto CJK font
// the door sign uses), each in Chinese or English; and the per-work-unit summary as Excel.

export type Lang = 'zh-CN' | 'en';

const L = {
  'zh-CN': {
    title: '党员服务记录',
    member: '姓名',
    community: '报到社区',
    workUnit: '工作单位',
    partyOrg: '单位党组织',
    range: '时间范围',
    all: '全部',
    totals: '合计',
    hours: '服务时长（小时）',
    needHours: '需求服务时长',
    postHours: '岗位服务时长',
    needsServed: '认领需求',
    postsHeld: '认领岗位',
    whistlesAnswered: '响应吹哨',
    whistlesArrived: '吹哨到场',
    smallMatters: '身边小事',
    smallMattersVerified: '已核实小事',
    needs: '认领需求',
    posts: '岗位',
    whistles: '吹哨响应',
    matters: '身边小事',
    category: '类别',
    place: '地点',
    claimedAt: '认领时间',
    status: '状态',
    post: '岗位',
    since: '上岗',
    until: '离岗',
    whistle: '事项',
    blownAt: '吹哨时间',
    answer: '响应',
    arrivedAt: '到场时间',
    minutes: '到场用时（分钟）',
    doneAt: '完成时间',
    matter: '事项',
    occurredOn: '日期',
    generated: '由邻里 Linli 生成',
    summary: '在职党员报到服务汇总',
    members: '报到人数',
    people: '人员明细',
  },
  en: {
    title: 'Service record',
    member: 'Name',
    community: 'Reported in to',
    workUnit: 'Work unit',
    partyOrg: 'Party organisation of the work unit',
    range: 'Period',
    all: 'all',
    totals: 'Totals',
    hours: 'Hours of service',
    needHours: 'Hours on needs',
    postHours: 'Hours on posts',
    needsServed: 'Needs served',
    postsHeld: 'Posts held',
    whistlesAnswered: 'Whistles answered',
    whistlesArrived: 'Whistles arrived at',
    smallMatters: 'Small matters',
    smallMattersVerified: 'Small matters verified',
    needs: 'Needs served',
    posts: 'Posts',
    whistles: 'Whistles',
    matters: 'Small matters',
    category: 'Category',
    place: 'Place',
    claimedAt: 'Claimed',
    status: 'Status',
    post: 'Post',
    since: 'Since',
    until: 'Until',
    whistle: 'Matter',
    blownAt: 'Whistle blown',
    answer: 'Answer',
    arrivedAt: 'Arrived',
    minutes: 'Minutes to arrive',
    doneAt: 'Done',
    matter: 'Matter',
    occurredOn: 'Day',
    generated: 'Made with Linli',
    summary: 'In-service members: service by work unit',
    members: 'Members',
    people: 'Members in detail',
  },
} as const;

const STATUS: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    pending: '待处理',
    approved: '在岗',
    rejected: '未通过',
    left: '已离岗',
    coming: '到场',
    cannot: '无法参加',
    verified: '已核实',
    queried: '待补充',
    withdrawn: '已撤回',
    posted: '已发布',
    convened: '已召集',
    claimed: '已认领',
    in_service: '服务中',
    done: '已完成',
    confirmed: '已确认',
    cancelled: '已取消',
  },
  en: {},
};

// Times are printed on the district's clock (China), as the member and her employer read them.
const day = (ts: string | null) => (ts ? districtDay(ts) : '');
const minute = (ts: string | null) => (ts ? districtMinute(ts) : '');
const statusWord = (lang: Lang, s: string) => STATUS[lang][s] ?? s.replace(/_/g, ' ');
const postName = (lang: Lang, name: string) =>
  lang === 'en' ? (DEFAULT_POSTS.find((p) => p.nameZh === name)?.nameEn ?? name) : name;

function totalsRows(lang: Lang, r: ServiceRecord): [string, string | number][] {
  const t = L[lang];
  return [
    [t.hours, r.totals.hours],
    [t.needHours, r.totals.needHours],
    [t.postHours, r.totals.postHours],
    [t.needsServed, r.totals.needsServed],
    [t.postsHeld, r.totals.postsHeld],
    [t.whistlesAnswered, r.totals.whistlesAnswered],
    [t.whistlesArrived, r.totals.whistlesArrived],
    [t.smallMatters, r.totals.smallMatters],
    [t.smallMattersVerified, r.totals.smallMattersVerified],
  ];
}

function headRows(lang: Lang, r: ServiceRecord): [string, string][] {
  const t = L[lang];
  return [
    [t.member, r.member.name],
    [t.community, r.report?.community.name ?? ''],
    [t.workUnit, r.report?.workUnit ?? ''],
    [t.partyOrg, r.report?.workUnitPartyOrg ?? ''],
    [t.range, r.from || r.to ? `${r.from ?? '…'} – ${r.to ?? '…'}` : t.all],
  ];
}

function tables(lang: Lang, r: ServiceRecord) {
  const t = L[lang];
  return [
    {
      name: t.needs,
      header: [t.category, t.place, t.claimedAt, t.status, t.hours],
      rows: r.needs.map((n) => [
        n.category,
        n.placeLabel,
        minute(n.claimedAt),
        statusWord(lang, n.status),
        n.hours,
      ]),
    },
    {
      name: t.posts,
      header: [t.post, t.since, t.until, t.status, t.hours],
      rows: r.posts.map((p) => [
        postName(lang, p.postName),
        day(p.since),
        day(p.until),
        statusWord(lang, p.status),
        p.hours,
      ]),
    },
    {
      name: t.whistles,
      header: [t.whistle, t.blownAt, t.answer, t.arrivedAt, t.minutes, t.doneAt],
      rows: r.whistles.map((w) => [
        w.title,
        minute(w.blownAt),
        statusWord(lang, w.answer),
        minute(w.arrivedAt),
        w.minutesToArrive ?? '',
        minute(w.doneAt),
      ]),
    },
    {
      name: t.matters,
      header: [t.matter, t.occurredOn, t.status],
      rows: r.smallMatters.map((m) => [m.title, m.occurredOn, statusWord(lang, m.status)]),
    },
  ];
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF5F5F5' } };
}

export async function recordXlsx(r: ServiceRecord, lang: Lang): Promise<Buffer> {
  const t = L[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli';
  const sheet = wb.addWorksheet(t.title);
  sheet.columns = [{ width: 28 }, { width: 40 }];
  for (const row of headRows(lang, r)) sheet.addRow(row);
  sheet.addRow([]);
  styleHeader(sheet.addRow([t.totals, '']));
  for (const row of totalsRows(lang, r)) sheet.addRow(row);
  for (const table of tables(lang, r)) {
    const ws = wb.addWorksheet(table.name);
    ws.columns = table.header.map(() => ({ width: 22 }));
    styleHeader(ws.addRow(table.header));
    for (const row of table.rows) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface WorkUnitSummaryFile {
  place: { name: string };
  from: string | null;
  to: string | null;
  items: {
    workUnit: string;
    members: number;
    hours: number;
    needsServed: number;
    postsHeld: number;
    whistlesAnswered: number;
    smallMattersVerified: number;
    people: {
      name: string;
      hours: number;
      needsServed: number;
      postsHeld: number;
      whistlesAnswered: number;
      smallMattersVerified: number;
    }[];
  }[];
}

export async function workUnitSummaryXlsx(s: WorkUnitSummaryFile, lang: Lang): Promise<Buffer> {
  const t = L[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli';
  const counts = [t.hours, t.needsServed, t.postsHeld, t.whistlesAnswered, t.smallMattersVerified];
  const sheet = wb.addWorksheet(t.summary.slice(0, 31));
  sheet.addRow([t.summary, s.place.name]);
  sheet.addRow([t.range, s.from || s.to ? `${s.from ?? '…'} – ${s.to ?? '…'}` : t.all]);
  sheet.addRow([]);
  styleHeader(sheet.addRow([t.workUnit, t.members, ...counts]));
  sheet.columns = [{ width: 36 }, ...counts.map(() => ({ width: 18 })), { width: 18 }];
  for (const u of s.items) {
    sheet.addRow([
      u.workUnit,
      u.members,
      u.hours,
      u.needsServed,
      u.postsHeld,
      u.whistlesAnswered,
      u.smallMattersVerified,
    ]);
  }
  const people = wb.addWorksheet(t.people);
  people.columns = [{ width: 36 }, { width: 16 }, ...counts.map(() => ({ width: 18 }))];
  styleHeader(people.addRow([t.workUnit, t.member, ...counts]));
  for (const u of s.items) {
    for (const p of u.people) {
      people.addRow([
        u.workUnit,
        p.name,
        p.hours,
        p.needsServed,
        p.postsHeld,
        p.whistlesAnswered,
        p.smallMattersVerified,
      ]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The CJK font file; a 503 with advice when the server has none. */
function cjkFont(): string {
  let file: string | undefined;
  try {
    file = cjkFontFiles()[0];
  } catch {
    file = undefined;
  }
  if (!file) {
    throw new AppError(
      'UNAVAILABLE',
      'The PDF cannot be made: the server has no CJK font (install fonts-noto-cjk).',
    );
  }
  return file;
}

/** The record as an A4 PDF; needs the CJK font (503 with advice without it, as the door sign). */
export async function recordPdf(r: ServiceRecord, lang: Lang): Promise<Buffer> {
  const t = L[lang];
  const font = cjkFont();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${t.title} ${r.member.name}`, Creator: 'Linli' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font, 'NotoSansCJKsc-Regular');
  doc.font('cjk');
  const width = doc.page.width - 100;

  doc.fontSize(20).fillColor('#c8102e').text(t.title, { align: 'center' });
  doc.moveDown(0.8).fillColor('#1f2329').fontSize(11);
  for (const [k, v] of headRows(lang, r)) doc.text(`${k}：${v}`);
  doc.moveDown(0.6).fontSize(13).text(t.totals).fontSize(11);
  for (const [k, v] of totalsRows(lang, r)) doc.text(`${k}：${v}`);

  for (const table of tables(lang, r)) {
    if (table.rows.length === 0) continue;
    doc.moveDown(0.8).fontSize(13).fillColor('#c8102e').text(table.name).fillColor('#1f2329').fontSize(9);
    const colW = width / table.header.length;
    const line = (cells: (string | number)[], bold: boolean) => {
      if (doc.y > doc.page.height - 80) doc.addPage();
      const y = doc.y;
      let h = 0;
      cells.forEach((c, i) => {
        doc.fillColor(bold ? '#646a73' : '#1f2329').text(String(c), 50 + i * colW, y, { width: colW - 6 });
        h = Math.max(h, doc.y - y);
      });
      doc.x = 50;
      doc.y = y + h + 3;
    };
    line(table.header, true);
    for (const row of table.rows) line(row, false);
  }
  doc.moveDown(1).fontSize(8).fillColor('#646a73').text(t.generated, 50, doc.y, { align: 'right', width });
  doc.end();
  return done;
}
