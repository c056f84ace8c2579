import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { PlaceCrumb } from './places.js';

/** Lighting up (身份点亮), the public card and the door sign — C3. */

/**
 * The version of the consent text the member reads before lighting up. The text itself is in the
 * web catalogues (lighting.consent.*); change this whenever that text changes so that consent is
 * asked again (PIPL Art. 14).
 */
export const LIGHT_UP_CONSENT_VERSION = 'light-up/2026-11';

/** What a card may show besides its title; each is the member's own choice. */
const ServiceItem = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^,，、;；\n]+$/, 'one service per item, without separators');

export const CardChoices = z.object({
  title: z.string().trim().min(1).max(40),
  services: z.array(ServiceItem).max(10),
  motto: z
    .string()
    .trim()
    .max(80)
    .transform((v) => (v === '' ? null : v))
    .nullable(),
  showName: z.boolean(),
  showFlat: z.boolean(),
});
/** The same choices as stored and answered (responses carry no transforms). */
export const CardChoicesView = z.object({
  title: z.string(),
  services: z.array(z.string()),
  motto: z.string().nullable(),
  showName: z.boolean(),
  showFlat: z.boolean(),
});
export type CardChoicesView = z.infer<typeof CardChoicesView>;

export const ConsentRecord = z.object({
  id: Id,
  textVersion: z.string(),
  grantedAt: Timestamp,
  withdrawnAt: Timestamp.nullable(),
  /** Who recorded it: the member themself or a member of staff. */
  recordedBy: z.object({ id: Id, displayName: z.string(), self: z.boolean() }).nullable(),
});

export const CentralHousehold = z.object({
  id: Id,
  household: PlaceCrumb,
  householdPath: z.array(PlaceCrumb),
  leader: z.object({ id: Id, name: z.string() }),
  choices: CardChoicesView,
  lit: z.boolean(),
  litAt: Timestamp.nullable(),
  /** The public card's token while lit; only for the member and staff who manage lighting. */
  cardToken: z.string().nullable(),
  consent: ConsentRecord.nullable(),
  /** Whether the caller is the leading member themself. */
  isMine: z.boolean(),
  unreadMessages: z.number().int(),
});
export type CentralHouseholdView = z.infer<typeof CentralHousehold>;

export const CentralHouseholdList = z.object({ items: z.array(CentralHousehold) });

export const LightUpBody = z.object({
  /** The member agrees, separately, to show the household's party membership publicly. */
  consent: z.object({ agreed: z.boolean(), textVersion: z.string().max(40) }),
  choices: CardChoices,
});

export const CardChoicesBody = CardChoices;

/** The public card: only what the member chose; never a phone number or a flat they did not choose. */
export const PublicCard = z.object({
  title: z.string(),
  services: z.array(z.string()),
  motto: z.string().nullable(),
  name: z.string().nullable(),
  /** Community and compound; with building and flat only if the member chose to show the flat. */
  place: z.array(z.string()),
  litAt: Timestamp,
  /** Contact goes through the platform: a signed-in visitor may leave a message. */
  contactable: z.boolean(),
});
export type PublicCardView = z.infer<typeof PublicCard>;

export const CardTokenParams = z.object({
  token: z
    .string()
    .min(16)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'not a card'),
});

export const CardMessageBody = z.object({ body: z.string().trim().min(1).max(300) });
export const CardMessage = z.object({
  id: Id,
  from: z.object({ displayName: z.string() }),
  body: z.string(),
  createdAt: Timestamp,
  read: z.boolean(),
});
export const CardMessageList = z.object({ items: z.array(CardMessage) });

export const LitHousehold = z.object({
  id: Id,
  title: z.string(),
  services: z.array(z.string()),
  motto: z.string().nullable(),
  name: z.string().nullable(),
  /** The flat, only if the member chose to show it. */
  flat: z.string().nullable(),
  litAt: Timestamp,
  cardToken: z.string(),
});
export const LitHouseholdList = z.object({
  building: PlaceCrumb,
  buildingPath: z.array(PlaceCrumb),
  items: z.array(LitHousehold),
  litHouseholds: z.number().int(),
  centralHouseholds: z.number().int(),
});

export const LitCount = z.object({ placeId: Id, litHouseholds: z.number().int() });

export const DoorSignQuery = z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') });
