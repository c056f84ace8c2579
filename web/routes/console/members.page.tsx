import { App, Button, Card, Input, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { MEMBER_LIMITS, type ReportStatus } from '../../../domain/members.js';
import { LoadMore } from '../../components/console/load-more.js';
import { PageHeading } from '../../components/console/page-heading.js';
import { Failure, NoScope, ScopeBar, useMembersScope } from '../../features/members/console-scope.js';
import { formatDay } from '../../features/members/member-format.js';
import {
  type MemberReportView,
  membersPaths,
  usePlaceReports,
  useReportStep,
  useWorkUnitSummary,
  withLang,
  type WorkUnitSummaryView,
} from '../../features/members/members.queries.js';
import { ReasonModal } from '../../components/console/reason-modal.js';
import { errorMessage } from '../../i18n/error-message.js';

const TABS = ['approvals', 'records', 'units'] as const;
type Tab = (typeof TABS)[number];
const STATUS_FILTERS = ['pending', 'approved', 'returned', 'all'] as const;
const STATUS_COLOR: Record<ReportStatus, string> = {
  pending: 'gold',
  approved: 'green',
  returned: 'red',
  withdrawn: 'default',
  ended: 'default',
};

function Approvals({ scopeId }: { scopeId: string | null }) {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const [status, setStatus] = useState<(typeof STATUS_FILTERS)[number]>('pending');
  const [q, setQ] = useState('');
  const list = usePlaceReports(scopeId, status, q);
  const step = useReportStep();
  const [returning, setReturning] = useState<MemberReportView | null>(null);
  const lang = i18n.language;
  const fail = (err: unknown) => void message.error(errorMessage(err, tc, lang));
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: ColumnsType<MemberReportView> = [
    {
      title: t('field.member'),
      key: 'member',
      width: 160,
      render: (_, r) => (
        <div className="cl-cell-stack">
          <span className="cl-strong">{r.member.name}</span>
          <Typography.Text type="secondary" className="cl-mono">
            {r.phone ?? ''}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('field.workUnit'),
      key: 'unit',
      render: (_, r) => (
        <div className="cl-cell-stack">
          <span>{r.workUnit}</span>
          {r.workUnitPartyOrg && <Typography.Text type="secondary">{r.workUnitPartyOrg}</Typography.Text>}
        </div>
      ),
    },
    {
      title: t('field.skills'),
      key: 'skills',
      render: (_, r) => (
        <div className="cl-cell-stack">
          <Space wrap size={4}>
            {r.skills.map((s) => (
              <Tag key={s}>{s}</Tag>
            ))}
          </Space>
          {r.availability && <Typography.Text type="secondary">{r.availability}</Typography.Text>}
        </div>
      ),
    },
    {
      title: t('field.submittedAt'),
      key: 'at',
      width: 120,
      render: (_, r) => formatDay(r.submittedAt, lang),
    },
    {
      title: t('field.status'),
      key: 'status',
      width: 150,
      render: (_, r) => (
        <div className="cl-cell-stack">
          <span>
            <Tag color={STATUS_COLOR[r.status]}>{t(`reportStatus.${r.status}`)}</Tag>
            {r.confirmDue && <Tag color="orange">{t('console.members.confirmDue')}</Tag>}
          </span>
          {r.status === 'returned' && r.reason && (
            <Typography.Text type="secondary">{r.reason}</Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('field.actions'),
      key: 'actions',
      width: 170,
      render: (_, r) => (
        <Space size={4}>
          {r.actions.includes('approve') && (
            <Button
              size="small"
              type="primary"
              loading={step.isPending && step.variables?.id === r.id}
              onClick={() =>
                step.mutate(
                  { id: r.id, step: 'approve' },
                  {
                    onSuccess: () =>
                      void message.success(t('console.members.approved', { name: r.member.name })),
                    onError: fail,
                  },
                )
              }
            >
              {t('console.members.approve')}
            </Button>
          )}
          {r.actions.includes('return') && (
            <Button size="small" danger onClick={() => setReturning(r)}>
              {t('console.members.return')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  if (list.isError) return <Failure error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Space wrap className="cl-toolbar">
        <Segmented<(typeof STATUS_FILTERS)[number]>
          value={status}
          onChange={setStatus}
          options={STATUS_FILTERS.map((s) => ({
            value: s,
            label: s === 'all' ? t('console.members.filterAll') : t(`reportStatus.${s}`),
          }))}
        />
        <Input.Search
          allowClear
          onSearch={setQ}
          style={{ width: 240 }}
          aria-label={`${t('field.member')} / ${t('field.workUnit')}`}
          placeholder={`${t('field.member')} / ${t('field.workUnit')}`}
        />
      </Space>
      <Table<MemberReportView>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={list.isPending && scopeId !== null}
        pagination={false}
        locale={{ emptyText: t('console.members.empty') }}
        data-testid="report-table"
      />
      <LoadMore pages={list} />
      <ReasonModal
        name="member-reason"
        maxLength={MEMBER_LIMITS.reason}
        open={returning !== null}
        title={t('console.members.returnTitle', { name: returning?.member.name ?? '' })}
        okText={t('console.members.return')}
        label={t('field.reason')}
        placeholder={t('field.reasonPlaceholder')}
        confirmLoading={step.isPending}
        onCancel={() => setReturning(null)}
        onSubmit={(reason) => {
          const r = returning;
          if (!r) return;
          step.mutate(
            { id: r.id, step: 'return', reason },
            {
              onSuccess: () => {
                setReturning(null);
                void message.success(t('console.members.returned', { name: r.member.name }));
              },
              onError: fail,
            },
          );
        }}
      />
    </>
  );
}

type Person = WorkUnitSummaryView['items'][number]['people'][number] & { workUnit: string };

function Records({ scopeId }: { scopeId: string | null }) {
  const { t, i18n } = useTranslation('members');
  const lang = i18n.language;
  const summary = useWorkUnitSummary(scopeId, lang);
  const people: Person[] = (summary.data?.items ?? []).flatMap((u) =>
    u.people.map((p) => ({ ...p, workUnit: u.workUnit })),
  );
  const columns: ColumnsType<Person> = [
    { title: t('field.member'), key: 'name', render: (_, p) => <span className="cl-strong">{p.name}</span> },
    { title: t('console.members.unit'), dataIndex: 'workUnit' },
    { title: t('console.members.hours'), dataIndex: 'hours', align: 'right', width: 90 },
    { title: t('console.members.needs'), dataIndex: 'needsServed', align: 'right', width: 90 },
    { title: t('console.members.posts'), dataIndex: 'postsHeld', align: 'right', width: 90 },
    { title: t('console.members.whistles'), dataIndex: 'whistlesAnswered', align: 'right', width: 90 },
    { title: t('console.members.matters'), dataIndex: 'smallMattersVerified', align: 'right', width: 110 },
    {
      title: t('console.members.record'),
      key: 'export',
      width: 200,
      render: (_, p) =>
        scopeId && (
          <Space size={4}>
            <Button
              size="small"
              href={withLang(membersPaths.memberRecord(scopeId, p.userId, 'xlsx'), lang)}
              download
            >
              {t('console.members.exportExcel')}
            </Button>
            <Button
              size="small"
              href={withLang(membersPaths.memberRecord(scopeId, p.userId, 'pdf'), lang)}
              download
            >
              {t('console.members.exportPdf')}
            </Button>
          </Space>
        ),
    },
  ];
  if (summary.isError) return <Failure error={summary.error} onRetry={() => void summary.refetch()} />;
  return (
    <Table<Person>
      rowKey="userId"
      columns={columns}
      dataSource={people}
      loading={summary.isPending && scopeId !== null}
      pagination={false}
      locale={{ emptyText: t('console.members.empty') }}
      data-testid="record-table"
    />
  );
}

type UnitRow = WorkUnitSummaryView['items'][number];

function Units({ scopeId }: { scopeId: string | null }) {
  const { t, i18n } = useTranslation('members');
  const lang = i18n.language;
  const summary = useWorkUnitSummary(scopeId, lang);
  const columns: ColumnsType<UnitRow> = [
    {
      title: t('console.members.unit'),
      key: 'unit',
      render: (_, u) => <span className="cl-strong">{u.workUnit}</span>,
    },
    { title: t('console.members.unitMembers'), dataIndex: 'members', align: 'right', width: 100 },
    { title: t('console.members.hours'), dataIndex: 'hours', align: 'right', width: 90 },
    { title: t('console.members.needs'), dataIndex: 'needsServed', align: 'right', width: 90 },
    { title: t('console.members.posts'), dataIndex: 'postsHeld', align: 'right', width: 90 },
    { title: t('console.members.whistles'), dataIndex: 'whistlesAnswered', align: 'right', width: 90 },
    { title: t('console.members.matters'), dataIndex: 'smallMattersVerified', align: 'right', width: 110 },
  ];
  if (summary.isError) return <Failure error={summary.error} onRetry={() => void summary.refetch()} />;
  return (
    <>
      <Space wrap className="cl-toolbar">
        {scopeId && (
          <Button href={withLang(membersPaths.workUnits(scopeId, 'xlsx'), lang)} download>
            {t('console.members.unitExportExcel')}
          </Button>
        )}
      </Space>
      <Table<UnitRow>
        rowKey="workUnit"
        columns={columns}
        dataSource={summary.data?.items ?? []}
        loading={summary.isPending && scopeId !== null}
        pagination={false}
        locale={{ emptyText: t('console.members.empty') }}
        expandable={{
          expandedRowRender: (u) => (
            <ul style={{ margin: 0 }}>
              {u.people.map((p) => (
                <li key={p.userId}>
                  {p.name} · {t('console.members.hours')} {p.hours} · {t('console.members.needs')}{' '}
                  {p.needsServed} · {t('console.members.posts')} {p.postsHeld} ·{' '}
                  {t('console.members.whistles')} {p.whistlesAnswered} · {t('console.members.matters')}{' '}
                  {p.smallMattersVerified}
                </li>
              ))}
            </ul>
          ),
        }}
      />
    </>
  );
}

/** In-service members (在职党员): report-in approvals, service records and the per-work-unit summary. */
export default function MembersPage() {
  const { t } = useTranslation('members');
  const scope = useMembersScope();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(raw ?? '') ? (raw as Tab) : 'approvals';
  const setTab = (next: string) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        p.set('tab', next);
        return p;
      },
      { replace: true },
    );
  if (scope.roots.isSuccess && (scope.roots.data ?? []).length === 0) return <NoScope />;
  return (
    <div className="cl-page">
      <PageHeading title={t('console.members.title')} subtitle={t('console.members.subtitle')} />
      <Card className="cl-table-card">
        <ScopeBar scope={scope} />
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'approvals',
              label: t('console.members.tabApprovals'),
              children: <Approvals scopeId={scope.scopeId} />,
            },
            {
              key: 'records',
              label: t('console.members.tabRecords'),
              children: <Records scopeId={scope.scopeId} />,
            },
            {
              key: 'units',
              label: t('console.members.tabUnits'),
              children: <Units scopeId={scope.scopeId} />,
            },
          ]}
        />
      </Card>
    </div>
  );
}
