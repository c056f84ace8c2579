import { App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/console/load-more.js';
import { PageHeading } from '../../components/console/page-heading.js';
import { BlowWhistleModal } from '../../features/members/blow-whistle-modal.js';
import { Failure, NoScope, ScopeBar, useMembersScope } from '../../features/members/console-scope.js';
import { medianText } from '../../features/members/count-keys.js';
import { formatWhen } from '../../features/members/member-format.js';
import {
  type WhistleCallView,
  type WhistleSummaryView,
  useBlowWhistle,
  usePlaceWhistles,
  useWhistle,
  useWhistleAudiences,
  useWhistleStep,
} from '../../features/members/members.queries.js';
import { errorMessage } from '../../i18n/error-message.js';

/** Who was called for one whistle: their answer, arrival and how long it took. */
function Board({ id }: { id: string }) {
  const { t, i18n } = useTranslation('members');
  const whistle = useWhistle(id);
  const lang = i18n.language;
  const columns: ColumnsType<WhistleCallView> = [
    {
      title: t('console.whistles.person'),
      key: 'person',
      render: (_, c) => (
        <div className="cl-cell-stack">
          <span className="cl-strong">{c.person.name}</span>
          <Typography.Text type="secondary">
            {t(`via.${c.via}`)}
            {c.partnerUnit ? ` · ${c.partnerUnit.name}` : ''}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('console.whistles.answered'),
      key: 'answer',
      width: 180,
      render: (_, c) => (
        <div className="cl-cell-stack">
          <span>
            <Tag color={c.answer === 'coming' ? 'green' : c.answer === 'cannot' ? 'default' : 'gold'}>
              {t(`answer.${c.answer}`)}
            </Tag>
          </span>
          {c.answeredAt && (
            <Typography.Text type="secondary">{formatWhen(c.answeredAt, lang)}</Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('console.whistles.arrivedAt'),
      key: 'arrived',
      width: 160,
      render: (_, c) =>
        c.arrivedAt ? (
          <span>
            {formatWhen(c.arrivedAt, lang)} {c.late && <Tag color="orange">!</Tag>}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('console.whistles.minutesToArrive'),
      key: 'minutes',
      width: 120,
      align: 'right',
      render: (_, c) => (c.minutesToArrive === null ? '—' : t('counts.minutes', { n: c.minutesToArrive })),
    },
    {
      title: t('console.whistles.doneAt'),
      key: 'done',
      render: (_, c) =>
        c.doneAt ? (
          <div className="cl-cell-stack">
            <span>{formatWhen(c.doneAt, lang)}</span>
            {c.doneNote && <Typography.Text type="secondary">{c.doneNote}</Typography.Text>}
          </div>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <div className="cl-cell-stack">
      {whistle.data?.description && <Typography.Paragraph>{whistle.data.description}</Typography.Paragraph>}
      <Table<WhistleCallView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={whistle.data?.calls ?? []}
        loading={whistle.isPending}
        pagination={false}
        data-testid="whistle-board"
      />
    </div>
  );
}

/** Whistles (社区吹哨): blow one to chosen audiences; the board of who answered, arrived and how fast. */
export default function WhistlesPage() {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const scope = useMembersScope();
  const communityId = scope.isCommunity ? scope.scopeId : null;
  const list = usePlaceWhistles(scope.scopeId);
  const audiences = useWhistleAudiences(communityId);
  const blow = useBlowWhistle();
  const step = useWhistleStep();
  const [blowing, setBlowing] = useState(false);
  const lang = i18n.language;
  const fail = (err: unknown) => void message.error(errorMessage(err, tc, lang));
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: ColumnsType<WhistleSummaryView> = [
    {
      title: t('field.what'),
      key: 'title',
      render: (_, w) => (
        <div className="cl-cell-stack">
          <span className="cl-strong">{w.title}</span>
          <Typography.Text type="secondary">
            {[w.placeLabel, w.where].filter(Boolean).join(' · ')}
          </Typography.Text>
          {w.skills.length > 0 && (
            <Space wrap size={4}>
              {w.skills.map((s) => (
                <Tag key={s}>{s}</Tag>
              ))}
            </Space>
          )}
        </div>
      ),
    },
    {
      title: t('field.when'),
      key: 'when',
      width: 190,
      render: (_, w) => (
        <div className="cl-cell-stack">
          <span>{formatWhen(w.happensAt, lang)}</span>
          <Typography.Text type="secondary">
            {t('field.arriveBy')} {formatWhen(w.arriveBy, lang)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('console.whistles.respondents'),
      key: 'counts',
      width: 300,
      render: (_, w) => (
        <Space wrap size={4} data-testid="whistle-counts">
          <Tag>{`${t('console.whistles.notified')} ${w.counts.called}`}</Tag>
          <Tag color="green">{`${t('console.whistles.coming')} ${w.counts.coming}`}</Tag>
          <Tag>{`${t('console.whistles.cannot')} ${w.counts.cannot}`}</Tag>
          <Tag color="blue">{`${t('console.whistles.arrived')} ${w.counts.arrived}`}</Tag>
          <Tag color="purple">{`${t('console.whistles.done')} ${w.counts.done}`}</Tag>
          <Typography.Text type="secondary">{`${t('field.howMany')} ${w.peopleNeeded}`}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('console.whistles.minutesToArrive'),
      key: 'median',
      width: 120,
      align: 'right',
      render: (_, w) => medianText(w.medianMinutesToArrive, t),
    },
    {
      title: t('field.status'),
      key: 'status',
      width: 150,
      render: (_, w) =>
        w.status === 'open' ? (
          <Space size={4}>
            <Tag color="red">{t('whistleStatus.open')}</Tag>
            <Popconfirm
              title={t('console.whistles.close')}
              okText={t('console.whistles.close')}
              cancelText={tc('common.cancel')}
              onConfirm={() => step.mutate({ id: w.id, step: 'close' }, { onError: fail })}
            >
              <Button size="small" type="text">
                {t('console.whistles.close')}
              </Button>
            </Popconfirm>
          </Space>
        ) : (
          <Tag>{t('whistleStatus.closed')}</Tag>
        ),
    },
  ];

  if (scope.roots.isSuccess && (scope.roots.data ?? []).length === 0) return <NoScope />;
  return (
    <div className="cl-page">
      <PageHeading title={t('console.whistles.title')} subtitle={t('console.whistles.subtitle')} />
      <Card className="cl-table-card">
        <ScopeBar
          scope={scope}
          extra={
            communityId && (
              <Button type="primary" onClick={() => setBlowing(true)} data-testid="blow-whistle">
                {t('console.whistles.blow')}
              </Button>
            )
          }
        />
        {list.isError ? (
          <Failure error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<WhistleSummaryView>
              rowKey="id"
              columns={columns}
              dataSource={rows}
              loading={list.isPending && scope.scopeId !== null}
              pagination={false}
              locale={{ emptyText: <Empty description={t('console.whistles.empty')} /> }}
              expandable={{ expandedRowRender: (w) => <Board id={w.id} /> }}
              data-testid="whistles-table"
            />
            <LoadMore pages={list} />
          </>
        )}
      </Card>
      {communityId && scope.place && (
        <BlowWhistleModal
          open={blowing}
          community={{ id: communityId, name: scope.place.name }}
          options={audiences.data}
          saving={blow.isPending}
          onCancel={() => setBlowing(false)}
          onSubmit={(body) =>
            blow.mutate(
              { communityId, body },
              {
                onSuccess: (w) => {
                  setBlowing(false);
                  void message.success(t('console.whistles.blown', { n: w.counts.called }));
                },
                onError: fail,
              },
            )
          }
        />
      )}
    </div>
  );
}
