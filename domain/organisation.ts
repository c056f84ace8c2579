/** The four-level organisation system (四级组织体系), SPEC.md §2. */

export const ORGANISATION_KINDS = [
  'big_committee',
  'compound_branch',
  'building_group',
  'joint_group',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The kind of place each organisation stands on. A joint group stands on its compound and covers several buildings. */
export const ORGANISATION_PLACE_KIND = {
  big_committee: 'community',
  compound_branch: 'compound',
  building_group: 'building',
  joint_group: 'compound',
} as const satisfies Record<OrganisationKind, string>;

/** The level each kind sits at: 1 big committee, 2 compound branch, 3 building or joint group (4 is the central household). */
export const ORGANISATION_LEVEL: Record<OrganisationKind, 1 | 2 | 3> = {
  big_committee: 1,
  compound_branch: 2,
  building_group: 3,
  joint_group: 3,
};

export const POSITION_TITLES = [
  'secretary',
  'deputy_secretary',
  'committee_member',
  'group_leader',
  /** 党员楼长先锋岗: the building-leader pioneer post of a party group. */
  'pioneer_post',
  /** A big-committee seat held by a partner unit. */
  'partner_seat',
] as const;
export type PositionTitle = (typeof POSITION_TITLES)[number];

export const PARTY_MEMBER_KINDS = ['resident', 'in_service'] as const;
export type PartyMemberKind = (typeof PARTY_MEMBER_KINDS)[number];

/** Who may join a red butler team (红管家): members and non-members alike. */
export const RED_BUTLER_KINDS = ['party_member', 'owners_committee', 'property_staff', 'resident'] as const;
export type RedButlerKind = (typeof RED_BUTLER_KINDS)[number];

/** The five functions of a party-building living room (S4). */
export const LIVING_ROOM_FUNCTIONS = ['meet', 'gather', 'benefit', 'read', 'showcase'] as const;
export type LivingRoomFunction = (typeof LIVING_ROOM_FUNCTIONS)[number];

export const MEETING_KINDS = ['plenary', 'deliberation', 'evening', 'building'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const PARTNER_UNIT_KINDS = [
  'government',
  'school',
  'hospital',
  'enterprise',
  'social_org',
  'other',
] as const;
export type PartnerUnitKind = (typeof PARTNER_UNIT_KINDS)[number];

export const PARTNER_OFFER_KINDS = ['venue', 'resources', 'training', 'guidance', 'volunteers'] as const;
export type PartnerOfferKind = (typeof PARTNER_OFFER_KINDS)[number];

export const CONSENT_PURPOSES = ['light_up'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
