import { Card, Table, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { PlaceView } from '../../api/types.js';
import { PageHeading } from '../../components/console/page-heading.js';
import { COUNT_KEYS, medianText } from '../../features/members/count-keys.js';
import { Failure, NoScope, ScopeBar, useMembersScope } from '../../features/members/console-scope.js';
import { HeadlineCounts } from '../../features/members/headline-counts.js';
import {
  membersKeys,
  membersPaths,
  type PlaceStatsView,
  usePlaceStats,
} from '../../features/members/members.queries.js';
import { fetchChildren } from '../../features/places/places.queries.js';
import { byName } from '../../i18n/format.js';

interface Row {
  id: string;
  name: string;
  kind: string;
  stats: PlaceStatsView | undefined;
}

/**
 * The console's home: the headline counts (C7) of a community, street or district, live, and the
 * same counts for each place one level down, so a district's totals can be read as their sum.
 */
export default function OverviewPage() {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const scope = useMembersScope();
  const stats = usePlaceStats(scope.scopeId);
  const kind = scope.place?.kind;
  // Below a community, one level down is compounds; below a compound, buildings.
  const children = useQuery({
    queryKey: ['members', 'overview-children', scope.scopeId ?? ''],
    queryFn: async () => (await fetchChildren(scope.scopeId ?? '', null)).items.filter((c) => !c.archived),
    enabled: scope.scopeId !== null && kind !== undefined && kind !== 'building' && kind !== 'unit',
  });
  const kids: PlaceView[] = [...(children.data ?? [])].sort(byName(i18n.language));
  const childStats = useQueries({
    queries: kids.map((c) => ({
      queryKey: membersKeys.stats(c.id),
      queryFn: () => api.get<PlaceStatsView>(membersPaths.stats(c.id)),
      retry: false,
      refetchInterval: 30_000,
    })),
  });
  const rows: Row[] = kids.map((c, i) => ({
    id: c.id,
    name: c.name,
    kind: c.kind,
    stats: childStats[i]?.data,
  }));

  const columns: ColumnsType<Row> = [
    {
      title: t('console.overview.place'),
      key: 'name',
      render: (_, r) => (
        <span className="cl-strong">
          {r.name} <Typography.Text type="secondary">{tc(`kind.${r.kind as 'community'}`)}</Typography.Text>
        </span>
      ),
    },
    ...COUNT_KEYS.map((key) => ({
      title: t(`counts.${key}`),
      key,
      align: 'right' as const,
      render: (_: unknown, r: Row) => r.stats?.[key] ?? '…',
    })),
    {
      title: t('counts.medianArrival'),
      key: 'median',
      align: 'right',
      render: (_, r) => (r.stats ? medianText(r.stats.medianMinutesToArrive, t) : '…'),
    },
  ];

  if (scope.roots.isSuccess && (scope.roots.data ?? []).length === 0) return <NoScope />;
  return (
    <div className="cl-page">
      <PageHeading
        title={scope.place ? t('counts.title', { place: scope.place.name }) : t('console.overview.title')}
        subtitle={t('console.overview.subtitle')}
        extra={<Typography.Text type="secondary">{t('counts.live')}</Typography.Text>}
      />
      <Card className="cl-table-card">
        <ScopeBar scope={scope} />
        {stats.isError ? (
          <Failure error={stats.error} onRetry={() => void stats.refetch()} />
        ) : (
          <HeadlineCounts stats={stats.data} loading={stats.isPending && scope.scopeId !== null} />
        )}
      </Card>
      {rows.length > 0 && (
        <Card className="cl-table-card" title={t('console.overview.children')} style={{ marginTop: 16 }}>
          <Table<Row>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            pagination={false}
            size="middle"
            data-testid="overview-children"
            // A district's or street's counts are the sum of its parts; inside a community some
            // (report-ins, posts) belong to the community itself, so no total is drawn there.
            summary={() =>
              stats.data && (kind === 'district' || kind === 'street') ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <span className="cl-strong">{t('console.overview.total')}</span>
                  </Table.Summary.Cell>
                  {COUNT_KEYS.map((key, i) => (
                    <Table.Summary.Cell key={key} index={i + 1} align="right">
                      <span className="cl-strong">{stats.data[key]}</span>
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={COUNT_KEYS.length + 1} align="right">
                    {medianText(stats.data.medianMinutesToArrive, t)}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
          />
        </Card>
      )}
    </div>
  );
}
