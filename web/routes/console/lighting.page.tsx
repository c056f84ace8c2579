import { App, Button, Card, Checkbox, Empty, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isNoAccess } from '../../api/client.js';
import { ErrorResult, NoAccessResult } from '../../components/console/error-result.js';
import { PageHeading } from '../../components/console/page-heading.js';
import {
  type CentralHouseholdView,
  cardPath,
  doorSignUrl,
  LIGHT_UP_CONSENT_VERSION,
  useLightingUnder,
  useLightUp,
  useRevokeLightUp,
} from '../../features/lighting/lighting.queries.js';
import { PlaceTreeSelect } from '../../features/places/place-tree-select.js';
import { useScope } from '../../features/places/use-scope.js';
import { errorMessage } from '../../i18n/error-message.js';
import { formatDateTime, joinPath } from '../../i18n/format.js';

/**
 * Lighting up, for community staff: every central household of the scope, whether it is lit, who
 * consented and when; staff may record a member's consent given in person, print door signs, and
 * record a withdrawal.
 */
export default function LightingPage() {
  const { t, i18n } = useTranslation('lighting');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const { roots, scopeId, setScope } = useScope();
  const list = useLightingUnder(scopeId);
  const lightUp = useLightUp();
  const revoke = useRevokeLightUp();
  const [recording, setRecording] = useState<CentralHouseholdView | null>(null);
  const [agreed, setAgreed] = useState(false);
  const rows = list.data ?? [];
  const fail = (err: unknown) => void message.error(errorMessage(err, tc, i18n.language));
  const lang = i18n.language;

  const record = () => {
    const ch = recording;
    if (!ch) return;
    lightUp.mutate(
      { id: ch.id, choices: ch.choices },
      {
        onSuccess: () => {
          setRecording(null);
          void message.success(t('console.recorded', { name: ch.leader.name }));
        },
        onError: fail,
      },
    );
  };

  const columns: ColumnsType<CentralHouseholdView> = [
    {
      title: t('console.household'),
      key: 'household',
      render: (_, r) => (
        <div className="cl-cell-stack">
          <span className="cl-strong">{r.choices.title}</span>
          <Typography.Text type="secondary">
            {joinPath(
              r.householdPath.filter((c) => c.kind !== 'street').map((c) => c.name),
              lang,
            )}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('console.leader'), key: 'leader', render: (_, r) => r.leader.name, width: 110 },
    {
      title: t('console.status'),
      key: 'status',
      width: 120,
      render: (_, r) =>
        r.lit ? <Tag color="red">{t('console.lit')}</Tag> : <Tag>{t('console.notLit')}</Tag>,
    },
    {
      title: t('console.consent'),
      key: 'consent',
      render: (_, r) => {
        const c = r.consent;
        if (!c) return <Typography.Text type="secondary">{t('console.noConsent')}</Typography.Text>;
        return (
          <div className="cl-cell-stack" data-testid="consent-cell">
            <span>
              {t('console.grantedAt', { at: formatDateTime(c.grantedAt, lang) })}
              {' · '}
              {c.recordedBy?.self
                ? t('console.bySelf')
                : t('console.byStaff', { name: c.recordedBy?.displayName ?? '—' })}
            </span>
            {c.withdrawnAt && (
              <Typography.Text type="secondary">
                {t('console.withdrawnAt', { at: formatDateTime(c.withdrawnAt, lang) })}
              </Typography.Text>
            )}
            <Typography.Text type="secondary" className="cl-mono">
              {c.textVersion}
            </Typography.Text>
          </div>
        );
      },
    },
    {
      title: t('console.actions'),
      key: 'actions',
      width: 340,
      render: (_, r) =>
        r.lit ? (
          <Space wrap size={4}>
            <Button size="small" href={doorSignUrl(r.id, 'png', lang)} download>
              {t('console.signPng')}
            </Button>
            <Button size="small" href={doorSignUrl(r.id, 'pdf', lang)} download>
              {t('console.signPdf')}
            </Button>
            {r.cardToken && (
              <Button size="small" type="link" href={cardPath(r.cardToken)} target="_blank" rel="noreferrer">
                {t('console.card')}
              </Button>
            )}
            <Popconfirm
              title={t('console.revokeConfirm', { name: r.leader.name })}
              okText={t('mine.revoke')}
              cancelText={tc('common.cancel')}
              onConfirm={() =>
                revoke.mutate(r.id, {
                  onSuccess: () => void message.success(t('mine.revokedToast')),
                  onError: fail,
                })
              }
            >
              <Button size="small" danger type="text">
                {t('console.revoke')}
              </Button>
            </Popconfirm>
          </Space>
        ) : (
          <Button
            size="small"
            onClick={() => {
              setAgreed(false);
              setRecording(r);
            }}
          >
            {t('console.record')}
          </Button>
        ),
    },
  ];

  const body = () => {
    if (roots.isSuccess && (roots.data ?? []).length === 0)
      return <Empty description={tc('console.noScope')} />;
    if (list.isError) {
      return isNoAccess(list.error) ? (
        <NoAccessResult />
      ) : (
        <ErrorResult message={errorMessage(list.error, tc, lang)} onRetry={() => void list.refetch()} />
      );
    }
    return (
      <Table<CentralHouseholdView>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={list.isPending && scopeId !== null}
        pagination={false}
        locale={{ emptyText: t('console.empty') }}
      />
    );
  };

  const litCount = rows.filter((r) => r.lit).length;
  return (
    <div className="cl-page">
      <PageHeading
        title={t('console.title')}
        subtitle={t('console.subtitle')}
        extra={
          list.data && (
            <Typography.Text data-testid="lit-summary">
              {t('console.summary', { lit: litCount, total: rows.length })}
            </Typography.Text>
          )
        }
      />
      <Card className="cl-table-card">
        <Space wrap size="large" className="cl-toolbar">
          <label className="cl-toolbar-field">
            <span className="cl-toolbar-label">{tc('console.scope')}</span>
            <PlaceTreeSelect
              roots={roots.data ?? []}
              value={scopeId}
              onChange={setScope}
              ariaLabel={tc('console.scope')}
            />
          </label>
        </Space>
        {body()}
      </Card>
      <Modal
        open={recording !== null}
        title={t('console.recordTitle', { name: recording?.leader.name ?? '' })}
        okText={t('console.recordOk')}
        cancelText={tc('common.cancel')}
        okButtonProps={{ disabled: !agreed }}
        confirmLoading={lightUp.isPending}
        onOk={record}
        onCancel={() => setRecording(null)}
        destroyOnHidden
      >
        <p>{t('console.recordIntro')}</p>
        <ul>
          <li>{t('consent.what1')}</li>
          <li>{t('consent.what2')}</li>
          <li>{t('consent.withdraw')}</li>
        </ul>
        <p className="cl-modal-hint">{t('consent.version', { version: LIGHT_UP_CONSENT_VERSION })}</p>
        <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)}>
          {t('console.recordCheckbox')}
        </Checkbox>
      </Modal>
    </div>
  );
}
