import { Card, Empty, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { isNoAccess } from '../../api/client.js';
import { AuditTable } from '../../components/console/audit-table.js';
import { ErrorResult, NoAccessResult } from '../../components/console/error-result.js';
import { PageHeading } from '../../components/console/page-heading.js';
import { useAuditLog } from '../../features/audit/audit.queries.js';
import { PlaceTreeSelect } from '../../features/places/place-tree-select.js';
import { useScope } from '../../features/places/use-scope.js';
import { errorMessage } from '../../i18n/error-message.js';
import { LoadMore } from '../../components/console/load-more.js';

/** The audit log of a scope place and everything below it, loaded a page at a time. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const { roots, scopeId, setScope } = useScope();
  const log = useAuditLog(scopeId);
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  const rootList = roots.data ?? [];

  const body = () => {
    if (roots.isSuccess && rootList.length === 0) return <Empty description={t('console.noScope')} />;
    if (log.isError) {
      return isNoAccess(log.error) ? (
        <NoAccessResult />
      ) : (
        <ErrorResult message={errorMessage(log.error, t, i18n.language)} onRetry={() => void log.refetch()} />
      );
    }
    return (
      <>
        <AuditTable rows={rows} loading={log.isPending || roots.isPending} />
        <LoadMore pages={log} />
      </>
    );
  };

  return (
    <div className="cl-page">
      <PageHeading title={t('console.audit.title')} subtitle={t('console.audit.subtitle')} />
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
        </Space>
        {body()}
      </Card>
    </div>
  );
}
