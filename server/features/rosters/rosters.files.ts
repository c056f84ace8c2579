/**
 * Roster files as bytes: which kind a file is by its content (never by its name or declared type),
 * reading a workbook into rows of text, and writing the template and exports as .xlsx or .csv.
 */
import ExcelJS from 'exceljs';
import {
  columnByHeader,
  headerKey,
  ROSTER_COLUMNS,
  ROSTER_SHEET,
  type RosterLanguage,
  type RosterTable,
  rosterHeader,
} from '../../../domain/rosters.js';
import { decodeCsv, parseCsv, writeCsv } from './rosters.csv.js';

export type RosterFormat = 'xlsx' | 'csv';

export const CONTENT_TYPES: Record<RosterFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** The most a workbook may inflate to: a 10 MiB upload of a zip bomb must not fill the memory. */
const MAX_UNZIPPED = 200 * 1024 * 1024;

/** What the content says the file is: a zip (xlsx) or text (csv); anything else is refused. */
export function detectFormat(bytes: Buffer): RosterFormat | 'xls' | null {
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0) return 'xls';
  if (bytes.length === 0) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'csv';
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return null;
  // Known binary formats that happen to hold no NUL in their first bytes.
  const start = head.subarray(0, 4).toString('latin1');
  if (
    start.startsWith('%PDF') ||
    start.startsWith('\x89PNG') ||
    start.startsWith('GIF8') ||
    start.startsWith('\xff\xd8')
  )
    return null;
  return 'csv';
}

/** The sum of the sizes a zip's central directory declares for its entries, or null if it has none. */
export function unzippedSize(buf: Buffer): number | null {
  const last = buf.length - 22;
  for (let i = last; i >= Math.max(0, last - 65_535); i--) {
    if (buf.readUInt32LE(i) !== 0x06054b50) continue;
    const entries = buf.readUInt16LE(i + 10);
    let offset = buf.readUInt32LE(i + 16);
    let total = 0;
    for (let e = 0; e < entries; e++) {
      if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== 0x02014b50) return null;
      total += buf.readUInt32LE(offset + 24);
      offset +=
        46 + buf.readUInt16LE(offset + 28) + buf.readUInt16LE(offset + 30) + buf.readUInt16LE(offset + 32);
    }
    return total;
  }
  return null;
}

/** The file part of a multipart/form-data body (the first part with a filename). */
export function fileFromMultipart(body: Buffer, contentType: string): Buffer | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m) return null;
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  const between = Buffer.concat([Buffer.from('\r\n'), boundary]);
  let pos = body.indexOf(boundary);
  while (pos >= 0) {
    const after = pos + boundary.length;
    if (body[after] === 0x2d && body[after + 1] === 0x2d) return null;
    const headEnd = body.indexOf('\r\n\r\n', after);
    if (headEnd < 0) return null;
    const head = body.subarray(after, headEnd).toString('utf8');
    const next = body.indexOf(between, headEnd + 4);
    if (next < 0) return null;
    if (/filename\*?=/i.test(head)) return body.subarray(headEnd + 4, next);
    pos = next + 2;
  }
  return null;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return result === undefined || (typeof result === 'object' && result !== null && 'error' in result)
      ? ''
      : cellText(result);
  }
  if ('text' in value) return cellText(value.text);
  return '';
}

/** Reads the sheet named 花名册 or Roster, else the first sheet with a roster header, else the first sheet. */
export async function readXlsx(bytes: Buffer): Promise<RosterTable | null> {
  const size = unzippedSize(bytes);
  if (size === null || size > MAX_UNZIPPED) return null;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    return null;
  }
  const tables = workbook.worksheets.map((ws) => {
    const rows: RosterTable['rows'] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cellText(cell.value);
      });
      rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
    });
    return { sheet: ws.name, rows };
  });
  const names = Object.values(ROSTER_SHEET).map(headerKey);
  const hasHeader = (t: RosterTable) =>
    t.rows.slice(0, 10).some((r) => r.cells.filter((c) => columnByHeader(c) !== undefined).length >= 2);
  return (
    tables.find((t) => names.includes(headerKey(t.sheet))) ??
    tables.find(hasHeader) ??
    tables[0] ?? { sheet: ROSTER_SHEET['zh-CN'], rows: [] }
  );
}

export function readCsv(bytes: Buffer, sheet: string): RosterTable {
  return { sheet, rows: parseCsv(decodeCsv(bytes)).map((cells, i) => ({ row: i + 1, cells })) };
}

const WIDTHS: Record<string, number> = {
  compound: 16,
  building: 10,
  unit: 10,
  household: 12,
  name: 12,
  gender: 8,
  birthYear: 11,
  phone: 15,
  partyKind: 13,
  workUnit: 22,
  organisation: 22,
  note: 24,
};

/** Instructions for the template's second sheet. */
const GUIDE: Record<RosterLanguage, { sheet: string; lines: string[] }> = {
  'zh-CN': {
    sheet: '填写说明',
    lines: [
      '花名册填写说明',
      '一行填一位居民；只填小区、楼栋（和单元、房号）不填姓名的行，只登记房屋。',
      '小区、楼栋必填；填了姓名就必须填房号。单元没有可以不填。',
      '楼栋、单元、房号只写数字时，会自动补成“5幢”“2单元”“301室”。系统里没有的小区、楼栋、单元、房屋会自动新建。',
      '性别写“男”或“女”；出生年份写四位年份，如 1965；手机号写 11 位手机号码。',
      '党员类型写“居民党员”或“在职党员”，不是党员就空着；在职党员请填工作单位。',
      '所属党组织写本社区已有党组织的全称，如“颐景名苑党支部”，可以空着。',
      '同一个文件重复导入不会产生重复数据：有手机号的按手机号认人，没有手机号的按房屋和姓名认人。',
      '空着的格子不会清除系统里已有的信息。',
      '导入前系统会逐行检查，有任何一处错误都不会写入，改好后再上传即可。',
    ],
  },
  en: {
    sheet: 'Instructions',
    lines: [
      'How to fill in the roster',
      'One resident per row. A row with only compound and building (and unit, household) and no name only registers the places.',
      'Compound and building are required; a row with a name needs a household. Unit may stay empty.',
      'Bare numbers become "5幢", "2单元", "301室" in the building, unit and household columns. Places that do not exist yet are created.',
      'Gender: male or female (男/女). Birth year: four digits, e.g. 1965. Phone: an 11-digit mainland mobile number.',
      'Party member: "resident" or "in service" (居民党员/在职党员); leave it empty for non-members. In-service members: fill in the work unit.',
      "Party organisation: the full name of one of the community's organisations, e.g. 颐景名苑党支部; may stay empty.",
      'Importing the same file again creates no duplicates: a person is recognised by phone, or without one by household and name.',
      'Empty cells never erase what the platform already knows.',
      'Every row is checked before anything is written; if any row has a problem nothing is imported. Fix it and upload again.',
    ],
  },
};

/** A roster workbook: the roster sheet (header and rows) and, for the template, a sheet of instructions. */
export async function writeXlsx(
  language: RosterLanguage,
  rows: readonly string[][],
  template: boolean,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Linli';
  const ws = workbook.addWorksheet(ROSTER_SHEET[language], { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ROSTER_COLUMNS.map((c) => ({
    header: c.header[language],
    key: c.key,
    width: WIDTHS[c.key] ?? 12,
  }));
  const header = ws.getRow(1);
  header.height = 22;
  header.eachCell((cell, col) => {
    const column = ROSTER_COLUMNS[col - 1]!;
    cell.font = { bold: true, color: { argb: column.required ? 'FFC8102E' : 'FF1F2329' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF4F5F7' } };
    cell.alignment = { vertical: 'middle' };
  });
  const phoneCol = ROSTER_COLUMNS.findIndex((c) => c.key === 'phone') + 1;
  // Text, so that Excel shows a phone as digits and not as 1.38E+10.
  ws.getColumn(phoneCol).numFmt = '@';
  ws.addRows(rows.map((r) => [...r]));
  if (template) {
    const list = (key: string, words: string[]) => {
      const col = ROSTER_COLUMNS.findIndex((c) => c.key === key) + 1;
      for (let r = 2; r <= 1001; r++) {
        ws.getCell(r, col).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`"${words.join(',')}"`],
        };
      }
    };
    list('gender', language === 'en' ? ['male', 'female'] : ['男', '女']);
    list('partyKind', language === 'en' ? ['resident', 'in service'] : ['居民党员', '在职党员']);
    const guide = workbook.addWorksheet(GUIDE[language].sheet);
    guide.getColumn(1).width = 110;
    GUIDE[language].lines.forEach((line, i) => {
      const cell = guide.getCell(i + 1, 1);
      cell.value = line;
      cell.alignment = { wrapText: true, vertical: 'top' };
      if (i === 0) cell.font = { bold: true, size: 14 };
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function writeRosterCsv(language: RosterLanguage, rows: readonly string[][]): Buffer {
  return writeCsv([rosterHeader(language), ...rows]);
}
