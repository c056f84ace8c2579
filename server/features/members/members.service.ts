import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  MemberReport,
  MemberReportQuery,
  MemberSettingsBody,
  ReportEditBody,
  ReportInBody,
} from '../../../domain/contracts/members.js';
import { AppError } from '../../../domain/errors.js';
import {
  confirmDueAt,
  DEFAULT_MEMBER_SETTINGS,
  reportActions,
  type ReportStatus,
  reportStepAllowed,
  type ReportStep,
} from '../../../domain/members.js';
import { pathIds } from '../../../domain/places.js';
import { maskPhone } from '../../../domain/privacy.js';
import type { Database, PlaceRow } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../lib/http.js';
import { newId } from '../../lib/ids.js';
import { cancelJobs, type Job, scheduleJob } from '../../lib/jobs.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { type Caller, servesCommunity } from '../../plugins/access.js';
import { recordAudit } from '../audit/audit.repository.js';
import { deleteGrant, findSameGrant } from '../grants/grants.repository.js';
import { ensureGrant } from '../grants/grants.service.js';
import {
  endPartyMember,
  findPersonByUser,
  insertPerson,
  upsertPartyMember,
} from '../people/people.repository.js';
import { findPlace } from '../places/places.repository.js';
import { endClaimsOf } from '../posts/posts.service.js';
import { mayOver, parseList, tell } from './members.common.js';
import * as repo from './members.repository.js';

type Q = Kysely<Database>;

export const CONFIRM_DUE_JOB = 'member.confirm_due';

// Settings ------------------------------------------------------------------------------------------

export async function memberSettingsFor(db: Q, placePath: string) {
  const districtId = pathIds(placePath)[0];
  const row = districtId ? await repo.findSetting(db, districtId, 'members') : undefined;
  const stored = row ? (JSON.parse(row.value) as Partial<z.infer<typeof MemberSettingsBody>>) : {};
  return { ...DEFAULT_MEMBER_SETTINGS, ...stored, updatedAt: row?.updated_at ?? null };
}

/** The district a place lies in (where its settings live), for a route's scope. */
export async function districtOfPlace(db: Q, placeId: string): Promise<string | undefined> {
  const place = await findPlace(db, placeId);
  return place ? pathIds(place.path)[0] : undefined;
}

export async function saveMemberSettings(
  db: Q,
  actor: Actor,
  place: PlaceRow,
  body: z.infer<typeof MemberSettingsBody>,
) {
  const districtId = pathIds(place.path)[0]!;
  await repo.saveSetting(db, districtId, 'members', body, actor.caller.userId, actor.now);
  const district = (await findPlace(db, districtId))!;
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'update',
    entityType: 'member_settings',
    entityId: districtId,
    place: district,
    summary: `Members confirm their report-in every ${body.confirmEveryMonths} months`,
    params: { confirmEveryMonths: body.confirmEveryMonths },
    ip: actor.ip,
    at: actor.now,
  });
  return memberSettingsFor(db, place.path);
}

// Views ---------------------------------------------------------------------------------------------

function toView(r: repo.ReportRow, caller: Caller, now: string): MemberReport {
  const isMember = r.user_id === caller.userId;
  const isStaff = mayOver(caller, 'members.manage', r.community_path);
  const status = r.status as ReportStatus;
  return {
    id: r.id,
    community: { id: r.community_id, kind: 'community', name: r.community_name },
    member: { id: r.user_id, name: r.member_name },
    phone: isMember || servesCommunity(caller, r.community_id) ? r.member_phone : maskPhone(r.member_phone),
    status,
    workUnit: r.work_unit,
    workUnitPartyOrg: r.work_unit_party_org,
    skills: parseList(r.skills),
    availability: r.availability,
    note: r.note,
    reason: r.reason,
    submittedAt: r.submitted_at,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by && r.decided_by_name ? { id: r.decided_by, name: r.decided_by_name } : null,
    confirmedAt: r.confirmed_at,
    confirmDueAt: r.confirm_due_at,
    confirmDue: status === 'approved' && r.confirm_due_at !== null && r.confirm_due_at <= now,
    endedAt: r.ended_at,
    previousReportId: r.previous_report_id,
    actions: reportActions(status, { isMember, isStaff }),
  };
}

/** A report the caller may see (hers, or her community's as staff), else 404. */
async function visibleReport(db: Q, caller: Caller, id: string): Promise<repo.ReportRow> {
  const r = await repo.findReport(db, id);
  if (!r) throw new AppError('NOT_FOUND');
  if (r.user_id !== caller.userId && !mayOver(caller, 'members.read', r.community_path))
    throw new AppError('NOT_FOUND');
  return r;
}

export async function scopeOfReport(db: Q, id: string): Promise<string | undefined> {
  return (await repo.findReport(db, id))?.community_id;
}

export async function getReport(db: Q, actor: Actor, id: string) {
  return toView(await visibleReport(db, actor.caller, id), actor.caller, actor.now);
}

export async function listMine(db: Q, actor: Actor) {
  const rows = await repo.listReportsOfUser(db, actor.caller.userId);
  return { items: rows.map((r) => toView(r, actor.caller, actor.now)), nextCursor: null };
}

export async function listUnder(
  db: Q,
  actor: Actor,
  place: PlaceRow,
  query: z.infer<typeof MemberReportQuery>,
) {
  const rows = await repo.listReports(db, {
    communityPath: place.path,
    status: query.status,
    dueBefore: query.due ? actor.now : undefined,
    q: query.q,
    before: decodeCursor(query.cursor),
    limit: query.limit,
  });
  const page = toPage(rows, query.limit);
  return { items: page.items.map((r) => toView(r, actor.caller, actor.now)), nextCursor: page.nextCursor };
}

export async function listCommunities(db: Q) {
  return { items: await repo.listCommunities(db) };
}

// Steps ---------------------------------------------------------------------------------------------

async function requireCommunity(db: Q, id: string): Promise<PlaceRow> {
  const place = await findPlace(db, id);
  if (!place || place.kind !== 'community' || place.archived_at !== null) {
    throw new AppError('VALIDATION_FAILED', 'Choose a community to report in to.', {
      details: [{ path: 'body.communityId', message: 'not a community' }],
    });
  }
  return place;
}

async function staffOf(db: Q, communityId: string): Promise<string[]> {
  return repo.usersWithRoleOn(db, 'community_staff', communityId);
}

export async function reportIn(
  db: Q,
  deps: Deps | undefined,
  actor: Actor,
  body: z.infer<typeof ReportInBody>,
  previousReportId: string | null = null,
) {
  const community = await requireCommunity(db, body.communityId);
  const id = newId();
  const inserted = await repo.insertReport(db, {
    id,
    communityId: community.id,
    communityPath: community.path,
    userId: actor.caller.userId,
    workUnit: body.workUnit,
    workUnitPartyOrg: body.workUnitPartyOrg ?? null,
    skills: body.skills,
    availability: body.availability ?? null,
    note: body.note ?? null,
    previousReportId,
    now: actor.now,
  });
  if (!inserted) throw new AppError('MEMBER_REPORT_EXISTS');
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'create',
    entityType: 'member_report',
    entityId: id,
    place: community,
    summary: `Reported in to ${community.name} (${body.workUnit})`,
    params: { workUnit: body.workUnit },
    ip: actor.ip,
    at: actor.now,
  });
  await tell(db, deps, {
    userIds: await staffOf(db, community.id),
    kind: 'report_in_submitted',
    link: `/console/members/reports/${id}`,
    params: { name: actor.caller.displayName, workUnit: body.workUnit, community: community.name },
    now: actor.now,
  });
  return getReport(db, actor, id);
}

function requireStep(r: repo.ReportRow, step: ReportStep) {
  if (!reportStepAllowed(step, r.status as ReportStatus)) throw new AppError('MEMBER_REPORT_WRONG_STATE');
}

async function ownReport(db: Q, actor: Actor, id: string, step: ReportStep) {
  const r = await visibleReport(db, actor.caller, id);
  if (r.user_id !== actor.caller.userId) throw new AppError('FORBIDDEN');
  requireStep(r, step);
  return r;
}

async function moved(
  db: Q,
  r: repo.ReportRow,
  from: readonly ReportStatus[],
  set: Parameters<typeof repo.updateReportFrom>[3],
) {
  if (!(await repo.updateReportFrom(db, r.id, from, set))) throw new AppError('MEMBER_REPORT_WRONG_STATE');
}

export async function editReport(db: Q, actor: Actor, id: string, body: z.infer<typeof ReportEditBody>) {
  const r = await ownReport(db, actor, id, 'edit');
  await moved(db, r, ['pending', 'returned'], {
    status: 'pending',
    work_unit: body.workUnit,
    work_unit_party_org: body.workUnitPartyOrg ?? null,
    skills: JSON.stringify(body.skills),
    availability: body.availability ?? null,
    note: body.note ?? null,
    reason: null,
    submitted_at: actor.now,
    updated_at: actor.now,
  });
  return getReport(db, actor, id);
}

/** End an approved report-in: the community grant goes, an in-service membership there ends. */
async function endMembership(db: Q, r: repo.ReportRow, now: string) {
  const grant = await findSameGrant(db, r.user_id, 'party_member', r.community_id);
  if (grant) await deleteGrant(db, grant.id);
  if (r.person_id) {
    const pm = await repo.findLivePartyMember(db, r.person_id);
    if (pm?.kind === 'in_service') await endPartyMember(db, r.person_id, now);
  }
  await cancelJobs(db, { kind: CONFIRM_DUE_JOB, refId: r.id });
  // Her posts there end with her report-in, unless she remains a party member of the community.
  const stillMember = await repo.hasPartyMemberGrantIn(db, r.user_id, r.community_path);
  if (!stillMember) await endClaimsOf(db, r.user_id, r.community_id, now);
}

export async function withdrawReport(db: Q, actor: Actor, id: string) {
  const r = await ownReport(db, actor, id, 'withdraw');
  await moved(db, r, [r.status as ReportStatus], {
    status: 'withdrawn',
    ended_at: actor.now,
    updated_at: actor.now,
  });
  if (r.status === 'approved') await endMembership(db, r, actor.now);
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'withdraw',
    entityType: 'member_report',
    entityId: id,
    place: (await findPlace(db, r.community_id)) ?? null,
    summary: `Withdrew the report-in to ${r.community_name}`,
    ip: actor.ip,
    at: actor.now,
  });
  return getReport(db, actor, id);
}

export async function moveReport(
  db: Q,
  deps: Deps | undefined,
  actor: Actor,
  id: string,
  body: z.infer<typeof ReportInBody>,
) {
  const r = await ownReport(db, actor, id, 'move');
  if (body.communityId === r.community_id) throw new AppError('MEMBER_REPORT_EXISTS');
  return reportIn(db, deps, actor, body, r.id);
}

async function scheduleConfirm(
  db: Q,
  r: { id: string; community_path: string },
  confirmedAt: string,
  now: string,
) {
  const { confirmEveryMonths } = await memberSettingsFor(db, r.community_path);
  const due = confirmDueAt(confirmedAt, confirmEveryMonths);
  await cancelJobs(db, { kind: CONFIRM_DUE_JOB, refId: r.id });
  await scheduleJob(db, { kind: CONFIRM_DUE_JOB, refId: r.id, runAt: due, now });
  return due;
}

export async function confirmReport(db: Q, actor: Actor, id: string) {
  const r = await ownReport(db, actor, id, 'confirm');
  const due = await scheduleConfirm(db, r, actor.now, actor.now);
  await moved(db, r, ['approved'], { confirmed_at: actor.now, confirm_due_at: due, updated_at: actor.now });
  return getReport(db, actor, id);
}

export async function approveReport(db: Q, deps: Deps | undefined, actor: Actor, id: string) {
  const r = await visibleReport(db, actor.caller, id);
  requireStep(r, 'approve');
  const community = (await findPlace(db, r.community_id))!;
  const user = (await repo.findUser(db, r.user_id))!;

  // One people row per person per community; an in-service membership unless she is already a
  // resident party member there (that stays as it is).
  let person = await findPersonByUser(db, community.id, r.user_id);
  if (!person) {
    const personId = newId();
    await insertPerson(db, {
      id: personId,
      communityId: community.id,
      name: user.display_name,
      phone: user.phone,
      gender: null,
      birthYear: null,
      householdId: null,
      userId: r.user_id,
      note: null,
      at: actor.now,
    });
    person = { id: personId, name: user.display_name };
  }
  const live = await repo.findLivePartyMember(db, person.id);
  if (!live || live.kind === 'in_service') {
    await upsertPartyMember(db, {
      personId: person.id,
      communityId: community.id,
      kind: 'in_service',
      organisationId: live?.organisation_id ?? (await repo.findBigCommittee(db, community.id))?.id ?? null,
      workUnit: r.work_unit,
      joinedOn: live?.joined_on ?? null,
      at: actor.now,
    });
  }
  await ensureGrant(db, {
    userId: r.user_id,
    role: 'party_member',
    place: community,
    by: actor.caller.userId,
    now: actor.now,
  });
  const due = await scheduleConfirm(db, r, actor.now, actor.now);
  await moved(db, r, ['pending'], {
    status: 'approved',
    person_id: person.id,
    reason: null,
    decided_at: actor.now,
    decided_by: actor.caller.userId,
    confirmed_at: actor.now,
    confirm_due_at: due,
    updated_at: actor.now,
  });

  // Moving: the report she moved from ends now that the new community has her.
  if (r.previous_report_id) {
    const prev = await repo.findReport(db, r.previous_report_id);
    if (prev && prev.status === 'approved' && prev.user_id === r.user_id) {
      await repo.updateReportFrom(db, prev.id, ['approved'], {
        status: 'ended',
        ended_at: actor.now,
        updated_at: actor.now,
      });
      await endMembership(db, prev, actor.now);
    }
  }
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'approve',
    entityType: 'member_report',
    entityId: id,
    place: community,
    summary: `Approved ${user.display_name}'s report-in (${r.work_unit})`,
    params: { member: user.display_name, workUnit: r.work_unit },
    ip: actor.ip,
    at: actor.now,
  });
  await tell(db, deps, {
    userIds: [r.user_id],
    kind: 'report_in_decided',
    link: `/members/reports/${id}`,
    params: { decision: 'approved', community: community.name },
    now: actor.now,
  });
  return getReport(db, actor, id);
}

export async function returnReport(db: Q, deps: Deps | undefined, actor: Actor, id: string, reason: string) {
  const r = await visibleReport(db, actor.caller, id);
  requireStep(r, 'return');
  await moved(db, r, ['pending'], {
    status: 'returned',
    reason,
    decided_at: actor.now,
    decided_by: actor.caller.userId,
    updated_at: actor.now,
  });
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'reject',
    entityType: 'member_report',
    entityId: id,
    place: (await findPlace(db, r.community_id)) ?? null,
    summary: `Returned ${r.member_name}'s report-in: ${reason}`,
    params: { member: r.member_name, reason },
    ip: actor.ip,
    at: actor.now,
  });
  await tell(db, deps, {
    userIds: [r.user_id],
    kind: 'report_in_decided',
    link: `/members/reports/${id}`,
    params: { decision: 'returned', community: r.community_name, reason },
    now: actor.now,
  });
  return getReport(db, actor, id);
}

// Jobs ----------------------------------------------------------------------------------------------

/**
 * The stored job `member.confirm_due`: when an approved member's confirmation falls due, ask her to
 * confirm again. A report that ended or was confirmed since (a later due date) is left alone.
 */
export async function runConfirmDue(trx: Q, job: Job, deps: Deps): Promise<void> {
  const r = await repo.findReport(trx, job.refId);
  const now = deps.clock.now().toISOString();
  if (!r || r.status !== 'approved' || r.confirm_due_at === null || r.confirm_due_at > now) return;
  await tell(trx, deps, {
    userIds: [r.user_id],
    kind: 'member_confirm_due',
    link: `/members/reports/${r.id}`,
    params: { community: r.community_name, dueAt: r.confirm_due_at },
    now,
  });
}

/** The member jobs by kind, for the job worker's handler table. */
export const memberJobHandlers = { [CONFIRM_DUE_JOB]: runConfirmDue } as const;
