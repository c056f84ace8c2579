import { type PlaceKind, pathIds } from '../../domain/places.js';
import {
  audienceRank,
  DEFAULT_NEED_SETTINGS,
  type NeedAudience,
  type NeedStatus,
  type NeedUrgency,
  rungsFor,
  UNCLAIMED_STATUSES,
} from '../../domain/needs.js';
import { AUTO_CONFIRM_JOB, ESCALATE_JOB, FOLLOW_UP_JOB } from '../features/needs/needs.ladder.js';
import { scheduleJob } from '../lib/jobs.js';
import type { PlaceRow } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import type { DemoContext } from './demo.js';

// The demo's needs (C1), one or more in every state, across the three communities: the appliance
// repair of the source report (convened with the college, several helpers, half the appliances
// mended — left in service so the browser story can finish it), a confirmed one rated 5 with thanks,
// an urgent fever request already served with a follow-up, unclaimed ones in the other communities
// and a cancelled one. Written straight into the tables, with timelines as the services write them;
// no notifications or ladder jobs (they belong to needs that happen while the demo runs).

type Params = Record<string, string | number | null>;

interface Step {
  /** Minutes after the need was posted. */
  after: number;
  kind: string;
  actor: string | null;
  params?: Params;
}

interface DemoNeed {
  /** Key of the place (household or spot) in the demo tree. */
  place: string;
  /** Demo login the need is for, or the name of a person without an account (posted by staff). */
  resident: { login: string } | { person: string } | null;
  postedBy: string;
  category: string;
  description: string;
  urgency: NeedUrgency;
  quantity?: { n: number; unit: string };
  /** Minutes before seeding that it was posted. */
  postedAgo: number;
  status: NeedStatus;
  audience: NeedAudience;
  escalationLevel?: number;
  helpersNeeded?: number;
  partnerUnit?: string;
  /** Helpers with an active claim, in order, with minutes after posting; `by` when staff assigned. */
  claims?: { login: string; after: number; by?: string }[];
  logs?: {
    login: string;
    after: number;
    note: string;
    hours: number;
    outsideHelpers?: number;
    itemsHandled?: number;
  }[];
  rating?: number;
  thanks?: string;
  followUps?: { assignee: string; by: string; after: number; dueAfter: number; note: string }[];
  /** Timeline steps besides posted / claimed / logged (those come from the fields above). */
  steps?: Step[];
}

const H = 60;
const D = 24 * H;

const NEEDS: DemoNeed[] = [
  // (a) SPEC.md §1 story 1: the appliance repair, convened with the college.
  {
    place: 'yijing-b1-201',
    resident: { login: 'resident' },
    postedBy: 'resident',
    category: 'appliance_repair',
    description: '冰箱不制冷，家里还有几台电器也坏了',
    urgency: 'normal',
    quantity: { n: 43, unit: '台' },
    postedAgo: 3 * D,
    status: 'in_service',
    audience: 'community',
    helpersNeeded: 6,
    partnerUnit: '台州职业技术学院',
    claims: [
      { login: 'partner', after: 20 * H },
      { login: 'volunteer', after: 21 * H },
      { login: 'member', after: 22 * H },
    ],
    logs: [
      {
        login: 'partner',
        after: 2 * D,
        note: '第一批：11名电气专业学生上门，修好冰箱和楼里报修的20台电器',
        hours: 4,
        outsideHelpers: 11,
        itemsHandled: 21,
      },
      { login: 'volunteer', after: 2 * D + 2 * H, note: '帮忙搬运、登记报修清单', hours: 3, itemsHandled: 4 },
    ],
    steps: [
      {
        after: 18 * H,
        kind: 'convened',
        actor: 'staff.xinjing',
        params: {
          helpersNeeded: 6,
          partnerUnit: '台州职业技术学院',
          audience: 'community',
          note: '联系学院电气专业学生',
        },
      },
    ],
  },
  // (b) Done, confirmed, rated 5 with thanks.
  {
    place: 'yijing-b1-201',
    resident: { login: 'resident' },
    postedBy: 'resident',
    category: 'elderly_help',
    description: '阳台上的旧柜子想搬下楼，一个人搬不动',
    urgency: 'normal',
    postedAgo: 12 * D,
    status: 'confirmed',
    audience: 'building',
    claims: [{ login: 'leader', after: 2 * H }],
    logs: [{ login: 'leader', after: D, note: '和邻居一起把柜子搬到楼下回收点', hours: 1, itemsHandled: 1 }],
    rating: 5,
    thanks: '谢谢张师傅，柜子搬走了，阳台宽敞多了！',
    steps: [
      { after: D + 10, kind: 'done', actor: 'leader', params: { note: null } },
      {
        after: D + 3 * H,
        kind: 'confirmed',
        actor: 'resident',
        params: { rating: 5, thanks: '谢谢张师傅，柜子搬走了，阳台宽敞多了！' },
      },
    ],
  },
  // (c) Urgent, served by a volunteer within the hour, with a follow-up due tomorrow.
  {
    place: 'yijing-b2-302',
    resident: { person: '王秀英' },
    postedBy: 'staff.xinjing',
    category: 'health',
    description: '王阿姨发烧38.9度，子女不在身边，家里没有退烧药',
    urgency: 'urgent',
    postedAgo: 20 * H,
    status: 'done',
    audience: 'compound',
    escalationLevel: 1,
    claims: [{ login: 'volunteer', after: 12 }],
    logs: [{ login: 'volunteer', after: 40, note: '送去退烧药和体温计，量了体温，已联系家庭医生', hours: 1 }],
    followUps: [
      {
        assignee: 'volunteer',
        by: 'staff.xinjing',
        after: 60,
        dueAfter: 36 * H,
        note: '明天上午再去看看王阿姨退烧了没有',
      },
    ],
    steps: [
      { after: 10, kind: 'escalated', actor: null, params: { reach: 'compound', afterMinutes: 10 } },
      { after: 55, kind: 'done', actor: 'volunteer', params: { note: '体温已降到37.8度' } },
    ],
  },
  // (d) Posted, nobody has claimed them yet.
  {
    place: 'yijing-b1-201',
    resident: { login: 'resident' },
    postedBy: 'resident',
    category: 'policy_question',
    description: '想了解高龄津贴怎么申请，需要带哪些材料',
    urgency: 'normal',
    postedAgo: 2 * H,
    status: 'posted',
    audience: 'building',
  },
  {
    place: 'yunjian-b2-1201',
    resident: { login: 'resident.yunjian' },
    postedBy: 'resident.yunjian',
    category: 'facilities',
    description: '2幢12楼楼道灯坏了，晚上上下楼看不清',
    urgency: 'normal',
    postedAgo: 5 * H,
    status: 'posted',
    audience: 'building',
  },
  {
    place: 'zhongxin-b11-u1-302',
    resident: { login: 'resident.xueyuan' },
    postedBy: 'resident.xueyuan',
    category: 'environment',
    description: '11幢门口的垃圾桶满了好几天，没有人清运',
    urgency: 'normal',
    postedAgo: 30 * H,
    status: 'posted',
    audience: 'compound',
    escalationLevel: 1,
    steps: [{ after: D, kind: 'escalated', actor: null, params: { reach: 'compound', afterMinutes: D } }],
  },
  // (e) Cancelled by the resident.
  {
    place: 'yunjian-b2-1201',
    resident: { login: 'resident.yunjian' },
    postedBy: 'resident.yunjian',
    category: 'neighbour_dispute',
    description: '楼上空调外机晚上噪音很大，影响休息',
    urgency: 'normal',
    postedAgo: 6 * D,
    status: 'cancelled',
    audience: 'building',
    steps: [
      {
        after: 4 * H,
        kind: 'cancelled',
        actor: 'resident.yunjian',
        params: { reason: '已经和邻居沟通好了' },
      },
    ],
  },
];

export async function seedDemoNeeds(ctx: DemoContext): Promise<void> {
  const { trx } = ctx;
  const seededAt = Date.parse(ctx.at);
  const district = ctx.place('jiaojiang');
  const units = await trx.selectFrom('partner_units').select(['id', 'name']).execute();
  const ancestorsOf = async (place: PlaceRow) =>
    trx.selectFrom('places').select(['id', 'kind']).where('id', 'in', pathIds(place.path)).execute();

  for (const n of NEEDS) {
    const place = ctx.place(n.place);
    const communityId = place.community_id!;
    const chain = await ancestorsOf(place);
    const idOf = (kind: PlaceKind) => chain.find((p) => p.kind === kind)?.id ?? null;
    const postedAt = seededAt - n.postedAgo * 60_000;
    const iso = (after: number) => new Date(postedAt + after * 60_000).toISOString();
    const uid = (login: string | null) => (login === null ? null : ctx.user(login));

    let residentUserId: string | null = null;
    let residentPersonId: string | null = null;
    if (n.resident && 'login' in n.resident) residentUserId = ctx.user(n.resident.login);
    if (n.resident && 'person' in n.resident) {
      const person = await trx
        .selectFrom('people')
        .select('id')
        .where('name', '=', n.resident.person)
        .where('community_id', '=', communityId)
        .executeTakeFirstOrThrow();
      residentPersonId = person.id;
    }
    const partnerUnitId = n.partnerUnit ? units.find((u) => u.name === n.partnerUnit)!.id : null;
    const claims = n.claims ?? [];
    const logs = n.logs ?? [];
    const stepAt = (kind: string) => n.steps?.find((s) => s.kind === kind)?.after;
    const convened = stepAt('convened');
    const done = stepAt('done');
    const confirmed = stepAt('confirmed');
    const cancelled = stepAt('cancelled');
    const lastStep = Math.max(
      0,
      ...claims.map((c) => c.after),
      ...logs.map((l) => l.after),
      ...(n.steps ?? []).map((s) => s.after),
      ...(n.followUps ?? []).map((f) => f.after),
    );

    const source = n.resident && 'login' in n.resident && n.resident.login === n.postedBy ? 'app' : 'staff';
    const needId = newId(postedAt);
    await trx
      .insertInto('needs')
      .values({
        id: needId,
        district_id: district.id,
        community_id: communityId,
        place_id: place.id,
        place_path: place.path,
        compound_id: idOf('compound'),
        building_id: idOf('building'),
        household_id: idOf('household'),
        category: n.category,
        description: n.description,
        urgency: n.urgency,
        quantity: n.quantity?.n ?? null,
        quantity_unit: n.quantity?.unit ?? null,
        status: n.status,
        audience: n.audience,
        resident_user_id: residentUserId,
        resident_person_id: residentPersonId,
        posted_by: ctx.user(n.postedBy),
        source,
        helpers_needed: n.helpersNeeded ?? 1,
        helpers_claimed: claims.length,
        convened_at: convened === undefined ? null : iso(convened),
        partner_unit_id: partnerUnitId,
        escalation_level: n.escalationLevel ?? 0,
        escalated_at: n.escalationLevel ? iso(stepAt('escalated') ?? 0) : null,
        rating: n.rating ?? null,
        thanks: n.thanks ?? null,
        reopen_count: 0,
        lat: null,
        long: null,
        contact_name: null,
        contact_phone: null,
        contact_email: null,
        created_at: iso(0),
        updated_at: iso(lastStep),
        claimed_at: claims[0] ? iso(claims[0].after) : null,
        done_at: done === undefined ? null : iso(done),
        confirmed_at: confirmed === undefined ? null : iso(confirmed),
        cancelled_at: cancelled === undefined ? null : iso(cancelled),
      })
      .execute();

    // A running demo behaves like a live district: unclaimed needs keep climbing the ladder and a
    // done need is confirmed by itself if the resident never answers.
    if (UNCLAIMED_STATUSES.includes(n.status)) {
      for (const rung of rungsFor(DEFAULT_NEED_SETTINGS.ladder, n.urgency)) {
        if (audienceRank(rung.reach) <= audienceRank(n.audience)) continue;
        await scheduleJob(trx, {
          kind: ESCALATE_JOB,
          refId: needId,
          runAt: new Date(Math.max(postedAt + rung.afterMinutes * 60_000, seededAt)).toISOString(),
          now: ctx.at,
          payload: { reach: rung.reach, afterMinutes: rung.afterMinutes },
        });
      }
    }
    if (n.status === 'done' && done !== undefined) {
      const at = postedAt + done * 60_000 + DEFAULT_NEED_SETTINGS.autoConfirmDays * 86_400_000;
      await scheduleJob(trx, {
        kind: AUTO_CONFIRM_JOB,
        refId: needId,
        runAt: new Date(Math.max(at, seededAt)).toISOString(),
        now: ctx.at,
      });
    }

    const timeline: Step[] = [
      {
        after: 0,
        kind: 'posted',
        actor: n.postedBy,
        params: { category: n.category, urgency: n.urgency, source, photos: 0 },
      },
      ...(n.steps ?? []),
      ...claims.map((c) => ({ after: c.after, kind: c.by ? 'assigned' : 'claimed', actor: c.by ?? c.login })),
      ...logs.map((l) => ({
        after: l.after,
        kind: 'logged',
        actor: l.login,
        params: {
          hours: l.hours,
          outsideHelpers: l.outsideHelpers ?? 0,
          itemsHandled: l.itemsHandled ?? 0,
          photos: 0,
          note: l.note,
        },
      })),
    ];

    for (const c of claims) {
      await trx
        .insertInto('need_claims')
        .values({
          id: newId(postedAt + c.after * 60_000),
          need_id: needId,
          community_id: communityId,
          user_id: ctx.user(c.login),
          assigned_by: uid(c.by ?? null),
          claimed_at: iso(c.after),
          withdrawn_at: null,
        })
        .execute();
    }
    for (const l of logs) {
      await trx
        .insertInto('need_service_logs')
        .values({
          id: newId(postedAt + l.after * 60_000),
          need_id: needId,
          community_id: communityId,
          user_id: ctx.user(l.login),
          at: iso(l.after),
          note: l.note,
          hours: l.hours,
          outside_helpers: l.outsideHelpers ?? 0,
          items_handled: l.itemsHandled ?? 0,
        })
        .execute();
    }
    for (const f of n.followUps ?? []) {
      const assignee = ctx.user(f.assignee);
      const assigneeName = await trx
        .selectFrom('users')
        .select('display_name')
        .where('id', '=', assignee)
        .executeTakeFirstOrThrow();
      const followUpId = newId(postedAt + f.after * 60_000);
      await scheduleJob(trx, {
        kind: FOLLOW_UP_JOB,
        refId: followUpId,
        runAt: new Date(Math.max(postedAt + f.dueAfter * 60_000, seededAt)).toISOString(),
        now: ctx.at,
      });
      await trx
        .insertInto('need_follow_ups')
        .values({
          id: followUpId,
          need_id: needId,
          community_id: communityId,
          assignee_id: assignee,
          due_at: iso(f.dueAfter),
          note: f.note,
          created_by: ctx.user(f.by),
          created_at: iso(f.after),
          reminded_at: null,
          done_at: null,
          outcome: null,
        })
        .execute();
      timeline.push({
        after: f.after,
        kind: 'follow_up_scheduled',
        actor: f.by,
        params: { assignee: assigneeName.display_name, dueAt: iso(f.dueAfter), note: f.note },
      });
    }

    timeline.sort((a, b) => a.after - b.after);
    for (const [i, e] of timeline.entries()) {
      await trx
        .insertInto('need_events')
        .values({
          // Ids sort like the timeline, even for steps in the same minute.
          id: newId(postedAt + e.after * 60_000 + i),
          need_id: needId,
          community_id: communityId,
          at: iso(e.after),
          actor_id: uid(e.actor),
          kind: e.kind,
          params: e.params && Object.keys(e.params).length > 0 ? JSON.stringify(e.params) : null,
        })
        .execute();
    }
  }
}
