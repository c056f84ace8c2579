import { RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isNoAccess } from '../../api/client.js';
import { PageHeader } from '../../components/resident/page-header.js';
import { CenteredLoading, EmptyCard, ErrorState } from '../../components/resident/states.js';
import { cardPath, useLitHouseholds } from '../../features/lighting/lighting.queries.js';
import '../../features/lighting/lighting.css';
import { errorMessage } from '../../i18n/error-message.js';

/** A building's page: its lit central households, for its residents (only what each member chose). */
export default function BuildingPage() {
  const { t, i18n } = useTranslation('lighting');
  const { t: tc } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const lit = useLitHouseholds(id);
  const data = lit.data;
  const title = data
    ? [...data.buildingPath.filter((c) => c.kind === 'compound').map((c) => c.name), data.building.name].join(
        ' ',
      )
    : t('building.title');

  return (
    <>
      <PageHeader title={title} onBack={() => void navigate('/')} />
      <div className="ll-page">
        {lit.isPending && <CenteredLoading />}
        {lit.isError &&
          (isNoAccess(lit.error) ? (
            <EmptyCard title={t('building.noAccessTitle')} body={t('building.noAccessBody')} />
          ) : (
            <ErrorState
              message={errorMessage(lit.error, tc, i18n.language)}
              onRetry={() => void lit.refetch()}
            />
          ))}
        {data && (
          <>
            <section className="ll-card" aria-label={t('building.countLabel')}>
              <div className="lt-count">
                <span className="lt-count-number" data-testid="lit-count">
                  {data.litHouseholds}
                </span>
                <span>{t('building.litCount')}</span>
              </div>
              <p className="ll-muted">{t('building.explain')}</p>
            </section>
            <h2 className="ll-section-title">{t('building.listTitle')}</h2>
            {data.items.length === 0 ? (
              <EmptyCard title={t('building.noneTitle')} body={t('building.noneBody')} />
            ) : (
              data.items.map((h) => (
                <Link
                  key={h.id}
                  to={cardPath(h.cardToken)}
                  className="ll-card lt-lit-item"
                  data-testid="lit-household"
                >
                  <div className="lt-lit-head">
                    <p className="lt-lit-title">
                      <span
                        className="lt-status-dot is-lit"
                        aria-hidden
                        style={{ display: 'inline-block', marginRight: 8 }}
                      />
                      {h.title}
                    </p>
                    <RightOutline aria-hidden />
                  </div>
                  {(h.flat || h.name) && (
                    <p className="lt-card-meta">
                      {[h.flat, h.name ? t('card.host', { name: h.name }) : null].filter(Boolean).join(' · ')}
                    </p>
                  )}
                  {h.services.length > 0 && (
                    <ul className="lt-chips">
                      {h.services.map((s) => (
                        <li key={s} className="lt-chip">
                          {s}
                        </li>
                      ))}
                    </ul>
                  )}
                  {h.motto && <p className="lt-motto">“{h.motto}”</p>}
                </Link>
              ))
            )}
          </>
        )}
      </div>
    </>
  );
}
