import { Button, Toast } from 'antd-mobile';
import { BellOutline, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/resident/page-header.js';
import { CenteredLoading, EmptyCard, ErrorState } from '../../components/resident/states.js';
import { relativeTime } from '../../features/needs/needs-text.js';
import { useNeedSettings } from '../../features/needs/needs.queries.js';
import '../../features/needs/needs.css';
import { notificationTarget as targetOf } from '../../features/notifications/notification-target.js';
import { notificationExcerpt, notificationText } from '../../features/notifications/notification-text.js';
import {
  type NotificationView,
  useMarkAllRead,
  useMarkRead,
  useNotifications,
  useUnreadCount,
} from '../../features/notifications/notifications.queries.js';
import { errorMessage } from '../../i18n/error-message.js';
import { formatDateTime } from '../../i18n/format.js';
import { LoadMore } from '../../components/resident/load-more.js';

/** The inbox (C9): newest first, unread marked; opening one reads it and goes to its need. */
export default function InboxPage() {
  const { t, i18n } = useTranslation('notifications');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const list = useNotifications();
  const unread = useUnreadCount().data ?? 0;
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const categories = useNeedSettings().data?.categories;

  const open = (n: NotificationView) => {
    if (!n.readAt) markRead.mutate(n.id);
    const target = targetOf(n);
    if (target && 'href' in target) window.location.assign(target.href);
    else if (target) void navigate(target.to);
  };

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          unread > 0 ? (
            <Button
              size="small"
              fill="none"
              color="primary"
              loading={markAll.isPending}
              onClick={() =>
                markAll.mutate(undefined, {
                  onError: (err) => Toast.show({ content: errorMessage(err, tc, lang) }),
                })
              }
              data-testid="read-all"
            >
              {t('readAll')}
            </Button>
          ) : undefined
        }
      />
      <div className="ll-page">
        {unread > 0 && <p className="ll-muted nd-unread-line">{t('unreadCount', { count: unread })}</p>}
        {list.isPending && <CenteredLoading />}
        {list.isError && (
          <ErrorState message={errorMessage(list.error, tc, lang)} onRetry={() => void list.refetch()} />
        )}
        {list.data && items.length === 0 && <EmptyCard title={t('empty')} />}
        {items.length > 0 && (
          <ul className="nd-inbox" aria-label={t('title')}>
            {items.map((n) => {
              const excerpt = notificationExcerpt(n);
              return (
                <li key={n.id}>
                  <button
                    type="button"
                    className={n.readAt ? 'll-card nd-note' : 'll-card nd-note is-unread'}
                    onClick={() => open(n)}
                    data-testid="notification"
                    data-kind={n.kind}
                    data-need-id={n.needId ?? undefined}
                  >
                    <span
                      className={n.kind === 'need_urgent' ? 'nd-note-icon is-urgent' : 'nd-note-icon'}
                      aria-hidden
                    >
                      <BellOutline />
                    </span>
                    <span className="nd-note-body">
                      <span className="nd-note-text">
                        {!n.readAt && <span className="ll-visually-hidden">{t('unread')} </span>}
                        {notificationText(n, lang, categories)}
                      </span>
                      {excerpt && <span className="nd-note-excerpt">{excerpt}</span>}
                      <time
                        className="nd-note-time"
                        dateTime={n.createdAt}
                        title={formatDateTime(n.createdAt, lang)}
                      >
                        {relativeTime(n.createdAt, lang)}
                      </time>
                    </span>
                    {!n.readAt && <span className="nd-note-dot" aria-hidden />}
                    {targetOf(n) && <RightOutline aria-hidden className="nd-card-arrow" />}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        <LoadMore pages={list} />
      </div>
    </>
  );
}
