/**
 * The life of a need (需求, C1) as a pure state machine, who may take each step, who sees a need at
 * each rung of the ladder, and the district defaults (categories, ladder, auto-confirmation).
 *
 *   posted ─convene→ convened ─claim→ claimed ─log/start→ in_service ─done→ done ─confirm→ confirmed
 *      └──────────────claim───────────────┘                     ↑            │
 *                                                               └──reopen────┘
 *   any open state ─cancel→ cancelled
 */

export const NEED_STATUSES = [
  'posted',
  'convened',
  'claimed',
  'in_service',
  'done',
  'confirmed',
  'cancelled',
] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/** States in which a need still waits for, or is getting, help. */
export const OPEN_STATUSES: readonly NeedStatus[] = ['posted', 'convened', 'claimed', 'in_service'];
/** States in which nobody has claimed the need yet: the ladder climbs only here. */
export const UNCLAIMED_STATUSES: readonly NeedStatus[] = ['posted', 'convened'];
/** A need counts as solved once its helpers marked it done (and stays solved when confirmed). */
export const SOLVED_STATUSES: readonly NeedStatus[] = ['done', 'confirmed'];

export const NEED_URGENCIES = ['normal', 'urgent'] as const;
export type NeedUrgency = (typeof NEED_URGENCIES)[number];

export const NEED_ACTIONS = [
  'convene',
  'assign',
  'claim',
  'unclaim',
  'log',
  'done',
  'confirm',
  'reopen',
  'cancel',
  'follow_up',
] as const;
export type NeedAction = (typeof NEED_ACTIONS)[number];

/**
 * How the caller stands to a need. One caller may stand in several ways (a building leader who also
 * claimed it); `may` is true when any of them allows the step.
 *  - resident: the need is for the caller (or her household)
 *  - helper: the caller holds an active claim
 *  - responder: the need has reached the caller (volunteer, leader, central household, partner contact)
 *  - leader: building leader / group leader of the need's building (may follow up, post for others)
 *  - staff: community staff of the need's community (or a system admin)
 *  - system: the scheduler (auto-confirmation)
 */
export type NeedRelation = 'resident' | 'helper' | 'responder' | 'leader' | 'staff' | 'system';

const WHO: Record<NeedAction, readonly NeedRelation[]> = {
  convene: ['staff'],
  assign: ['staff'],
  claim: ['responder', 'leader', 'staff'],
  unclaim: ['helper'],
  log: ['helper', 'staff'],
  done: ['helper', 'staff'],
  confirm: ['resident', 'staff', 'system'],
  reopen: ['resident', 'staff'],
  cancel: ['resident', 'staff'],
  follow_up: ['leader', 'staff'],
};

const FROM: Record<NeedAction, readonly NeedStatus[]> = {
  convene: ['posted', 'convened', 'claimed', 'in_service'],
  assign: ['posted', 'convened', 'claimed', 'in_service'],
  claim: ['posted', 'convened', 'claimed', 'in_service'],
  unclaim: ['claimed', 'in_service'],
  log: ['claimed', 'in_service'],
  done: ['claimed', 'in_service'],
  confirm: ['done'],
  reopen: ['done'],
  cancel: ['posted', 'convened', 'claimed', 'in_service'],
  follow_up: ['posted', 'convened', 'claimed', 'in_service', 'done', 'confirmed'],
};

export interface NeedState {
  status: NeedStatus;
  helpersNeeded: number;
  /** Active claims. */
  helpersClaimed: number;
  /** Whether staff convened it (a need that loses all its helpers goes back to convened, not posted). */
  convened: boolean;
}

export type Decision<T> = { ok: true; value: T } | { ok: false; reason: NeedRefusal };
export type NeedRefusal = 'not_allowed' | 'wrong_state' | 'full';

/** Whether a caller standing in `relations` may take `action` on a need in `state`, and the status after it. */
export function decideStep(
  action: NeedAction,
  state: NeedState,
  relations: readonly NeedRelation[],
): Decision<NeedStatus> {
  if (!relations.some((r) => WHO[action].includes(r))) return { ok: false, reason: 'not_allowed' };
  // Nobody claims her own need, even when it also reached her as a responder (a red butler of her building).
  if (action === 'claim' && relations.includes('resident')) return { ok: false, reason: 'not_allowed' };
  if (!FROM[action].includes(state.status)) return { ok: false, reason: 'wrong_state' };
  return nextStatus(action, state);
}

function nextStatus(action: NeedAction, s: NeedState): Decision<NeedStatus> {
  const ok = (value: NeedStatus): Decision<NeedStatus> => ({ ok: true, value });
  switch (action) {
    case 'convene':
      return ok(s.status === 'posted' ? 'convened' : s.status);
    case 'assign':
    case 'claim':
      if (s.helpersClaimed >= s.helpersNeeded) return { ok: false, reason: 'full' };
      return ok(s.status === 'posted' || s.status === 'convened' ? 'claimed' : s.status);
    case 'unclaim':
      if (s.helpersClaimed > 1) return ok(s.status);
      return ok(s.convened ? 'convened' : 'posted');
    case 'log':
      return ok('in_service');
    case 'done':
      return ok('done');
    case 'confirm':
      return ok('confirmed');
    case 'reopen':
      return ok('in_service');
    case 'cancel':
      return ok('cancelled');
    case 'follow_up':
      return ok(s.status);
  }
}

/** Every action the caller may take now, for showing buttons. */
export function availableActions(state: NeedState, relations: readonly NeedRelation[]): NeedAction[] {
  return NEED_ACTIONS.filter((a) => decideStep(a, state, relations).ok);
}

// Who sees a need ------------------------------------------------------------------------------------

/**
 * How far a need has reached. A new need reaches its building (building leader, building group,
 * the building's central households and volunteers); the ladder or staff widen it.
 *  - building: the above
 *  - compound: also the compound's volunteers, red butlers and branch
 *  - community: also every volunteer and member of the community
 *  - whistle: also the community's paired partner units and the members who reported in
 */
export const NEED_AUDIENCES = ['building', 'compound', 'community', 'whistle'] as const;
export type NeedAudience = (typeof NEED_AUDIENCES)[number];

export function audienceRank(a: NeedAudience): number {
  return NEED_AUDIENCES.indexOf(a);
}

export function widerAudience(a: NeedAudience, b: NeedAudience): NeedAudience {
  return audienceRank(a) >= audienceRank(b) ? a : b;
}

// The ladder (吹哨) ----------------------------------------------------------------------------------

export interface LadderRung {
  urgency: NeedUrgency;
  /** Minutes after posting, while nobody has claimed the need. */
  afterMinutes: number;
  /** Who the need reaches at this rung. */
  reach: Exclude<NeedAudience, 'building'>;
}

export interface NeedSettings {
  /** Category codes offered when posting, in order. Names of the default codes are in the catalogue. */
  categories: NeedCategory[];
  ladder: LadderRung[];
  /** A done need is confirmed by itself after this many days without the resident's answer. */
  autoConfirmDays: number;
}

export interface NeedCategory {
  code: string;
  /** Names for categories a district added; default codes are named by the web catalogue. */
  nameZh?: string | undefined;
  nameEn?: string | undefined;
}

export const DEFAULT_CATEGORY_CODES = [
  'appliance_repair',
  'health',
  'elderly_help',
  'environment',
  'facilities',
  'neighbour_dispute',
  'policy_question',
  'other',
] as const;

export const DEFAULT_NEED_SETTINGS: NeedSettings = {
  categories: DEFAULT_CATEGORY_CODES.map((code) => ({ code })),
  ladder: [
    { urgency: 'urgent', afterMinutes: 10, reach: 'compound' },
    { urgency: 'urgent', afterMinutes: 30, reach: 'community' },
    { urgency: 'normal', afterMinutes: 24 * 60, reach: 'compound' },
    { urgency: 'normal', afterMinutes: 72 * 60, reach: 'whistle' },
  ],
  autoConfirmDays: 7,
};

/** The rungs that apply to a need of this urgency, in the order they fire. */
export function rungsFor(ladder: readonly LadderRung[], urgency: NeedUrgency): LadderRung[] {
  return ladder.filter((r) => r.urgency === urgency).sort((a, b) => a.afterMinutes - b.afterMinutes);
}

/** Whether a need is overdue: open and unclaimed past the first rung of its ladder. */
export function isOverdue(
  status: NeedStatus,
  urgency: NeedUrgency,
  postedAt: Date,
  now: Date,
  ladder: readonly LadderRung[],
): boolean {
  if (!UNCLAIMED_STATUSES.includes(status)) return false;
  const first = rungsFor(ladder, urgency)[0];
  return first !== undefined && now.getTime() - postedAt.getTime() >= first.afterMinutes * 60_000;
}

export const NEED_LIMITS = {
  description: 1000,
  photos: 9,
  photoBytes: 5 * 1024 * 1024,
  quantityMax: 10_000,
  helpersMax: 200,
  note: 1000,
  hoursMax: 24,
  thanks: 500,
} as const;

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
