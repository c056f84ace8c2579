import { useTranslation } from 'react-i18next';
import { DEFAULT_CATEGORY_CODES, type NeedCategory } from '../../../domain/needs.js';

type DefaultCode = (typeof DEFAULT_CATEGORY_CODES)[number];

export function isDefaultCategory(code: string): code is DefaultCode {
  return (DEFAULT_CATEGORY_CODES as readonly string[]).includes(code);
}

/**
 * A category's name in the reader's language: the district's own name in that language when it gave
 * one, else the catalogue's for a default code, else its name in the other language, else the code.
 */
export function useCategoryName(categories: readonly NeedCategory[] | undefined): (code: string) => string {
  const { t, i18n } = useTranslation('needs');
  const en = i18n.language.startsWith('en');
  return (code) => {
    const own = categories?.find((c) => c.code === code);
    const mine = en ? own?.nameEn : own?.nameZh;
    if (mine) return mine;
    if (isDefaultCategory(code)) return t(`category.${code}`);
    return (en ? own?.nameZh : own?.nameEn) ?? code;
  };
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 hours ago" / "3小时前", from an ISO time, to the nearest whole unit. */
export function formatAge(iso: string, language: string, now = Date.now()): string {
  const ms = now - Date.parse(iso);
  const rtf = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(ms) >= size) return rtf.format(-Math.floor(ms / size), unit);
  }
  return rtf.format(0, 'minute');
}

/** Colours for statuses, kept calm: red only for what waits for someone. */
export const STATUS_COLOR: Record<string, string> = {
  posted: 'red',
  convened: 'volcano',
  claimed: 'blue',
  in_service: 'geekblue',
  done: 'gold',
  confirmed: 'green',
  cancelled: 'default',
};
