import { ArrowUpOutlined, DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Empty, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isNoAccess } from '../../api/client.js';
import { ErrorResult, NoAccessResult } from '../../components/console/error-result.js';
import { PageHeading } from '../../components/console/page-heading.js';
import { useMe } from '../../features/auth/auth.queries.js';
import { PlaceTreeSelect } from '../../features/places/place-tree-select.js';
import { useScope } from '../../features/places/use-scope.js';
import { DrillTable } from '../../features/standards/drill-table.js';
import { RuleCard, shownStatus } from '../../features/standards/rule-card.js';
import { exportUrl, useStandards, useStandardsSummary } from '../../features/standards/standards.queries.js';
import { ThresholdsDrawer } from '../../features/standards/thresholds-drawer.js';
import { errorMessage } from '../../i18n/error-message.js';
import { formatDateTime } from '../../i18n/format.js';
import '../../features/standards/standards.css';

function Stat({
  label,
  value,
  note,
  tone,
}: {
  label: string;
  value: string | number;
  note?: string;
  tone?: string;
}) {
  return (
    <Card className="st-stat">
      <div className="st-stat-label">{label}</div>
      <div className={`st-stat-value ${tone ?? ''}`}>{value}</div>
      {note && <div className="st-stat-note">{note}</div>}
    </Card>
  );
}

/** 规范达标: S1–S7 for a scope, with each break and its fix, a drill-down and an export. */
export default function StandardsPage() {
  const { t, i18n } = useTranslation('standards');
  const { t: tc } = useTranslation();
  const me = useMe().data;
  const { roots, scopeId, setScope } = useScope();
  const report = useStandards(scopeId);
  const summary = useStandardsSummary(scopeId);
  const [settingsOpen, setSettingsOpen] = useState(false);

  const rootList = roots.data ?? [];
  const data = report.data;
  const crumbs = summary.data ? [...summary.data.ancestors, summary.data.place] : (data?.placePath ?? []);
  const districtId = data?.placePath[0]?.id ?? null;
  const rootIds = new Set(rootList.map((r) => r.id));
  const reachesAll = me?.roles.some((r) => r.role === 'system_admin') ?? false;
  // A crumb can be opened when the caller's scope reaches it (a root at or above it).
  const reachable = (i: number) => reachesAll || crumbs.slice(0, i + 1).some((c) => rootIds.has(c.id));
  const manageSettings =
    districtId !== null &&
    (me?.roles ?? []).some(
      (r) => r.role === 'system_admin' || (r.role === 'district_admin' && r.placeId === districtId),
    );

  const broken = data?.rules.filter((r) => r.status === 'broken').length ?? 0;
  const holds = data?.rules.filter((r) => shownStatus(r) === 'holds').length ?? 0;
  const problems = data?.rules.filter((r) => r.id !== 'S2').reduce((n, r) => n + r.violations.length, 0) ?? 0;
  const rate = data?.rules.find((r) => r.id === 'S2')?.rate;
  const parent = crumbs.length > 1 && reachable(crumbs.length - 2) ? crumbs[crumbs.length - 2] : undefined;

  const body = () => {
    if (roots.isSuccess && rootList.length === 0) return <Empty description={tc('console.noScope')} />;
    if (report.isError) {
      return isNoAccess(report.error) ? (
        <NoAccessResult />
      ) : (
        <ErrorResult
          message={errorMessage(report.error, tc, i18n.language)}
          onRetry={() => void report.refetch()}
        />
      );
    }
    if (!data) return <Spin />;
    return (
      <>
        <div className="st-overview">
          <Stat label={t('overview.broken')} value={broken} tone={broken > 0 ? 'is-bad' : 'is-good'} />
          <Stat label={t('overview.holds')} value={holds} tone="is-good" />
          <Stat label={t('overview.problems')} value={problems} tone={problems > 0 ? 'is-bad' : 'is-good'} />
          <Stat
            label={t('overview.rate')}
            value={rate && rate.total > 0 ? `${Math.round((rate.matching / rate.total) * 100)}%` : '—'}
            note={rate && rate.total > 0 ? `${rate.matching} / ${rate.total}` : undefined}
          />
        </div>
        <div className="st-main">
          <div className="st-rules" data-testid="rules">
            {data.rules.map((r) => (
              <RuleCard
                key={r.id}
                rule={r}
                thresholds={data.thresholds}
                scopeDepth={data.placePath.length}
                scopeId={data.placeId}
                onOpenPlace={setScope}
              />
            ))}
          </div>
          <DrillTable
            summary={summary.data}
            loading={summary.isFetching && !summary.data}
            onOpen={setScope}
          />
        </div>
      </>
    );
  };

  return (
    <div className="cl-page">
      <PageHeading
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <Space wrap>
            <PlaceTreeSelect
              roots={rootList}
              value={scopeId}
              onChange={(id) => setScope(id)}
              ariaLabel={t('scope')}
              width={260}
            />
            {scopeId && (
              <Button
                icon={<DownloadOutlined />}
                href={exportUrl(scopeId, i18n.language)}
                data-testid="export"
              >
                {t('export')}
              </Button>
            )}
            {manageSettings && (
              <Button
                icon={<SettingOutlined />}
                onClick={() => setSettingsOpen(true)}
                data-testid="open-settings"
              >
                {t('settings.open')}
              </Button>
            )}
          </Space>
        }
      />
      {crumbs.length > 0 && (
        <div className="st-crumbs" data-testid="scope-crumbs">
          <Space size={12}>
            <Breadcrumb
              items={crumbs.map((c, i) => ({
                key: c.id,
                title:
                  i < crumbs.length - 1 && reachable(i) ? (
                    <a
                      href={`?scope=${c.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        setScope(c.id);
                      }}
                    >
                      {c.name}
                    </a>
                  ) : (
                    <span>{c.name}</span>
                  ),
              }))}
            />
            {parent && (
              <Button size="small" type="text" icon={<ArrowUpOutlined />} onClick={() => setScope(parent.id)}>
                {t('drill.up')}
              </Button>
            )}
            {data && (
              <span className="st-rule-checked">
                {t('evaluatedAt', { time: formatDateTime(data.evaluatedAt, i18n.language) })}
              </span>
            )}
          </Space>
        </div>
      )}
      {body()}
      {districtId && manageSettings && (
        <ThresholdsDrawer
          districtId={districtId}
          open={settingsOpen}
          onClose={() => setSettingsOpen(false)}
        />
      )}
    </div>
  );
}
