import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { COUNT_KEYS, medianText } from './count-keys.js';
import type { PlaceStatsView } from './members.queries.js';
import './members.css';

/** Console: the headline counts of a place, live, as a row of cards. */
export function HeadlineCounts({ stats, loading }: { stats: PlaceStatsView | undefined; loading: boolean }) {
  const { t } = useTranslation('members');
  if (loading && !stats) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (!stats) return null;
  return (
    <Row gutter={[16, 16]} className="mb-counts" data-testid="headline-counts">
      {COUNT_KEYS.map((key) => (
        <Col key={key} xs={12} md={8} xl={6} xxl={3}>
          <Card size="small" className="mb-count-card">
            <Statistic title={t(`counts.${key}`)} value={stats[key]} data-testid={`count-${key}`} />
          </Card>
        </Col>
      ))}
      <Col xs={12} md={8} xl={6} xxl={6}>
        <Card size="small" className="mb-count-card">
          <Statistic
            title={t('counts.medianArrival')}
            value={medianText(stats.medianMinutesToArrive, t)}
            data-testid="count-medianArrival"
          />
        </Card>
      </Col>
    </Row>
  );
}
