import { AddCircleOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/resident/page-header.js';
import { useMe } from '../../features/auth/auth.queries.js';
import { NeedList } from '../../features/needs/need-list.js';
import { NeedsHub } from '../../features/needs/needs-hub.js';
import { useMyNeeds } from '../../features/needs/needs.queries.js';
import '../../features/needs/needs.css';

/** The needs tab: the big way to ask for help, then the resident's own needs with their states. */
export default function NeedsPage() {
  const { t } = useTranslation('needs');
  const navigate = useNavigate();
  const me = useMe().data;
  const mine = useMyNeeds();
  return (
    <>
      <PageHeader title={t('mine.title')} />
      <div className="ll-page">
        <NeedsHub me={me} />
        <button
          type="button"
          className="ll-card nd-post-cta"
          onClick={() => void navigate('/needs/new')}
          data-testid="post-need"
        >
          <AddCircleOutline aria-hidden className="nd-post-cta-icon" />
          <span className="nd-post-cta-text">
            <span className="nd-post-cta-title">{t('post.cta')}</span>
            <span className="nd-post-cta-sub">{t('post.ctaHint')}</span>
          </span>
        </button>
        <h2 className="ll-section-title">{t('mine.title')}</h2>
        <NeedList
          query={mine}
          label={t('mine.title')}
          empty={{ title: t('mine.empty'), body: t('mine.emptyBody') }}
        />
      </div>
    </>
  );
}
