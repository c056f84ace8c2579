import { Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useTranslation } from 'react-i18next';
import type { BindingStatus, BindingView } from '../../api/types.js';
import { formatDateTime } from '../../i18n/format.js';

const STATUS_COLOR: Record<BindingStatus, string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

/** Binding requests with their applicant, household and state; pending ones can be decided. */
export function BindingsTable({
  rows,
  loading,
  decidingId,
  onApprove,
  onReject,
}: {
  rows: BindingView[];
  loading: boolean;
  decidingId: string | null;
  onApprove: (b: BindingView) => void;
  onReject: (b: BindingView) => void;
}) {
  const { t, i18n } = useTranslation();
  const columns: ColumnsType<BindingView> = [
    {
      key: 'applicant',
      title: t('console.bindings.applicant'),
      width: 180,
      render: (_, b) => (
        <div className="cl-cell-stack">
          <span className="cl-strong">{b.applicant.displayName}</span>
          <Typography.Text type="secondary" className="cl-mono">
            {b.applicant.phone ?? '—'}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'household',
      title: t('console.bindings.household'),
      render: (_, b) => {
        const path = b.householdPath.map((p) => p.name);
        const fromCompound = b.householdPath.filter((p) =>
          ['compound', 'building', 'unit', 'household'].includes(p.kind),
        );
        return (
          <div className="cl-cell-stack" title={path.join(' / ')}>
            <span className="cl-strong">{fromCompound.map((p) => p.name).join(' ')}</span>
            <Typography.Text type="secondary">
              {b.householdPath
                .filter((p) => p.kind === 'street' || p.kind === 'community')
                .map((p) => p.name)
                .join(' / ')}
            </Typography.Text>
          </div>
        );
      },
    },
    {
      key: 'note',
      title: t('console.bindings.note'),
      render: (_, b) => b.note ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      key: 'createdAt',
      title: t('console.bindings.requestedAt'),
      width: 170,
      render: (_, b) => formatDateTime(b.createdAt, i18n.language),
    },
    {
      key: 'status',
      title: t('console.bindings.status'),
      width: 200,
      render: (_, b) => (
        <div className="cl-cell-stack">
          <span>
            <Tag color={STATUS_COLOR[b.status]}>{t(`bindingStatus.${b.status}`)}</Tag>
          </span>
          {b.reason && (
            <Typography.Text type="secondary">
              {t('resident.household.reason', { reason: b.reason })}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      key: 'actions',
      title: t('console.bindings.actions'),
      width: 190,
      render: (_, b) =>
        b.status === 'pending' ? (
          <Space>
            <Popconfirm
              title={t('console.bindings.approve')}
              description={t('console.bindings.approveConfirm', {
                name: b.applicant.displayName,
                household: b.householdPath.map((p) => p.name).join(' '),
              })}
              okText={t('console.bindings.approve')}
              cancelText={t('common.cancel')}
              onConfirm={() => onApprove(b)}
            >
              <Button type="primary" size="small" loading={decidingId === b.id}>
                {t('console.bindings.approve')}
              </Button>
            </Popconfirm>
            <Button size="small" danger disabled={decidingId === b.id} onClick={() => onReject(b)}>
              {t('console.bindings.reject')}
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <Table<BindingView>
      rowKey="id"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('console.bindings.empty') }}
      className="cl-table"
    />
  );
}
