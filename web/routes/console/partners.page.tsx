import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  PARTNER_OFFER_KINDS,
  PARTNER_UNIT_KINDS,
  type PartnerOfferKind,
  type PartnerUnitKind,
} from '../../../domain/organisation.js';
import { isNoAccess } from '../../api/client.js';
import { ErrorResult, NoAccessResult } from '../../components/console/error-result.js';
import { PageHeading } from '../../components/console/page-heading.js';
import { PairingModal, UnitFormModal } from '../../features/partners/partner-forms.js';
import { PartnerUnitDrawer } from '../../features/partners/partner-unit-drawer.js';
import {
  type PairingView,
  type PartnerUnitView,
  useContributionsTimeline,
  useCreatePairing,
  useCreatePartnerUnit,
  useEndPairing,
  useOffersCatalogue,
  usePairings,
  usePartnerUnits,
} from '../../features/partners/partners.queries.js';
import { PlaceTreeSelect } from '../../features/places/place-tree-select.js';
import { useScope } from '../../features/places/use-scope.js';
import { useMe } from '../../features/auth/auth.queries.js';
import { errorMessage } from '../../i18n/error-message.js';
import { joinPath } from '../../i18n/format.js';
import { LoadMore } from '../../components/console/load-more.js';

const TABS = ['registry', 'pairings', 'offers', 'contributions'] as const;
type Tab = (typeof TABS)[number];
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function Failure({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t, i18n } = useTranslation();
  return isNoAccess(error) ? (
    <NoAccessResult />
  ) : (
    <ErrorResult message={errorMessage(error, t, i18n.language)} onRetry={onRetry} />
  );
}

function Registry({ scopeId, onOpen }: { scopeId: string | null; onOpen: (id: string) => void }) {
  const { t } = useTranslation('partners');
  const [kind, setKind] = useState<PartnerUnitKind | null>(null);
  const [q, setQ] = useState('');
  const list = usePartnerUnits(scopeId, kind, q);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: ColumnsType<PartnerUnitView> = [
    {
      title: t('field.name'),
      key: 'name',
      render: (_, u) => (
        <div className="cl-cell-stack">
          <Button
            type="link"
            style={{ padding: 0, height: 'auto', alignSelf: 'flex-start' }}
            onClick={() => onOpen(u.id)}
          >
            <span className="cl-strong">{u.name}</span>
          </Button>
          <Typography.Text type="secondary">{u.partyOrg ?? ''}</Typography.Text>
        </div>
      ),
    },
    {
      title: t('field.kind'),
      key: 'kind',
      width: 110,
      render: (_, u) => <Tag>{t(`unitKind.${u.kind}`)}</Tag>,
    },
    {
      title: t('field.contact'),
      key: 'contact',
      width: 180,
      render: (_, u) => (
        <div className="cl-cell-stack">
          <span>{u.contactName ?? '—'}</span>
          <Typography.Text type="secondary" className="cl-mono">
            {u.contactPhone ?? ''}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('registry.pairedWith'),
      key: 'pairings',
      render: (_, u) => (
        <Space wrap size={4}>
          {u.pairings
            .filter((p) => p.active)
            .map((p) => (
              <Tag key={p.id} color="red">
                {p.place.name}
              </Tag>
            ))}
        </Space>
      ),
    },
    {
      title: t('registry.offers'),
      key: 'offers',
      render: (_, u) => (
        <Space wrap size={4}>
          {u.offerKinds.map((k) => (
            <Tag key={k} color="volcano">
              {t(`offerKind.${k}`)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('registry.contributions'),
      key: 'count',
      width: 100,
      align: 'right',
      render: (_, u) => u.contributionCount,
    },
  ];
  if (list.isError) return <Failure error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Space wrap className="cl-toolbar">
        <Select<PartnerUnitKind | 'all'>
          value={kind ?? 'all'}
          style={{ width: 160 }}
          aria-label={t('field.kind')}
          onChange={(v) => setKind(v === 'all' ? null : v)}
          options={[
            { value: 'all', label: t('registry.allKinds') },
            ...PARTNER_UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) })),
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('registry.search')}
          onSearch={setQ}
          style={{ width: 240 }}
          aria-label={t('registry.search')}
        />
      </Space>
      <Table<PartnerUnitView>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={list.isPending && scopeId !== null}
        pagination={false}
        onRow={(u) => ({ onDoubleClick: () => onOpen(u.id) })}
        locale={{ emptyText: t('registry.empty') }}
        data-testid="partner-table"
      />
    </>
  );
}

function Pairings({ scopeId, onNew }: { scopeId: string | null; onNew?: () => void }) {
  const { t, i18n } = useTranslation('partners');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const [includeEnded, setIncludeEnded] = useState(false);
  const list = usePairings(scopeId, includeEnded);
  const end = useEndPairing();
  const columns: ColumnsType<PairingView> = [
    {
      title: t('field.unit'),
      key: 'unit',
      render: (_, p) => <span className="cl-strong">{p.partnerUnit.name}</span>,
    },
    {
      title: t('field.place'),
      key: 'place',
      render: (_, p) =>
        joinPath(
          p.placePath.map((c) => c.name),
          i18n.language,
        ),
    },
    { title: t('field.startedOn'), dataIndex: 'startedOn', width: 120 },
    {
      title: t('pairings.status'),
      key: 'status',
      width: 150,
      render: (_, p) =>
        p.active ? (
          <Tag color="red">{t('pairings.active')}</Tag>
        ) : (
          <Tag>{t('pairings.ended', { date: p.endedOn })}</Tag>
        ),
    },
    { title: t('field.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
    {
      title: t('field.actions'),
      key: 'actions',
      width: 100,
      render: (_, p) =>
        p.active && onNew ? (
          <Popconfirm
            title={t('pairings.endConfirm', { unit: p.partnerUnit.name, place: p.place.name })}
            okText={t('pairings.end')}
            cancelText={tc('common.cancel')}
            onConfirm={() =>
              end.mutate(
                { id: p.id, endedOn: today() },
                { onError: (e) => void message.error(errorMessage(e, tc, i18n.language)) },
              )
            }
          >
            <Button size="small" type="text" danger>
              {t('pairings.end')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];
  if (list.isError) return <Failure error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Space wrap className="cl-toolbar">
        <label className="cl-toolbar-field">
          <Switch checked={includeEnded} onChange={setIncludeEnded} size="small" />
          <span>{t('pairings.includeEnded')}</span>
        </label>
        {onNew && (
          <Button type="primary" onClick={onNew}>
            {t('pairings.new')}
          </Button>
        )}
      </Space>
      <Table<PairingView>
        rowKey="id"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isPending && scopeId !== null}
        pagination={false}
        locale={{ emptyText: t('pairings.empty') }}
      />
    </>
  );
}

function Offers({ scopeId }: { scopeId: string | null }) {
  const { t } = useTranslation('partners');
  const [kind, setKind] = useState<PartnerOfferKind | 'all'>('all');
  const list = useOffersCatalogue(scopeId, kind === 'all' ? null : kind);
  if (list.isError) return <Failure error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data ?? [];
  return (
    <>
      <Space wrap className="cl-toolbar">
        <Segmented<PartnerOfferKind | 'all'>
          value={kind}
          onChange={setKind}
          options={[
            { value: 'all', label: t('offers.all') },
            ...PARTNER_OFFER_KINDS.map((k) => ({ value: k, label: t(`offerKind.${k}`) })),
          ]}
        />
      </Space>
      {items.length === 0 && !list.isPending ? (
        <Empty description={t('offers.empty')} />
      ) : (
        <Row gutter={[16, 16]}>
          {items.map((o) => (
            <Col key={o.id} xs={24} md={12} xl={8}>
              <Card
                size="small"
                title={o.title}
                extra={<Tag color="volcano">{t(`offerKind.${o.kind}`)}</Tag>}
              >
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {o.description ?? ''}
                </Typography.Paragraph>
                <div className="cl-cell-stack">
                  <span className="cl-strong">{o.partnerUnit.name}</span>
                  {o.capacity && (
                    <Typography.Text type="secondary">
                      {t('offers.capacity', { capacity: o.capacity })}
                    </Typography.Text>
                  )}
                </div>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}

function Contributions({ scopeId }: { scopeId: string | null }) {
  const { t, i18n } = useTranslation('partners');
  const list = useContributionsTimeline(scopeId);
  if (list.isError) return <Failure error={list.error} onRetry={() => void list.refetch()} />;
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (rows.length === 0 && !list.isPending) return <Empty description={t('contributions.empty')} />;
  return (
    <>
      <Timeline
        style={{ marginTop: 8 }}
        items={rows.map((c) => ({
          color: 'red',
          children: (
            <div data-testid="contribution">
              <Space size={8} wrap>
                <Typography.Text strong>{c.title}</Typography.Text>
                <Tag>{c.partnerUnit.name}</Tag>
              </Space>
              <div>
                <Typography.Text type="secondary">
                  {c.occurredOn} ·{' '}
                  {joinPath(
                    c.placePath.map((p) => p.name),
                    i18n.language,
                  )}
                </Typography.Text>
              </div>
              {c.outcome && (
                <div className="cl-strong" style={{ color: '#c8102e' }}>
                  {c.outcome}
                </div>
              )}
              {c.description && (
                <Typography.Paragraph style={{ marginBottom: 0 }}>{c.description}</Typography.Paragraph>
              )}
              <Typography.Text type="secondary">
                {[
                  c.peopleCount !== null ? t('contributions.people', { n: c.peopleCount }) : null,
                  c.hours !== null ? t('contributions.hours', { n: c.hours }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            </div>
          ),
        }))}
      />
      <LoadMore pages={list} />
    </>
  );
}

/** Partner units (共建单位): registry, pairings, the offers catalogue and the contributions timeline. */
export default function PartnersPage() {
  const { t, i18n } = useTranslation('partners');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const { roots, scopeId, setScope } = useScope();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(raw ?? '') ? (raw as Tab) : 'registry';
  const [openId, setOpenId] = useState<string | null>(null);
  const [unitFormOpen, setUnitFormOpen] = useState(false);
  const [pairingOpen, setPairingOpen] = useState(false);
  const createUnit = useCreatePartnerUnit();
  const createPairing = useCreatePairing();
  const units = usePartnerUnits(scopeId, null, '');
  const rootList = roots.data ?? [];
  // Registering and pairing are for those who manage partners (staff and district admins).
  const manages = (me?.roles ?? []).some((r) =>
    ['community_staff', 'district_admin', 'system_admin'].includes(r.role),
  );
  const fail = (err: unknown) => void message.error(errorMessage(err, tc, i18n.language));

  const setTab = (next: string) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        p.set('tab', next);
        return p;
      },
      { replace: true },
    );

  if (roots.isSuccess && rootList.length === 0) return <Empty description={tc('console.noScope')} />;

  return (
    <div className="cl-page">
      <PageHeading
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          manages && (
            <Button type="primary" onClick={() => setUnitFormOpen(true)}>
              {t('registry.new')}
            </Button>
          )
        }
      />
      <Card className="cl-table-card">
        <Space wrap size="large" className="cl-toolbar">
          <label className="cl-toolbar-field">
            <span className="cl-toolbar-label">{tc('console.scope')}</span>
            <PlaceTreeSelect
              roots={rootList}
              value={scopeId}
              onChange={setScope}
              ariaLabel={tc('console.scope')}
            />
          </label>
        </Space>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            {
              key: 'registry',
              label: t('tabs.registry'),
              children: <Registry scopeId={scopeId} onOpen={setOpenId} />,
            },
            {
              key: 'pairings',
              label: t('tabs.pairings'),
              children: (
                <Pairings scopeId={scopeId} {...(manages ? { onNew: () => setPairingOpen(true) } : {})} />
              ),
            },
            { key: 'offers', label: t('tabs.offers'), children: <Offers scopeId={scopeId} /> },
            {
              key: 'contributions',
              label: t('tabs.contributions'),
              children: <Contributions scopeId={scopeId} />,
            },
          ]}
        />
      </Card>
      <PartnerUnitDrawer unitId={openId} roots={rootList} onClose={() => setOpenId(null)} />
      <UnitFormModal
        open={unitFormOpen}
        roots={rootList}
        defaultPlaceId={scopeId}
        confirmLoading={createUnit.isPending}
        onCancel={() => setUnitFormOpen(false)}
        onSubmit={(body) =>
          createUnit.mutate(body, {
            onSuccess: (u) => {
              setUnitFormOpen(false);
              setOpenId(u.id);
              void message.success(t('registry.created', { name: u.name }));
            },
            onError: fail,
          })
        }
      />
      <PairingModal
        open={pairingOpen}
        roots={rootList}
        units={(units.data?.pages.flatMap((p) => p.items) ?? []).map((u) => ({ id: u.id, name: u.name }))}
        confirmLoading={createPairing.isPending}
        onCancel={() => setPairingOpen(false)}
        onSubmit={(body) =>
          createPairing.mutate(body, {
            onSuccess: () => {
              setPairingOpen(false);
              void message.success(t('pairings.created'));
            },
            onError: fail,
          })
        }
      />
    </div>
  );
}
