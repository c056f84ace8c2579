import type { TFunction } from 'i18next';
import { LIVING_ROOM_FUNCTIONS, type LivingRoomFunction } from '../../../domain/organisation.js';
import type { ViolationView } from './standards.queries.js';

type T = TFunction<'standards'>;

function isFunction(f: string): f is LivingRoomFunction {
  return (LIVING_ROOM_FUNCTIONS as readonly string[]).includes(f);
}

/**
 * A break said in the reader's language from its code and parameters; the API's English message
 * is the fallback for a code this build does not know yet.
 */
export function violationText(v: ViolationView, t: T): string {
  const sep = t('listSep');
  const params: Record<string, string | number> = {};
  for (const [k, x] of Object.entries(v.params)) params[k] = Array.isArray(x) ? x.join(sep) : x;
  switch (v.code) {
    case 'S4_LIVING_ROOM_SHORT': {
      const missing = (Array.isArray(v.params.missing) ? v.params.missing : [])
        .filter(isFunction)
        .map((f) => t(`fn.${f}`))
        .join(sep);
      const problems: string[] = [];
      const fixes: string[] = [];
      if (v.params.tooSmall === 1) {
        problems.push(t('v.S4_small', { area: v.params.area, min: v.params.minArea }));
        fixes.push(t('v.S4_fixSmall'));
      }
      if (v.params.noLogo === 1) {
        problems.push(t('v.S4_noLogo'));
        fixes.push(t('v.S4_fixLogo'));
      }
      if (missing) {
        problems.push(t('v.S4_missing', { functions: missing }));
        fixes.push(t('v.S4_fixMissing', { functions: missing }));
      }
      return t('v.S4_LIVING_ROOM_SHORT', {
        place: params.place,
        room: params.room,
        problems: problems.join(t('joinSep')),
        fixes: fixes.join(sep),
      });
    }
    case 'S5_BUILDING_UNCOVERED':
      return t(v.params.ownGroup === 1 ? 'v.S5_BUILDING_UNCOVERED_OWN' : 'v.S5_BUILDING_UNCOVERED', params);
    case 'S1_NO_BRANCH':
    case 'S2_CHAIR_NOT_SECRETARY':
    case 'S3_TOO_MANY_COMPOUNDS':
    case 'S5_BUILDINGS_UNCOVERED':
    case 'S5_NEEDS_OWN_GROUP':
    case 'S6_NO_PIONEER_POST':
    case 'S7_NO_BIG_COMMITTEE':
    case 'S7_NO_PLENARY':
    case 'S7_PLENARY_OVERDUE':
      return t(`v.${v.code}`, params);
    default:
      return v.message;
  }
}
