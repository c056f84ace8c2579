import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { StandardsReport, StandardsSummary } from '../../../domain/contracts/standards.js';
import { pathIds, type PlaceKind } from '../../../domain/places.js';
import { countByChild, evaluateStandards, type SnapshotPlace } from '../../../domain/standards-rules.js';
import { STANDARD_IDS } from '../../../domain/standards.js';
import type { Db } from '../../db/index.js';
import type { PlaceRow } from '../../db/schema.js';
import { standardsThresholdsFor } from '../settings/settings.repository.js';
import { EXPORT_WORDS, type ExportLang, violationMessageZh } from './standards.labels.js';
import { loadSnapshot } from './standards.repository.js';

type Kdb = Db['kysely'];
type Report = z.infer<typeof StandardsReport>;
type Summary = z.infer<typeof StandardsSummary>;
type Crumb = { id: string; kind: PlaceKind; name: string };

/** Kinds the drill-down walks through: district → street → community → compound → building. */
const DRILL_KINDS = new Set<PlaceKind>(['street', 'community', 'compound', 'building']);

function crumbsOf(byId: Map<string, SnapshotPlace>, path: string): Crumb[] {
  return pathIds(path).flatMap((id) => {
    const p = byId.get(id);
    return p ? [{ id: p.id, kind: p.kind, name: p.name }] : [];
  });
}

async function evaluate(db: Kdb, scope: PlaceRow, now: string) {
  const thresholds = await standardsThresholdsFor(db, scope.path);
  const snapshot = await loadSnapshot(db, scope, now);
  const byId = new Map(snapshot.places.map((p) => [p.id, p]));
  return { thresholds, snapshot, byId, rules: evaluateStandards(snapshot, thresholds) };
}

/** S1–S7 over a place and its subtree: each rule's status and every break with its place line. */
export async function standardsOf(db: Kdb, scope: PlaceRow, now: string): Promise<Report> {
  const { thresholds, byId, rules } = await evaluate(db, scope, now);
  return {
    placeId: scope.id,
    placePath: crumbsOf(byId, scope.path),
    evaluatedAt: now,
    thresholds,
    rules: rules.map((r) => ({
      ...r,
      violations: r.violations.map((v) => ({
        ...v,
        placePath: crumbsOf(byId, byId.get(v.placeId)?.path ?? ''),
      })),
    })),
  };
}

/** Breaks per rule under each child of a place, for the drill-down table. */
export async function standardsSummaryOf(db: Kdb, scope: PlaceRow, now: string): Promise<Summary> {
  const { byId, rules } = await evaluate(db, scope, now);
  const children = [...byId.values()]
    .filter((p) => p.parentId === scope.id && DRILL_KINDS.has(p.kind))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }));
  const counts = countByChild(rules, children, (id) => byId.get(id)?.path);
  const totals = Object.fromEntries(rules.map((r) => [r.id, r.violations.length])) as Summary['totals'];
  const crumbs = crumbsOf(byId, scope.path);
  return {
    place: crumbs.at(-1) ?? { id: scope.id, kind: scope.kind as PlaceKind, name: scope.name },
    ancestors: crumbs.slice(0, -1),
    totals,
    children: children.map((c) => {
      const n = counts.get(c.id)!;
      return {
        id: c.id,
        kind: c.kind,
        name: c.name,
        counts: n,
        total: STANDARD_IDS.reduce((sum, id) => sum + n[id], 0),
      };
    }),
  };
}

/** Spreadsheet cells that a spreadsheet program could run as a formula start with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One row per break (and one per rule that holds), headers in the chosen language. */
export async function exportStandards(
  db: Kdb,
  scope: PlaceRow,
  now: string,
  lang: ExportLang,
): Promise<Buffer> {
  const report = await standardsOf(db, scope, now);
  const w = EXPORT_WORDS[lang];
  const book = new ExcelJS.Workbook();
  book.created = new Date(now);
  const sheet = book.addWorksheet(w.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ width: 8 }, { width: 30 }, { width: 10 }, { width: 44 }, { width: 90 }];
  const header = sheet.addRow(w.headers);
  header.font = { bold: true };
  for (const rule of report.rules) {
    const status = w.status[rule.status];
    if (rule.violations.length === 0) {
      sheet.addRow([rule.id, w.rules[rule.id], status, w.none, '']);
      continue;
    }
    for (const v of rule.violations) {
      const place = v.placePath.map((c) => c.name).join(' / ');
      const message = lang === 'zh-CN' ? violationMessageZh(v) : v.message;
      sheet.addRow([rule.id, w.rules[rule.id], status, safeCell(place), safeCell(message)]);
    }
  }
  sheet.getColumn(5).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await book.xlsx.writeBuffer());
}
