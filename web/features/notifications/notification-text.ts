import i18n from 'i18next';
import type { NotificationView } from './notifications.queries.js';
import { type CategoryLike, categoryName } from '../needs/needs-text.js';

/** Namespaces that word notification kinds under `notification.<kind>` (needs; whistle and report). */
const WORDING_NAMESPACES = ['needs', 'members'] as const;

/** i18next's t without the compile-time key check: the key is built from a kind the server sent. */
type LooseT = (key: string, options: Record<string, unknown>) => string;

/**
 * A notification in the reader's words, from its kind and params. Params name the category by its
 * code; it is worded here so the sentence reads in one language. A kind no catalogue words yet
 * (a newer server) still shows as "a new message".
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
  return ns ? t(key, { ...n.params, category, ns }) : t('other', { ns: 'notifications' });
}

/** A short excerpt of what a notification is about, when the server sent one. */
export function notificationExcerpt(n: Pick<NotificationView, 'params'>): string | null {
  const text = n.params.description ?? n.params.excerpt ?? n.params.note ?? n.params.title ?? null;
  return typeof text === 'string' && text.trim() ? text : null;
}
