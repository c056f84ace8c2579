import type { RosterReportView } from '../../../domain/contracts/rosters.js';
import { AppError } from '../../../domain/errors.js';
import type { PartyMemberKind } from '../../../domain/organisation.js';
import { maskPhone } from '../../../domain/privacy.js';
import { planRoster } from '../../../domain/rosters-plan.js';
import {
  readRoster,
  rosterCells,
  type RosterEntry,
  type RosterLanguage,
  type RosterProblem,
} from '../../../domain/rosters.js';
import type { Db } from '../../db/index.js';
import type { PlaceRow } from '../../db/schema.js';
import type { Actor } from '../../lib/http.js';
import { newId } from '../../lib/ids.js';
import { servesCommunity } from '../../plugins/access.js';
import { recordAudit } from '../audit/audit.repository.js';
import {
  CONTENT_TYPES,
  detectFormat,
  type RosterFormat,
  readCsv,
  readXlsx,
  writeRosterCsv,
  writeXlsx,
} from './rosters.files.js';
import * as repo from './rosters.repository.js';
import { districtDay } from '../../../domain/district-time.js';

type Kdb = Db['kysely'];

/** Problems listed in one report; errorCount says how many there are in all. */
const ERROR_LIMIT = 1000;

/** Rosters belong to a community: imports go into one, exports come from one or a place inside it. */
function requireCommunity(place: PlaceRow): void {
  if (place.kind !== 'community') throw new AppError('ROSTER_SCOPE');
}

async function readUpload(bytes: Buffer) {
  const format = detectFormat(bytes);
  if (format === 'xls') {
    throw new AppError(
      'ROSTER_FILE_TYPE',
      'Old .xls workbooks cannot be read. Save the file as .xlsx or .csv.',
    );
  }
  if (format === null) throw new AppError('ROSTER_FILE_TYPE');
  const table = format === 'xlsx' ? await readXlsx(bytes) : readCsv(bytes, 'CSV');
  if (!table) throw new AppError('ROSTER_UNREADABLE');
  return { format, table };
}

async function planUpload(db: Kdb, community: PlaceRow, bytes: Buffer, now: string) {
  requireCommunity(community);
  const { format, table } = await readUpload(bytes);
  const read = readRoster(table, new Date(now).getUTCFullYear());
  const snapshot = await repo.loadSnapshot(db, community);
  const plan = planRoster(read, table.sheet, snapshot, () => newId());
  const problems = [...read.problems, ...plan.problems].sort((a, b) => a.row - b.row);
  return { format, read, plan, problems };
}

function report(
  format: RosterFormat,
  rows: number,
  counts: RosterReportView['counts'],
  problems: RosterProblem[],
  imported: boolean,
): RosterReportView {
  return {
    ok: problems.length === 0,
    format,
    rows,
    counts,
    errors: problems.slice(0, ERROR_LIMIT),
    errorCount: problems.length,
    imported,
  };
}

/** Read and check a roster against the community and say what an import would do. Writes nothing. */
export async function checkRoster(
  db: Kdb,
  community: PlaceRow,
  bytes: Buffer,
  now: string,
): Promise<RosterReportView> {
  const { format, read, plan, problems } = await planUpload(db, community, bytes, now);
  return report(format, read.rowCount, plan.counts, problems, false);
}

/**
 * Check again and write everything, or nothing; a single problem refuses the whole file (the caller's
 * transaction holds the writes and the audit entry together).
 */
export async function importRoster(
  trx: Kdb,
  actor: Actor,
  community: PlaceRow,
  bytes: Buffer,
): Promise<RosterReportView> {
  const { format, read, plan, problems } = await planUpload(trx, community, bytes, actor.now);
  if (problems.length > 0) {
    throw new AppError('ROSTER_INVALID', undefined, {
      details: problems.slice(0, 100).map((p) => ({
        path: `${p.sheet}!${p.column ?? ''}${p.row}`,
        message: p.problem,
      })),
    });
  }
  await repo.writePlan(trx, plan, community.id, actor.now);
  const c = plan.counts;
  await recordAudit(trx, {
    actorId: actor.caller.userId,
    action: 'create',
    entityType: 'roster',
    entityId: null,
    place: community,
    summary:
      `Imported a roster (${format}, ${read.rowCount} rows): ${c.places} places, ${c.residents} residents, ` +
      `${c.partyMembers} party members created or changed, ${c.unchanged} rows unchanged`,
    ip: actor.ip,
    at: actor.now,
  });
  return report(format, read.rowCount, c, [], true);
}

export interface RosterDownload {
  bytes: Buffer;
  contentType: string;
  filename: string;
}

function download(bytes: Buffer, format: RosterFormat, base: string): RosterDownload {
  return { bytes, contentType: CONTENT_TYPES[format], filename: `${base}.${format}` };
}

/** The empty roster with its header (and, as .xlsx, drop-downs and a sheet of instructions). */
export async function rosterTemplate(community: PlaceRow, format: RosterFormat, language: RosterLanguage) {
  requireCommunity(community);
  const base = language === 'en' ? 'roster-template' : '花名册模板';
  return download(
    format === 'xlsx' ? await writeXlsx(language, [], true) : writeRosterCsv(language, []),
    format,
    base,
  );
}

const natural = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });

/**
 * The roster of a community or of a place inside it, in the import's format, so that it imports back
 * unchanged. Phones are in full only for the community's staff; every export is audited.
 */
export async function exportRoster(
  trx: Kdb,
  actor: Actor,
  scope: PlaceRow,
  format: RosterFormat,
  language: RosterLanguage,
): Promise<RosterDownload> {
  const communityId = scope.community_id;
  if (communityId === null) throw new AppError('ROSTER_SCOPE');
  const data = await repo.loadForExport(trx, communityId);
  const full = servesCommunity(actor.caller, communityId);

  // The live tree under the community; an archived place hides its subtree.
  const children = new Map<string, typeof data.places>();
  for (const p of data.places) {
    if (p.archived_at !== null || p.parent_id === null) continue;
    children.set(p.parent_id, [...(children.get(p.parent_id) ?? []), p]);
  }
  for (const list of children.values()) list.sort((a, b) => natural(a.name, b.name));
  const peopleOf = new Map<string, typeof data.people>();
  for (const p of data.people) peopleOf.set(p.household_id!, [...(peopleOf.get(p.household_id!) ?? []), p]);
  const members = new Map(data.members.map((m) => [m.person_id, m]));
  const orgNames = new Map(data.organisations.map((o) => [o.id, o.name]));

  const entries: RosterEntry[] = [];
  const blank = {
    name: null,
    gender: null,
    birthYear: null,
    phone: null,
    partyKind: null,
    workUnit: null,
    organisation: null,
    note: null,
  };
  // The scope's own branch: the places on its path, and everything below it.
  const inTree = (p: { path: string }) => p.path.startsWith(scope.path) || scope.path.startsWith(p.path);
  const under = (p: { path: string }) => p.path.startsWith(scope.path);
  type Path = { compound: string; building: string; unit: string | null };
  const visit = (parentId: string, path: Path) => {
    for (const p of children.get(parentId) ?? []) {
      if (!inTree(p)) continue;
      if (p.kind === 'compound') visit(p.id, { compound: p.name, building: '', unit: null });
      else if (p.kind === 'building' || p.kind === 'unit') {
        const next = p.kind === 'building' ? { ...path, building: p.name } : { ...path, unit: p.name };
        const before = entries.length;
        visit(p.id, next);
        // A building or unit without households still appears, so that its place is kept.
        if (entries.length === before && under(p)) entries.push({ ...blank, ...next, household: null });
      } else if (p.kind === 'household' && under(p)) {
        const people = peopleOf.get(p.id) ?? [];
        if (people.length === 0) entries.push({ ...blank, ...path, household: p.name });
        for (const person of people) {
          const m = members.get(person.id);
          entries.push({
            ...path,
            household: p.name,
            name: person.name,
            gender: person.gender === 'male' || person.gender === 'female' ? person.gender : null,
            birthYear: person.birth_year === null ? null : Number(person.birth_year),
            phone: full ? person.phone : maskPhone(person.phone),
            partyKind: m ? (m.kind as PartyMemberKind) : null,
            workUnit: m?.work_unit ?? null,
            organisation: m?.organisation_id ? (orgNames.get(m.organisation_id) ?? null) : null,
            note: person.note,
          });
        }
      }
    }
  };
  visit(communityId, { compound: '', building: '', unit: null });

  const rows = entries.map((e) => rosterCells(e, language));
  await recordAudit(trx, {
    actorId: actor.caller.userId,
    action: 'view',
    entityType: 'roster',
    entityId: null,
    place: scope,
    summary: `Exported the roster of ${scope.kind} "${scope.name}" (${format}, ${rows.length} rows, phones ${full ? 'in full' : 'masked'})`,
    ip: actor.ip,
    at: actor.now,
  });
  const day = districtDay(actor.now);
  const base = language === 'en' ? `roster-${day}` : `花名册-${scope.name}-${day}`;
  return download(
    format === 'xlsx' ? await writeXlsx(language, rows, false) : writeRosterCsv(language, rows),
    format,
    base,
  );
}
