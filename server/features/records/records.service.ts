import type { Kysely } from 'kysely';
import type { ServiceRecord } from '../../../domain/contracts/members.js';
import { AppError } from '../../../domain/errors.js';
import type {
  PostClaimStatus,
  ReportStatus,
  SmallMatterStatus,
  WhistleAnswer,
} from '../../../domain/members.js';
import type { PlaceKind } from '../../../domain/places.js';
import type { Database, PlaceRow } from '../../db/schema.js';
import { districtDayStart } from '../../../domain/district-time.js';
import type { Actor } from '../../lib/http.js';
import { placeLabels } from '../members/members.common.js';
import * as repo from './records.repository.js';

type Q = Kysely<Database>;

export interface Range {
  from?: string;
  to?: string;
}

function windowOf(range: Range): repo.Window {
  if (range.from && range.to && range.from > range.to) {
    throw new AppError('VALIDATION_FAILED', 'The range ends before it starts.', {
      details: [{ path: 'querystring.to', message: 'before from' }],
    });
  }
  // Days are the district's calendar days (China), not UTC days.
  const dayAfter = (d: string) => new Date(Date.parse(districtDayStart(d)) + 86_400_000).toISOString();
  for (const d of [range.from, range.to]) {
    if (d !== undefined && Number.isNaN(Date.parse(`${d}T00:00:00.000Z`))) {
      throw new AppError('VALIDATION_FAILED', 'Not a day.', {
        details: [{ path: 'querystring', message: d }],
      });
    }
  }
  return {
    fromTs: range.from ? districtDayStart(range.from) : null,
    toTs: range.to ? dayAfter(range.to) : null,
    fromDay: range.from ?? null,
    toDay: range.to ?? null,
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** A member's service record inside a scope ('/' for all of it): hours, needs, posts, whistles, small matters. */
export async function recordOf(
  db: Q,
  userId: string,
  scopePath: string,
  range: Range,
): Promise<ServiceRecord> {
  const user = await repo.findUser(db, userId);
  if (!user) throw new AppError('NOT_FOUND');
  const w = windowOf(range);
  const [needs, needHours, posts, whistles, matters, report] = await Promise.all([
    repo.needsServed(db, userId, scopePath, w),
    repo.needHours(db, userId, scopePath, w),
    repo.postsHeld(db, userId, scopePath, w),
    repo.whistleCalls(db, userId, scopePath, w),
    repo.smallMatters(db, userId, scopePath, w),
    repo.latestReport(db, userId, scopePath),
  ]);
  const labels = await placeLabels(
    db,
    needs.map((n) => ({ id: n.place_id, path: n.place_path })),
  );
  const postHours = posts.reduce((s, p) => s + Number(p.hours), 0);
  return {
    member: { id: user.id, name: user.display_name },
    report: report
      ? {
          id: report.id,
          community: { id: report.community_id, kind: 'community' as const, name: report.community_name },
          workUnit: report.work_unit,
          workUnitPartyOrg: report.work_unit_party_org,
          status: report.status as ReportStatus,
        }
      : null,
    from: range.from ?? null,
    to: range.to ?? null,
    totals: {
      hours: round(needHours + postHours),
      needHours: round(needHours),
      postHours: round(postHours),
      needsServed: needs.length,
      postsHeld: posts.length,
      whistlesAnswered: whistles.filter((c) => c.answer === 'coming').length,
      whistlesArrived: whistles.filter((c) => c.arrived_at !== null).length,
      smallMatters: matters.length,
      smallMattersVerified: matters.filter((m) => m.status === 'verified').length,
    },
    needs: needs.map((n) => ({
      needId: n.need_id,
      category: n.category,
      placeLabel: labels.get(n.place_id) ?? '',
      claimedAt: n.claimed_at,
      status: n.status,
      hours: round(Number(n.hours)),
    })),
    posts: posts.map((p) => ({
      claimId: p.id,
      postName: p.name,
      status: p.status as PostClaimStatus,
      since: p.decided_at,
      until: p.left_at,
      hours: round(Number(p.hours)),
    })),
    whistles: whistles.map((c) => ({
      whistleId: c.whistle_id,
      title: c.title,
      blownAt: c.blown_at,
      answer: c.answer as WhistleAnswer,
      arrivedAt: c.arrived_at,
      minutesToArrive: c.minutes_to_arrive === null ? null : Number(c.minutes_to_arrive),
      doneAt: c.done_at,
    })),
    smallMatters: matters.map((m) => ({
      id: m.id,
      title: m.title,
      occurredOn: m.occurred_on,
      status: m.status as SmallMatterStatus,
    })),
  };
}

export async function myRecord(db: Q, actor: Actor, range: Range) {
  return recordOf(db, actor.caller.userId, '/', range);
}

/** A member's record as the staff of a place see it: only what she did inside the place. */
export async function memberRecord(db: Q, place: PlaceRow, userId: string, range: Range) {
  if (!(await repo.isMemberUnder(db, userId, place.path))) throw new AppError('NOT_FOUND');
  return recordOf(db, userId, place.path, range);
}

/** Per work unit: the members reported in under a place and what they did there, for their employers. */
export async function workUnitSummary(db: Q, place: PlaceRow, range: Range & { workUnit?: string }) {
  const members = await repo.reportedMembers(db, place.path, range.workUnit);
  const byUnit = new Map<string, { userId: string; name: string; t: ServiceRecord['totals'] }[]>();
  for (const m of members) {
    const rec = await recordOf(db, m.user_id, place.path, range);
    const list = byUnit.get(m.work_unit) ?? [];
    list.push({ userId: m.user_id, name: m.display_name, t: rec.totals });
    byUnit.set(m.work_unit, list);
  }
  const sum = (xs: { t: ServiceRecord['totals'] }[], k: keyof ServiceRecord['totals']) =>
    xs.reduce((s, x) => s + x.t[k], 0);
  return {
    place: { id: place.id, kind: place.kind as PlaceKind, name: place.name },
    from: range.from ?? null,
    to: range.to ?? null,
    items: [...byUnit].map(([workUnit, people]) => ({
      workUnit,
      members: people.length,
      hours: round(sum(people, 'hours')),
      needsServed: sum(people, 'needsServed'),
      postsHeld: sum(people, 'postsHeld'),
      whistlesAnswered: sum(people, 'whistlesAnswered'),
      smallMattersVerified: sum(people, 'smallMattersVerified'),
      people: people.map((p) => ({
        userId: p.userId,
        name: p.name,
        hours: p.t.hours,
        needsServed: p.t.needsServed,
        postsHeld: p.t.postsHeld,
        whistlesAnswered: p.t.whistlesAnswered,
        smallMattersVerified: p.t.smallMattersVerified,
      })),
    })),
  };
}
