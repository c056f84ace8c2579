import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  List,
  Popconfirm,
  Select,
  Space,
  Spin,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { byName } from '../../i18n/format.js';
import { fetchChildren, placeKeys } from '../places/places.queries.js';
import { orgErrorMessage } from './org-error.js';
import { formatDate } from './org-format.js';
import {
  useChangePerson,
  useEndPartyMembership,
  useLinkInstructor,
  usePerson,
  useSetPartyMembership,
  useUnlinkInstructor,
} from './organisations.queries.js';
import { PartyMembershipModal, PersonFormModal } from './person-dialogs.js';

/**
 * One person and every role they hold, with the compounds an instructor is linked to (S3 refused nicely);
 * staff who manage people edit the record and the party membership here.
 */
export function PersonDrawer({
  personId,
  onClose,
  canManage = false,
}: {
  personId: string | null;
  onClose: () => void;
  canManage?: boolean;
}) {
  const { t, i18n } = useTranslation('organisation');
  const { t: tb } = useTranslation();
  const { message } = App.useApp();
  const person = usePerson(personId);
  const link = useLinkInstructor();
  const unlink = useUnlinkInstructor();
  const [compound, setCompound] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'edit' | 'party' | null>(null);
  const change = useChangePerson();
  const setMembership = useSetPartyMembership();
  const endMembership = useEndPartyMembership();
  const fail = (err: unknown) =>
    void message.error(orgErrorMessage(err, t, tb, i18n.language, { name: p?.name ?? '' }));
  const p = person.data;
  const compounds = useQuery({
    queryKey: placeKeys.children(p?.communityId ?? '', null),
    queryFn: () => fetchChildren(p?.communityId ?? '', null),
    enabled: p !== undefined && (p.instructorLinks.length > 0 || p.partyMember !== null),
    select: (page) => page.items.filter((c) => !c.archived).sort(byName(i18n.language)),
  });
  const lang = i18n.language;
  const liveLinks = p?.instructorLinks.filter((l) => l.endedAt === null) ?? [];

  const doLink = () => {
    if (!p || !compound) return;
    setRefusal(null);
    link.mutate(
      { personId: p.id, compoundId: compound },
      {
        onSuccess: () => {
          setCompound(null);
          void message.success(
            t('messages.linked', { name: compounds.data?.find((c) => c.id === compound)?.name ?? '' }),
          );
        },
        onError: (err) => setRefusal(orgErrorMessage(err, t, tb, lang, { name: p.name })),
      },
    );
  };

  return (
    <Drawer
      open={personId !== null}
      onClose={() => {
        setRefusal(null);
        onClose();
      }}
      size={520}
      title={p ? t('people.drawer.title', { name: p.name }) : ''}
      extra={
        p && canManage ? (
          <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
            {t('people.edit')}
          </Button>
        ) : null
      }
      destroyOnHidden
    >
      {person.isPending ? (
        <Spin />
      ) : !p ? null : (
        <div data-testid="person-drawer">
          <Descriptions size="small" column={1} bordered title={t('people.drawer.basic')}>
            <Descriptions.Item label={t('people.columns.phone')}>{p.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('people.columns.household')}>
              {p.householdLabel ?? '—'}
            </Descriptions.Item>
            {p.gender && (
              <Descriptions.Item label={t('people.drawer.gender')}>
                {t(`people.drawer.genderValue.${p.gender as 'female' | 'male'}`)}
              </Descriptions.Item>
            )}
            {p.birthYear && (
              <Descriptions.Item label={t('people.drawer.birthYear')}>{p.birthYear}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('people.drawer.account')}>
              {p.userId ? <Tag color="green">{t('people.drawer.linked')}</Tag> : t('people.drawer.notLinked')}
            </Descriptions.Item>
            <Descriptions.Item label={t('people.columns.party')}>
              {p.partyMember ? (
                <Tag color={p.partyMember.kind === 'in_service' ? 'blue' : 'red'}>
                  {t(`memberKind.${p.partyMember.kind}`)}
                </Tag>
              ) : (
                t('people.notMember')
              )}
            </Descriptions.Item>
            {p.partyMember?.organisation && (
              <Descriptions.Item label={t('people.drawer.organisation')}>
                {p.partyMember.organisation.name}
              </Descriptions.Item>
            )}
            {p.partyMember?.workUnit && (
              <Descriptions.Item label={t('people.drawer.workUnit')}>
                {p.partyMember.workUnit}
              </Descriptions.Item>
            )}
            {p.partyMember?.joinedOn && (
              <Descriptions.Item label={t('people.drawer.joinedOn')}>
                {p.partyMember.joinedOn}
              </Descriptions.Item>
            )}
          </Descriptions>

          {canManage && (
            <div className="pp-party-actions" data-testid="party-actions">
              <span className="pp-party-label">{t('people.party.section')}</span>
              <Space size={4}>
                <Button size="small" onClick={() => setDialog('party')}>
                  {p.partyMember ? t('people.party.change') : t('people.party.set')}
                </Button>
                {p.partyMember && (
                  <Popconfirm
                    title={t('people.party.endConfirm', { name: p.name })}
                    onConfirm={() =>
                      endMembership.mutate(p.id, {
                        onSuccess: () =>
                          void message.success(t('messages.membershipEnded', { name: p.name })),
                        onError: fail,
                      })
                    }
                  >
                    <Button size="small" danger loading={endMembership.isPending}>
                      {t('people.party.end')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            </div>
          )}

          <h3 className="od-section">{t('people.drawer.roles')}</h3>
          {p.roles.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.drawer.noRoles')} />
          ) : (
            <List
              size="small"
              dataSource={p.roles}
              renderItem={(r) => (
                <List.Item className={r.endedAt ? 'pp-role-past' : ''}>
                  <span>
                    <Tag>{t(`people.drawer.roleKind.${r.kind}`)}</Tag>
                    {r.kind === 'position'
                      ? t(`position.${r.title as 'secretary'}`)
                      : r.kind === 'red_butler'
                        ? t(`butlerKind.${r.title as 'resident'}`)
                        : r.kind === 'owners_committee'
                          ? t(`ocRole.${r.title as 'chair'}`)
                          : r.title}
                    {' · '}
                    {r.organisation?.name ?? r.place?.name ?? ''}
                  </span>
                  <span className="pp-muted">
                    {formatDate(r.startedAt, lang)}
                    {r.endedAt ? ` – ${t('people.drawer.ended', { date: formatDate(r.endedAt, lang) })}` : ''}
                  </span>
                </List.Item>
              )}
            />
          )}

          {(p.instructorLinks.length > 0 || p.partyMember) && (
            <>
              <h3 className="od-section">{t('people.drawer.instructor')}</h3>
              <p className="pp-muted">
                {t('people.drawer.instructorHint', { max: p.instructorMaxCompounds })}
              </p>
              {liveLinks.length === 0 ? (
                <p className="pp-muted">{t('people.drawer.noLinks')}</p>
              ) : (
                <List
                  size="small"
                  dataSource={liveLinks}
                  renderItem={(l) => (
                    <List.Item
                      actions={[
                        <Popconfirm
                          key="u"
                          title={t('people.drawer.unlink')}
                          onConfirm={() =>
                            unlink.mutate(l.id, {
                              onSuccess: () => void message.success(t('messages.unlinked')),
                              onError: fail,
                            })
                          }
                        >
                          <Button size="small" type="link">
                            {t('people.drawer.unlink')}
                          </Button>
                        </Popconfirm>,
                      ]}
                    >
                      <span>
                        {l.compound.name} <span className="pp-muted">{formatDate(l.startedAt, lang)}</span>
                      </span>
                    </List.Item>
                  )}
                />
              )}
              <div className="pp-link-row">
                <Select
                  className="od-select"
                  value={compound}
                  onChange={(v) => {
                    setCompound(v);
                    setRefusal(null);
                  }}
                  placeholder={t('people.drawer.linkCompound')}
                  aria-label={t('people.drawer.linkCompound')}
                  options={(compounds.data ?? [])
                    .filter((c) => c.kind === 'compound' && !liveLinks.some((l) => l.compound.id === c.id))
                    .map((c) => ({ value: c.id, label: c.name }))}
                />
                <Button type="primary" disabled={!compound} loading={link.isPending} onClick={doLink}>
                  {t('people.drawer.link')}
                </Button>
              </div>
              {refusal && (
                <Alert
                  className="od-alert pp-refusal"
                  type="error"
                  showIcon
                  message={refusal}
                  data-testid="instructor-refusal"
                />
              )}
            </>
          )}
          <PersonFormModal
            open={dialog === 'edit'}
            person={p}
            rootId={p.communityId}
            needsHousehold={false}
            busy={change.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={(fields) =>
              change.mutate(
                { id: p.id, ...fields },
                {
                  onSuccess: (saved) => {
                    setDialog(null);
                    void message.success(t('messages.personChanged', { name: saved.name }));
                  },
                  onError: fail,
                },
              )
            }
          />
          <PartyMembershipModal
            open={dialog === 'party'}
            person={p}
            busy={setMembership.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={(fields) =>
              setMembership.mutate(
                { personId: p.id, ...fields },
                {
                  onSuccess: () => {
                    setDialog(null);
                    void message.success(t('messages.membershipSet', { name: p.name }));
                  },
                  onError: fail,
                },
              )
            }
          />
        </div>
      )}
    </Drawer>
  );
}
