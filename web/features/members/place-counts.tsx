import { Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { HeadlineCounts } from './headline-counts.js';
import { usePlaceStats } from './members.queries.js';

/** The headline counts of the place shown on the console's places (home) page, with a way to the overview. */
export function PlaceCounts({ place }: { place: { id: string; name: string } }) {
  const { t } = useTranslation('members');
  const navigate = useNavigate();
  const stats = usePlaceStats(place.id);
  if (stats.isError) return null;
  return (
    <Card
      className="cl-table-card"
      style={{ marginTop: 16 }}
      title={t('counts.title', { place: place.name })}
      extra={
        <Button type="link" onClick={() => void navigate(`/overview?scope=${encodeURIComponent(place.id)}`)}>
          {t('console.overview.open')}
        </Button>
      }
      data-testid="place-counts"
    >
      <HeadlineCounts stats={stats.data} loading={stats.isPending} />
    </Card>
  );
}
