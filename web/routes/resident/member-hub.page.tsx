import {
  EditSOutline,
  FileOutline,
  FlagOutline,
  LikeOutline,
  PicturesOutline,
  RightOutline,
  SoundOutline,
} from 'antd-mobile-icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/resident/page-header.js';
import { CenteredLoading } from '../../components/resident/states.js';
import { useHomeCommunities } from '../../features/members/home-communities.js';
import {
  currentReport,
  useMyReports,
  useMySmallMatters,
  useMyWhistles,
} from '../../features/members/members.queries.js';
import { ResidentCounts } from '../../features/members/resident-counts.js';
import '../../features/members/members.css';

interface Entry {
  to: string;
  icon: ReactNode;
  title: string;
  sub?: string | undefined;
  alert?: string | undefined;
  testId: string;
}

/** The in-service member's corner: her report-in, posts, whistles, small matters and record. */
export default function MemberHubPage() {
  const { t } = useTranslation('members');
  const navigate = useNavigate();
  const reports = useMyReports();
  const whistles = useMyWhistles();
  const matters = useMySmallMatters();
  const { communities } = useHomeCommunities();
  const report = currentReport(reports.data);
  const approved = report?.status === 'approved';
  const waiting = (whistles.data ?? []).filter(
    (w) => w.status === 'open' && w.myCall && w.myCall.doneAt === null && w.myCall.answer !== 'cannot',
  ).length;
  const community = report?.community ?? communities[0] ?? null;

  const entries: Entry[] = [
    {
      to: '/member/report-in',
      icon: <EditSOutline />,
      title: t('resident.entryReport'),
      sub: report
        ? `${report.community.name} · ${t(`reportStatus.${report.status}`)}`
        : t('resident.shortcutNotReported'),
      alert: report?.confirmDue ? t('resident.report.confirmOverdue') : undefined,
      testId: 'entry-report',
    },
    {
      to: '/member/posts',
      icon: <FlagOutline />,
      title: t('resident.entryPosts'),
      sub: approved ? undefined : t('resident.posts.reportFirst'),
      testId: 'entry-posts',
    },
    {
      to: '/member/whistles',
      icon: <SoundOutline />,
      title: t('resident.entryWhistles'),
      alert: waiting > 0 ? t('resident.openWhistles', { n: waiting }) : undefined,
      testId: 'entry-whistles',
    },
    {
      to: '/member/small-matters',
      icon: <LikeOutline />,
      title: t('resident.entryMatters'),
      sub:
        matters.data && matters.data.length > 0
          ? t('resident.matters.count', { n: matters.data.length })
          : undefined,
      testId: 'entry-matters',
    },
    { to: '/member/record', icon: <FileOutline />, title: t('resident.entryRecord'), testId: 'entry-record' },
    {
      to: community ? `/wall?community=${encodeURIComponent(community.id)}` : '/wall',
      icon: <PicturesOutline />,
      title: t('resident.entryWall'),
      sub: community?.name,
      testId: 'entry-wall',
    },
  ];

  return (
    <>
      <PageHeader title={t('resident.hubTitle')} onBack={() => void navigate('/me')} />
      <div className="ll-page">
        <p className="ll-lead">{t('resident.hubIntro')}</p>
        {reports.isPending ? (
          <CenteredLoading />
        ) : (
          <nav aria-label={t('resident.entries')}>
            {entries.map((e) => (
              <button
                key={e.to}
                type="button"
                className="ll-card mb-entry"
                onClick={() => void navigate(e.to)}
                data-testid={e.testId}
              >
                <span className="mb-entry-icon" aria-hidden>
                  {e.icon}
                </span>
                <span className="mb-entry-text">
                  <span className="mb-entry-title">{e.title}</span>
                  {e.sub && <span className="mb-entry-sub">{e.sub}</span>}
                  {e.alert && <span className="mb-entry-sub mb-alert">{e.alert}</span>}
                </span>
                <RightOutline aria-hidden />
              </button>
            ))}
          </nav>
        )}
        {community && <ResidentCounts placeId={community.id} placeName={community.name} />}
      </div>
    </>
  );
}
