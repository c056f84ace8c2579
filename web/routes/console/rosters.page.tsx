import { CheckCircleFilled, DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Popconfirm, Space, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterReportView } from '../../../domain/contracts/rosters.js';
import type { RosterLanguage } from '../../../domain/rosters.js';
import { isApiError, isNoAccess } from '../../api/client.js';
import { ErrorResult, NoAccessResult } from '../../components/console/error-result.js';
import { PageHeading } from '../../components/console/page-heading.js';
import { PlaceTreeSelect } from '../../features/places/place-tree-select.js';
import { usePlaceDetail } from '../../features/places/places.queries.js';
import { useScope } from '../../features/places/use-scope.js';
import { RosterCounts, RosterReport } from '../../features/rosters/roster-report.js';
import { rosterUrls, useCheckRoster, useImportRoster } from '../../features/rosters/rosters.queries.js';
import '../../features/rosters/rosters.css';
import { errorMessage } from '../../i18n/error-message.js';

const OWN_ERRORS = [
  'ROSTER_FILE_TYPE',
  'ROSTER_UNREADABLE',
  'ROSTER_INVALID',
  'ROSTER_SCOPE',
  'PAYLOAD_TOO_LARGE',
] as const;

function Step({
  no,
  state,
  title,
  body,
  children,
}: {
  no: number;
  state: 'active' | 'done' | 'waiting';
  title: string;
  body: string;
  children: React.ReactNode;
}) {
  return (
    <Card className={`rs-step rs-step-${state}`}>
      <div className="rs-step-head">
        <span className="rs-step-no" aria-hidden>
          {state === 'done' ? <CheckCircleFilled /> : no}
        </span>
        <h2 className="rs-step-title">{title}</h2>
      </div>
      <p className="rs-step-body">{body}</p>
      {children}
    </Card>
  );
}

/** 花名册: download the template, upload to check row by row, import all or nothing, export. */
export default function RostersPage() {
  const { t, i18n } = useTranslation('rosters');
  const common = useTranslation();
  const { message } = App.useApp();
  const { roots, scopeId, setScope } = useScope();
  const scope = usePlaceDetail(scopeId);
  const check = useCheckRoster();
  const importer = useImportRoster();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<RosterReportView | null>(null);
  const [imported, setImported] = useState<RosterReportView | null>(null);

  const rows = (report ?? imported)?.rows ?? 0;
  const lang: RosterLanguage = i18n.language.startsWith('en') ? 'en' : 'zh-CN';
  const communityId = scope.data?.communityId ?? null;

  const say = (err: unknown) => {
    const text = isApiError(err, ...OWN_ERRORS)
      ? t(`errors.${err.code as (typeof OWN_ERRORS)[number]}`)
      : errorMessage(err, common.t, i18n.language);
    void message.error(text);
  };

  const runCheck = (f: File) => {
    if (!communityId) return;
    setFile(f);
    setImported(null);
    setReport(null);
    check.mutate({ communityId, file: f }, { onSuccess: setReport, onError: say });
  };

  const runImport = () => {
    if (!communityId || !file) return;
    importer.mutate(
      { communityId, file },
      {
        onSuccess: (r) => {
          setImported(r);
          setReport(null);
          void message.success(t('import.done'));
        },
        onError: (err) => {
          if (isApiError(err, 'ROSTER_INVALID')) {
            // Something changed since the check: check again so the list shows why.
            void message.warning(t('import.refused'));
            runCheck(file);
          } else say(err);
        },
      },
    );
  };

  const stepState = (n: 1 | 2 | 3): 'active' | 'done' | 'waiting' => {
    const at = imported ? 4 : report?.ok ? 3 : 2;
    return n < at ? 'done' : n === at ? 'active' : 'waiting';
  };

  const rootList = roots.data ?? [];
  const exportTools = (
    <Space wrap className="rs-export">
      <span className="cl-toolbar-label">{t('export.scope')}</span>
      <PlaceTreeSelect
        roots={rootList}
        value={scopeId}
        onChange={setScope}
        ariaLabel={t('export.scope')}
        width={240}
      />
      {scopeId && communityId && (
        <>
          <Button icon={<FileExcelOutlined />} href={rosterUrls.export(scopeId, 'xlsx', lang)}>
            {t('export.xlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} href={rosterUrls.export(scopeId, 'csv', lang)}>
            {t('export.csv')}
          </Button>
        </>
      )}
    </Space>
  );
  const communityName =
    scope.data?.kind === 'community'
      ? scope.data.name
      : scope.data?.ancestors.find((a) => a.id === communityId)?.name;

  const body = () => {
    if (roots.isSuccess && rootList.length === 0) return <Empty description={common.t('console.noScope')} />;
    if (scope.isError) {
      return isNoAccess(scope.error) ? (
        <NoAccessResult />
      ) : (
        <ErrorResult
          message={errorMessage(scope.error, common.t, i18n.language)}
          onRetry={() => void scope.refetch()}
        />
      );
    }
    if (scope.data && !communityId) return <Alert type="info" showIcon title={t('chooseCommunity')} />;
    if (!communityId) return null;
    return (
      <>
        <div className="rs-steps">
          <Step no={1} state={file ? 'done' : 'active'} title={t('template.title')} body={t('template.body')}>
            <div className="rs-step-actions">
              <Button icon={<FileExcelOutlined />} href={rosterUrls.template(communityId, 'xlsx', 'zh-CN')}>
                {t('template.xlsx')}
              </Button>
              <Button icon={<FileExcelOutlined />} href={rosterUrls.template(communityId, 'xlsx', 'en')}>
                {t('template.xlsxEn')}
              </Button>
              <Button type="link" href={rosterUrls.template(communityId, 'csv', lang)}>
                {t('template.csv')}
              </Button>
            </div>
          </Step>
          <Step no={2} state={stepState(2)} title={t('upload.title')} body={t('upload.body')}>
            <p className="rs-into">{t('upload.into', { name: communityName ?? '' })}</p>
            <Upload.Dragger
              accept=".xlsx,.csv"
              multiple={false}
              showUploadList={false}
              disabled={check.isPending}
              beforeUpload={(f) => {
                runCheck(f);
                return Upload.LIST_IGNORE;
              }}
            >
              <UploadOutlined className="rs-drop-icon" aria-hidden />
              <p className="rs-drop-text">{check.isPending ? t('upload.checking') : t('upload.drop')}</p>
              <p className="rs-drop-hint">{t('upload.hint')}</p>
            </Upload.Dragger>
          </Step>
          <Step no={3} state={stepState(3)} title={t('import.title')} body={t('import.body')}>
            <div className="rs-step-actions">
              <Popconfirm
                title={t('import.confirm')}
                okText={t('import.button', { rows })}
                cancelText={common.t('common.cancel')}
                onConfirm={runImport}
                disabled={!report?.ok}
              >
                <Button type="primary" size="large" disabled={!report?.ok} loading={importer.isPending}>
                  {t('import.button', { rows })}
                </Button>
              </Popconfirm>
              {file && (
                <Button size="large" onClick={() => runCheck(file)} loading={check.isPending}>
                  {t('upload.again')}
                </Button>
              )}
            </div>
          </Step>
        </div>
        {(report || imported || check.isPending) && (
          <Card className="cl-table-card" title={t('report.title')} loading={check.isPending && !report}>
            {imported ? (
              <div className="rs-report" data-testid="roster-imported">
                <Alert
                  type="success"
                  showIcon
                  title={t('import.done')}
                  description={t('import.doneBody', imported.counts)}
                />
                <RosterCounts counts={imported.counts} />
              </div>
            ) : (
              report && <RosterReport report={report} fileName={file?.name ?? ''} />
            )}
          </Card>
        )}
      </>
    );
  };

  return (
    <div className="cl-page">
      <PageHeading title={t('title')} subtitle={t('subtitle')} extra={exportTools} />
      {body()}
    </div>
  );
}
