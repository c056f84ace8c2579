import { Badge } from 'antd-mobile';
import { CalendarOutline, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMyFollowUps } from './needs.queries.js';

/**
 * The way from the needs tab to the follow-ups the user was asked to do, with how many are open.
 * Shown only while there are open ones (or when `always`), so most residents never see it.
 */
export function FollowUpsLink({ always = false }: { always?: boolean }) {
  const { t } = useTranslation('needs');
  const navigate = useNavigate();
  const open = useMyFollowUps().data?.length ?? 0;
  if (open === 0 && !always) return null;
  return (
    <button
      type="button"
      className="ll-card nd-follow-ups-link"
      onClick={() => void navigate('/needs/follow-ups')}
      data-testid="follow-ups-link"
    >
      <Badge content={open > 0 ? String(open) : null} data-testid="follow-ups-badge">
        <CalendarOutline aria-hidden className="nd-follow-ups-link-icon" />
      </Badge>
      <span className="nd-follow-ups-link-text">
        <span className="nd-follow-ups-link-title">{t('followUps.link')}</span>
        <span className="ll-muted">
          {open > 0 ? t('followUps.count', { count: open }) : t('followUps.empty')}
        </span>
      </span>
      <RightOutline aria-hidden />
    </button>
  );
}
