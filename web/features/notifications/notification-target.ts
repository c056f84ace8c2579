import type { NotificationView } from './notifications.queries.js';

/** Where a notification opens in the resident app: a path inside it, or a page of the console. */
export type NotificationTarget = { to: string } | { href: string };

/**
 * The server's links for whistle and report name the member pages as /members/… and /whistles/…;
 * the resident app has them under /member/… (one page per list, no page per item).
 */
const MEMBER_PAGES: [prefix: string, page: string][] = [
  ['/members/reports', '/member/report-in'],
  ['/members/posts', '/member/posts'],
  ['/members/small-matters', '/member/small-matters'],
  ['/whistles', '/member/whistles'],
];

function isLocal(link: string | null): link is string {
  return link !== null && link.startsWith('/') && !link.startsWith('//');
}

/**
 * Where a notification opens: a follow-up opens the follow-ups list (where it can be closed); a link
 * into the console opens the console (staff); a member link its page; otherwise the link or the need.
 */
export function notificationTarget(
  n: Pick<NotificationView, 'kind' | 'link' | 'needId'>,
): NotificationTarget | null {
  if (n.kind === 'follow_up_scheduled' || n.kind === 'follow_up_due') return { to: '/needs/follow-ups' };
  if (isLocal(n.link)) {
    if (n.link === '/console' || n.link.startsWith('/console/')) return { href: n.link };
    const page = MEMBER_PAGES.find(([prefix]) => n.link === prefix || n.link?.startsWith(`${prefix}/`));
    if (page) return { to: page[1] };
    return { to: n.link };
  }
  return n.needId ? { to: `/needs/${encodeURIComponent(n.needId)}` } : null;
}
