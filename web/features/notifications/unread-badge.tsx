import { Badge } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useUnreadCount } from './notifications.queries.js';

/** The unread count on an icon (the inbox tab, the me page); nothing when all is read. */
export function UnreadBadge({ children }: { children: ReactNode }) {
  const unread = useUnreadCount().data ?? 0;
  return (
    <Badge content={unread > 0 ? (unread > 99 ? '99+' : String(unread)) : null} data-testid="unread-badge">
      {children}
    </Badge>
  );
}
