import i18n, { type TFunction } from 'i18next';
import { ApiError } from '../../api/client.js';
import { DEFAULT_CATEGORY_CODES } from '../../../domain/needs.js';
import { errorMessage } from '../../i18n/error-message.js';
import needsZhCN from '../../i18n/needs.zh-CN.json' with { type: 'json' };

type NeedsT = TFunction<'needs'>;

export interface CategoryLike {
  code: string;
  nameZh?: string | undefined;
  nameEn?: string | undefined;
}

function isDefaultCode(code: string): code is (typeof DEFAULT_CATEGORY_CODES)[number] {
  return (DEFAULT_CATEGORY_CODES as readonly string[]).includes(code);
}

/** A category's name: the catalogue's for the default eight, the district's own otherwise. */
export function categoryName(
  code: string,
  t: NeedsT,
  language: string,
  categories: readonly CategoryLike[] = [],
): string {
  const own = categories.find((c) => c.code === code);
  const named = language.startsWith('en') ? (own?.nameEn ?? own?.nameZh) : (own?.nameZh ?? own?.nameEn);
  if (named) return named;
  if (isDefaultCode(code)) return t(`category.${code}`);
  return code;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 分钟前" / "3 minutes ago"; "刚刚" / "just now" under a minute. */
export function relativeTime(iso: string, language: string, now = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const seconds = Math.round((at - now) / 1000);
  const fmt = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return fmt.format(Math.trunc(seconds / size), unit);
  }
  return i18n.t('time.justNow', { ns: 'needs', lng: language });
}

type ErrorCode = keyof (typeof needsZhCN)['errors'];

/** A failure in the reader's words; the needs codes are worded by this namespace. */
export function needErrorMessage(err: unknown, t: NeedsT, tc: TFunction, language: string): string {
  if (err instanceof ApiError && Object.hasOwn(needsZhCN.errors, err.code) && !language.startsWith('en')) {
    return t(`errors.${err.code as ErrorCode}`);
  }
  return errorMessage(err, tc, language);
}
