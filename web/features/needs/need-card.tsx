import { RightOutline } from 'antd-mobile-icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryName, relativeTime } from './needs-text.js';
import { CategoryIcon, StatusTag, UrgentTag } from './need-tags.js';
import { type NeedSummaryView, useNeedSettings } from './needs.queries.js';

/**
 * One need in a list: category, status, the words, where and when. The whole card opens the need;
 * `action` (e.g. the claim button) sits below it, outside the link.
 */
export function NeedCard({
  need,
  onOpen,
  action,
  showSlots = false,
}: {
  need: NeedSummaryView;
  onOpen: (id: string) => void;
  action?: ReactNode;
  showSlots?: boolean;
}) {
  const { t, i18n } = useTranslation('needs');
  const categories = useNeedSettings().data?.categories;
  const lang = i18n.language;
  const name = categoryName(need.category, t, lang, categories);
  return (
    <article
      className={need.urgency === 'urgent' ? 'll-card nd-card nd-card-urgent' : 'll-card nd-card'}
      data-testid="need-card"
      data-need-id={need.id}
    >
      <button type="button" className="nd-card-open" onClick={() => onOpen(need.id)}>
        <span className="nd-card-head">
          <CategoryIcon code={need.category} />
          <span className="nd-card-category">{name}</span>
          {need.urgency === 'urgent' && <UrgentTag />}
          <StatusTag status={need.status} />
        </span>
        <span className="nd-card-text">{need.description}</span>
        <span className="nd-card-meta">
          <span>{need.placeLabel}</span>
          <span>{relativeTime(need.createdAt, lang)}</span>
          {need.supporters > 0 && <span>{t('card.supporters', { count: need.supporters })}</span>}
          {need.overdue && <span className="nd-overdue">{t('card.overdue')}</span>}
        </span>
        {showSlots && (
          <span className="nd-card-slots" data-testid="need-slots">
            {t('card.slots', { claimed: need.helpersClaimed, needed: need.helpersNeeded })}
          </span>
        )}
        <RightOutline aria-hidden className="nd-card-arrow" />
      </button>
      {action && <div className="nd-card-action">{action}</div>}
    </article>
  );
}
