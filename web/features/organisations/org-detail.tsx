import {
  ApartmentOutlined,
  CloseOutlined,
  DeleteOutlined,
  EditOutlined,
  HomeOutlined,
  MergeCellsOutlined,
  PlusOutlined,
  StopOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Alert, Button, Descriptions, Empty, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CentralHouseholdView, OrganisationDetailView } from '../../../domain/contracts/organisation.js';
import { POSITION_TITLES } from '../../../domain/organisation.js';
import { formatDate, separator } from './org-format.js';

export interface OrgActions {
  onCreateChild: () => void;
  onRename: () => void;
  onChangeBuildings: () => void;
  onMerge: () => void;
  onDissolve: () => void;
  onAppoint: () => void;
  onEndPosition: (positionId: string) => void;
  onAddButler: () => void;
  onEndButler: (redButlerId: string) => void;
  onCreateCentralHousehold: () => void;
  onSelectCentralHousehold: (id: string) => void;
  onAddOwnersCommitteeMember: () => void;
  onEndOwnersCommitteeMember: (memberId: string) => void;
}

type Position = OrganisationDetailView['positions'][number];

/** One organisation: where it stands, who holds its posts (vacancies in red), what it covers, its history. */
export function OrganisationDetails({
  org,
  canManage,
  actions,
}: {
  org: OrganisationDetailView;
  canManage: boolean;
  actions: OrgActions;
}) {
  const { t, i18n } = useTranslation('organisation');
  const lang = i18n.language;
  const live = org.dissolvedAt === null;
  const group = org.kind === 'building_group' || org.kind === 'joint_group';
  const manage = canManage && live;
  // Live posts first, in rank order (secretary before members), then the history.
  const positions = [...org.positions].sort(
    (a, b) =>
      Number(a.endedAt !== null) - Number(b.endedAt !== null) ||
      POSITION_TITLES.indexOf(a.title) - POSITION_TITLES.indexOf(b.title) ||
      a.startedAt.localeCompare(b.startedAt),
  );

  return (
    <div className="od" data-testid="org-details">
      <div className="od-head">
        <div>
          <div className="od-crumb">
            {org.community.name}
            {org.parent ? ` · ${org.parent.name}` : ''}
          </div>
          <h2 className="od-name">
            {org.name}
            <Tag className={`ot-kind ot-kind-${org.kind}`}>{t(`kind.${org.kind}`)}</Tag>
            <span className="od-level">{t('level', { n: org.level })}</span>
          </h2>
        </div>
        {manage && (
          <Space wrap>
            {org.kind !== 'building_group' && org.kind !== 'joint_group' && (
              <Button type="primary" icon={<PlusOutlined />} onClick={actions.onCreateChild}>
                {t('actions.createChild')}
              </Button>
            )}
            {org.kind !== 'big_committee' && (
              <Button
                type={group ? 'primary' : 'default'}
                icon={<HomeOutlined />}
                onClick={actions.onCreateCentralHousehold}
              >
                {t('actions.createCh')}
              </Button>
            )}
            <Button icon={<UserAddOutlined />} onClick={actions.onAppoint}>
              {t('actions.appoint')}
            </Button>
            <Button icon={<EditOutlined />} onClick={actions.onRename}>
              {t('actions.rename')}
            </Button>
            {org.kind === 'joint_group' && (
              <Button icon={<ApartmentOutlined />} onClick={actions.onChangeBuildings}>
                {t('actions.changeBuildings')}
              </Button>
            )}
            {group && (
              <Button icon={<MergeCellsOutlined />} onClick={actions.onMerge}>
                {t('actions.merge')}
              </Button>
            )}
            <Button danger icon={<DeleteOutlined />} onClick={actions.onDissolve}>
              {t('actions.dissolve')}
            </Button>
          </Space>
        )}
      </div>

      {!live && (
        <Alert
          className="od-alert"
          type="info"
          showIcon
          message={
            org.mergedInto
              ? t('detail.mergedAlert', {
                  name: org.mergedInto.name,
                  date: formatDate(org.dissolvedAt!, lang),
                })
              : t('detail.dissolvedAlert', {
                  date: formatDate(org.dissolvedAt!, lang),
                  reason: org.dissolvedReason ?? '',
                })
          }
        />
      )}
      {live && org.vacancies.length > 0 && (
        <Alert
          className="od-alert"
          type="error"
          showIcon
          data-testid="vacancy-alert"
          message={t('detail.vacancies', {
            titles: org.vacancies.map((v) => t(`position.${v}`)).join(separator(i18n.language)),
          })}
        />
      )}

      <div className="od-stats">
        {(['members', 'buildings', 'centralHouseholds', 'vacancies'] as const).map((k) => (
          <div
            key={k}
            className={k === 'vacancies' && org.counts.vacancies > 0 ? 'od-stat od-stat-alert' : 'od-stat'}
          >
            <div className="od-stat-value">{org.counts[k]}</div>
            <div className="od-stat-label">{t(`counts.${k}`)}</div>
          </div>
        ))}
      </div>

      <Descriptions size="small" column={2} className="od-desc">
        <Descriptions.Item label={t('detail.place')}>{org.place.name}</Descriptions.Item>
        <Descriptions.Item label={t('detail.createdAt')}>{formatDate(org.createdAt, lang)}</Descriptions.Item>
        {group && (
          <Descriptions.Item label={t('detail.buildings')} span={2}>
            {org.buildings.filter((b) => b.endedAt === null).length === 0 ? (
              <Typography.Text type="secondary">{t('detail.noBuildings')}</Typography.Text>
            ) : (
              <Space size={4} wrap>
                {org.buildings
                  .filter((b) => b.endedAt === null)
                  .map((b) => (
                    <Tag key={b.id}>{b.name}</Tag>
                  ))}
              </Space>
            )}
          </Descriptions.Item>
        )}
        {org.mergedFrom.length > 0 && (
          <Descriptions.Item label={t('detail.mergedFrom')} span={2}>
            {org.mergedFrom.map((m) => m.name).join(separator(i18n.language))}
          </Descriptions.Item>
        )}
      </Descriptions>

      <h3 className="od-section">{t('detail.positions')}</h3>
      <Table<Position>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={positions}
        rowClassName={(p) => (p.endedAt ? 'od-row-past' : '')}
        columns={[
          { title: t('form.title'), render: (_, p) => t(`position.${p.title}`), width: 150 },
          {
            title: t('detail.holder'),
            render: (_, p) => p.person?.name ?? p.partnerUnit?.name ?? '',
          },
          {
            title: t('detail.since'),
            render: (_, p) => formatDate(p.startedAt, lang),
            width: 120,
          },
          {
            title: t('detail.until'),
            width: 150,
            render: (_, p) =>
              p.endedAt ? (
                formatDate(p.endedAt, lang)
              ) : manage ? (
                <Popconfirm
                  title={t('actions.endConfirm', {
                    name: p.person?.name ?? p.partnerUnit?.name ?? '',
                    title: t(`position.${p.title}`),
                  })}
                  onConfirm={() => actions.onEndPosition(p.id)}
                >
                  <Button size="small" type="link">
                    {t('actions.end')}
                  </Button>
                </Popconfirm>
              ) : (
                <Tag color="success">{t('detail.current')}</Tag>
              ),
          },
        ]}
      />

      {group && (
        <>
          <h3 className="od-section">
            {t('detail.redButlers')}
            {manage && (
              <Button size="small" type="link" icon={<PlusOutlined />} onClick={actions.onAddButler}>
                {t('actions.addButler')}
              </Button>
            )}
          </h3>
          {org.redButlers.filter((r) => r.endedAt === null).length === 0 ? (
            <Typography.Text type="secondary">{t('detail.noRedButlers')}</Typography.Text>
          ) : (
            <Space size={[8, 8]} wrap>
              {org.redButlers
                .filter((r) => r.endedAt === null)
                .map((r) => (
                  <span key={r.id} className="od-chip" data-testid="red-butler">
                    <span className="od-chip-name">{r.person.name}</span>
                    <span className="od-chip-meta">
                      {t(`butlerKind.${r.kind}`)}
                      {r.building ? ` · ${r.building.name}` : ''}
                    </span>
                    {manage && (
                      <Popconfirm
                        title={t('actions.endButlerConfirm', { name: r.person.name })}
                        onConfirm={() => actions.onEndButler(r.id)}
                      >
                        <Button
                          size="small"
                          type="text"
                          className="od-chip-end"
                          icon={<CloseOutlined />}
                          aria-label={`${t('actions.endButler')} ${r.person.name}`}
                        />
                      </Popconfirm>
                    )}
                  </span>
                ))}
            </Space>
          )}
        </>
      )}

      {org.ownersCommittee && (
        <>
          <h3 className="od-section">
            {t('detail.ownersCommitteeOf', { name: org.place.name })}
            {manage && (
              <Button
                size="small"
                type="link"
                icon={<PlusOutlined />}
                onClick={actions.onAddOwnersCommitteeMember}
              >
                {t('actions.addOc')}
              </Button>
            )}
          </h3>
          {org.ownersCommittee.filter((m) => m.endedAt === null).length === 0 ? (
            <Typography.Text type="secondary">{t('detail.noOwnersCommittee')}</Typography.Text>
          ) : (
            <Space size={[8, 8]} wrap>
              {org.ownersCommittee
                .filter((m) => m.endedAt === null)
                .sort((a, b) => Number(b.role === 'chair') - Number(a.role === 'chair'))
                .map((m) => (
                  <span key={m.id} className="od-chip" data-testid="oc-member">
                    <span className="od-chip-name">{m.person.name}</span>
                    <span className="od-chip-meta">{t(`ocRole.${m.role}`)}</span>
                    {manage && (
                      <Popconfirm
                        title={t('actions.endOcConfirm', {
                          name: m.person.name,
                          role: t(`ocRole.${m.role}`),
                        })}
                        onConfirm={() => actions.onEndOwnersCommitteeMember(m.id)}
                      >
                        <Button
                          size="small"
                          type="text"
                          className="od-chip-end"
                          icon={<CloseOutlined />}
                          aria-label={`${t('actions.endOc')} ${m.person.name}`}
                        />
                      </Popconfirm>
                    )}
                  </span>
                ))}
            </Space>
          )}
        </>
      )}

      <h3 className="od-section">{t('detail.members', { count: org.members.length })}</h3>
      {org.members.length === 0 ? (
        <Typography.Text type="secondary">{t('detail.noMembers')}</Typography.Text>
      ) : (
        <Space size={[6, 6]} wrap>
          {org.members.map((m) => (
            <Tag key={m.id} color={m.kind === 'in_service' ? 'blue' : undefined}>
              {m.name}
              {m.kind === 'in_service' ? ` · ${t('memberKind.in_service')}` : ''}
            </Tag>
          ))}
        </Space>
      )}

      {org.kind !== 'big_committee' && (
        <>
          <h3 className="od-section">
            {t('detail.centralHouseholds', {
              count: org.centralHouseholds.filter((c) => c.endedAt === null).length,
            })}
            {manage && (
              <Button
                size="small"
                type="link"
                icon={<PlusOutlined />}
                onClick={actions.onCreateCentralHousehold}
              >
                {t('actions.createCh')}
              </Button>
            )}
          </h3>
          {org.centralHouseholds.filter((c) => c.endedAt === null).length === 0 ? (
            <Typography.Text type="secondary">{t('detail.noCentralHouseholds')}</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={org.centralHouseholds.filter((c) => c.endedAt === null)}
              renderItem={(c) => (
                <CentralHouseholdLine ch={c} onOpen={() => actions.onSelectCentralHousehold(c.id)} />
              )}
            />
          )}
        </>
      )}
    </div>
  );
}

function CentralHouseholdLine({ ch, onOpen }: { ch: CentralHouseholdView; onOpen: () => void }) {
  const { t, i18n } = useTranslation('organisation');
  return (
    <List.Item
      actions={[
        <Button key="open" size="small" type="link" onClick={onOpen}>
          {t('actions.viewCh')}
        </Button>,
      ]}
    >
      <div className="od-ch">
        <div className="od-ch-head">
          <span className="od-chip-name">{ch.householdLabel}</span>
          <span className="od-chip-meta">{ch.leader.name}</span>
          {ch.lit && <Tag color="red">{t('tree.lit')}</Tag>}
        </div>
        <div className="od-chip-meta">
          {t('detail.lookedAfter')}: {ch.lookedAfter.map((h) => h.name).join(separator(i18n.language)) || '—'}
        </div>
      </div>
    </List.Item>
  );
}

/** A central household selected in the tree; staff who manage the organisation change or end it here. */
export function CentralHouseholdDetails({
  ch,
  canManage = false,
  onEdit,
  onEnd,
}: {
  ch: CentralHouseholdView;
  canManage?: boolean;
  onEdit?: () => void;
  onEnd?: () => void;
}) {
  const { t, i18n } = useTranslation('organisation');
  const manage = canManage && ch.endedAt === null;
  return (
    <div className="od" data-testid="ch-details">
      <div className="od-head">
        <div>
          <div className="od-crumb">{t('tree.centralHousehold')}</div>
          <h2 className="od-name">
            {ch.title}
            <Tag className="ot-kind ot-kind-central">{t('tree.centralHousehold')}</Tag>
            <span className="od-level">{t('level', { n: 4 })}</span>
          </h2>
        </div>
        {manage && (
          <Space wrap>
            <Button icon={<EditOutlined />} onClick={onEdit}>
              {t('actions.editCh')}
            </Button>
            <Popconfirm title={t('actions.endChConfirm', { name: ch.title })} onConfirm={onEnd}>
              <Button danger icon={<StopOutlined />}>
                {t('actions.endCh')}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </div>
      {ch.endedAt && (
        <Alert
          className="od-alert"
          type="info"
          showIcon
          title={t('detail.endedCh', { date: formatDate(ch.endedAt, i18n.language) })}
        />
      )}
      <Descriptions size="small" column={1} className="od-desc" bordered>
        <Descriptions.Item label={t('detail.place')}>{ch.householdLabel}</Descriptions.Item>
        <Descriptions.Item label={t('detail.leader')}>{ch.leader.name}</Descriptions.Item>
        <Descriptions.Item label={t('detail.lookedAfter')}>
          {ch.lookedAfter.length === 0
            ? '—'
            : ch.lookedAfter.map((h) => h.label).join(separator(i18n.language))}
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.services')}>
          <Space size={4} wrap>
            {ch.services.map((s) => (
              <Tag key={s}>{s}</Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.litStatus')}>
          {ch.lit ? <Tag color="red">{t('tree.lit')}</Tag> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.createdAt')}>
          {formatDate(ch.createdAt, i18n.language)}
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}

export function NothingSelected() {
  const { t } = useTranslation('organisation');
  return <Empty description={t('detail.selectHint')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
}
