import { useTranslation } from 'react-i18next';
import { COUNT_KEYS, medianText } from './count-keys.js';
import { usePlaceStats } from './members.queries.js';
import './members.css';

/** Resident app: the headline counts of her community, as a two-column list of numbers. */
export function ResidentCounts({ placeId, placeName }: { placeId: string | null; placeName?: string }) {
  const { t } = useTranslation('members');
  const stats = usePlaceStats(placeId);
  if (!placeId || !stats.data) return null;
  const s = stats.data;
  const title = placeName ? t('counts.title', { place: placeName }) : t('resident.communityCounts');
  return (
    <section aria-labelledby="mb-counts-title" data-testid="resident-counts">
      <h2 className="ll-section-title" id="mb-counts-title">
        {title}
      </h2>
      <div className="ll-card">
        <dl className="mb-counts-grid">
          {COUNT_KEYS.map((key) => (
            <div key={key} className="mb-count">
              <dt>{t(`counts.${key}`)}</dt>
              <dd data-testid={`count-${key}`}>{s[key]}</dd>
            </div>
          ))}
          <div className="mb-count">
            <dt>{t('counts.medianArrival')}</dt>
            <dd data-testid="count-medianArrival">{medianText(s.medianMinutesToArrive, t)}</dd>
          </div>
        </dl>
      </div>
    </section>
  );
}
