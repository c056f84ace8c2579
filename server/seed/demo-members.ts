import { Resvg } from '@resvg/resvg-js';
import type { Role } from '../../domain/roles.js';
import type { PlaceKind } from '../../domain/places.js';
import { insertUser } from '../features/auth/auth.repository.js';
import { approveReport, reportIn } from '../features/members/members.service.js';
import { approveClaim, claimPost, ensureDefaultPosts, logService } from '../features/posts/posts.service.js';
import { decide, record, setOnWall } from '../features/small-matters/small-matters.service.js';
import { answer, blowWhistle, checkIn, close, reportDone } from '../features/whistles/whistles.service.js';
import type { Actor } from '../lib/http.js';
import { newId } from '../lib/ids.js';
import type { CallerGrant } from '../plugins/access.js';
import type { DemoContext } from './demo.js';

/** The demo's before (bare soil) and after (green) photos: small drawn pictures, no real people in them. */
function demoPhoto(stage: 'before' | 'after'): Buffer {
  const ground = stage === 'before' ? '#9c7a54' : '#4c9a3f';
  const tufts =
    stage === 'before'
      ? '<circle cx="80" cy="170" r="6" fill="#6b8e23"/><circle cx="230" cy="185" r="5" fill="#6b8e23"/>'
      : Array.from(
          { length: 24 },
          (_, i) => `<circle cx="${14 + i * 13}" cy="${160 + (i % 3) * 14}" r="9" fill="#2e7d32"/>`,
        ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240" viewBox="0 0 320 240">
    <rect width="320" height="240" fill="#cfe8fc"/><rect y="140" width="320" height="100" fill="${ground}"/>
    <rect x="20" y="40" width="90" height="100" fill="#e0e0e0"/><rect x="210" y="20" width="90" height="120" fill="#eeeeee"/>
    ${tufts}</svg>`;
  return new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
}

interface DemoMember {
  key: string;
  name: string;
  phone: string;
  community: 'xinjing' | 'dongshan' | 'xueyuan';
  workUnit: string;
  partyOrg: string;
  skills: string[];
  availability: string;
  approved: boolean;
  /** A demo log-in instead of a new user. */
  login?: string;
}

const MEMBERS: DemoMember[] = [
  {
    key: 'wujun',
    name: '吴军',
    phone: '13800000012',
    community: 'xinjing',
    workUnit: '椒江区人民医院',
    partyOrg: '椒江区人民医院党委',
    skills: ['急救', '健康咨询'],
    availability: '周末、工作日晚上',
    approved: true,
    login: 'member',
  },
  {
    key: 'qianzy',
    name: '钱志远',
    phone: '13800000101',
    community: 'xinjing',
    workUnit: '国家税务总局台州市椒江区税务局',
    partyOrg: '椒江区税务局机关党委',
    skills: ['政策宣讲', '财税咨询'],
    availability: '周六上午',
    approved: true,
  },
  {
    key: 'sunxm',
    name: '孙晓梅',
    phone: '13800000102',
    community: 'xinjing',
    workUnit: '椒江区实验小学',
    partyOrg: '椒江区实验小学党支部',
    skills: ['儿童辅导', '文艺'],
    availability: '寒暑假、周末',
    approved: false,
  },
  {
    key: 'fengjh',
    name: '冯建华',
    phone: '13800000103',
    community: 'xueyuan',
    workUnit: '台州学院',
    partyOrg: '台州学院生命科学学院党委',
    skills: ['园艺', '环境整治'],
    availability: '周末',
    approved: true,
  },
  {
    key: 'zhoumin',
    name: '周敏',
    phone: '13800000104',
    community: 'xueyuan',
    workUnit: '台州市中心医院',
    partyOrg: '台州市中心医院党委',
    skills: ['护理'],
    availability: '轮休日',
    approved: false,
  },
  {
    key: 'heping',
    name: '何平',
    phone: '13800000105',
    community: 'dongshan',
    workUnit: '椒江区综合行政执法局',
    partyOrg: '椒江区综合行政执法局机关党委',
    skills: ['法律咨询', '矛盾调解'],
    availability: '工作日晚上',
    approved: true,
  },
];

const STAFF = { xinjing: 'staff.xinjing', dongshan: 'staff.dongshan', xueyuan: 'staff.xueyuan' } as const;

/**
 * Whistle and report in the demo district: in-service members reported in to their communities (two
 * still waiting for approval), the ten posts with holders and hours, a whistle on 颐景名苑 that the
 * members answered and arrived at, and small matters — among them the bare green strip in 学成小区
 * that 冯建华 replanted, verified and shown on 学院社区's wall.
 */
export async function seedDemoMembers(ctx: DemoContext): Promise<void> {
  const { trx } = ctx;
  const base = Date.parse(ctx.at);
  const ago = (days: number, minutes = 0) =>
    new Date(base - days * 86_400_000 + minutes * 60_000).toISOString();

  const grantOn = (role: Role, key: string): CallerGrant => {
    const p = ctx.place(key);
    return {
      id: newId(),
      role,
      placeId: p.id,
      placePath: p.path,
      placeName: p.name,
      placeKind: p.kind as PlaceKind,
      communityId: p.kind === 'community' ? p.id : p.community_id,
    };
  };
  const actorFor = (userId: string, displayName: string, grants: CallerGrant[], now: string): Actor => ({
    caller: { userId, sessionId: 'demo', displayName, grants },
    ip: null,
    now,
  });
  const staff = (community: keyof typeof STAFF, now: string) =>
    actorFor(ctx.user(STAFF[community]), STAFF[community], [grantOn('community_staff', community)], now);

  const userOf = new Map<string, string>();
  for (const m of MEMBERS) {
    let userId: string;
    if (m.login) {
      userId = ctx.user(m.login);
    } else {
      userId = newId();
      // No password: these members exist to fill the lists; log in as `member` to act as one.
      await insertUser(trx, {
        id: userId,
        username: null,
        phone: m.phone,
        phoneVerifiedAt: ago(60),
        displayName: m.name,
        passwordHash: null,
        now: ago(60),
      });
    }
    userOf.set(m.key, userId);
    const self = actorFor(userId, m.name, [], ago(30));
    const report = await reportIn(trx, undefined, self, {
      communityId: ctx.place(m.community).id,
      workUnit: m.workUnit,
      workUnitPartyOrg: m.partyOrg,
      skills: m.skills,
      availability: m.availability,
      note: null,
    });
    if (m.approved) await approveReport(trx, undefined, staff(m.community, ago(28)), report.id);
  }
  // Their roles now, as a session would load them.
  const memberActor = (key: string, community: keyof typeof STAFF, now: string) => {
    const m = MEMBERS.find((x) => x.key === key)!;
    return actorFor(userOf.get(key)!, m.name, [grantOn('party_member', community)], now);
  };

  // The ten posts, with holders.
  for (const c of ['xinjing', 'dongshan', 'xueyuan'] as const)
    await ensureDefaultPosts(trx, ctx.place(c), ago(29));
  const postOf = async (community: string, code: string) =>
    (
      await trx
        .selectFrom('posts')
        .select('id')
        .where('community_id', '=', ctx.place(community).id)
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).id;
  const held: [string, keyof typeof STAFF, string, number][] = [
    ['wujun', 'xinjing', 'safety_patrol', 6],
    ['qianzy', 'xinjing', 'policy_explanation', 4],
    ['fengjh', 'xueyuan', 'environment', 9.5],
    ['heping', 'dongshan', 'dispute_mediation', 3],
  ];
  for (const [key, community, code, hours] of held) {
    const claim = await claimPost(
      trx,
      undefined,
      memberActor(key, community, ago(27)),
      await postOf(community, code),
      {
        note: null,
      },
    );
    await approveClaim(trx, undefined, staff(community, ago(26)), claim.id);
    await logService(trx, memberActor(key, community, ago(5)), claim.id, { hours, at: ago(6), note: null });
  }
  // One claim still waiting for staff.
  await claimPost(
    trx,
    undefined,
    memberActor('qianzy', 'xinjing', ago(2)),
    await postOf('xinjing', 'dispute_mediation'),
    {
      note: '有调解员证书',
    },
  );

  // A whistle on 颐景名苑 before the typhoon: two members came, the college could not.
  const blownAt = ago(3);
  const college = await trx
    .selectFrom('partner_units')
    .select('id')
    .where('name', '=', '台州职业技术学院')
    .executeTakeFirst();
  const whistle = await blowWhistle(trx, undefined, staff('xinjing', blownAt), ctx.place('xinjing'), {
    title: '台风来临前加固颐景名苑雨棚和广告牌',
    description: '台风“海葵”预计今晚登陆，请就近党员到颐景名苑北门集合，协助物业加固雨棚、清理阳台杂物。',
    placeId: ctx.place('yijing').id,
    where: '颐景名苑北门',
    happensAt: ago(3, 60),
    peopleNeeded: 6,
    skills: ['登高作业', '搬运'],
    arriveBy: ago(3, 60),
    audience: {
      reportedMembers: true,
      partnerUnitIds: college ? [college.id] : [],
      redButlerCompoundIds: [],
    },
  });
  const arrivals: [string, number][] = [
    ['wujun', 18],
    ['qianzy', 31],
  ];
  for (const [key, minutes] of arrivals) {
    await answer(trx, memberActor(key, 'xinjing', ago(3, 4)), whistle.id, { answer: 'coming', note: null });
    await checkIn(trx, memberActor(key, 'xinjing', ago(3, minutes)), whistle.id);
    await reportDone(trx, memberActor(key, 'xinjing', ago(3, 150)), whistle.id, '雨棚已加固');
  }
  const partner = whistle.calls.find((c) => c.via === 'partner_unit');
  if (partner) {
    const a = actorFor(
      partner.person.id,
      partner.person.name,
      [grantOn('partner_contact', 'xinjing')],
      ago(3, 10),
    );
    await answer(trx, a, whistle.id, { answer: 'cannot', note: '学生今晚返校，明早可派人' });
  }
  await close(trx, undefined, staff('xinjing', ago(3, 200)), whistle.id, '加固完成，无人员受伤');

  // Small matters, with before and after photos.
  const photo = async (userId: string, stage: 'before' | 'after') => {
    const id = newId();
    const data = demoPhoto(stage);
    await trx
      .insertInto('need_photos')
      .values({
        id,
        need_id: null,
        log_id: null,
        community_id: null,
        uploaded_by: userId,
        content_type: 'image/png',
        size: data.length,
        data,
        created_at: ago(10),
      })
      .execute();
    return id;
  };
  const matters: {
    key: string;
    community: keyof typeof STAFF;
    place: string;
    title: string;
    description: string;
    where: string;
    daysAgo: number;
    outcome: 'verified' | 'wall' | 'pending';
  }[] = [
    {
      key: 'fengjh',
      community: 'xueyuan',
      place: 'xuecheng-b3',
      title: '学成小区裸露绿化带补种',
      description: '3幢旁绿化带长期裸露、雨天泥泞。自费购买草籽和麦冬，与社区、物业一起翻土补种。',
      where: '3幢东侧绿化带',
      daysAgo: 12,
      outcome: 'wall',
    },
    {
      key: 'wujun',
      community: 'xinjing',
      place: 'yijing-b1',
      title: '1幢楼道声控灯更换',
      description: '三楼、四楼楼道灯坏了半个月，买了两只声控灯自己换上。',
      where: '1幢3-4楼楼道',
      daysAgo: 9,
      outcome: 'verified',
    },
    {
      key: 'qianzy',
      community: 'xinjing',
      place: 'yijing',
      title: '北门共享单车整理',
      description: '北门人行道单车乱停堵路，整理归位并联系运营公司清运坏车。',
      where: '颐景名苑北门',
      daysAgo: 1,
      outcome: 'pending',
    },
  ];
  for (const m of matters) {
    const userId = userOf.get(m.key)!;
    const actor = memberActor(m.key, m.community, ago(m.daysAgo - 0.5));
    const recorded = await record(trx, undefined, actor, {
      placeId: ctx.place(m.place).id,
      title: m.title,
      description: m.description,
      where: m.where,
      occurredOn: ago(m.daysAgo).slice(0, 10),
      beforePhotoIds: [await photo(userId, 'before')],
      afterPhotoIds: [await photo(userId, 'after')],
    });
    if (m.outcome === 'pending') continue;
    await decide(trx, undefined, staff(m.community, ago(m.daysAgo - 1)), recorded.id, 'verified', null);
    if (m.outcome === 'wall')
      await setOnWall(trx, memberActor(m.key, m.community, ago(m.daysAgo - 1)), recorded.id, true);
  }
}
