import i18n from 'i18next';
import type { NotificationView } from './notifications.queries.js';
import { type CategoryLike, categoryName } from '../needs/needs-text.js';
import { formatDateTime } from '../../i18n/format.js';

/** Namespaces that word notification kinds under `notification.<kind>` (needs; whistle and report). */
const WORDING_NAMESPACES = ['needs', 'members'] as const;

/** Params that carry a date and time (ISO), worded in the reader's language and time zone. */
const DATE_PARAMS = ['arriveBy', 'dueAt'] as const;

/** i18next's t without the compile-time key check: the key is built from a kind the server sent. */
type LooseT = (key: string, options: Record<string, unknown>) => string;

/**
 * A notification in the reader's words, from its kind and params. Params name the category by its
 * code; it is worded here so the sentence reads in one language. Dates are formatted for the reader;
 * a `decision` param picks the sentence for that outcome (i18next context, e.g.
 * `notification.post_decided_approved`). A kind no catalogue words yet (a newer server) still shows
 * as "a new message".
 */
export function notificationText(
  n: Pick<NotificationView, 'kind' | 'params'>,
  language: string,
  categories: readonly CategoryLike[] = [],
): string {
  const t = i18n.getFixedT(language) as unknown as LooseT;
  const code = typeof n.params.category === 'string' ? n.params.category : '';
  const category = code
    ? categoryName(code, i18n.getFixedT(language, 'needs'), language, categories)
    : t('nav', { ns: 'needs' });
  const key = `notification.${n.kind}`;
  const ns = WORDING_NAMESPACES.find((x) => i18n.exists(key, { ns: x, lng: language }));
  if (!ns) return t('other', { ns: 'notifications' });
  const params: Record<string, unknown> = { ...n.params, category, ns };
  for (const k of DATE_PARAMS) {
    const v = n.params[k];
    if (typeof v === 'string') params[k] = formatDateTime(v, language);
  }
  if (typeof n.params.decision === 'string') params.context = n.params.decision;
  return t(key, params);
}

/**
 * A short excerpt of what a notification is about, when the server sent one: the reason for a decision
 * (a returned report-in, a queried small matter), else the need's words or the note. A title is already
 * in the sentence, so it is not repeated.
 */
export function notificationExcerpt(n: Pick<NotificationView, 'params'>): string | null {
  const text = n.params.reason ?? n.params.description ?? n.params.excerpt ?? n.params.note ?? null;
  return typeof text === 'string' && text.trim() ? text : null;
}
