import { RightOutline, TeamOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useHomeCommunities } from './home-communities.js';
import { currentReport, useMyReports, useMyWhistles } from './members.queries.js';
import { ResidentCounts } from './resident-counts.js';
import './members.css';

/**
 * On the resident's "me" page: the way in to reporting in (with where her report stands and any
 * whistle waiting), and the headline counts of her community.
 */
export function MemberShortcut() {
  const { t } = useTranslation('members');
  const navigate = useNavigate();
  const reports = useMyReports();
  const whistles = useMyWhistles();
  const { communities } = useHomeCommunities();
  const report = currentReport(reports.data);
  const waiting = (whistles.data ?? []).filter(
    (w) => w.status === 'open' && w.myCall && w.myCall.doneAt === null && w.myCall.answer !== 'cannot',
  ).length;
  const sub = !report
    ? t('resident.shortcutNotReported')
    : report.status === 'approved'
      ? t('resident.shortcutReported', { community: report.community.name })
      : t(`reportStatus.${report.status}`);
  const community = report?.community ?? communities[0] ?? null;
  return (
    <>
      <h2 className="ll-section-title">{t('resident.shortcutTitle')}</h2>
      <button
        type="button"
        className="ll-card mb-entry"
        onClick={() => void navigate('/member')}
        data-testid="member-shortcut"
      >
        <span className="mb-entry-icon" aria-hidden>
          <TeamOutline />
        </span>
        <span className="mb-entry-text">
          <span className="mb-entry-title">{t('resident.hubTitle')}</span>
          <span className="mb-entry-sub">{sub}</span>
          {waiting > 0 && (
            <span className="mb-entry-sub mb-alert">{t('resident.openWhistles', { n: waiting })}</span>
          )}
        </span>
        <RightOutline aria-hidden />
      </button>
      {community && <ResidentCounts placeId={community.id} placeName={community.name} />}
    </>
  );
}
