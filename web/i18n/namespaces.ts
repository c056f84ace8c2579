import en from './en.json' with { type: 'json' };
import zhCN from './zh-CN.json' with { type: 'json' };
import partnersEn from './partners.en.json' with { type: 'json' };
import partnersZhCN from './partners.zh-CN.json' with { type: 'json' };
import lightingEn from './lighting.en.json' with { type: 'json' };
import lightingZhCN from './lighting.zh-CN.json' with { type: 'json' };
import organisationEn from './organisation.en.json' with { type: 'json' };
import organisationZhCN from './organisation.zh-CN.json' with { type: 'json' };
import standardsEn from './standards.en.json' with { type: 'json' };
import standardsZhCN from './standards.zh-CN.json' with { type: 'json' };
import rostersEn from './rosters.en.json' with { type: 'json' };
import rostersZhCN from './rosters.zh-CN.json' with { type: 'json' };
import needsEn from './needs.en.json' with { type: 'json' };
import needsZhCN from './needs.zh-CN.json' with { type: 'json' };
import notificationsEn from './notifications.en.json' with { type: 'json' };
import notificationsZhCN from './notifications.zh-CN.json' with { type: 'json' };
import membersEn from './members.en.json' with { type: 'json' };
import membersZhCN from './members.zh-CN.json' with { type: 'json' };
import needboardEn from './needboard.en.json' with { type: 'json' };
import needboardZhCN from './needboard.zh-CN.json' with { type: 'json' };

/**
 * Every catalogue, by i18next namespace. `translation` holds the shells and the foundation; each
 * later feature adds its own pair of files (`<feature>.zh-CN.json`, `<feature>.en.json`) and one
 * entry here, and uses `useTranslation('<feature>')`.
 */
export const NAMESPACES = {
  translation: { 'zh-CN': zhCN, en },
  partners: { 'zh-CN': partnersZhCN, en: partnersEn },
  lighting: { 'zh-CN': lightingZhCN, en: lightingEn },
  organisation: { 'zh-CN': organisationZhCN, en: organisationEn },
  standards: { 'zh-CN': standardsZhCN, en: standardsEn },
  rosters: { 'zh-CN': rostersZhCN, en: rostersEn },
  needs: { 'zh-CN': needsZhCN, en: needsEn },
  notifications: { 'zh-CN': notificationsZhCN, en: notificationsEn },
  members: { 'zh-CN': membersZhCN, en: membersEn },
  needboard: { 'zh-CN': needboardZhCN, en: needboardEn },
} as const;

export type Namespace = keyof typeof NAMESPACES;
