import { App, Button, Card, Image, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEMBER_LIMITS, type SmallMatterStatus } from '../../../domain/members.js';
import { LoadMore } from '../../components/console/load-more.js';
import { PageHeading } from '../../components/console/page-heading.js';
import { Failure, NoScope, ScopeBar, useMembersScope } from '../../features/members/console-scope.js';
import { formatDay } from '../../features/members/member-format.js';
import {
  type SmallMatterView,
  usePlaceSmallMatters,
  useSmallMatterStep,
} from '../../features/members/members.queries.js';
import { ReasonModal } from '../../components/console/reason-modal.js';
import { errorMessage } from '../../i18n/error-message.js';

const FILTERS = ['pending', 'verified', 'queried', 'all'] as const;
const COLOR: Record<SmallMatterStatus, string> = {
  pending: 'gold',
  verified: 'green',
  queried: 'red',
  withdrawn: 'default',
};

/** Small matters (身边小事) to verify: what, where, before and after photos; verify or ask for more. */
export default function SmallMattersPage() {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const scope = useMembersScope();
  const [status, setStatus] = useState<(typeof FILTERS)[number]>('pending');
  const list = usePlaceSmallMatters(scope.scopeId, status);
  const step = useSmallMatterStep();
  const [querying, setQuerying] = useState<SmallMatterView | null>(null);
  const lang = i18n.language;
  const fail = (err: unknown) => void message.error(errorMessage(err, tc, lang));
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: ColumnsType<SmallMatterView> = [
    {
      title: t('field.what'),
      key: 'what',
      render: (_, m) => (
        <div className="cl-cell-stack">
          <span className="cl-strong">{m.title}</span>
          <Typography.Text type="secondary">
            {[m.placeLabel, m.where].filter(Boolean).join(' · ')}
          </Typography.Text>
          {m.description && <Typography.Text>{m.description}</Typography.Text>}
        </div>
      ),
    },
    {
      title: t('field.member'),
      key: 'member',
      width: 140,
      render: (_, m) => (
        <div className="cl-cell-stack">
          <span>{m.member.name}</span>
          <Typography.Text type="secondary">{formatDay(m.occurredOn, lang)}</Typography.Text>
        </div>
      ),
    },
    {
      title: t('console.matters.photos'),
      key: 'photos',
      width: 260,
      render: (_, m) => (
        <Image.PreviewGroup>
          <Space wrap size={4}>
            {m.photos.map((p) => (
              <div key={p.id} className="cl-cell-stack" style={{ alignItems: 'center' }}>
                <Image
                  src={p.url}
                  width={64}
                  height={64}
                  style={{ objectFit: 'cover', borderRadius: 4 }}
                  alt={t(p.stage === 'before' ? 'resident.matters.beforeAlt' : 'resident.matters.afterAlt', {
                    what: m.title,
                  })}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`field.${p.stage}`)}
                </Typography.Text>
              </div>
            ))}
          </Space>
        </Image.PreviewGroup>
      ),
    },
    {
      title: t('field.status'),
      key: 'status',
      width: 150,
      render: (_, m) => (
        <div className="cl-cell-stack">
          <span>
            <Tag color={COLOR[m.status]}>{t(`matterStatus.${m.status}`)}</Tag>
            {m.onWall && <Tag color="red">{t('console.matters.onWall')}</Tag>}
          </span>
          {m.status === 'queried' && m.reason && (
            <Typography.Text type="secondary">{m.reason}</Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('field.actions'),
      key: 'actions',
      width: 170,
      render: (_, m) => (
        <Space size={4}>
          {m.actions.includes('verify') && (
            <Button
              size="small"
              type="primary"
              loading={step.isPending && step.variables?.id === m.id}
              onClick={() =>
                step.mutate(
                  { id: m.id, step: 'verify' },
                  {
                    onSuccess: () => void message.success(t('console.matters.verifiedToast')),
                    onError: fail,
                  },
                )
              }
            >
              {t('console.matters.verify')}
            </Button>
          )}
          {m.actions.includes('query') && (
            <Button size="small" onClick={() => setQuerying(m)}>
              {t('console.matters.query')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  if (scope.roots.isSuccess && (scope.roots.data ?? []).length === 0) return <NoScope />;
  return (
    <div className="cl-page">
      <PageHeading title={t('console.matters.title')} subtitle={t('console.matters.subtitle')} />
      <Card className="cl-table-card">
        <ScopeBar
          scope={scope}
          extra={
            <Segmented<(typeof FILTERS)[number]>
              value={status}
              onChange={setStatus}
              options={FILTERS.map((s) => ({
                value: s,
                label: s === 'all' ? t('console.members.filterAll') : t(`matterStatus.${s}`),
              }))}
            />
          }
        />
        {list.isError ? (
          <Failure error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<SmallMatterView>
              rowKey="id"
              columns={columns}
              dataSource={rows}
              loading={list.isPending && scope.scopeId !== null}
              pagination={false}
              locale={{ emptyText: t('console.matters.empty') }}
              data-testid="matters-table"
            />
            <LoadMore pages={list} />
          </>
        )}
      </Card>
      <ReasonModal
        name="member-reason"
        maxLength={MEMBER_LIMITS.reason}
        open={querying !== null}
        title={t('console.matters.queryTitle', { name: querying?.member.name ?? '' })}
        okText={t('console.matters.query')}
        label={t('console.matters.queryReason')}
        confirmLoading={step.isPending}
        onCancel={() => setQuerying(null)}
        onSubmit={(reason) => {
          const m = querying;
          if (!m) return;
          step.mutate(
            { id: m.id, step: 'query', reason },
            {
              onSuccess: () => {
                setQuerying(null);
                void message.success(t('console.matters.queriedToast'));
              },
              onError: fail,
            },
          );
        }}
      />
    </div>
  );
}
