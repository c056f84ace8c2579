import { Alert, Statistic, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RosterProblemItem, RosterReportView } from '../../../domain/contracts/rosters.js';

/** The four numbers an import writes (or would write). */
export function RosterCounts({ counts }: { counts: RosterReportView['counts'] }) {
  const { t } = useTranslation('rosters');
  return (
    <div className="rs-counts" data-testid="roster-counts">
      {(['places', 'residents', 'partyMembers', 'unchanged'] as const).map((k) => (
        <Statistic key={k} title={t(`counts.${k}`)} value={counts[k]} className={`rs-count rs-count-${k}`} />
      ))}
    </div>
  );
}

/** A check's result: a one-line verdict, the numbers, and every problem by row and column. */
export function RosterReport({ report, fileName }: { report: RosterReportView; fileName: string }) {
  const { t } = useTranslation('rosters');
  const changes = report.counts.places + report.counts.residents + report.counts.partyMembers;
  const verdict = !report.ok ? (
    <Alert
      type="error"
      showIcon
      title={t('report.badTitle', { count: report.errorCount })}
      description={t('report.badBody')}
    />
  ) : changes > 0 ? (
    <Alert type="success" showIcon title={t('report.okTitle')} description={t('report.okBody')} />
  ) : (
    <Alert type="info" showIcon title={t('report.nothingTitle')} description={t('report.nothingBody')} />
  );
  return (
    <div className="rs-report" data-testid="roster-report" data-ok={report.ok}>
      <p className="rs-file">{t('report.file', { name: fileName, rows: report.rows })}</p>
      {verdict}
      {report.ok ? (
        <RosterCounts counts={report.counts} />
      ) : (
        <>
          {report.errorCount > report.errors.length && (
            <p className="rs-more">
              {t('report.moreErrors', { shown: report.errors.length, count: report.errorCount })}
            </p>
          )}
          <Table<RosterProblemItem>
            className="rs-problems"
            size="middle"
            rowKey={(e, i) => `${e.row}-${e.column ?? ''}-${e.code}-${i ?? 0}`}
            dataSource={report.errors}
            pagination={report.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            columns={[
              {
                key: 'row',
                title: t('report.row'),
                dataIndex: 'row',
                width: 80,
                render: (row: number) => <span className="rs-row">{row}</span>,
              },
              {
                key: 'column',
                title: t('report.column'),
                width: 150,
                render: (_: unknown, e) =>
                  e.column ? (
                    <Tag className="rs-column">{e.column}</Tag>
                  ) : (
                    <span className="rs-whole">{t('report.wholeRow')}</span>
                  ),
              },
              {
                key: 'problem',
                title: t('report.problem'),
                render: (_: unknown, e) =>
                  t(`problems.${e.code}`, { otherRow: e.otherRow ?? '', defaultValue: e.problem }),
              },
              {
                key: 'value',
                title: t('report.value'),
                width: 220,
                render: (_: unknown, e) => (e.value ? <span className="rs-value">{e.value}</span> : null),
              },
            ]}
          />
        </>
      )}
    </div>
  );
}
