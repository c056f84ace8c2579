import { newId } from '../lib/ids.js';
import type { DemoContext } from './demo.js';

/** A date `days` before the seeding time, as YYYY-MM-DD. */
function daysBefore(at: string, days: number): string {
  return new Date(Date.parse(at) - days * 86_400_000).toISOString().slice(0, 10);
}

interface DemoUnit {
  name: string;
  kind: 'government' | 'school' | 'hospital';
  contactName: string;
  contactPhone: string;
  address: string;
  partyOrg: string;
  description: string;
  /** Place keys it pairs with, with how long ago the pairing began (days) and a note. */
  pairings: { place: string; daysAgo: number; note: string }[];
  offers: {
    kind: 'venue' | 'resources' | 'training' | 'guidance' | 'volunteers';
    title: string;
    description: string;
    capacity?: string;
  }[];
  contributions: {
    place: string;
    daysAgo: number;
    title: string;
    description: string;
    outcome: string;
    peopleCount: number;
    hours: number;
  }[];
  /** Demo log-ins that speak for the unit. */
  contacts?: string[];
}

/** The partner units of the source report (SPEC.md §1 stories 1 and 2, §6). */
const UNITS: DemoUnit[] = [
  {
    name: '台州职业技术学院',
    kind: 'school',
    contactName: '王志远',
    contactPhone: '13957600101',
    address: '椒江区学院路788号',
    partyOrg: '台州职业技术学院机电工程学院党总支',
    description: '高职院校，电气、机电专业师生常年开展进社区志愿服务。',
    pairings: [{ place: 'xinjing', daysAgo: 420, note: '校社共建：志愿服务、技能培训进社区' }],
    offers: [
      {
        kind: 'volunteers',
        title: '家电维修志愿服务队',
        description: '电气专业学生在老师带领下上门维修冰箱、洗衣机、电饭煲等家电。',
        capacity: '每次10–15名学生',
      },
      {
        kind: 'training',
        title: '居民用电安全与智能手机课堂',
        description: '面向老年居民的用电安全、防诈骗和智能手机使用培训。',
        capacity: '每期40人',
      },
    ],
    contributions: [
      {
        place: 'yijing',
        daysAgo: 35,
        title: '电气专业学生上门维修家电',
        description: '社区召集后，11名电气专业学生走进颐景名苑，逐户上门维修家电。',
        outcome: '上门维修家电43件，居民满意',
        peopleCount: 11,
        hours: 44,
      },
      {
        place: 'xinjing',
        daysAgo: 90,
        title: '老年人智能手机课堂',
        description: '在新景社区党群服务中心开设两期智能手机课堂。',
        outcome: '62位老人学会视频通话和线上挂号',
        peopleCount: 6,
        hours: 24,
      },
    ],
    contacts: ['partner'],
  },
  {
    name: '椒江区社区卫生服务中心',
    kind: 'hospital',
    contactName: '陈医生',
    contactPhone: '13957600102',
    address: '椒江区东山路12号',
    partyOrg: '椒江区社区卫生服务中心党支部',
    description: '提供家庭医生签约、慢病管理和远程问诊的基层医疗机构。',
    pairings: [
      { place: 'dongshan', daysAgo: 600, note: '家庭医生团队包干东山社区' },
      { place: 'xinjing', daysAgo: 300, note: '居家隔离期间远程问诊支持' },
    ],
    offers: [
      {
        kind: 'guidance',
        title: '家庭医生健康咨询',
        description: '家庭医生签约、慢病随访和用药指导。',
        capacity: '每周二、周四下午',
      },
      {
        kind: 'guidance',
        title: '远程视频问诊',
        description: '居家隔离或行动不便的居民可通过视频向医生问诊。',
      },
    ],
    contributions: [
      {
        place: 'yunjian',
        daysAgo: 50,
        title: '健康义诊进小区',
        description: '在云间小区党建会客厅开展血压、血糖免费检测。',
        outcome: '为82位居民检测并建立随访名单',
        peopleCount: 6,
        hours: 18,
      },
    ],
  },
  {
    name: '椒江区综合行政执法局',
    kind: 'government',
    contactName: '李科长',
    contactPhone: '13957600103',
    address: '椒江区市府大道350号',
    partyOrg: '椒江区综合行政执法局机关党委',
    description: '负责市容环境、违规搭建和占道经营等综合执法。',
    pairings: [{ place: 'haimen-centre', daysAgo: 240, note: '商务中心楼道与周边秩序整治结对' }],
    offers: [
      {
        kind: 'guidance',
        title: '市容秩序与违规搭建整治指导',
        description: '对楼道堆物、违规搭建、占道经营提供整治方案与执法支持。',
      },
    ],
    contributions: [
      {
        place: 'haimen-centre',
        daysAgo: 120,
        title: '商务中心周边占道经营整治',
        description: '联合物业清理楼道堆物和门前占道经营。',
        outcome: '清理堆物30余处，通道恢复畅通',
        peopleCount: 5,
        hours: 20,
      },
    ],
  },
  {
    name: '椒江区市场监督管理局',
    kind: 'government',
    contactName: '赵主任',
    contactPhone: '13957600104',
    address: '椒江区市府大道358号',
    partyOrg: '椒江区市场监督管理局机关党委',
    description: '负责市场主体登记、经营规范和消费维权。',
    pairings: [{ place: 'haimen-centre', daysAgo: 240, note: '助力商务中心提档升级' }],
    offers: [
      {
        kind: 'guidance',
        title: '商户经营规范指导',
        description: '为入驻商户提供证照办理、经营规范和消费维权指导。',
      },
      {
        kind: 'venue',
        title: '市场监管所会议室',
        description: '可供社区议事、商户培训使用。',
        capacity: '30人',
      },
    ],
    contributions: [
      {
        place: 'haimen-centre',
        daysAgo: 100,
        title: '商务中心楼道改造与经营秩序提升',
        description: '与综合行政执法局一起改善楼道环境、规范经营秩序。',
        outcome: '楼道环境明显改善，入驻率提升20%',
        peopleCount: 8,
        hours: 64,
      },
    ],
  },
];

/**
 * The demo's partner units, their pairings, offers and contributions, the `partner` account as the
 * college's contact, and a seat for each unit on the big committee of every community it pairs with
 * (when demo-organisation.ts has created that committee).
 */
export async function seedDemoPartners(ctx: DemoContext): Promise<void> {
  const { trx, at } = ctx;
  const district = ctx.place('jiaojiang');
  for (const u of UNITS) {
    const unitId = newId();
    await trx
      .insertInto('partner_units')
      .values({
        id: unitId,
        district_id: district.id,
        name: u.name,
        kind: u.kind,
        contact_name: u.contactName,
        contact_phone: u.contactPhone,
        address: u.address,
        party_org: u.partyOrg,
        description: u.description,
        created_at: at,
        updated_at: at,
        archived_at: null,
      })
      .execute();
    for (const login of u.contacts ?? []) {
      await trx
        .insertInto('partner_unit_contacts')
        .values({ partner_unit_id: unitId, user_id: ctx.user(login) })
        .execute();
    }
    const communities = new Set<string>();
    for (const p of u.pairings) {
      const place = ctx.place(p.place);
      const communityId = place.kind === 'community' ? place.id : place.community_id;
      if (communityId) communities.add(communityId);
      await trx
        .insertInto('pairings')
        .values({
          id: newId(),
          partner_unit_id: unitId,
          place_id: place.id,
          community_id: communityId,
          note: p.note,
          started_on: daysBefore(at, p.daysAgo),
          ended_on: null,
          created_at: at,
        })
        .execute();
    }
    for (const o of u.offers) {
      await trx
        .insertInto('partner_offers')
        .values({
          id: newId(),
          partner_unit_id: unitId,
          kind: o.kind,
          title: o.title,
          description: o.description,
          capacity: o.capacity ?? null,
          created_at: at,
          archived_at: null,
        })
        .execute();
    }
    for (const c of u.contributions) {
      const place = ctx.place(c.place);
      await trx
        .insertInto('partner_contributions')
        .values({
          id: newId(),
          partner_unit_id: unitId,
          place_id: place.id,
          community_id: place.community_id,
          occurred_on: daysBefore(at, c.daysAgo),
          title: c.title,
          description: c.description,
          outcome: c.outcome,
          people_count: c.peopleCount,
          hours: c.hours,
          created_by: null,
          created_at: at,
        })
        .execute();
    }
    // Member seats on the big committees (四级组织 level 1) of the communities the unit pairs with.
    for (const communityId of communities) {
      const committee = await trx
        .selectFrom('organisations')
        .select(['id'])
        .where('kind', '=', 'big_committee')
        .where('community_id', '=', communityId)
        .where('dissolved_at', 'is', null)
        .executeTakeFirst();
      if (!committee) continue;
      await trx
        .insertInto('positions')
        .values({
          id: newId(),
          organisation_id: committee.id,
          community_id: communityId,
          title: 'partner_seat',
          person_id: null,
          partner_unit_id: unitId,
          started_at: at,
          ended_at: null,
        })
        .execute();
    }
  }
}
