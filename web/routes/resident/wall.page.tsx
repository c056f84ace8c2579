import { Selector } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/resident/page-header.js';
import { CenteredLoading, EmptyCard, ErrorState } from '../../components/resident/states.js';
import { useHomeCommunities } from '../../features/members/home-communities.js';
import { formatDay } from '../../features/members/member-format.js';
import { useWall } from '../../features/members/members.queries.js';
import '../../features/members/members.css';
import { errorMessage } from '../../i18n/error-message.js';
import { LoadMore } from '../../components/resident/load-more.js';

/**
 * The community wall (身边小事展示墙): small matters neighbours fixed themselves, verified by the
 * community and shown by their choice. Any resident of the community reads it.
 */
export default function WallPage() {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { communities, pending } = useHomeCommunities();
  const [picked, setPicked] = useState<string | null>(params.get('community'));
  const communityId = picked ?? communities[0]?.id ?? null;
  const wall = useWall(communityId);
  const lang = i18n.language;
  const items = wall.data?.pages.flatMap((p) => p.items) ?? [];

  const body = () => {
    if (communityId === null) {
      return pending ? <CenteredLoading /> : <EmptyCard title={t('resident.wall.noCommunity')} />;
    }
    if (wall.isPending) return <CenteredLoading />;
    if (wall.isError)
      return <ErrorState message={errorMessage(wall.error, tc, lang)} onRetry={() => void wall.refetch()} />;
    return (
      <>
        <p className="ll-lead">
          {t('resident.wall.intro', { community: wall.data.pages[0]?.community.name ?? '' })}
        </p>
        {items.length === 0 ? (
          <EmptyCard title={t('resident.wall.empty')} />
        ) : (
          items.map((m) => (
            <article key={m.id} className="ll-card" aria-label={m.title} data-testid="wall-item">
              <h3 className="mb-item-title">{m.title}</h3>
              <p className="ll-muted">
                {[m.memberName, m.placeLabel, formatDay(m.occurredOn, lang)].join(' · ')}
              </p>
              {m.description && <p className="mb-post-desc">{m.description}</p>}
              {m.photos.length > 0 && (
                <div className="mb-photos">
                  {m.photos.map((p) => (
                    <img
                      key={p.id}
                      className="mb-photo"
                      src={p.url}
                      alt={t(
                        p.stage === 'before' ? 'resident.matters.beforeAlt' : 'resident.matters.afterAlt',
                        {
                          what: m.title,
                        },
                      )}
                      loading="lazy"
                    />
                  ))}
                </div>
              )}
            </article>
          ))
        )}
        <LoadMore pages={wall} />
      </>
    );
  };

  return (
    <>
      <PageHeader title={t('resident.wall.title')} onBack={() => void navigate(-1)} />
      <div className="ll-page">
        {communities.length > 1 && (
          <Selector
            aria-label={t('field.community')}
            columns={2}
            options={communities.map((c) => ({ label: c.name, value: c.id }))}
            value={communityId ? [communityId] : []}
            onChange={(v) => v[0] && setPicked(v[0])}
            style={{ marginBottom: 12 }}
          />
        )}
        {body()}
      </div>
    </>
  );
}
