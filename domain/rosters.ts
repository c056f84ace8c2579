/**
 * Rosters (花名册, SPEC.md C8): one sheet, one row per person, the way a community keeps its
 * household roster in Excel. A row names a household by its path under the community (compound /
 * building / unit / household); with a name it is a resident, with a party-member kind also a party
 * member; without a name it only makes sure the places exist. The same format is read from .xlsx and
 * .csv, with Chinese or English headers, and written back by the export.
 */
import { LIMITS, PHONE_PATTERN } from './limits.js';
import type { PartyMemberKind } from './organisation.js';

export const ROSTER_LANGUAGES = ['zh-CN', 'en'] as const;
export type RosterLanguage = (typeof ROSTER_LANGUAGES)[number];

export const ROSTER_COLUMN_KEYS = [
  'compound',
  'building',
  'unit',
  'household',
  'name',
  'gender',
  'birthYear',
  'phone',
  'partyKind',
  'workUnit',
  'organisation',
  'note',
] as const;
export type RosterColumnKey = (typeof ROSTER_COLUMN_KEYS)[number];

export interface RosterColumn {
  key: RosterColumnKey;
  /** The header in each template language. */
  header: Record<RosterLanguage, string>;
  /** Other headers accepted on import (compared after normalising, see headerKey). */
  aliases: readonly string[];
  /** Required on every row that is not empty (household and name only when a person is named). */
  required: boolean;
  maxLength: number;
}

export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  {
    key: 'compound',
    header: { 'zh-CN': '小区', en: 'Compound' },
    aliases: ['小区名称', '小区名'],
    required: true,
    maxLength: LIMITS.placeName,
  },
  {
    key: 'building',
    header: { 'zh-CN': '楼栋', en: 'Building' },
    aliases: ['楼幢', '楼号', '幢', '栋'],
    required: true,
    maxLength: LIMITS.placeName,
  },
  {
    key: 'unit',
    header: { 'zh-CN': '单元', en: 'Unit' },
    aliases: ['单元号'],
    required: false,
    maxLength: LIMITS.placeName,
  },
  {
    key: 'household',
    header: { 'zh-CN': '房号', en: 'Household' },
    aliases: ['户', '室', '户号', '门牌号', '房间号', 'flat', 'room', 'apartment'],
    required: false,
    maxLength: LIMITS.placeName,
  },
  {
    key: 'name',
    header: { 'zh-CN': '姓名', en: 'Name' },
    aliases: ['名字', 'full name'],
    required: false,
    maxLength: LIMITS.displayName,
  },
  {
    key: 'gender',
    header: { 'zh-CN': '性别', en: 'Gender' },
    aliases: ['sex'],
    required: false,
    maxLength: 10,
  },
  {
    key: 'birthYear',
    header: { 'zh-CN': '出生年份', en: 'Birth year' },
    aliases: ['出生年', '出生年月', '出生日期', 'year of birth', 'born'],
    required: false,
    maxLength: 20,
  },
  {
    key: 'phone',
    header: { 'zh-CN': '手机号', en: 'Phone' },
    aliases: ['手机', '手机号码', '电话', '联系电话', 'mobile', 'phone number'],
    required: false,
    maxLength: 20,
  },
  {
    key: 'partyKind',
    header: { 'zh-CN': '党员类型', en: 'Party member' },
    aliases: ['党员身份', '党员', 'party member kind', 'party'],
    required: false,
    maxLength: 20,
  },
  {
    key: 'workUnit',
    header: { 'zh-CN': '工作单位', en: 'Work unit' },
    aliases: ['单位', 'employer', 'workplace'],
    required: false,
    maxLength: 100,
  },
  {
    key: 'organisation',
    header: { 'zh-CN': '所属党组织', en: 'Party organisation' },
    aliases: [
      '党组织',
      '所在支部',
      '所在党组织',
      '支部',
      'organisation',
      'organization',
      'party organization',
      'branch',
    ],
    required: false,
    maxLength: 100,
  },
  {
    key: 'note',
    header: { 'zh-CN': '备注', en: 'Note' },
    aliases: ['notes', 'remarks'],
    required: false,
    maxLength: 500,
  },
];

/** The sheet an export writes and an import looks for first. */
export const ROSTER_SHEET: Record<RosterLanguage, string> = { 'zh-CN': '花名册', en: 'Roster' };

/** Data rows one file may hold. */
export const ROSTER_MAX_ROWS = 50_000;

/** What a cell says in each language, for the values with a fixed vocabulary. */
export const GENDER_WORDS: Record<RosterLanguage, Record<'male' | 'female', string>> = {
  'zh-CN': { male: '男', female: '女' },
  en: { male: 'male', female: 'female' },
};
export const PARTY_KIND_WORDS: Record<RosterLanguage, Record<PartyMemberKind, string>> = {
  'zh-CN': { resident: '居民党员', in_service: '在职党员' },
  en: { resident: 'resident', in_service: 'in service' },
};

export const ROSTER_PROBLEMS = [
  'empty_file',
  'too_many_rows',
  'missing_column',
  'required',
  'too_long',
  'invalid_text',
  'invalid_phone',
  'masked_phone',
  'invalid_gender',
  'invalid_birth_year',
  'invalid_party_kind',
  'party_kind_required',
  'duplicate_phone',
  'duplicate_person',
  'phone_in_use',
  'place_archived',
  'place_kind_conflict',
  'organisation_not_found',
  'organisation_ambiguous',
] as const;
export type RosterProblemCode = (typeof ROSTER_PROBLEMS)[number];

export interface RosterProblem {
  sheet: string;
  /** The row as the spreadsheet numbers it (1 is the first row). */
  row: number;
  /** The column's header as written in the file, or the template's header when it is missing. */
  column: string | null;
  code: RosterProblemCode;
  /** In English; the web app words it from code, column, value and otherRow. */
  problem: string;
  value?: string;
  /** The other row of a duplicate. */
  otherRow?: number;
}

// Normalising cells ---------------------------------------------------------------------------------

/** Full-width digits and letters become ASCII, spaces are collapsed, the ends trimmed. */
export function normaliseText(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** A header in the form it is compared: no spaces, no case, no "*" marks, no "(optional)" notes. */
export function headerKey(header: string): string {
  return normaliseText(header)
    .toLowerCase()
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/[*＊\s_]/g, '');
}

const HEADER_INDEX = new Map<string, RosterColumnKey>();
for (const c of ROSTER_COLUMNS) {
  for (const h of [c.header['zh-CN'], c.header.en, ...c.aliases]) HEADER_INDEX.set(headerKey(h), c.key);
}

export function columnByHeader(header: string): RosterColumnKey | undefined {
  return HEADER_INDEX.get(headerKey(header));
}

/** Cells that a spreadsheet would run as a formula: = + - @ and the control characters before them. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Written cells never start a formula (OWASP CSV injection; ASVS 1.2.10): a leading apostrophe disarms them. */
export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Read cells lose the apostrophe an export put in front, so an export imports back unchanged. */
export function unguardFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** Bare numbers in place columns take the usual suffix: building 5 → 5幢, unit 2 → 2单元, household 301 → 301室. */
const PLACE_SUFFIX: Partial<Record<RosterColumnKey, string>> = {
  building: '幢',
  unit: '单元',
  household: '室',
};

export function normalisePlaceName(key: RosterColumnKey, value: string): string {
  const v = normaliseText(value);
  const suffix = PLACE_SUFFIX[key];
  return suffix && /^\d+$/.test(v) ? `${v}${suffix}` : v;
}

/** Spaces, dashes and a +86 prefix are dropped: "138 0000-0001" and "+86 13800000001" are the same phone. */
export function normalisePhone(value: string): string {
  return normaliseText(value)
    .replace(/[\s\-()]/g, '')
    .replace(/^(\+?86)(?=1\d{10}$)/, '');
}

export function parseGender(value: string): 'male' | 'female' | null | undefined {
  const v = normaliseText(value).toLowerCase();
  if (v === '') return null;
  if (['男', 'male', 'm', '男性'].includes(v)) return 'male';
  if (['女', 'female', 'f', '女性'].includes(v)) return 'female';
  return undefined;
}

export function parsePartyKind(value: string): PartyMemberKind | null | undefined {
  const v = normaliseText(value)
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  if (v === '' || v === '否' || v === '群众' || v === 'no') return null;
  if (['居民党员', '居民', 'resident', '是', 'yes', '党员'].includes(v)) return 'resident';
  if (['在职党员', '在职', 'inservice'].includes(v)) return 'in_service';
  return undefined;
}

/** "1985", "1985年", "1985-03", "1985.03.02" → 1985; anything outside 1900..thisYear is refused. */
export function parseBirthYear(value: string, thisYear: number): number | null | undefined {
  const v = normaliseText(value);
  if (v === '') return null;
  const m = /^(\d{4})(?:[年./-]?\d{0,2}[月./-]?\d{0,2}日?)?$/.exec(v.replace(/年$/, ''));
  if (!m) return undefined;
  const year = Number(m[1]);
  return year >= 1900 && year <= thisYear ? year : undefined;
}

// Reading rows --------------------------------------------------------------------------------------

/** A sheet as read from a file: each row's cells as text, with the spreadsheet's own row number. */
export interface RosterTable {
  sheet: string;
  rows: { row: number; cells: string[] }[];
}

export interface RosterRow {
  row: number;
  compound: string;
  building: string;
  unit: string | null;
  household: string | null;
  name: string | null;
  gender: 'male' | 'female' | null;
  birthYear: number | null;
  phone: string | null;
  partyKind: PartyMemberKind | null;
  workUnit: string | null;
  organisation: string | null;
  note: string | null;
}

export interface ReadResult {
  rows: RosterRow[];
  problems: RosterProblem[];
  /** Rows that were not empty, valid or not. */
  rowCount: number;
  /** The language of the headers found (the template's words decide; mixed headers count as Chinese). */
  language: RosterLanguage;
  /** Each column's header as the file writes it, for naming columns in later problems. */
  labels: Partial<Record<RosterColumnKey, string>>;
}

const MESSAGES: Record<RosterProblemCode, string> = {
  empty_file: 'The file has no roster rows.',
  too_many_rows: `A roster may hold at most ${ROSTER_MAX_ROWS.toLocaleString('en')} rows; split the file.`,
  missing_column: 'This column is missing from the header row.',
  required: 'This cell must be filled in.',
  too_long: 'This value is too long.',
  invalid_text: 'This value contains control characters.',
  invalid_phone: 'Not a mainland mobile number (11 digits starting with 1).',
  masked_phone:
    'This phone number is masked (it came from an export that hid phones); type it in full or leave it empty.',
  invalid_gender: 'Write 男 or 女 (male or female).',
  invalid_birth_year: 'Write a year such as 1965.',
  invalid_party_kind: 'Write 居民党员 or 在职党员 (resident or in service), or leave it empty.',
  party_kind_required: 'A work unit or party organisation is given, but not the party-member kind.',
  duplicate_phone: 'The same phone number is on another row.',
  duplicate_person: 'The same person in the same household is on another row.',
  phone_in_use: 'This phone number belongs to someone else in this community.',
  place_archived: 'This place is archived. Restore it first or use another name.',
  place_kind_conflict: 'A place of another kind already has this name here.',
  organisation_not_found: 'No party organisation of this community has this name.',
  organisation_ambiguous: 'Several party organisations of this community have this name.',
};

export function rosterProblem(
  sheet: string,
  row: number,
  column: string | null,
  code: RosterProblemCode,
  extra: { value?: string; otherRow?: number; problem?: string } = {},
): RosterProblem {
  return {
    sheet,
    row,
    column,
    code,
    problem: extra.problem ?? MESSAGES[code],
    ...(extra.value !== undefined ? { value: extra.value.slice(0, 100) } : {}),
    ...(extra.otherRow !== undefined ? { otherRow: extra.otherRow } : {}),
  };
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Find the header row (the first of the first ten rows naming at least two roster columns), then read
 * and check every row after it. Problems carry the row and the column as the file has them.
 */
export function readRoster(table: RosterTable, thisYear: number): ReadResult {
  const { sheet } = table;
  const problems: RosterProblem[] = [];
  const headerAt = table.rows
    .slice(0, 10)
    .findIndex((r) => r.cells.filter((c) => columnByHeader(c) !== undefined).length >= 2);
  if (headerAt < 0) {
    const first = table.rows[0];
    const none = { rows: [], rowCount: 0, language: 'zh-CN' as const, labels: {} };
    if (!first) return { ...none, problems: [rosterProblem(sheet, 1, null, 'empty_file')] };
    return {
      ...none,
      problems: ROSTER_COLUMNS.filter((c) => c.required).map((c) =>
        rosterProblem(sheet, first.row, c.header['zh-CN'], 'missing_column'),
      ),
    };
  }
  const header = table.rows[headerAt]!;
  const at = new Map<RosterColumnKey, { index: number; label: string }>();
  header.cells.forEach((cell, index) => {
    const key = columnByHeader(cell);
    if (key && !at.has(key)) at.set(key, { index, label: normaliseText(cell) });
  });
  const english = [...at.values()].every((c) => /^[\x20-\x7e]*$/.test(c.label));
  const language: RosterLanguage = english ? 'en' : 'zh-CN';
  for (const c of ROSTER_COLUMNS) {
    if (c.required && !at.has(c.key))
      problems.push(rosterProblem(sheet, header.row, c.header[language], 'missing_column'));
  }
  const labels = Object.fromEntries([...at].map(([k, v]) => [k, v.label]));
  if (problems.length > 0) return { rows: [], problems, rowCount: 0, language, labels };

  const data = table.rows.slice(headerAt + 1).filter((r) => r.cells.some((c) => normaliseText(c) !== ''));
  if (data.length === 0) {
    return {
      rows: [],
      problems: [rosterProblem(sheet, header.row, null, 'empty_file')],
      rowCount: 0,
      language,
      labels,
    };
  }
  if (data.length > ROSTER_MAX_ROWS) {
    const problem = rosterProblem(sheet, data[ROSTER_MAX_ROWS]!.row, null, 'too_many_rows');
    return { rows: [], problems: [problem], rowCount: data.length, language, labels };
  }

  const rows: RosterRow[] = [];
  for (const r of data) {
    const mine: RosterProblem[] = [];
    const raw = (key: RosterColumnKey) => {
      const c = at.get(key);
      return c ? unguardFormula(normaliseText(r.cells[c.index] ?? '')) : '';
    };
    const label = (key: RosterColumnKey) => at.get(key)?.label ?? null;
    const fail = (key: RosterColumnKey, code: RosterProblemCode, value?: string) =>
      mine.push(rosterProblem(sheet, r.row, label(key), code, value === undefined ? {} : { value }));
    const text = (key: RosterColumnKey): string | null => {
      const column = ROSTER_COLUMNS.find((c) => c.key === key)!;
      const v = key in PLACE_SUFFIX ? normalisePlaceName(key, raw(key)) : raw(key);
      if (v === '') return null;
      if (CONTROL.test(v)) fail(key, 'invalid_text');
      else if ([...v].length > column.maxLength) fail(key, 'too_long', v);
      return v;
    };
    const compound = text('compound');
    const building = text('building');
    const unit = text('unit');
    const household = text('household');
    const name = text('name');
    const workUnit = text('workUnit');
    const organisation = text('organisation');
    const note = text('note');
    const gender = parseGender(raw('gender'));
    if (gender === undefined) fail('gender', 'invalid_gender', raw('gender'));
    const birthYear = parseBirthYear(raw('birthYear'), thisYear);
    if (birthYear === undefined) fail('birthYear', 'invalid_birth_year', raw('birthYear'));
    const partyKind = parsePartyKind(raw('partyKind'));
    if (partyKind === undefined) fail('partyKind', 'invalid_party_kind', raw('partyKind'));
    let phone: string | null = normalisePhone(raw('phone')) || null;
    if (phone !== null && phone.includes('*')) {
      fail('phone', 'masked_phone', phone);
      phone = null;
    } else if (phone !== null && !PHONE_PATTERN.test(phone)) {
      fail('phone', 'invalid_phone', raw('phone'));
      phone = null;
    }
    if (!compound) fail('compound', 'required');
    if (!building) fail('building', 'required');
    const personal = gender || birthYear || phone || partyKind || workUnit || organisation;
    if (!name && personal) fail('name', 'required');
    if (name && !household) fail('household', 'required');
    if ((workUnit || organisation) && partyKind === null) fail('partyKind', 'party_kind_required');
    if (mine.length > 0) {
      problems.push(...mine);
      continue;
    }
    rows.push({
      row: r.row,
      compound: compound!,
      building: building!,
      unit,
      household,
      name,
      gender: gender ?? null,
      birthYear: birthYear ?? null,
      phone,
      partyKind: partyKind ?? null,
      workUnit,
      organisation,
      note,
    });
  }
  return { rows, problems, rowCount: data.length, language, labels };
}

/** The label a problem names a column by when the file's own header is not at hand. */
export function columnLabel(key: RosterColumnKey, language: RosterLanguage): string {
  return ROSTER_COLUMNS.find((c) => c.key === key)!.header[language];
}

// Writing rows ----------------------------------------------------------------------------------------

/** One row of an export, in the import's terms. */
export interface RosterEntry {
  compound: string;
  building: string;
  unit: string | null;
  household: string | null;
  name: string | null;
  gender: 'male' | 'female' | null;
  birthYear: number | null;
  /** Already masked when the reader may not see it in full. */
  phone: string | null;
  partyKind: PartyMemberKind | null;
  workUnit: string | null;
  organisation: string | null;
  note: string | null;
}

export function rosterHeader(language: RosterLanguage): string[] {
  return ROSTER_COLUMNS.map((c) => c.header[language]);
}

/** The cells of one row in the template's order and words, each disarmed against formulas. */
export function rosterCells(entry: RosterEntry, language: RosterLanguage): string[] {
  const word = (key: RosterColumnKey): string => {
    if (key === 'gender') return entry.gender ? GENDER_WORDS[language][entry.gender] : '';
    if (key === 'partyKind') return entry.partyKind ? PARTY_KIND_WORDS[language][entry.partyKind] : '';
    if (key === 'birthYear') return entry.birthYear === null ? '' : String(entry.birthYear);
    return entry[key] ?? '';
  };
  return ROSTER_COLUMNS.map((c) => guardFormula(word(c.key)));
}
