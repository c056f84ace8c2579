/**
 * Whistle and report (C2) as pure rules: report-in, post claims, whistle calls and small matters,
 * each a small state machine; the ten default posts; limits.
 */

export const MEMBER_LIMITS = {
  workUnit: 80,
  skill: 20,
  skills: 12,
  availability: 200,
  note: 500,
  reason: 500,
  postName: 40,
  postDescription: 500,
  capacityMax: 1000,
  hoursMax: 24,
  whistleTitle: 80,
  whistleDescription: 2000,
  where: 120,
  peopleMax: 1000,
  smallMatterTitle: 80,
  smallMatterDescription: 2000,
  photos: 6,
} as const;

// Report-in -----------------------------------------------------------------------------------------

/** pending → approved | returned; returned → pending (edited); pending/returned/approved → withdrawn; approved → ended (moved away). */
export const REPORT_STATUSES = ['pending', 'approved', 'returned', 'withdrawn', 'ended'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type ReportStep = 'edit' | 'withdraw' | 'move' | 'confirm' | 'approve' | 'return';

const REPORT_STEPS: Record<ReportStep, { from: readonly ReportStatus[]; by: 'member' | 'staff' }> = {
  edit: { from: ['pending', 'returned'], by: 'member' },
  withdraw: { from: ['pending', 'returned', 'approved'], by: 'member' },
  move: { from: ['approved'], by: 'member' },
  confirm: { from: ['approved'], by: 'member' },
  approve: { from: ['pending'], by: 'staff' },
  return: { from: ['pending'], by: 'staff' },
};

/** The steps open on a report in this status to the member (isMember) and/or staff (isStaff). */
export function reportActions(
  status: ReportStatus,
  who: { isMember: boolean; isStaff: boolean },
): ReportStep[] {
  return (Object.keys(REPORT_STEPS) as ReportStep[]).filter((step) => {
    const rule = REPORT_STEPS[step];
    if (!rule.from.includes(status)) return false;
    return rule.by === 'member' ? who.isMember : who.isStaff;
  });
}

export function reportStepAllowed(step: ReportStep, status: ReportStatus): boolean {
  return REPORT_STEPS[step].from.includes(status);
}

/** Statuses that block a second report to the same community. */
export const OPEN_REPORT_STATUSES: readonly ReportStatus[] = ['pending', 'returned', 'approved'];

export const DEFAULT_MEMBER_SETTINGS = { confirmEveryMonths: 6 } as const;

/** When an approved member is asked to confirm again: `months` after her last confirmation. */
export function confirmDueAt(confirmedAt: string, months: number): string {
  const d = new Date(confirmedAt);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString();
}

// The ten posts -------------------------------------------------------------------------------------

export interface DefaultPost {
  code: string;
  nameZh: string;
  nameEn: string;
  capacity: number;
}

/** The ten posts (十大岗位) every community starts with; staff may edit, archive and add. */
export const DEFAULT_POSTS: readonly DefaultPost[] = [
  { code: 'civilised_customs', nameZh: '文明新风岗', nameEn: 'Civilised new customs', capacity: 10 },
  { code: 'dispute_mediation', nameZh: '矛盾调解岗', nameEn: 'Dispute mediation', capacity: 10 },
  { code: 'policy_explanation', nameZh: '政策宣讲岗', nameEn: 'Policy explanation', capacity: 10 },
  { code: 'safety_patrol', nameZh: '平安巡防岗', nameEn: 'Safety patrol', capacity: 20 },
  { code: 'environment', nameZh: '环境整治岗', nameEn: 'Environment', capacity: 20 },
  {
    code: 'elderly_children',
    nameZh: '关爱一老一小岗',
    nameEn: 'Care for the elderly and children',
    capacity: 15,
  },
  { code: 'culture_sport', nameZh: '文体活动岗', nameEn: 'Culture and sport', capacity: 15 },
  { code: 'listening', nameZh: '民情倾听岗', nameEn: 'Listening to residents', capacity: 10 },
  { code: 'emergency', nameZh: '应急处突岗', nameEn: 'Emergency response', capacity: 20 },
  { code: 'volunteer_service', nameZh: '志愿服务岗', nameEn: 'Volunteer service', capacity: 30 },
];

/** pending → approved | rejected; pending/approved → left. */
export const POST_CLAIM_STATUSES = ['pending', 'approved', 'rejected', 'left'] as const;
export type PostClaimStatus = (typeof POST_CLAIM_STATUSES)[number];
export const OPEN_CLAIM_STATUSES: readonly PostClaimStatus[] = ['pending', 'approved'];

export type PostClaimStep = 'approve' | 'reject' | 'leave' | 'log';
const CLAIM_STEPS: Record<
  PostClaimStep,
  { from: readonly PostClaimStatus[]; by: 'member' | 'staff' | 'either' }
> = {
  approve: { from: ['pending'], by: 'staff' },
  reject: { from: ['pending'], by: 'staff' },
  leave: { from: ['pending', 'approved'], by: 'either' },
  log: { from: ['approved'], by: 'either' },
};

export function postClaimActions(
  status: PostClaimStatus,
  who: { isMember: boolean; isStaff: boolean },
): PostClaimStep[] {
  return (Object.keys(CLAIM_STEPS) as PostClaimStep[]).filter((step) => {
    const rule = CLAIM_STEPS[step];
    if (!rule.from.includes(status)) return false;
    if (rule.by === 'member') return who.isMember;
    if (rule.by === 'staff') return who.isStaff;
    return who.isMember || who.isStaff;
  });
}

export function postClaimStepAllowed(step: PostClaimStep, status: PostClaimStatus): boolean {
  return CLAIM_STEPS[step].from.includes(status);
}

// The whistle ---------------------------------------------------------------------------------------

export const WHISTLE_STATUSES = ['open', 'closed'] as const;
export type WhistleStatus = (typeof WHISTLE_STATUSES)[number];
export const WHISTLE_ANSWERS = ['pending', 'coming', 'cannot'] as const;
export type WhistleAnswer = (typeof WHISTLE_ANSWERS)[number];
/** Why a person was called. */
export const WHISTLE_VIA = ['reported_member', 'partner_unit', 'red_butler'] as const;
export type WhistleVia = (typeof WHISTLE_VIA)[number];

export type WhistleCallStep = 'answer' | 'check_in' | 'done';

/**
 * What a called person may do: answer while the whistle is open and she has not arrived (she may
 * change her mind); check in once, after answering "coming"; report done once, after arriving.
 */
export function whistleCallActions(
  whistle: WhistleStatus,
  call: { answer: WhistleAnswer; arrivedAt: string | null; doneAt: string | null },
): WhistleCallStep[] {
  if (whistle !== 'open') return [];
  const steps: WhistleCallStep[] = [];
  if (call.arrivedAt === null) steps.push('answer');
  if (call.answer === 'coming' && call.arrivedAt === null) steps.push('check_in');
  if (call.arrivedAt !== null && call.doneAt === null) steps.push('done');
  return steps;
}

/** Whole minutes from the whistle to arrival (never negative). */
export function minutesBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));
}

/** The median of a list of numbers, or null for none (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// Small matters -------------------------------------------------------------------------------------

/** pending → verified | queried; queried → pending (edited); pending/queried → withdrawn. */
export const SMALL_MATTER_STATUSES = ['pending', 'verified', 'queried', 'withdrawn'] as const;
export type SmallMatterStatus = (typeof SMALL_MATTER_STATUSES)[number];
export type SmallMatterStep = 'edit' | 'withdraw' | 'verify' | 'query' | 'show_on_wall' | 'hide_from_wall';

export function smallMatterActions(
  status: SmallMatterStatus,
  onWall: boolean,
  who: { isMember: boolean; isStaff: boolean },
): SmallMatterStep[] {
  const steps: SmallMatterStep[] = [];
  if (who.isMember && (status === 'pending' || status === 'queried')) steps.push('edit', 'withdraw');
  if (who.isStaff && status === 'pending') steps.push('verify', 'query');
  if (who.isMember && status === 'verified') steps.push(onWall ? 'hide_from_wall' : 'show_on_wall');
  return steps;
}
