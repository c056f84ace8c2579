import type { LivingRoomFunction } from '../../../domain/organisation.js';
import type { RuleStatus, Violation } from '../../../domain/standards-rules.js';
import type { StandardId } from '../../../domain/standards.js';

/** Words for the Excel export, which has no browser to translate it (the console uses its i18n catalogue). */
export type ExportLang = 'zh-CN' | 'en';

export const EXPORT_WORDS = {
  'zh-CN': {
    sheet: '规范达标',
    headers: ['规范', '规范名称', '状态', '地点', '问题与整改'],
    status: { holds: '达标', broken: '未达标', advisory: '参考' },
    rules: {
      S1: '小区党支部应建尽建',
      S2: '业委会主任与支部书记“一肩挑”',
      S3: '党建指导员联系小区数',
      S4: '党建会客厅标准',
      S5: '楼栋党小组全覆盖',
      S6: '党员楼长先锋岗',
      S7: '大党委每季度全体会议',
    },
    none: '无',
  },
  en: {
    sheet: 'Standards',
    headers: ['Standard', 'Name', 'Status', 'Place', 'Problem and fix'],
    status: { holds: 'Holds', broken: 'Broken', advisory: 'Advisory' },
    rules: {
      S1: 'Compound branch where members live',
      S2: "Owners'-committee chair is the branch secretary",
      S3: 'Compounds per instructor',
      S4: 'Living room standard',
      S5: 'Every building in a party group',
      S6: 'Building-leader pioneer post',
      S7: 'Big committee plenary every quarter',
    },
    none: 'none',
  },
} satisfies Record<
  ExportLang,
  {
    sheet: string;
    headers: string[];
    status: Record<RuleStatus, string>;
    rules: Record<StandardId, string>;
    none: string;
  }
>;

const FUNCTIONS_ZH: Record<LivingRoomFunction, string> = {
  meet: '会邻里',
  gather: '汇活动',
  benefit: '惠生活',
  read: '慧书屋',
  showcase: '荟展示',
};

const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

/** A violation said in Chinese, from its code and parameters (the English message is the API's own). */
export function violationMessageZh(v: Pick<Violation, 'code' | 'params'>): string {
  // Every parameter as text; lists joined the Chinese way.
  const p: Record<string, string> = {};
  for (const [k, x] of Object.entries(v.params)) p[k] = Array.isArray(x) ? x.join('、') : String(x);
  switch (v.code) {
    case 'S1_NO_BRANCH':
      return `${p.place}有居住党员${p.members}名，尚未成立小区党支部：请成立小区党支部。`;
    case 'S2_CHAIR_NOT_SECRETARY':
      return `${p.place}业委会主任（${p.chair}）与支部书记（${p.secretary}）不是同一人：换届时可推动“一肩挑”。`;
    case 'S3_TOO_MANY_COMPOUNDS':
      return `党建指导员${p.instructor}联系${p.count}个小区（${p.compounds}），超过${p.max}个：请为${p.place}另派指导员。`;
    case 'S4_LIVING_ROOM_SHORT': {
      const problems: string[] = [];
      const fixes: string[] = [];
      if (p.tooSmall === '1') {
        problems.push(`面积${p.area}平方米（应不少于${p.minArea}平方米）`);
        fixes.push('另择更大场地');
      }
      if (p.noLogo === '1') {
        problems.push('没有自己的标识');
        fixes.push('设置专属标识');
      }
      const missing = list(v.params.missing).map((f) => FUNCTIONS_ZH[f as LivingRoomFunction] ?? f);
      if (missing.length > 0) {
        problems.push(`缺少“${missing.join('、')}”功能`);
        fixes.push(`补齐“${missing.join('、')}”`);
      }
      return `${p.place}的党建会客厅“${p.room}”${problems.join('，')}：请${fixes.join('，')}。`;
    }
    case 'S5_BUILDING_UNCOVERED':
      return p.ownGroup === '1'
        ? `${p.place}有居住党员${p.members}名，尚无党小组：请成立楼栋党小组。`
        : `${p.place}未被任何党小组覆盖：请纳入联合党小组。`;
    case 'S5_BUILDINGS_UNCOVERED':
      return `${p.place}有${p.count}幢楼（${p.buildings}）未被任何党小组覆盖：请成立楼栋党小组或联合党小组。`;
    case 'S5_NEEDS_OWN_GROUP':
      return `${p.place}有居住党员${p.members}名，却只在联合党小组中：请单独成立楼栋党小组。`;
    case 'S6_NO_PIONEER_POST':
      return `${p.group}（${p.place}）未设党员楼长先锋岗：请安排党员上岗。`;
    case 'S7_NO_BIG_COMMITTEE':
      return `${p.place}尚未成立社区大党委：请组建大党委。`;
    case 'S7_NO_PLENARY':
      return `${p.place}大党委尚未召开全体会议：请本季度召开。`;
    case 'S7_PLENARY_OVERDUE':
      return `${p.place}大党委上次全体会议在${p.days}天前（应不超过${p.max}天）：请召开全体会议。`;
  }
}
