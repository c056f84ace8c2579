import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from '../../../domain/contracts/notifications.js';
import { NAMESPACES } from '../../i18n/namespaces.js';
import { notificationTarget } from './notification-target.js';
import { notificationExcerpt, notificationText } from './notification-text.js';

beforeAll(async () => {
  await i18n.init({
    resources: Object.fromEntries(
      (['zh-CN', 'en'] as const).map((lang) => [
        lang,
        Object.fromEntries(Object.entries(NAMESPACES).map(([ns, c]) => [ns, c[lang]])),
      ]),
    ),
    ns: Object.keys(NAMESPACES),
    defaultNS: 'translation',
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
});

describe('notificationText', () => {
  it.each(['zh-CN', 'en'])('words every kind in %s (none falls back to "a new message")', (lang) => {
    const other = i18n.getFixedT(lang, 'notifications')('other');
    const missing = NOTIFICATION_KINDS.filter(
      (kind) => notificationText({ kind, params: {} }, lang) === other,
    );
    expect(missing).toEqual([]);
  });

  it('picks the sentence for a decision, and keeps the place of a param', () => {
    const n = { kind: 'post_decided' as const, params: { decision: 'approved', post: '安全巡查' } };
    expect(notificationText(n, 'zh-CN')).toBe('您已上岗：安全巡查');
    expect(notificationText({ ...n, params: { ...n.params, decision: 'rejected' } }, 'en')).toBe(
      'Your claim on a post was not approved: 安全巡查',
    );
    expect(
      notificationText(
        { kind: 'small_matter_decided', params: { decision: 'queried', title: '绿化带' } },
        'en',
      ),
    ).toBe('Your small matter needs more detail: 绿化带');
  });

  it('formats a date param for the reader instead of showing ISO', () => {
    const text = notificationText(
      {
        kind: 'whistle_blown',
        params: {
          title: '清理积水',
          place: '颐景名苑',
          arriveBy: '2026-11-30T02:00:00.000Z',
          peopleNeeded: 5,
        },
      },
      'en',
    );
    expect(text).toContain('清理积水');
    expect(text).toContain('5 needed');
    expect(text).not.toContain('2026-11-30T02');
  });

  it('shows a reason as the excerpt, not the title the sentence already has', () => {
    expect(notificationExcerpt({ params: { title: '绿化带', reason: '请补一张照片' } })).toBe('请补一张照片');
    expect(notificationExcerpt({ params: { title: '绿化带' } })).toBeNull();
  });
});

describe('notificationTarget', () => {
  it('opens follow-ups on their list, member links on the member pages, console links in the console', () => {
    expect(notificationTarget({ kind: 'follow_up_due', link: '/needs/n1', needId: 'n1' })).toEqual({
      to: '/needs/follow-ups',
    });
    expect(notificationTarget({ kind: 'post_decided', link: '/members/posts', needId: null })).toEqual({
      to: '/member/posts',
    });
    expect(
      notificationTarget({ kind: 'report_in_decided', link: '/members/reports/r1', needId: null }),
    ).toEqual({ to: '/member/report-in' });
    expect(notificationTarget({ kind: 'whistle_blown', link: '/whistles/w1', needId: 'n1' })).toEqual({
      to: '/member/whistles',
    });
    expect(
      notificationTarget({ kind: 'post_claimed', link: '/console/members/posts', needId: null }),
    ).toEqual({ href: '/console/members/posts' });
    expect(notificationTarget({ kind: 'need_claimed', link: null, needId: 'n2' })).toEqual({
      to: '/needs/n2',
    });
    expect(notificationTarget({ kind: 'need_claimed', link: '//evil.example', needId: null })).toBeNull();
  });
});
