import type { z } from 'zod';
import { decideAccess } from '../../../domain/access.js';
import type {
  PairingCreateBody,
  PairingUpdateBody,
  PairingView,
  PartnerContributionCreateBody,
  PartnerContributionView,
  PartnerOfferCreateBody,
  PartnerOfferUpdateBody,
  PartnerOfferView,
  PartnerUnitCreateBody,
  PartnerUnitUpdateBody,
  PartnerUnitView,
} from '../../../domain/contracts/partners.js';
import type { PlaceCrumb } from '../../../domain/contracts/places.js';
import { AppError } from '../../../domain/errors.js';
import type { PartnerOfferKind, PartnerUnitKind } from '../../../domain/organisation.js';
import { type PlaceKind, pathIds } from '../../../domain/places.js';
import { maskPhone } from '../../../domain/privacy.js';
import { roleHas, type Role } from '../../../domain/roles.js';
import type { Db } from '../../db/index.js';
import type { PlaceRow } from '../../db/schema.js';
import type { Actor } from '../../lib/http.js';
import { newId } from '../../lib/ids.js';
import { decodeCursor, encodeCursor } from '../../lib/pagination.js';
import type { Caller, CallerGrant } from '../../plugins/access.js';
import { type AuditInput, recordAudit } from '../audit/audit.repository.js';
import { findPlace, findPlacesByIds } from '../places/places.repository.js';
import * as repo from './partners.repository.js';
import type { ContributionRow, OfferRow, PairingRow, PartnerUnitRow } from './partners.repository.js';
import { districtDay } from '../../../domain/district-time.js';

type Kdb = Db['kysely'];
type Crumb = z.infer<typeof PlaceCrumb>;
type AuditPlace = NonNullable<AuditInput['place']>;

/** Places a unit can be paired with. */
const PAIRABLE: readonly PlaceKind[] = ['street', 'community', 'compound', 'building'];
/** Roles that see a partner contact's phone in full (besides the unit's own contacts). */
const FULL_PHONE_ROLES: readonly Role[] = [
  'community_staff',
  'street_admin',
  'district_admin',
  'system_admin',
];

/** Today's date in China (UTC+8), for pairings' start and end dates. */
export function todayOf(nowIso: string): string {
  return districtDay(nowIso);
}

function isActive(p: { ended_on: string | null }, today: string): boolean {
  return p.ended_on === null || p.ended_on > today;
}

/**
 * Whether a grant relates to a place: the place lies in the grant's subtree, or the grant lies in
 * the place's (a unit paired with a street serves each community of the street).
 */
function related(g: CallerGrant, path: string): boolean {
  return g.placePath === null || path.startsWith(g.placePath) || g.placePath.startsWith(path);
}

/** What the caller may do with one unit, from its district, its pairings and the caller's grants. */
interface UnitAccess {
  read: boolean;
  manage: boolean;
  contact: boolean;
  /** Reaches the whole district (sees every pairing and contribution). */
  districtWide: boolean;
  fullPhone: boolean;
  /** Where the caller's relation to the unit sits: the audit entry's place. */
  auditPlace: AuditPlace;
}

interface AccessContext {
  caller: Caller;
  contactUnitIds: Set<string>;
  districts: Map<string, PlaceRow>;
  pairingsByUnit: Map<string, PairingRow[]>;
}

function accessTo(ctx: AccessContext, unit: PartnerUnitRow): UnitAccess {
  const district = ctx.districts.get(unit.district_id);
  const districtPath = district?.path ?? `/${unit.district_id}/`;
  const pairings = ctx.pairingsByUnit.get(unit.id) ?? [];
  const relatedGrants = ctx.caller.grants.filter(
    (g) =>
      g.placePath === null ||
      districtPath.startsWith(g.placePath) ||
      pairings.some((p) => related(g, p.place_path)),
  );
  const districtWide = ctx.caller.grants.some(
    (g) => (g.placePath === null || districtPath.startsWith(g.placePath)) && roleHas(g.role, 'partners.read'),
  );
  const contact =
    ctx.contactUnitIds.has(unit.id) && ctx.caller.grants.some((g) => g.role === 'partner_contact');
  const read = contact || relatedGrants.some((g) => roleHas(g.role, 'partners.read'));
  const manage = relatedGrants.some((g) => roleHas(g.role, 'partners.manage'));
  const fullPhone = contact || relatedGrants.some((g) => FULL_PHONE_ROLES.includes(g.role));
  const viaPairing = pairings.find((p) =>
    relatedGrants.some((g) => g.placePath !== null && related(g, p.place_path)),
  );
  const auditPlace: AuditPlace = viaPairing
    ? {
        id: viaPairing.place_id,
        path: viaPairing.place_path,
        community_id: viaPairing.community_id,
        kind: viaPairing.place_kind,
      }
    : { id: unit.district_id, path: districtPath, community_id: null, kind: 'district' };
  return { read, manage, contact, districtWide, fullPhone, auditPlace };
}

async function accessContext(db: Kdb, caller: Caller, units: PartnerUnitRow[]): Promise<AccessContext> {
  const unitIds = units.map((u) => u.id);
  const [contactIds, districtRows, pairings] = await Promise.all([
    repo.contactUnitIdsOf(db, caller.userId),
    findPlacesByIds(db, [...new Set(units.map((u) => u.district_id))]),
    repo.pairingsOfUnits(db, unitIds),
  ]);
  const pairingsByUnit = new Map<string, PairingRow[]>();
  for (const p of pairings)
    pairingsByUnit.set(p.partner_unit_id, [...(pairingsByUnit.get(p.partner_unit_id) ?? []), p]);
  return {
    caller,
    contactUnitIds: new Set(contactIds),
    districts: new Map(districtRows.map((d) => [d.id, d])),
    pairingsByUnit,
  };
}

/** Load a unit the caller may see (else 404) with what the caller may do. */
async function loadUnit(db: Kdb, caller: Caller, unitId: string) {
  const unit = await repo.findUnit(db, unitId);
  if (!unit) throw new AppError('NOT_FOUND');
  const ctx = await accessContext(db, caller, [unit]);
  const access = accessTo(ctx, unit);
  if (!access.read) throw new AppError('NOT_FOUND');
  return { unit, access, ctx };
}

function requireManage(access: UnitAccess) {
  if (!access.manage) throw new AppError('FORBIDDEN');
}

/** Offers and contributions: those who manage partners here, or the unit's own contacts. */
function requireContribute(access: UnitAccess) {
  if (!access.manage && !access.contact) throw new AppError('FORBIDDEN');
}

/** Whether a place (by path) is one the caller may see things of for this unit. */
function visibleFor(caller: Caller, access: UnitAccess, path: string): boolean {
  if (access.districtWide || access.contact) return true;
  return caller.grants.some((g) => roleHas(g.role, 'partners.read') && related(g, path));
}

async function crumbMap(db: Kdb, paths: string[]) {
  const rows = await findPlacesByIds(db, [...new Set(paths.flatMap(pathIds))]);
  return new Map(rows.map((p) => [p.id, p]));
}

function crumbsOf(path: string, byId: Map<string, PlaceRow>): Crumb[] {
  return pathIds(path)
    .map((id) => byId.get(id))
    .filter((p): p is PlaceRow => p !== undefined && p.kind !== 'district')
    .map((p) => ({ id: p.id, kind: p.kind as PlaceKind, name: p.name }));
}

const unitRef = (id: string, name: string, kind: string) => ({ id, name, kind: kind as PartnerUnitKind });

async function toUnitViews(
  db: Kdb,
  ctx: AccessContext,
  units: PartnerUnitRow[],
  today: string,
): Promise<{ views: PartnerUnitView[]; revealed: number }> {
  const unitIds = units.map((u) => u.id);
  const [offers, contributions] = await Promise.all([
    repo.offersOfUnits(db, unitIds),
    repo.contributionPlacesOfUnits(db, unitIds),
  ]);
  let revealed = 0;
  const views = units.map((u) => {
    const access = accessTo(ctx, u);
    const pairings = (ctx.pairingsByUnit.get(u.id) ?? []).filter((p) =>
      visibleFor(ctx.caller, access, p.place_path),
    );
    const showPhone = access.fullPhone && u.contact_phone !== null;
    if (showPhone) revealed++;
    return {
      id: u.id,
      districtId: u.district_id,
      name: u.name,
      kind: u.kind as PartnerUnitKind,
      contactName: u.contact_name,
      contactPhone: showPhone ? u.contact_phone : maskPhone(u.contact_phone),
      contactPhoneMasked: !showPhone && u.contact_phone !== null,
      address: u.address,
      partyOrg: u.party_org,
      description: u.description,
      archived: u.archived_at !== null,
      pairings: pairings.map((p) => ({
        id: p.id,
        place: { id: p.place_id, kind: p.place_kind as PlaceKind, name: p.place_name },
        startedOn: p.started_on,
        endedOn: p.ended_on,
        active: isActive(p, today),
      })),
      offerKinds: [
        ...new Set(offers.filter((o) => o.partner_unit_id === u.id).map((o) => o.kind as PartnerOfferKind)),
      ],
      contributionCount: contributions.filter(
        (c) => c.partner_unit_id === u.id && visibleFor(ctx.caller, access, c.path),
      ).length,
      canManage: access.manage,
      canContribute: access.manage || access.contact,
      createdAt: u.created_at,
      updatedAt: u.updated_at,
    };
  });
  return { views, revealed };
}

function districtIdOf(place: PlaceRow): string {
  return pathIds(place.path)[0]!;
}

// Registry

/** Units that matter to a place (the whole district at a district), contacts' phones masked unless served. */
export async function listUnits(
  db: Kdb,
  actor: Actor,
  place: PlaceRow,
  q: {
    kind?: PartnerUnitKind | undefined;
    q?: string | undefined;
    includeArchived: boolean;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const rows = await repo.listUnitsFor(db, {
    districtId: districtIdOf(place),
    everything: place.kind === 'district',
    subtreePath: place.path,
    ancestorIds: pathIds(place.path).filter((id) => id !== place.id),
    kind: q.kind,
    q: q.q,
    includeArchived: q.includeArchived,
    afterId: decodeCursor(q.cursor),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const ctx = await accessContext(db, actor.caller, page);
  const { views, revealed } = await toUnitViews(db, ctx, page, todayOf(actor.now));
  if (revealed > 0) {
    await recordAudit(db, {
      actorId: actor.caller.userId,
      action: 'view',
      entityType: 'partner_unit',
      entityId: null,
      place,
      summary: `Viewed ${revealed} partner unit contact phone number(s)`,
      ip: actor.ip,
      at: actor.now,
    });
  }
  const last = page.at(-1);
  return { items: views, nextCursor: rows.length > q.limit && last ? encodeCursor(last.id) : null };
}

export async function getUnit(db: Kdb, actor: Actor, unitId: string) {
  const { unit, access, ctx } = await loadUnit(db, actor.caller, unitId);
  const { views, revealed } = await toUnitViews(db, ctx, [unit], todayOf(actor.now));
  if (revealed > 0) {
    await recordAudit(db, {
      actorId: actor.caller.userId,
      action: 'view',
      entityType: 'partner_unit',
      entityId: unit.id,
      place: access.auditPlace,
      summary: `Viewed the contact phone of partner unit "${unit.name}"`,
      ip: actor.ip,
      at: actor.now,
    });
  }
  const seats = (await repo.seatsOfUnit(db, unit.id)).filter((s) =>
    visibleFor(actor.caller, access, s.community_path),
  );
  return {
    ...views[0]!,
    seats: seats.map((s) => ({
      organisationId: s.organisation_id,
      organisationName: s.organisation_name,
      community: { id: s.community_id, kind: 'community' as const, name: s.community_name },
      startedAt: s.started_at,
    })),
  };
}

/**
 * Register a unit at a place: at a district it is only registered; anywhere else it is paired with
 * that place at once, so the community that registers it can see it.
 */
export async function createUnit(
  db: Kdb,
  actor: Actor,
  place: PlaceRow,
  input: z.infer<typeof PartnerUnitCreateBody>,
) {
  if (place.kind !== 'district' && !PAIRABLE.includes(place.kind as PlaceKind)) {
    throw new AppError(
      'PLACE_KIND_NOT_ALLOWED',
      'A partner unit is registered at a district or paired with a street, community, compound or building.',
    );
  }
  const id = newId();
  await repo.insertUnit(db, {
    id,
    district_id: districtIdOf(place),
    name: input.name,
    kind: input.kind,
    contact_name: input.contactName ?? null,
    contact_phone: input.contactPhone ?? null,
    address: input.address ?? null,
    party_org: input.partyOrg ?? null,
    description: input.description ?? null,
    created_at: actor.now,
    updated_at: actor.now,
  });
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'create',
    entityType: 'partner_unit',
    entityId: id,
    place,
    summary: `Registered partner unit "${input.name}"`,
    ip: actor.ip,
    at: actor.now,
  });
  if (place.kind !== 'district') {
    await insertPairingAudited(db, actor, place, {
      unit: { id, name: input.name },
      startedOn: input.startedOn ?? todayOf(actor.now),
      endedOn: null,
      note: input.note ?? null,
    });
  }
  return getUnit(db, actor, id);
}

export async function updateUnit(
  db: Kdb,
  actor: Actor,
  unitId: string,
  input: z.infer<typeof PartnerUnitUpdateBody>,
) {
  const { unit, access } = await loadUnit(db, actor.caller, unitId);
  requireManage(access);
  const set: Parameters<typeof repo.updateUnit>[2] = {};
  if (input.name !== undefined) set.name = input.name;
  if (input.kind !== undefined) set.kind = input.kind;
  if (input.contactName !== undefined) set.contact_name = input.contactName;
  if (input.contactPhone !== undefined) set.contact_phone = input.contactPhone;
  if (input.address !== undefined) set.address = input.address;
  if (input.partyOrg !== undefined) set.party_org = input.partyOrg;
  if (input.description !== undefined) set.description = input.description;
  await repo.updateUnit(db, unit.id, set, actor.now);
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'update',
    entityType: 'partner_unit',
    entityId: unit.id,
    place: access.auditPlace,
    summary: `Changed partner unit "${unit.name}" (${Object.keys(set).join(', ') || 'nothing'})`,
    ip: actor.ip,
    at: actor.now,
  });
  return getUnit(db, actor, unit.id);
}

export async function setUnitArchived(db: Kdb, actor: Actor, unitId: string, archived: boolean) {
  const { unit, access } = await loadUnit(db, actor.caller, unitId);
  requireManage(access);
  await repo.updateUnit(db, unit.id, { archived_at: archived ? actor.now : null }, actor.now);
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: archived ? 'archive' : 'restore',
    entityType: 'partner_unit',
    entityId: unit.id,
    place: access.auditPlace,
    summary: `${archived ? 'Archived' : 'Restored'} partner unit "${unit.name}"`,
    ip: actor.ip,
    at: actor.now,
  });
  return getUnit(db, actor, unit.id);
}

// Pairings

function toPairingViews(rows: PairingRow[], byId: Map<string, PlaceRow>, today: string): PairingView[] {
  return rows.map((p) => ({
    id: p.id,
    partnerUnit: unitRef(p.partner_unit_id, p.unit_name, p.unit_kind),
    place: { id: p.place_id, kind: p.place_kind as PlaceKind, name: p.place_name },
    placePath: crumbsOf(p.place_path, byId),
    note: p.note,
    startedOn: p.started_on,
    endedOn: p.ended_on,
    active: isActive(p, today),
    createdAt: p.created_at,
  }));
}

export async function listPairings(db: Kdb, actor: Actor, place: PlaceRow, includeEnded: boolean) {
  const today = todayOf(actor.now);
  const rows = await repo.pairingsFor(
    db,
    place.path,
    pathIds(place.path).filter((id) => id !== place.id),
    includeEnded,
    today,
  );
  const byId = await crumbMap(
    db,
    rows.map((r) => r.place_path),
  );
  return { items: toPairingViews(rows, byId, today) };
}

async function insertPairingAudited(
  db: Kdb,
  actor: Actor,
  place: PlaceRow,
  p: { unit: { id: string; name: string }; startedOn: string; endedOn: string | null; note: string | null },
) {
  if (p.endedOn !== null && p.endedOn < p.startedOn) throw new AppError('PAIRING_DATES_INVALID');
  if (await repo.activePairingOf(db, p.unit.id, place.id, todayOf(actor.now)))
    throw new AppError('PAIRING_EXISTS');
  const id = newId();
  await repo.insertPairing(db, {
    id,
    partner_unit_id: p.unit.id,
    place_id: place.id,
    community_id: place.kind === 'community' ? place.id : place.community_id,
    note: p.note,
    started_on: p.startedOn,
    ended_on: p.endedOn,
    created_at: actor.now,
  });
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'create',
    entityType: 'pairing',
    entityId: id,
    place,
    summary: `Paired partner unit "${p.unit.name}" with ${place.kind} "${place.name}" from ${p.startedOn}`,
    ip: actor.ip,
    at: actor.now,
  });
  return id;
}

export async function createPairing(
  db: Kdb,
  actor: Actor,
  place: PlaceRow,
  input: z.infer<typeof PairingCreateBody>,
) {
  if (!PAIRABLE.includes(place.kind as PlaceKind)) {
    throw new AppError(
      'PLACE_KIND_NOT_ALLOWED',
      'A partner unit pairs with a street, community, compound or building.',
    );
  }
  const { unit } = await loadUnit(db, actor.caller, input.partnerUnitId);
  if (unit.district_id !== districtIdOf(place)) throw new AppError('NOT_FOUND');
  if (unit.archived_at !== null)
    throw new AppError('CONFLICT', 'This partner unit is archived. Restore it first.');
  const id = await insertPairingAudited(db, actor, place, {
    unit,
    startedOn: input.startedOn,
    endedOn: input.endedOn ?? null,
    note: input.note ?? null,
  });
  return getPairing(db, actor, id);
}

async function getPairing(db: Kdb, actor: Actor, id: string): Promise<PairingView> {
  const row = await repo.findPairing(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const byId = await crumbMap(db, [row.place_path]);
  return toPairingViews([row], byId, todayOf(actor.now))[0]!;
}

/** The place a pairing's permission is checked on. */
export async function scopeOfPairing(db: Kdb, id: string): Promise<string | undefined> {
  return (await repo.findPairing(db, id))?.place_id;
}

export async function updatePairing(
  db: Kdb,
  actor: Actor,
  place: PlaceRow,
  id: string,
  input: z.infer<typeof PairingUpdateBody>,
) {
  const row = await repo.findPairing(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const startedOn = input.startedOn ?? row.started_on;
  const endedOn = input.endedOn === undefined ? row.ended_on : input.endedOn;
  if (endedOn !== null && endedOn < startedOn) throw new AppError('PAIRING_DATES_INVALID');
  await repo.updatePairing(db, id, {
    started_on: startedOn,
    ended_on: endedOn,
    ...(input.note !== undefined ? { note: input.note } : {}),
  });
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'update',
    entityType: 'pairing',
    entityId: id,
    place,
    summary: `Changed the pairing of "${row.unit_name}" with "${row.place_name}"`,
    ip: actor.ip,
    at: actor.now,
  });
  return getPairing(db, actor, id);
}

export async function endPairing(db: Kdb, actor: Actor, place: PlaceRow, id: string, endedOn: string) {
  const row = await repo.findPairing(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (!isActive(row, todayOf(actor.now))) throw new AppError('PAIRING_ENDED');
  if (endedOn < row.started_on) throw new AppError('PAIRING_DATES_INVALID');
  await repo.updatePairing(db, id, { ended_on: endedOn });
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'update',
    entityType: 'pairing',
    entityId: id,
    place,
    summary: `Ended the pairing of "${row.unit_name}" with "${row.place_name}" on ${endedOn}`,
    ip: actor.ip,
    at: actor.now,
  });
  return getPairing(db, actor, id);
}

// Offers

function toOfferView(o: OfferRow): PartnerOfferView {
  return {
    id: o.id,
    partnerUnit: unitRef(o.partner_unit_id, o.unit_name, o.unit_kind),
    kind: o.kind as PartnerOfferKind,
    title: o.title,
    description: o.description,
    capacity: o.capacity,
    archived: o.archived_at !== null,
    createdAt: o.created_at,
  };
}

export async function listUnitOffers(db: Kdb, actor: Actor, unitId: string) {
  const { unit } = await loadUnit(db, actor.caller, unitId);
  return { items: (await repo.offersOfUnits(db, [unit.id])).map(toOfferView) };
}

/** The catalogue of what units that matter to a place offer, by kind. */
export async function listOffersFor(db: Kdb, place: PlaceRow, kind: PartnerOfferKind | undefined) {
  const units = await repo.listUnitsFor(db, {
    districtId: districtIdOf(place),
    everything: place.kind === 'district',
    subtreePath: place.path,
    ancestorIds: pathIds(place.path).filter((id) => id !== place.id),
    includeArchived: false,
    limit: 500,
  });
  const offers = await repo.offersOfUnits(
    db,
    units.map((u) => u.id),
    { kind },
  );
  return { items: offers.map(toOfferView) };
}

export async function createOffer(
  db: Kdb,
  actor: Actor,
  unitId: string,
  input: z.infer<typeof PartnerOfferCreateBody>,
) {
  const { unit, access } = await loadUnit(db, actor.caller, unitId);
  requireContribute(access);
  const id = newId();
  await repo.insertOffer(db, {
    id,
    partner_unit_id: unit.id,
    kind: input.kind,
    title: input.title,
    description: input.description ?? null,
    capacity: input.capacity ?? null,
    created_at: actor.now,
  });
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'create',
    entityType: 'partner_offer',
    entityId: id,
    place: access.auditPlace,
    summary: `Added offer "${input.title}" (${input.kind}) of "${unit.name}"`,
    ip: actor.ip,
    at: actor.now,
  });
  return toOfferView((await repo.findOffer(db, id))!);
}

async function loadOffer(db: Kdb, caller: Caller, offerId: string) {
  const offer = await repo.findOffer(db, offerId);
  if (!offer) throw new AppError('NOT_FOUND');
  const { unit, access } = await loadUnit(db, caller, offer.partner_unit_id);
  requireContribute(access);
  return { offer, unit, access };
}

export async function updateOffer(
  db: Kdb,
  actor: Actor,
  offerId: string,
  input: z.infer<typeof PartnerOfferUpdateBody>,
) {
  const { offer, unit, access } = await loadOffer(db, actor.caller, offerId);
  await repo.updateOffer(db, offer.id, {
    ...(input.kind !== undefined ? { kind: input.kind } : {}),
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
  });
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'update',
    entityType: 'partner_offer',
    entityId: offer.id,
    place: access.auditPlace,
    summary: `Changed offer "${offer.title}" of "${unit.name}"`,
    ip: actor.ip,
    at: actor.now,
  });
  return toOfferView((await repo.findOffer(db, offer.id))!);
}

export async function setOfferArchived(db: Kdb, actor: Actor, offerId: string, archived: boolean) {
  const { offer, unit, access } = await loadOffer(db, actor.caller, offerId);
  await repo.updateOffer(db, offer.id, { archived_at: archived ? actor.now : null });
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: archived ? 'archive' : 'restore',
    entityType: 'partner_offer',
    entityId: offer.id,
    place: access.auditPlace,
    summary: `${archived ? 'Withdrew' : 'Restored'} offer "${offer.title}" of "${unit.name}"`,
    ip: actor.ip,
    at: actor.now,
  });
  return toOfferView((await repo.findOffer(db, offer.id))!);
}

// Contributions

async function toContributionViews(db: Kdb, rows: ContributionRow[]): Promise<PartnerContributionView[]> {
  const byId = await crumbMap(
    db,
    rows.map((r) => r.place_path),
  );
  return rows.map((c) => ({
    id: c.id,
    partnerUnit: unitRef(c.partner_unit_id, c.unit_name, c.unit_kind),
    place: { id: c.place_id, kind: c.place_kind as PlaceKind, name: c.place_name },
    placePath: crumbsOf(c.place_path, byId),
    occurredOn: c.occurred_on,
    title: c.title,
    description: c.description,
    outcome: c.outcome,
    peopleCount: c.people_count === null ? null : Number(c.people_count),
    hours: c.hours === null ? null : Number(c.hours),
    createdAt: c.created_at,
  }));
}

function decodeTimelineCursor(cursor: string | undefined) {
  const raw = decodeCursor(cursor);
  if (raw === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})_([A-Za-z0-9]+)$/.exec(raw);
  if (!m)
    throw new AppError('VALIDATION_FAILED', 'The cursor is not valid. Start again from the first page.');
  return { occurredOn: m[1]!, id: m[2]! };
}

function timelinePage(rows: ContributionRow[], limit: number) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    page,
    nextCursor: rows.length > limit && last ? encodeCursor(`${last.occurred_on}_${last.id}`) : null,
  };
}

/** The timeline of contributions to places in a subtree, newest first. */
export async function listContributionsUnder(
  db: Kdb,
  place: PlaceRow,
  q: { partnerUnitId?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const rows = await repo.contributionsUnder(db, {
    subtreePath: place.path,
    unitIds: q.partnerUnitId ? [q.partnerUnitId] : undefined,
    before: decodeTimelineCursor(q.cursor),
    limit: q.limit + 1,
  });
  const { page, nextCursor } = timelinePage(rows, q.limit);
  return { items: await toContributionViews(db, page), nextCursor };
}

/** One unit's contributions the caller may see. */
export async function listUnitContributions(
  db: Kdb,
  actor: Actor,
  unitId: string,
  q: { cursor?: string | undefined; limit: number },
) {
  const { unit, access } = await loadUnit(db, actor.caller, unitId);
  const rows = await repo.contributionsUnder(db, {
    unitIds: [unit.id],
    before: decodeTimelineCursor(q.cursor),
    limit: 500,
  });
  const visible = rows.filter((r) => visibleFor(actor.caller, access, r.place_path));
  const { page, nextCursor } = timelinePage(visible, q.limit);
  return { items: await toContributionViews(db, page), nextCursor };
}

/**
 * Log what a unit did. Staff log it at places they manage partners in; a unit's own contact logs
 * it at a place the unit is (or was) paired with, or below one.
 */
export async function createContribution(
  db: Kdb,
  actor: Actor,
  unitId: string,
  input: z.infer<typeof PartnerContributionCreateBody>,
) {
  const { unit, access, ctx } = await loadUnit(db, actor.caller, unitId);
  requireContribute(access);
  const place = await findPlace(db, input.placeId);
  if (!place || districtIdOf(place) !== unit.district_id) throw new AppError('NOT_FOUND', 'No such place.');
  const staffHere = decideAccess(actor.caller.grants, 'partners.manage', place.path) === 'allow';
  if (!staffHere) {
    const pairedAbove = (ctx.pairingsByUnit.get(unit.id) ?? []).some((p) =>
      place.path.startsWith(p.place_path),
    );
    if (!access.contact) throw new AppError('NOT_FOUND', 'No such place.');
    if (!pairedAbove) {
      // A place the caller cannot otherwise see does not exist for them.
      const seen = decideAccess(actor.caller.grants, 'places.read', place.path) !== 'not_found';
      throw new AppError(
        seen ? 'PARTNER_PLACE_NOT_PAIRED' : 'NOT_FOUND',
        seen ? undefined : 'No such place.',
      );
    }
  }
  const id = newId();
  await repo.insertContribution(db, {
    id,
    partner_unit_id: unit.id,
    place_id: place.id,
    community_id: place.kind === 'community' ? place.id : place.community_id,
    occurred_on: input.occurredOn,
    title: input.title,
    description: input.description ?? null,
    outcome: input.outcome ?? null,
    people_count: input.peopleCount ?? null,
    hours: input.hours ?? null,
    created_by: actor.caller.userId,
    created_at: actor.now,
  });
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'create',
    entityType: 'partner_contribution',
    entityId: id,
    place,
    summary: `Logged contribution "${input.title}" of "${unit.name}" on ${input.occurredOn}`,
    ip: actor.ip,
    at: actor.now,
  });
  return (await toContributionViews(db, [(await repo.findContribution(db, id))!]))[0]!;
}
