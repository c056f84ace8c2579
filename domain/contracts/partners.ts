import { z } from 'zod';
import { PHONE_PATTERN } from '../limits.js';
import { PARTNER_OFFER_KINDS, PARTNER_UNIT_KINDS } from '../organisation.js';
import { Id, PageQuery, Timestamp } from './common.js';
import { PlaceCrumb } from './places.js';

/** Partner units (共建单位), pairing (结对), offers and contributions — C4. */

export const PartnerUnitKindSchema = z.enum(PARTNER_UNIT_KINDS);
export const PartnerOfferKindSchema = z.enum(PARTNER_OFFER_KINDS);

/** A calendar date, YYYY-MM-DD. */
export const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    'not a real date',
  );

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const PartnerPairingSummary = z.object({
  id: Id,
  place: PlaceCrumb,
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  active: z.boolean(),
});

export const PartnerUnit = z.object({
  id: Id,
  districtId: Id,
  name: z.string(),
  kind: PartnerUnitKindSchema,
  contactName: z.string().nullable(),
  /** In full only for community staff of a paired community, admins and the unit's own contacts. */
  contactPhone: z.string().nullable(),
  contactPhoneMasked: z.boolean(),
  address: z.string().nullable(),
  partyOrg: z.string().nullable(),
  description: z.string().nullable(),
  archived: z.boolean(),
  pairings: z.array(PartnerPairingSummary),
  offerKinds: z.array(PartnerOfferKindSchema),
  contributionCount: z.number().int(),
  /** Whether the caller may change the registry entry / offers and contributions of this unit. */
  canManage: z.boolean(),
  canContribute: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type PartnerUnitView = z.infer<typeof PartnerUnit>;

export const PartnerSeat = z.object({
  organisationId: Id,
  organisationName: z.string(),
  community: PlaceCrumb,
  startedAt: Timestamp,
});

export const PartnerUnitDetail = PartnerUnit.extend({ seats: z.array(PartnerSeat) });

const UnitFields = {
  name: Text(100),
  kind: PartnerUnitKindSchema,
  contactName: OptionalText(50),
  contactPhone: z
    .string()
    .trim()
    .regex(PHONE_PATTERN, 'use an 11-digit mainland mobile number')
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  address: OptionalText(200),
  partyOrg: OptionalText(100),
  description: OptionalText(1000),
};

/**
 * Register a unit. `placeId` is where it is registered: the district (district admins) or a place
 * the unit is paired with at once (a street, community, compound or building).
 */
export const PartnerUnitCreateBody = z.object({
  ...UnitFields,
  placeId: Id,
  startedOn: DateOnly.optional(),
  note: OptionalText(500),
});
export const PartnerUnitUpdateBody = z
  .object({
    name: UnitFields.name.optional(),
    kind: UnitFields.kind.optional(),
    contactName: UnitFields.contactName,
    contactPhone: UnitFields.contactPhone,
    address: UnitFields.address,
    partyOrg: UnitFields.partyOrg,
    description: UnitFields.description,
  })
  .strict();

export const PartnerUnitListQuery = PageQuery.extend({
  kind: PartnerUnitKindSchema.optional(),
  q: z.string().trim().max(50).optional(),
  includeArchived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const Pairing = z.object({
  id: Id,
  partnerUnit: z.object({ id: Id, name: z.string(), kind: PartnerUnitKindSchema }),
  place: PlaceCrumb,
  placePath: z.array(PlaceCrumb),
  note: z.string().nullable(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  active: z.boolean(),
  createdAt: Timestamp,
});
export type PairingView = z.infer<typeof Pairing>;

export const PairingCreateBody = z.object({
  partnerUnitId: Id,
  placeId: Id,
  startedOn: DateOnly,
  endedOn: DateOnly.nullable().optional(),
  note: OptionalText(500),
});
export const PairingUpdateBody = z
  .object({
    startedOn: DateOnly.optional(),
    endedOn: DateOnly.nullable().optional(),
    note: OptionalText(500),
  })
  .strict();
export const PairingEndBody = z.object({ endedOn: DateOnly });
export const PairingListQuery = z.object({
  includeEnded: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const PartnerOffer = z.object({
  id: Id,
  partnerUnit: z.object({ id: Id, name: z.string(), kind: PartnerUnitKindSchema }),
  kind: PartnerOfferKindSchema,
  title: z.string(),
  description: z.string().nullable(),
  capacity: z.string().nullable(),
  archived: z.boolean(),
  createdAt: Timestamp,
});
export type PartnerOfferView = z.infer<typeof PartnerOffer>;

export const PartnerOfferCreateBody = z.object({
  kind: PartnerOfferKindSchema,
  title: Text(100),
  description: OptionalText(1000),
  capacity: OptionalText(100),
});
export const PartnerOfferUpdateBody = z
  .object({
    kind: PartnerOfferKindSchema.optional(),
    title: Text(100).optional(),
    description: OptionalText(1000),
    capacity: OptionalText(100),
  })
  .strict();
export const PartnerOfferListQuery = z.object({ kind: PartnerOfferKindSchema.optional() });

export const PartnerContribution = z.object({
  id: Id,
  partnerUnit: z.object({ id: Id, name: z.string(), kind: PartnerUnitKindSchema }),
  place: PlaceCrumb,
  placePath: z.array(PlaceCrumb),
  occurredOn: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  outcome: z.string().nullable(),
  peopleCount: z.number().int().nullable(),
  hours: z.number().nullable(),
  createdAt: Timestamp,
});
export type PartnerContributionView = z.infer<typeof PartnerContribution>;

export const PartnerContributionCreateBody = z.object({
  placeId: Id,
  occurredOn: DateOnly,
  title: Text(200),
  description: OptionalText(2000),
  outcome: OptionalText(1000),
  peopleCount: z.number().int().min(0).max(100_000).nullable().optional(),
  hours: z.number().min(0).max(1_000_000).nullable().optional(),
});
export const PartnerContributionListQuery = PageQuery.extend({ partnerUnitId: Id.optional() });
