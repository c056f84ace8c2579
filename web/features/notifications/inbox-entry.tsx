import { BellOutline, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { UnreadBadge } from './unread-badge.js';
import { useUnreadCount } from './notifications.queries.js';
import './notifications.css';

/** The way to the inbox on the me page, with the unread count on its bell and in words. */
export function InboxEntry() {
  const { t } = useTranslation('notifications');
  const unread = useUnreadCount().data ?? 0;
  return (
    <section className="ll-card ll-settings">
      <Link className="ll-setting ll-setting-link nt-entry" to="/inbox" data-testid="me-inbox">
        <UnreadBadge>
          <BellOutline aria-hidden className="nt-entry-icon" />
        </UnreadBadge>
        <span className="ll-setting-text nt-entry-text">
          <span className="ll-setting-label">{t('meLink')}</span>
          <span className="ll-muted">
            {unread > 0 ? t('unreadCount', { count: unread }) : t('meAllRead')}
          </span>
        </span>
        <RightOutline aria-hidden />
      </Link>
    </section>
  );
}
