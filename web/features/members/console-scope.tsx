import { Empty, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isNoAccess } from '../../api/client.js';
import { ErrorResult, NoAccessResult } from '../../components/console/error-result.js';
import { errorMessage } from '../../i18n/error-message.js';
import { PlaceTreeSelect } from '../places/place-tree-select.js';
import { usePlaceDetail } from '../places/places.queries.js';
import { useScope } from '../places/use-scope.js';

/**
 * The place a members page is about (kept in ?scope=), and whether it is a community: posts,
 * whistles and approvals belong to one community; counts and records work for any place above.
 */
export function useMembersScope() {
  const { roots, scopeId, setScope } = useScope();
  const detail = usePlaceDetail(scopeId);
  return {
    roots,
    scopeId,
    setScope,
    place: detail.data,
    isCommunity: detail.data?.kind === 'community',
  };
}

/** The scope picker of a members page; `communityOnly` lets only communities be chosen. */
export function ScopeBar({
  scope,
  communityOnly,
  extra,
}: {
  scope: ReturnType<typeof useMembersScope>;
  communityOnly?: boolean;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Space wrap size="large" className="cl-toolbar">
      <label className="cl-toolbar-field">
        <span className="cl-toolbar-label">{t('console.scope')}</span>
        <PlaceTreeSelect
          roots={scope.roots.data ?? []}
          value={scope.scopeId}
          onChange={scope.setScope}
          leafKinds={communityOnly ? ['community'] : ['building', 'unit']}
          isSelectable={communityOnly ? (p) => p.kind === 'community' : undefined}
          ariaLabel={t('console.scope')}
        />
      </label>
      {extra}
    </Space>
  );
}

/** A failed console list: no access, or an error with a retry. */
export function Failure({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t, i18n } = useTranslation();
  return isNoAccess(error) ? (
    <NoAccessResult />
  ) : (
    <ErrorResult message={errorMessage(error, t, i18n.language)} onRetry={onRetry} />
  );
}

/** Shown when the caller has no scope at all. */
export function NoScope() {
  const { t } = useTranslation();
  return <Empty description={t('console.noScope')} />;
}
