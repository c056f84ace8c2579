import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { decideAccess } from '../../../domain/access.js';
import {
  type CardChoices,
  type CentralHouseholdView,
  LIGHT_UP_CONSENT_VERSION,
  type PublicCardView,
} from '../../../domain/contracts/lighting.js';
import type { PlaceCrumb } from '../../../domain/contracts/places.js';
import { AppError } from '../../../domain/errors.js';
import { type PlaceKind, pathIds } from '../../../domain/places.js';
import type { Db } from '../../db/index.js';
import type { PlaceRow } from '../../db/schema.js';
import type { Actor } from '../../lib/http.js';
import { newId } from '../../lib/ids.js';
import type { Caller } from '../../plugins/access.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findPlace, findPlacesByIds } from '../places/places.repository.js';
import * as repo from './lighting.repository.js';
import type { CentralHouseholdRow } from './lighting.repository.js';

type Kdb = Db['kysely'];
type Crumb = z.infer<typeof PlaceCrumb>;
type Choices = z.infer<typeof CardChoices>;

/** How many messages one visitor may leave on one card in a day: contact, not spam. */
const MESSAGES_PER_DAY = 3;

/** Services are stored comma-separated; older or imported rows may use other separators. */
export function parseServices(stored: string): string[] {
  return stored
    .split(/[,，、;；\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function choicesOf(row: CentralHouseholdRow): Choices {
  return {
    title: row.title,
    services: parseServices(row.services),
    motto: row.motto,
    showName: row.show_name === 1,
    showFlat: row.show_flat === 1,
  };
}

function choiceColumns(c: Choices): repo.CardChoiceColumns {
  return {
    title: c.title,
    services: c.services.join(','),
    motto: c.motto,
    show_name: c.showName ? 1 : 0,
    show_flat: c.showFlat ? 1 : 0,
  };
}

/** An unguessable card id: 144 random bits, URL-safe. Never derived from a phone or a flat. */
function newCardToken(): string {
  return randomBytes(18).toString('base64url');
}

async function crumbsOf(db: Kdb, paths: string[]): Promise<Map<string, PlaceRow>> {
  const ids = [...new Set(paths.flatMap(pathIds))];
  return new Map((await findPlacesByIds(db, ids)).map((p) => [p.id, p]));
}

function pathCrumbs(path: string, byId: Map<string, PlaceRow>): Crumb[] {
  return pathIds(path)
    .map((id) => byId.get(id))
    .filter((p): p is PlaceRow => p !== undefined && p.kind !== 'district')
    .map((p) => ({ id: p.id, kind: p.kind as PlaceKind, name: p.name }));
}

type Relation = 'leader' | 'staff';

/**
 * Who may act on a central household's lighting: the leading member themself (their account is
 * the person's), or staff with lighting.manage on the household. Anyone else: it does not exist.
 */
function relationTo(caller: Caller, row: CentralHouseholdRow): Relation {
  if (row.leader_user_id !== null && row.leader_user_id === caller.userId) return 'leader';
  const decision = decideAccess(caller.grants, 'lighting.manage', row.household_path);
  if (decision === 'allow') return 'staff';
  throw new AppError(decision === 'forbidden' ? 'FORBIDDEN' : 'NOT_FOUND');
}

async function loadFor(db: Kdb, caller: Caller, id: string) {
  const row = await repo.findCentralHousehold(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return { row, relation: relationTo(caller, row) };
}

async function toViews(
  db: Kdb,
  caller: Caller,
  rows: CentralHouseholdRow[],
): Promise<CentralHouseholdView[]> {
  const byId = await crumbsOf(
    db,
    rows.map((r) => r.household_path),
  );
  const consents = new Map(
    (
      await repo.findConsentsByIds(
        db,
        rows.map((r) => r.consent_id).filter((c): c is string => c !== null),
      )
    ).map((c) => [c.id, c]),
  );
  const unread = await repo.unreadCounts(
    db,
    rows.filter((r) => r.leader_user_id === caller.userId).map((r) => r.id),
  );
  return rows.map((r) => {
    const consent = r.consent_id ? consents.get(r.consent_id) : undefined;
    const isMine = r.leader_user_id === caller.userId;
    return {
      id: r.id,
      household: { id: r.household_id, kind: 'household' as const, name: r.household_name },
      householdPath: pathCrumbs(r.household_path, byId),
      leader: { id: r.leader_person_id, name: r.leader_name },
      choices: choicesOf(r),
      lit: r.lit_at !== null,
      litAt: r.lit_at,
      cardToken: r.lit_at !== null ? r.card_token : null,
      consent: consent
        ? {
            id: consent.id,
            textVersion: consent.text_version,
            grantedAt: consent.granted_at,
            withdrawnAt: consent.withdrawn_at,
            recordedBy: consent.recorded_by
              ? {
                  id: consent.recorded_by,
                  displayName: consent.recorded_by_name ?? '',
                  self: consent.recorded_by === r.leader_user_id,
                }
              : null,
          }
        : null,
      isMine,
      unreadMessages: unread.get(r.id) ?? 0,
    };
  });
}

/** The central households the caller leads. */
export async function listMine(db: Kdb, actor: Actor) {
  const rows = await repo.listCentralHouseholdsLedBy(db, actor.caller.userId);
  return { items: await toViews(db, actor.caller, rows) };
}

/** For staff: every central household under a place, with who consented and when (audited). */
export async function listUnder(db: Kdb, actor: Actor, place: PlaceRow) {
  const rows = await repo.listCentralHouseholdsUnder(db, place.path);
  if (rows.length > 0) {
    await recordAudit(db, {
      actorId: actor.caller.userId,
      action: 'view',
      entityType: 'central_household',
      entityId: null,
      place,
      summary: `Viewed lighting and consent of ${rows.length} central household(s)`,
      ip: actor.ip,
      at: actor.now,
    });
  }
  return { items: await toViews(db, actor.caller, rows) };
}

export async function getOne(db: Kdb, actor: Actor, id: string) {
  const { row } = await loadFor(db, actor.caller, id);
  return (await toViews(db, actor.caller, [row]))[0]!;
}

function householdPlace(row: CentralHouseholdRow) {
  return {
    id: row.household_id,
    path: row.household_path,
    community_id: row.community_id,
    kind: 'household',
  };
}

/**
 * Light up with separate consent (PIPL Arts. 28–31): the member agrees to the current consent text;
 * a consent row is recorded (by the member or by staff on the member's word), then the card goes live
 * under a fresh unguessable token.
 */
export async function lightUp(
  db: Kdb,
  actor: Actor,
  id: string,
  input: { consent?: { agreed: boolean; textVersion: string } | undefined; choices: Choices },
) {
  const { row, relation } = await loadFor(db, actor.caller, id);
  if (!input.consent?.agreed) throw new AppError('LIGHT_UP_CONSENT_REQUIRED');
  if (input.consent.textVersion !== LIGHT_UP_CONSENT_VERSION) throw new AppError('LIGHT_UP_CONSENT_OUTDATED');
  if (row.lit_at !== null) throw new AppError('HOUSEHOLD_ALREADY_LIT');
  const consentId = newId();
  await repo.insertConsent(db, {
    id: consentId,
    communityId: row.community_id,
    personId: row.leader_person_id,
    textVersion: LIGHT_UP_CONSENT_VERSION,
    grantedAt: actor.now,
    recordedBy: actor.caller.userId,
  });
  const lit = await repo.markLit(db, row.id, {
    ...choiceColumns(input.choices),
    consent_id: consentId,
    card_token: newCardToken(),
    lit_at: actor.now,
  });
  if (!lit) throw new AppError('HOUSEHOLD_ALREADY_LIT');
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'grant',
    entityType: 'consent',
    entityId: consentId,
    place: householdPlace(row),
    summary:
      relation === 'leader'
        ? `Lit up central household "${input.choices.title}" with own consent (${LIGHT_UP_CONSENT_VERSION})`
        : `Recorded consent and lit up central household "${input.choices.title}" for ${row.leader_name} (${LIGHT_UP_CONSENT_VERSION})`,
    ip: actor.ip,
    at: actor.now,
  });
  return getOne(db, actor, row.id);
}

/** Withdraw consent: the card is emptied at once (its token is forgotten) and the household is unlit. */
export async function revoke(db: Kdb, actor: Actor, id: string) {
  const { row, relation } = await loadFor(db, actor.caller, id);
  if (row.lit_at === null) throw new AppError('HOUSEHOLD_NOT_LIT');
  await repo.withdrawLightUpConsents(db, row.leader_person_id, actor.now);
  await repo.markUnlit(db, row.id, actor.now);
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'withdraw',
    entityType: 'consent',
    entityId: row.consent_id,
    place: householdPlace(row),
    summary:
      relation === 'leader'
        ? `Withdrew light-up consent of central household "${row.title}"`
        : `Recorded withdrawal of light-up consent for ${row.leader_name} ("${row.title}")`,
    ip: actor.ip,
    at: actor.now,
  });
  return getOne(db, actor, row.id);
}

export async function changeChoices(db: Kdb, actor: Actor, id: string, choices: Choices) {
  const { row } = await loadFor(db, actor.caller, id);
  await repo.updateChoices(db, row.id, choiceColumns(choices), actor.now);
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'update',
    entityType: 'central_household',
    entityId: row.id,
    place: householdPlace(row),
    summary: `Changed what the card of "${choices.title}" shows`,
    ip: actor.ip,
    at: actor.now,
  });
  return getOne(db, actor, row.id);
}

/** The public card: only what the member chose. An unknown or withdrawn card is the same neutral 404. */
export async function publicCard(db: Kdb, token: string): Promise<PublicCardView> {
  const row = await repo.findLitByToken(db, token);
  if (!row?.lit_at) throw new AppError('NOT_FOUND', 'This card is not shown.');
  const byId = await crumbsOf(db, [row.household_path]);
  const crumbs = pathCrumbs(row.household_path, byId);
  const keep: PlaceKind[] =
    row.show_flat === 1
      ? ['community', 'compound', 'building', 'unit', 'household']
      : ['community', 'compound'];
  return {
    title: row.title,
    services: parseServices(row.services),
    motto: row.motto,
    name: row.show_name === 1 ? row.leader_name : null,
    place: crumbs.filter((c) => keep.includes(c.kind)).map((c) => c.name),
    litAt: row.lit_at,
    contactable: row.leader_user_id !== null,
  };
}

/** A signed-in visitor leaves a short message for the member; no number changes hands. */
export async function sendCardMessage(db: Kdb, actor: Actor, token: string, body: string) {
  const row = await repo.findLitByToken(db, token);
  if (!row || row.leader_user_id === null) throw new AppError('NOT_FOUND', 'This card is not shown.');
  const since = new Date(Date.parse(actor.now) - 24 * 3600_000).toISOString();
  if ((await repo.countMessagesFromSince(db, actor.caller.userId, row.id, since)) >= MESSAGES_PER_DAY) {
    throw new AppError(
      'RATE_LIMITED',
      'You have sent this household several messages today. Try again tomorrow.',
    );
  }
  await repo.insertCardMessage(db, {
    id: newId(),
    centralHouseholdId: row.id,
    communityId: row.community_id,
    fromUserId: actor.caller.userId,
    body,
    at: actor.now,
  });
  return { ok: true as const };
}

/** Messages left for the member: for the member alone. */
export async function listCardMessages(db: Kdb, actor: Actor, id: string) {
  const { relation, row } = await loadFor(db, actor.caller, id);
  if (relation !== 'leader') throw new AppError('NOT_FOUND');
  const rows = await repo.listMessages(db, row.id, 100);
  return {
    items: rows.map((m) => ({
      id: m.id,
      from: { displayName: m.display_name },
      body: m.body,
      createdAt: m.created_at,
      read: m.read_at !== null,
    })),
  };
}

export async function markCardMessagesRead(db: Kdb, actor: Actor, id: string) {
  const { relation, row } = await loadFor(db, actor.caller, id);
  if (relation !== 'leader') throw new AppError('NOT_FOUND');
  await repo.markMessagesRead(db, row.id, actor.now);
  return { ok: true as const };
}

/** What a door sign draws, for the member or staff; only for a lit household. */
export async function doorSignFor(db: Kdb, actor: Actor, id: string) {
  const { row } = await loadFor(db, actor.caller, id);
  if (row.lit_at === null || row.card_token === null) throw new AppError('HOUSEHOLD_NOT_LIT');
  return {
    token: row.card_token,
    title: row.title,
    services: parseServices(row.services),
    motto: row.motto,
    name: row.show_name === 1 ? row.leader_name : null,
  };
}

/** Whether the caller lives in (or holds a household role inside) a place's subtree. */
function livesWithin(caller: Caller, place: PlaceRow): boolean {
  return caller.grants.some(
    (g) =>
      (g.role === 'resident' || g.role === 'party_member') &&
      g.placeKind === 'household' &&
      g.placePath !== null &&
      g.placePath.startsWith(place.path),
  );
}

/**
 * A building's lit households, for its residents and for those who read the organisation there.
 * Only what each member chose is shown.
 */
export async function litHouseholdsOf(db: Kdb, caller: Caller, buildingId: string) {
  const building = await findPlace(db, buildingId);
  if (!building) throw new AppError('NOT_FOUND');
  const decision = decideAccess(caller.grants, 'org.read', building.path);
  if (decision !== 'allow' && !livesWithin(caller, building)) {
    throw new AppError(decision === 'forbidden' ? 'FORBIDDEN' : 'NOT_FOUND');
  }
  if (building.kind !== 'building') throw new AppError('NOT_FOUND', 'This place is not a building.');
  const rows = await repo.listCentralHouseholdsUnder(db, building.path);
  const byId = await crumbsOf(db, [building.path, ...rows.map((r) => r.household_path)]);
  const lit = rows.filter((r) => r.lit_at !== null && r.card_token !== null);
  const buildingPath = pathCrumbs(building.path, byId);
  return {
    building: { id: building.id, kind: 'building' as const, name: building.name },
    buildingPath: buildingPath.slice(0, -1),
    items: lit.map((r) => {
      const below = pathCrumbs(r.household_path, byId).filter(
        (c) => c.kind === 'unit' || c.kind === 'household',
      );
      return {
        id: r.id,
        title: r.title,
        services: parseServices(r.services),
        motto: r.motto,
        name: r.show_name === 1 ? r.leader_name : null,
        flat: r.show_flat === 1 ? below.map((c) => c.name).join(' ') : null,
        litAt: r.lit_at!,
        cardToken: r.card_token!,
      };
    }),
    litHouseholds: lit.length,
    centralHouseholds: rows.length,
  };
}

/**
 * How many households are lit in a place's subtree: a public count, for anyone whose role reaches
 * the place or lies inside it (a resident sees her building's and compound's counts).
 */
export async function litCountOf(db: Kdb, caller: Caller, placeId: string) {
  const place = await findPlace(db, placeId);
  if (!place) throw new AppError('NOT_FOUND');
  const reaches = decideAccess(caller.grants, 'places.read', place.path) === 'allow';
  const inside = caller.grants.some((g) => g.placePath !== null && g.placePath.startsWith(place.path));
  if (!reaches && !inside) throw new AppError('NOT_FOUND');
  return { placeId: place.id, litHouseholds: await repo.countLitUnder(db, place.path) };
}
