import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../auth/auth.queries.js';
import { notificationExcerpt, notificationText } from '../notifications/notification-text.js';
import { formatAge } from './need-words.js';
import { useNeedSettings } from './needboard.queries.js';
import {
  type NotificationView,
  useLatestNotifications,
  useLiveEvents,
  useMarkAllRead,
  useMarkRead,
  useUnreadCount,
} from './notifications.queries.js';
import './needboard.css';

/**
 * Where a notification opens in the console: a need opens the board with its drawer; a link into the
 * console (/console/…) opens there; links into the resident app have no console page.
 */
function consolePath(n: NotificationView): string | null {
  if (n.needId) return `/needs/${n.needId}`;
  if (n.link?.startsWith('/console/')) return n.link.slice('/console'.length);
  return null;
}

/** The bell in the console header: unread count, live; the latest few, each opening its need. */
export function NotificationBell() {
  const { t, i18n } = useTranslation('needboard');
  const { t: tx } = useTranslation('notifications');
  const navigate = useNavigate();
  const { notification } = App.useApp();
  const me = useMe().data;
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const latest = useLatestNotifications(open);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const count = unread.data ?? 0;

  const categories = useNeedSettings(me?.roles.find((r) => r.placeId)?.placeId ?? null).data?.categories;
  const text = (n: NotificationView) => notificationText(n, i18n.language, categories);
  useLiveEvents((n) => {
    if (n.kind !== 'need_urgent') return;
    notification.warning({
      key: n.id,
      message: text(n),
      description: notificationExcerpt(n),
      placement: 'topRight',
      duration: 8,
      onClick: () => openOne(n),
    });
  });

  const openOne = (n: NotificationView) => {
    if (!n.readAt) markRead.mutate(n.id);
    const path = consolePath(n);
    setOpen(false);
    if (path) void navigate(path);
  };

  const panel = (
    <div className="nb-bell-panel" data-testid="bell-panel">
      <div className="nb-bell-head">
        <Typography.Text strong>{tx('title')}</Typography.Text>
        {count > 0 && (
          <Button size="small" type="link" onClick={() => markAll.mutate()} loading={markAll.isPending}>
            {tx('readAll')}
          </Button>
        )}
      </div>
      <List
        size="small"
        loading={latest.isPending}
        dataSource={latest.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx('empty')} /> }}
        renderItem={(n) => (
          <List.Item
            className={`nb-bell-item${n.readAt ? '' : ' is-unread'}`}
            onClick={() => openOne(n)}
            data-testid="bell-item"
          >
            <div className="nb-bell-item-body">
              <Space size={6} align="start">
                {!n.readAt && <span className="nb-bell-dot" aria-label={tx('unread')} />}
                <span className={n.kind === 'need_urgent' ? 'nb-bell-urgent' : ''}>{text(n)}</span>
              </Space>
              {notificationExcerpt(n) && (
                <Typography.Text type="secondary" ellipsis className="nb-bell-excerpt">
                  {notificationExcerpt(n)}
                </Typography.Text>
              )}
              <Typography.Text type="secondary" className="nb-bell-age">
                {formatAge(n.createdAt, i18n.language)}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
      <div className="nb-bell-foot">
        <Button
          size="small"
          type="link"
          onClick={() => {
            setOpen(false);
            void navigate('/needs');
          }}
        >
          {t('bell.board')}
        </Button>
      </div>
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      content={panel}
      arrow={false}
    >
      <Button
        type="text"
        className="nb-bell"
        aria-label={count > 0 ? tx('unreadCount', { count }) : tx('title')}
        data-testid="notification-bell"
      >
        <Badge count={count} size="small" overflowCount={99}>
          <BellOutlined className="nb-bell-icon" />
        </Badge>
      </Button>
    </Popover>
  );
}
