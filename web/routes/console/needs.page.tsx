import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Segmented, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  DEFAULT_NEED_SETTINGS,
  NEED_STATUSES,
  NEED_URGENCIES,
  OPEN_STATUSES,
  type NeedStatus,
  type NeedUrgency,
} from '../../../domain/needs.js';
import { isNoAccess } from '../../api/client.js';
import { ErrorResult, NoAccessResult } from '../../components/console/error-result.js';
import { LoadMore } from '../../components/console/load-more.js';
import { PageHeading } from '../../components/console/page-heading.js';
import { useMe } from '../../features/auth/auth.queries.js';
import { NeedCounts } from '../../features/needboard/need-counts.js';
import { NeedDetailDrawer } from '../../features/needboard/need-detail-drawer.js';
import { formatAge, STATUS_COLOR, useCategoryName } from '../../features/needboard/need-words.js';
import {
  type BoardFilters,
  type NeedSummaryView,
  useNeedBoard,
  useNeedCounts,
  useNeedSettings,
  usePostNeed,
} from '../../features/needboard/needboard.queries.js';
import { PostForResidentModal } from '../../features/needboard/post-for-resident-modal.js';
import { needErrorMessage } from '../../features/needs/needs-text.js';
import { PlaceTreeSelect } from '../../features/places/place-tree-select.js';
import { useScope } from '../../features/places/use-scope.js';
import { errorMessage } from '../../i18n/error-message.js';
import { formatDateTime } from '../../i18n/format.js';

/** The filter flags kept in the address, so a filtered board can be shared or reloaded. */
function useFilters(): [BoardFilters, (next: BoardFilters) => void] {
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const urgency = params.get('urgency');
  const filters: BoardFilters = {
    status: (NEED_STATUSES as readonly string[]).includes(status ?? '') ? (status as NeedStatus) : undefined,
    category: params.get('category') ?? undefined,
    urgency: (NEED_URGENCIES as readonly string[]).includes(urgency ?? '')
      ? (urgency as NeedUrgency)
      : undefined,
    overdue: params.get('overdue') === 'true' ? true : undefined,
    escalated: params.get('escalated') === 'true' ? true : undefined,
  };
  const set = (next: BoardFilters) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        for (const k of ['status', 'category', 'urgency', 'overdue', 'escalated'] as const) {
          const v = next[k];
          if (v === undefined || v === false) p.delete(k);
          else p.set(k, String(v));
        }
        return p;
      },
      { replace: true },
    );
  return [filters, set];
}

/** 需求看板: the needs of a place's subtree for staff, counted, filtered, and opened to act on. */
export default function NeedsPage() {
  const { t, i18n } = useTranslation('needboard');
  const { t: tn } = useTranslation('needs');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { needId } = useParams();
  const me = useMe().data;
  const { roots, scopeId, setScope } = useScope();
  const [filters, setFilters] = useFilters();
  const board = useNeedBoard(scopeId, filters);
  const counts = useNeedCounts(scopeId);
  const settings = useNeedSettings(scopeId);
  const categories = settings.data?.categories ?? DEFAULT_NEED_SETTINGS.categories;
  const categoryName = useCategoryName(settings.data?.categories);
  const [posting, setPosting] = useState(false);
  const post = usePostNeed();
  const rootList = roots.data ?? [];
  const rows = board.data?.pages.flatMap((p) => p.items) ?? [];
  // Posting for a resident is for community staff (and admins), in a community they serve.
  const mayPost = (me?.roles ?? []).some((r) => r.role === 'community_staff' || r.role === 'system_admin');

  const open = (id: string) => void navigate({ pathname: `/needs/${id}`, search: window.location.search });
  const close = () => void navigate({ pathname: '/needs', search: window.location.search });

  const columns: ColumnsType<NeedSummaryView> = [
    {
      title: t('field.need'),
      key: 'need',
      render: (_, n) => (
        <div className="cl-cell-stack">
          <Space size={6} wrap>
            <Tag>{categoryName(n.category)}</Tag>
            <Button type="link" className="nb-link" onClick={() => open(n.id)}>
              <span className="nb-desc">{n.description}</span>
            </Button>
          </Space>
          <Typography.Text type="secondary">
            {n.placeLabel}
            {n.quantity !== null
              ? ` · ${t('field.quantityShort', { n: n.quantity, unit: n.quantityUnit ?? '' })}`
              : ''}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('field.markers'),
      key: 'markers',
      width: 190,
      render: (_, n) => (
        <Space size={4} wrap>
          {n.urgency === 'urgent' && (
            <Tag color="red" data-testid="marker-urgent">
              {tn('urgency.urgent')}
            </Tag>
          )}
          {n.overdue && (
            <Tag color="orange" data-testid="marker-overdue">
              {t('marker.overdue')}
            </Tag>
          )}
          {n.escalationLevel > 0 && (
            <Tag color="gold" data-testid="marker-escalated">
              {t('marker.escalated', { level: n.escalationLevel })}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('field.status'),
      key: 'status',
      width: 110,
      render: (_, n) => <Tag color={STATUS_COLOR[n.status]}>{tn(`status.${n.status}`)}</Tag>,
    },
    {
      title: t('field.helpers'),
      key: 'helpers',
      width: 90,
      align: 'center',
      render: (_, n) => (
        <span
          className={`nb-slots${n.helpersClaimed >= n.helpersNeeded ? ' is-full' : ''}`}
          data-testid="slots"
        >
          {n.helpersClaimed}/{n.helpersNeeded}
        </span>
      ),
    },
    {
      title: t('field.partnerUnit'),
      key: 'partner',
      width: 160,
      render: (_, n) => n.partnerUnit?.name ?? '—',
    },
    {
      title: t('field.age'),
      key: 'age',
      width: 140,
      render: (_, n) => <span title={formatDateTime(n.createdAt, lang)}>{formatAge(n.createdAt, lang)}</span>,
    },
  ];

  const body = () => {
    if (roots.isSuccess && rootList.length === 0) return <Empty description={tc('console.noScope')} />;
    if (board.isError) {
      return isNoAccess(board.error) ? (
        <NoAccessResult />
      ) : (
        <ErrorResult message={errorMessage(board.error, tc, lang)} onRetry={() => void board.refetch()} />
      );
    }
    return (
      <>
        <NeedCounts
          counts={counts.data}
          categoryName={categoryName}
          status={filters.status}
          onStatus={(status) => setFilters({ ...filters, status })}
          onCategory={(category) => setFilters({ ...filters, category })}
          onOverdue={() => setFilters({ ...filters, overdue: true })}
          onEscalated={() => setFilters({ ...filters, escalated: true })}
          onUrgent={() => setFilters({ ...filters, urgency: 'urgent' })}
        />
        <Card className="cl-table-card">
          <Space wrap size="middle" className="cl-toolbar" data-testid="board-filters">
            <Select<NeedStatus | 'all'>
              value={filters.status ?? 'all'}
              style={{ width: 140 }}
              aria-label={t('field.status')}
              onChange={(v) => setFilters({ ...filters, status: v === 'all' ? undefined : v })}
              options={[
                { value: 'all', label: t('filter.allStatuses') },
                ...NEED_STATUSES.map((s) => ({ value: s, label: tn(`status.${s}`) })),
              ]}
            />
            <Select<string>
              value={filters.category ?? 'all'}
              style={{ width: 160 }}
              aria-label={t('field.category')}
              onChange={(v) => setFilters({ ...filters, category: v === 'all' ? undefined : v })}
              options={[
                { value: 'all', label: t('filter.allCategories') },
                ...categories.map((c) => ({ value: c.code, label: categoryName(c.code) })),
              ]}
            />
            <Segmented<NeedUrgency | 'all'>
              value={filters.urgency ?? 'all'}
              onChange={(v) => setFilters({ ...filters, urgency: v === 'all' ? undefined : v })}
              options={[
                { value: 'all', label: t('filter.anyUrgency') },
                ...NEED_URGENCIES.map((u) => ({ value: u, label: tn(`urgency.${u}`) })),
              ]}
            />
            <label className="cl-toolbar-field">
              <Switch
                size="small"
                checked={filters.overdue === true}
                onChange={(on) => setFilters({ ...filters, overdue: on || undefined })}
              />
              <span>{t('filter.overdue')}</span>
            </label>
            <label className="cl-toolbar-field">
              <Switch
                size="small"
                checked={filters.escalated === true}
                onChange={(on) => setFilters({ ...filters, escalated: on || undefined })}
              />
              <span>{t('filter.escalated')}</span>
            </label>
            {Object.values(filters).some((v) => v !== undefined) && (
              <Button type="link" onClick={() => setFilters({})}>
                {t('filter.clear')}
              </Button>
            )}
          </Space>
          <Table<NeedSummaryView>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={board.isPending && scopeId !== null}
            pagination={false}
            rowClassName={(n) =>
              n.urgency === 'urgent' && OPEN_STATUSES.includes(n.status) ? 'nb-row-urgent' : ''
            }
            onRow={(n) => ({ onDoubleClick: () => open(n.id) })}
            locale={{ emptyText: t('board.empty') }}
            data-testid="needs-table"
          />
          <LoadMore pages={board} />
        </Card>
      </>
    );
  };

  return (
    <div className="cl-page">
      <PageHeading
        title={t('board.title')}
        subtitle={t('board.subtitle')}
        extra={
          <Space wrap>
            <PlaceTreeSelect
              roots={rootList}
              value={scopeId}
              onChange={(id) => setScope(id)}
              ariaLabel={tc('console.scope')}
              width={260}
            />
            {mayPost && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setPosting(true)}
                data-testid="post-for-resident"
              >
                {t('post.open')}
              </Button>
            )}
          </Space>
        }
      />
      {body()}
      <NeedDetailDrawer needId={needId ?? null} categoryName={categoryName} onClose={close} />
      <PostForResidentModal
        open={posting}
        communityId={scopeId}
        roots={rootList}
        categories={categories}
        categoryName={categoryName}
        confirmLoading={post.isPending}
        onCancel={() => setPosting(false)}
        onSubmit={(body) =>
          post.mutate(body, {
            onSuccess: (n) => {
              setPosting(false);
              void message.success(t('post.done'));
              open(n.id);
            },
            onError: (e) => void message.error(needErrorMessage(e, tn, tc, lang)),
          })
        }
      />
    </div>
  );
}
