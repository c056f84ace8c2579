import type { NEED_EVENT_KINDS } from '../../../domain/contracts/needs.js';
import type { NeedCategory } from '../../../domain/needs.js';

/**
 * The words Open311 clients read: service names of the default categories, the service definition's
 * attributes, notes on the timeline. The web app words the same things from its catalogues; a partner
 * app has no catalogue, so the server names them, in zh-CN by default or in English.
 */

export type GeoLocale = 'zh-CN' | 'en';

type Words = Record<GeoLocale, string>;
type NeedEventKind = (typeof NEED_EVENT_KINDS)[number];

interface CategoryWords {
  name: Words;
  description: Words;
  group: Words;
  keywords: Words;
}

const DAILY: Words = { 'zh-CN': '生活服务', en: 'Daily help' };
const SURROUNDINGS: Words = { 'zh-CN': '环境设施', en: 'Environment and facilities' };
const MEDIATION: Words = { 'zh-CN': '协调咨询', en: 'Mediation and advice' };

const CATEGORIES: Record<string, CategoryWords> = {
  appliance_repair: {
    name: { 'zh-CN': '家电维修', en: 'Appliance repair' },
    description: {
      'zh-CN': '冰箱、洗衣机、电视等家用电器的维修。',
      en: 'Repairing fridges, washing machines, TVs and other household appliances.',
    },
    group: DAILY,
    keywords: { 'zh-CN': '家电, 维修, 冰箱, 洗衣机', en: 'appliance, repair, fridge, washing machine' },
  },
  health: {
    name: { 'zh-CN': '健康求助', en: 'Health' },
    description: {
      'zh-CN': '身体不适、用药、陪同就医等求助。',
      en: 'Feeling unwell, medicines, going to the doctor with someone.',
    },
    group: DAILY,
    keywords: { 'zh-CN': '健康, 发烧, 就医, 药品', en: 'health, fever, doctor, medicine' },
  },
  elderly_help: {
    name: { 'zh-CN': '助老服务', en: 'Help for the elderly' },
    description: {
      'zh-CN': '为老人代购、陪伴、上门帮忙。',
      en: 'Shopping, company and help at home for older neighbours.',
    },
    group: DAILY,
    keywords: { 'zh-CN': '老人, 助老, 代购, 陪伴', en: 'elderly, shopping, company' },
  },
  environment: {
    name: { 'zh-CN': '环境卫生', en: 'Environment' },
    description: {
      'zh-CN': '垃圾、卫生、绿化等环境问题。',
      en: 'Rubbish, cleanliness, greenery and other problems with the surroundings.',
    },
    group: SURROUNDINGS,
    keywords: { 'zh-CN': '垃圾, 卫生, 绿化', en: 'rubbish, litter, cleaning, greenery' },
  },
  facilities: {
    name: { 'zh-CN': '设施报修', en: 'Facilities' },
    description: {
      'zh-CN': '楼道灯、电梯、门禁、管道等公共设施损坏。',
      en: 'Broken stairwell lights, lifts, entry doors, pipes and other shared facilities.',
    },
    group: SURROUNDINGS,
    keywords: { 'zh-CN': '路灯, 电梯, 门禁, 管道', en: 'light, lift, door, pipe' },
  },
  neighbour_dispute: {
    name: { 'zh-CN': '邻里纠纷', en: 'Neighbour disputes' },
    description: {
      'zh-CN': '噪音、漏水、占道等邻里矛盾的调解。',
      en: 'Mediation of noise, leaks, blocked passages and other disagreements between neighbours.',
    },
    group: MEDIATION,
    keywords: { 'zh-CN': '纠纷, 调解, 噪音, 漏水', en: 'dispute, mediation, noise, leak' },
  },
  policy_question: {
    name: { 'zh-CN': '政策咨询', en: 'Policy questions' },
    description: {
      'zh-CN': '社保、补贴、证件办理等政策问题。',
      en: 'Questions about social insurance, subsidies, documents and other policies.',
    },
    group: MEDIATION,
    keywords: { 'zh-CN': '政策, 咨询, 补贴, 社保', en: 'policy, advice, subsidy, insurance' },
  },
  other: {
    name: { 'zh-CN': '其他', en: 'Other' },
    description: { 'zh-CN': '其他需要邻里帮忙的事。', en: 'Anything else the neighbourhood can help with.' },
    group: { 'zh-CN': '其他', en: 'Other' },
    keywords: { 'zh-CN': '其他', en: 'other' },
  },
};

const OWN_GROUP: Words = { 'zh-CN': '本区需求', en: "The district's own" };

export interface ServiceWords {
  name: string;
  description: string;
  group: string;
  keywords: string;
}

/** A category as a service: the table's words for a default code, the district's names for its own. */
export function serviceWords(category: NeedCategory, locale: GeoLocale): ServiceWords {
  const known = CATEGORIES[category.code];
  const own = locale === 'en' ? (category.nameEn ?? category.nameZh) : (category.nameZh ?? category.nameEn);
  const name = own ?? known?.name[locale] ?? category.code;
  return {
    name,
    description: known?.description[locale] ?? name,
    group: known?.group[locale] ?? OWN_GROUP[locale],
    keywords: known?.keywords[locale] ?? name,
  };
}

export const ATTRIBUTE_WORDS = {
  urgency: {
    description: {
      'zh-CN': '紧急程度：紧急求助会立即通知楼栋长、楼栋党小组和中心户。',
      en: 'Urgency: an urgent request alerts the building leader, building group and central households at once.',
    },
    normal: { 'zh-CN': '一般', en: 'Normal' },
    urgent: { 'zh-CN': '紧急', en: 'Urgent' },
  },
  quantity: {
    description: { 'zh-CN': '数量，例如“43 台家电”。', en: 'How many, e.g. "43 appliances".' },
    datatype: { 'zh-CN': '1 到 10000 的整数', en: 'A whole number from 1 to 10,000' },
  },
} as const;

export function serviceNotice(communityName: string, locale: GeoLocale): string {
  return locale === 'en'
    ? `Received by ${communityName}. The building's leader and volunteers see it first; community staff follow it up.`
    : `${communityName}已收到。楼栋长和楼栋志愿者会先看到，社区工作人员负责跟进。`;
}

/** Timeline kinds that are staff's own business and never leave the platform. */
export const INTERNAL_EVENT_KINDS: readonly NeedEventKind[] = [
  'contact_revealed',
  'follow_up_scheduled',
  'follow_up_done',
];

const EVENT_WORDS: Record<NeedEventKind, Words> = {
  posted: { 'zh-CN': '已提交', en: 'Submitted' },
  supported: { 'zh-CN': '又有邻居遇到同样的问题', en: 'Another neighbour has the same problem' },
  convened: { 'zh-CN': '社区已召集志愿者', en: 'The community called for volunteers' },
  assigned: { 'zh-CN': '社区已指派志愿者', en: 'The community assigned a volunteer' },
  claimed: { 'zh-CN': '志愿者已认领', en: 'A volunteer took it on' },
  unclaimed: { 'zh-CN': '一位志愿者退出了认领', en: 'A volunteer withdrew' },
  logged: { 'zh-CN': '志愿者正在服务', en: 'Volunteers are working on it' },
  done: { 'zh-CN': '服务已完成，等待确认', en: 'Done; waiting for confirmation' },
  confirmed: { 'zh-CN': '居民已确认解决', en: 'Confirmed as solved' },
  auto_confirmed: { 'zh-CN': '逾期未答复，已自动确认', en: 'Confirmed automatically' },
  reopened: { 'zh-CN': '居民反馈未解决，已重新打开', en: 'Reopened: not solved yet' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
  escalated: { 'zh-CN': '无人认领，已逐级上报（吹哨）', en: 'Unclaimed, so passed further up (the whistle)' },
  follow_up_scheduled: { 'zh-CN': '已安排回访', en: 'Follow-up scheduled' },
  follow_up_done: { 'zh-CN': '已回访', en: 'Followed up' },
  contact_revealed: { 'zh-CN': '联系方式已查看', en: 'Contact viewed' },
};

export function eventNote(kind: string, locale: GeoLocale): string {
  return EVENT_WORDS[kind as NeedEventKind]?.[locale] ?? kind;
}

/** Pick zh-CN or English from `locale` (ours) or Accept-Language; zh-CN when neither says English. */
export function localeOf(explicit: string | undefined, acceptLanguage: string | undefined): GeoLocale {
  const pick = (tag: string) => (tag.toLowerCase().startsWith('en') ? 'en' : 'zh-CN');
  if (explicit) return pick(explicit);
  if (!acceptLanguage) return 'zh-CN';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((l) => /^(en|zh)\b/i.test(l.tag) && l.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked[0] ? pick(ranked[0].tag) : 'zh-CN';
}
