import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { PageQuery } from '../../../domain/contracts/common.js';
import type {
  NeedBoardQuery,
  NeedCounts,
  NeedsAroundQuery,
  NeedSummary,
  SimilarNeedsQuery,
} from '../../../domain/contracts/needs.js';
import { AppError } from '../../../domain/errors.js';
import {
  NEED_STATUSES,
  type NeedSettings,
  type NeedStatus,
  OPEN_STATUSES,
  rungsFor,
} from '../../../domain/needs.js';
import { pathIds } from '../../../domain/places.js';
import type { Database, PlaceRow } from '../../db/schema.js';
import type { Actor } from '../../lib/http.js';
import { decodeCursor, encodeCursor } from '../../lib/pagination.js';
import { findPlace } from '../places/places.repository.js';
import { householdsOf, pathUpTo, reachOf } from './needs.audience.js';
import * as repo from './needs.repository.js';
import type { ListedNeed, Need, NeedBranch, NeedFilters, NeedKey } from './needs.repository.js';
import { loadNeedFor, needSettingsFor } from './needs.service.js';
import { toSummaries } from './needs.views.js';

// The lists of needs: mine, around me, a place's board and its counts, similar needs. Every list is
// built from index-backed branches ((column, created_at, id) indexes, keyset cursors, LIMIT), and
// only holds needs the caller may open.

type Q = Kysely<Database>;
type Page = z.infer<typeof PageQuery>;
type NeedPage = { items: NeedSummary[]; nextCursor: string | null };

async function keyFrom(db: Q, cursor: string | undefined): Promise<NeedKey | undefined> {
  const id = decodeCursor(cursor);
  if (id === undefined) return undefined;
  const key = await repo.keyOfNeed(db, id);
  if (!key) {
    throw new AppError('VALIDATION_FAILED', 'The cursor is not valid. Start again from the first page.', {
      details: [{ path: 'querystring.cursor', message: 'not a cursor this API issued' }],
    });
  }
  return key;
}

async function page(db: Q, actor: Actor, needs: ListedNeed[], limit: number): Promise<NeedPage> {
  const shown = needs.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: await toSummaries(db, actor.caller, shown, new Date(actor.now)),
    nextCursor: needs.length > limit && last ? encodeCursor(last.id) : null,
  };
}

/** Needs posted for the caller or her household, newest first. */
export async function listMyNeeds(db: Q, actor: Actor, q: Page): Promise<NeedPage> {
  const key = await keyFrom(db, q.cursor);
  const branches: NeedBranch[] = [
    { column: 'resident_user_id', value: actor.caller.userId },
    ...householdsOf(actor.caller).map((h) => ({ column: 'household_id' as const, value: h })),
  ];
  const needs = await repo.listNeedBranches(db, branches, {
    key,
    take: q.limit + 1,
    viewer: actor.caller.userId,
  });
  return page(db, actor, needs, q.limit);
}

/** Needs that have reached the caller and are still open (show=open), or the ones she claimed (show=mine). */
export async function listNeedsAround(
  db: Q,
  actor: Actor,
  q: z.infer<typeof NeedsAroundQuery>,
): Promise<NeedPage> {
  const key = await keyFrom(db, q.cursor);
  if (q.show === 'mine') {
    const needs = await repo.listClaimedNeeds(db, actor.caller.userId, {
      key,
      take: q.limit + 1,
      viewer: actor.caller.userId,
    });
    return page(db, actor, needs, q.limit);
  }
  const reach = await reachOf(db, actor.caller.userId, new Date(actor.now));
  // One index range per (place, audience): see needReaches for the rule these branches spell out.
  const branches: NeedBranch[] = reach.buildings.map((b) => ({ column: 'building_id' as const, value: b }));
  if (q.reach !== 'building') {
    for (const c of reach.compounds) {
      branches.push({ column: 'compound_id', value: c, spots: true });
      for (const audience of ['compound', 'community', 'whistle']) {
        branches.push({ column: 'compound_id', value: c, audience });
      }
    }
  }
  if (q.reach === 'all') {
    for (const c of reach.communities) {
      branches.push({ column: 'community_id', value: c, audience: 'community' });
      branches.push({ column: 'community_id', value: c, audience: 'whistle' });
    }
    for (const c of reach.whistleCommunities) {
      branches.push({ column: 'community_id', value: c, audience: 'whistle' });
    }
    for (const u of reach.partnerUnits) branches.push({ column: 'partner_unit_id', value: u });
  }
  const needs = await repo.listNeedBranches(db, branches, {
    key,
    take: q.limit + 1,
    filters: { statuses: OPEN_STATUSES },
    viewer: actor.caller.userId,
  });
  return page(db, actor, needs, q.limit);
}

/** The index-backed branches that cover a place's subtree. */
async function branchesFor(db: Q, place: PlaceRow): Promise<NeedBranch[]> {
  switch (place.kind) {
    case 'district':
      return [{ column: 'district_id', value: place.id }];
    case 'street': {
      const communities = await db
        .selectFrom('places')
        .select('id')
        .where('parent_id', '=', place.id)
        .where('kind', '=', 'community')
        .execute();
      return communities.map((c) => ({ column: 'community_id' as const, value: c.id }));
    }
    case 'community':
      return [{ column: 'community_id', value: place.id }];
    case 'compound':
      return [{ column: 'compound_id', value: place.id }];
    case 'building':
      return [{ column: 'building_id', value: place.id }];
    case 'unit': {
      const building = pathIds(place.path).at(-2);
      return building ? [{ column: 'building_id', value: building, pathPrefix: place.path }] : [];
    }
    case 'household':
      return [{ column: 'household_id', value: place.id }];
    default:
      return [];
  }
}

/** When a need of each urgency becomes overdue, as "posted at or before" instants. */
function overdueBounds(settings: NeedSettings, now: Date) {
  const bound = (urgency: 'urgent' | 'normal') => {
    const first = rungsFor(settings.ladder, urgency)[0];
    return first === undefined ? null : new Date(now.getTime() - first.afterMinutes * 60_000).toISOString();
  };
  return { urgentBefore: bound('urgent'), normalBefore: bound('normal') };
}

/** A place's needs board (needs.read on it), newest first, with filters. */
export async function listBoard(
  db: Q,
  actor: Actor,
  place: PlaceRow,
  q: z.infer<typeof NeedBoardQuery>,
): Promise<NeedPage> {
  const key = await keyFrom(db, q.cursor);
  const filters: NeedFilters = {};
  if (q.status !== undefined) filters.statuses = [q.status];
  if (q.category !== undefined) filters.category = q.category;
  if (q.urgency !== undefined) filters.urgency = q.urgency;
  if (q.escalated !== undefined) filters.escalated = q.escalated;
  if (q.overdue !== undefined) {
    const settings = await needSettingsFor(db, place.path);
    filters.overdue = { value: q.overdue, ...overdueBounds(settings, new Date(actor.now)) };
  }
  const needs = await repo.listNeedBranches(db, await branchesFor(db, place), {
    key,
    take: q.limit + 1,
    filters,
    viewer: actor.caller.userId,
  });
  return page(db, actor, needs, q.limit);
}

/** Counts of a place's needs by status and category; overdue, escalated, urgent and open. */
export async function countBoard(db: Q, actor: Actor, place: PlaceRow): Promise<z.infer<typeof NeedCounts>> {
  const settings = await needSettingsFor(db, place.path);
  const rows = await repo.countNeedBranches(
    db,
    await branchesFor(db, place),
    overdueBounds(settings, new Date(actor.now)),
  );
  const byStatus = Object.fromEntries(NEED_STATUSES.map((s) => [s, 0])) as Record<NeedStatus, number>;
  const byCategory = new Map<string, { count: number; open: number }>();
  let overdue = 0;
  let escalated = 0;
  let urgentOpen = 0;
  let total = 0;
  for (const r of rows) {
    const status = r.status as NeedStatus;
    const open = OPEN_STATUSES.includes(status);
    if (status in byStatus) byStatus[status] += r.n;
    const c = byCategory.get(r.category) ?? { count: 0, open: 0 };
    c.count += r.n;
    if (open) c.open += r.n;
    byCategory.set(r.category, c);
    if (r.overdue) overdue += r.n;
    if (r.escalated) escalated += r.n;
    if (open && r.urgency === 'urgent') urgentOpen += r.n;
    total += r.n;
  }
  const order = settings.categories.map((c) => c.code);
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  return {
    byStatus,
    byCategory: [...byCategory.entries()]
      .sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]))
      .map(([category, v]) => ({ category, count: v.count, open: v.open })),
    overdue,
    escalated,
    urgentOpen,
    total,
  };
}

/** Characters of a text, for a rough likeness (works for Chinese without a segmenter). */
function charsOf(text: string): Set<string> {
  return new Set([...text.toLowerCase()].filter((c) => /[\p{L}\p{N}]/u.test(c)));
}

/**
 * Open needs in the same building or compound as the place, most alike first (shared characters,
 * same category), at most 5 — only needs the caller may open.
 */
export async function similarNeeds(
  db: Q,
  actor: Actor,
  q: z.infer<typeof SimilarNeedsQuery>,
): Promise<{ items: NeedSummary[]; nextCursor: null }> {
  const place = await findPlace(db, q.placeId);
  if (!place || place.community_id === null) throw new AppError('NOT_FOUND');
  // Another community's places do not exist for the caller (404, as for an id that exists nowhere).
  const communityPath = pathUpTo(place.path, place.community_id) ?? place.path;
  const near = actor.caller.grants.some(
    (g) =>
      g.placePath === null || communityPath.startsWith(g.placePath) || g.placePath.startsWith(communityPath),
  );
  if (!near) throw new AppError('NOT_FOUND');
  const ids = pathIds(place.path);
  const kinds = await db.selectFrom('places').select(['id', 'kind']).where('id', 'in', ids).execute();
  const idOf = (k: string) => kinds.find((p) => p.kind === k)?.id ?? null;
  const compoundId = idOf('compound');
  if (compoundId === null) return { items: [], nextCursor: null };
  const candidates = await repo.openNeedsNear(db, { compoundId, buildingId: idOf('building') }, 100);
  const mine = charsOf(q.text);
  const scored: { need: ListedNeed; score: number }[] = [];
  for (const need of candidates) {
    const theirs = charsOf(need.description);
    let shared = 0;
    for (const c of mine) if (theirs.has(c)) shared++;
    const textScore = mine.size === 0 ? 0 : shared / mine.size;
    const score = textScore + (q.category !== undefined && need.category === q.category ? 0.5 : 0);
    if (score <= 0 && (mine.size > 0 || q.category !== undefined)) continue;
    scored.push({ need, score });
  }
  scored.sort((a, b) => b.score - a.score || (a.need.createdAt < b.need.createdAt ? 1 : -1));
  const visible: ListedNeed[] = [];
  for (const { need } of scored) {
    if (visible.length >= 5) break;
    if (await mayOpen(db, actor, need)) visible.push(need);
  }
  return { items: await toSummaries(db, actor.caller, visible, new Date(actor.now)), nextCursor: null };
}

async function mayOpen(db: Q, actor: Actor, need: Pick<Need, 'id'>): Promise<boolean> {
  try {
    await loadNeedFor(db, actor, need.id);
    return true;
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return false;
    throw e;
  }
}
