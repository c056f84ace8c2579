import { App, Card, Empty, Segmented, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { BINDING_STATUSES } from '../../../domain/bindings.js';
import { LIMITS } from '../../../domain/limits.js';
import { isNoAccess } from '../../api/client.js';
import type { BindingStatus, BindingView } from '../../api/types.js';
import { BindingsTable } from '../../components/console/bindings-table.js';
import { ErrorResult, NoAccessResult } from '../../components/console/error-result.js';
import { PageHeading } from '../../components/console/page-heading.js';
import { ReasonModal } from '../../components/console/reason-modal.js';
import { useBindingsUnder, useDecideBinding } from '../../features/bindings/bindings.queries.js';
import { PlaceTreeSelect } from '../../features/places/place-tree-select.js';
import { useScope } from '../../features/places/use-scope.js';
import { errorMessage } from '../../i18n/error-message.js';
import { LoadMore } from '../../components/console/load-more.js';

type StatusFilter = BindingStatus | 'all';

function isStatusFilter(v: string | null): v is StatusFilter {
  return v === 'all' || (BINDING_STATUSES as readonly string[]).includes(v ?? '');
}

/** Household binding requests under a scope place, filtered by status, decided one by one. */
export default function BindingsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { roots, scopeId, setScope } = useScope();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: StatusFilter = isStatusFilter(raw) ? raw : 'pending';
  const list = useBindingsUnder(scopeId, status === 'all' ? null : status);
  const decide = useDecideBinding();
  const [rejecting, setRejecting] = useState<BindingView | null>(null);

  const setStatus = (s: StatusFilter) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('status', s);
        return next;
      },
      { replace: true },
    );

  const fail = (err: unknown) => void message.error(errorMessage(err, t, i18n.language));

  const approve = (b: BindingView) =>
    decide.mutate(
      { id: b.id, decision: 'approve' },
      {
        onSuccess: () =>
          void message.success(t('console.bindings.approved', { name: b.applicant.displayName })),
        onError: fail,
      },
    );

  const reject = (reason: string) => {
    const b = rejecting;
    if (!b) return;
    decide.mutate(
      { id: b.id, decision: 'reject', reason },
      {
        onSuccess: () => {
          setRejecting(null);
          void message.success(t('console.bindings.rejected', { name: b.applicant.displayName }));
        },
        onError: fail,
      },
    );
  };

  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const rootList = roots.data ?? [];

  const body = () => {
    if (roots.isSuccess && rootList.length === 0) return <Empty description={t('console.noScope')} />;
    if (list.isError) {
      return isNoAccess(list.error) ? (
        <NoAccessResult />
      ) : (
        <ErrorResult
          message={errorMessage(list.error, t, i18n.language)}
          onRetry={() => void list.refetch()}
        />
      );
    }
    return (
      <>
        <BindingsTable
          rows={rows}
          loading={list.isPending || roots.isPending}
          decidingId={decide.isPending ? (decide.variables?.id ?? null) : null}
          onApprove={approve}
          onReject={setRejecting}
        />
        <LoadMore pages={list} />
      </>
    );
  };

  return (
    <div className="cl-page">
      <PageHeading title={t('console.bindings.title')} subtitle={t('console.bindings.subtitle')} />
      <Card className="cl-table-card">
        <Space wrap size="large" className="cl-toolbar">
          <label className="cl-toolbar-field">
            <span className="cl-toolbar-label">{t('console.scope')}</span>
            <PlaceTreeSelect
              roots={rootList}
              value={scopeId}
              onChange={setScope}
              ariaLabel={t('console.scope')}
            />
          </label>
          <span className="cl-toolbar-field">
            <span className="cl-toolbar-label" id="status-filter">
              {t('console.bindings.status')}
            </span>
            <Segmented<StatusFilter>
              aria-labelledby="status-filter"
              value={status}
              onChange={setStatus}
              options={[
                ...BINDING_STATUSES.map((s) => ({ value: s, label: t(`bindingStatus.${s}`) })),
                { value: 'all' as const, label: t('console.bindings.all') },
              ]}
            />
          </span>
        </Space>
        {body()}
      </Card>
      <ReasonModal
        open={rejecting !== null}
        title={t('console.bindings.rejectTitle', { name: rejecting?.applicant.displayName ?? '' })}
        okText={t('console.bindings.reject')}
        label={t('console.bindings.reasonLabel')}
        placeholder={t('console.bindings.reasonPlaceholder')}
        name="binding-reject"
        maxLength={LIMITS.reason}
        confirmLoading={decide.isPending}
        onSubmit={reject}
        onCancel={() => setRejecting(null)}
      />
    </div>
  );
}
