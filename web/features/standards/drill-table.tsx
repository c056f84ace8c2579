import { Card, Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { STANDARD_IDS } from '../../../domain/standards.js';
import type { StandardsSummaryView } from './standards.queries.js';

type Row = StandardsSummaryView['children'][number];

function heat(n: number): string {
  if (n === 0) return 'st-heat st-heat-0';
  if (n === 1) return 'st-heat st-heat-1';
  if (n <= 4) return 'st-heat st-heat-2';
  return 'st-heat st-heat-3';
}

/** Problems per standard under each child place: click a row to look inside it. */
export function DrillTable({
  summary,
  loading,
  onOpen,
}: {
  summary: StandardsSummaryView | undefined;
  loading: boolean;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation('standards');
  const { t: tc } = useTranslation();
  const rows = summary?.children ?? [];
  return (
    <Card className="st-drill" title={t('drill.title')} size="small" data-testid="drill-table">
      <div className="st-drill-hint">{t('drill.hint')}</div>
      {summary && rows.length === 0 && !loading ? (
        <Empty description={t('drill.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Table<Row>
          size="small"
          rowKey="id"
          loading={loading}
          pagination={rows.length > 15 ? { pageSize: 15, size: 'small', showSizeChanger: false } : false}
          dataSource={rows}
          rowClassName={() => 'st-drill-row'}
          onRow={(r) => ({
            onClick: () => onOpen(r.id),
            onKeyDown: (e) => e.key === 'Enter' && onOpen(r.id),
            tabIndex: 0,
            'data-testid': `drill-${r.name}`,
          })}
          columns={[
            {
              key: 'name',
              title: t('drill.place'),
              render: (_, r) => (
                <span>
                  <span className="st-drill-name">{r.name}</span>
                  <span className="st-drill-kind">{tc(`kind.${r.kind}`)}</span>
                </span>
              ),
            },
            ...STANDARD_IDS.map((id) => ({
              key: id,
              title: id,
              width: 46,
              className: 'st-cell',
              render: (_: unknown, r: Row) => <span className={heat(r.counts[id])}>{r.counts[id]}</span>,
            })),
            {
              key: 'total',
              title: t('drill.total'),
              width: 56,
              className: 'st-cell',
              render: (_, r) => <strong>{r.total}</strong>,
            },
          ]}
        />
      )}
    </Card>
  );
}
