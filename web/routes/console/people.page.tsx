import { UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Input, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleHas } from '../../../domain/roles.js';
import { isNoAccess } from '../../api/client.js';
import { ErrorResult, NoAccessResult } from '../../components/console/error-result.js';
import { PageHeading } from '../../components/console/page-heading.js';
import { useMe } from '../../features/auth/auth.queries.js';
import { orgErrorMessage } from '../../features/organisations/org-error.js';
import { separator } from '../../features/organisations/org-format.js';
import {
  type PeopleFilter,
  type PersonView,
  useCreatePerson,
  usePeople,
} from '../../features/organisations/organisations.queries.js';
import { PersonFormModal } from '../../features/organisations/person-dialogs.js';
import { PersonDrawer } from '../../features/organisations/person-drawer.js';
import { PlaceTreeSelect } from '../../features/places/place-tree-select.js';
import { usePlaceDetail } from '../../features/places/places.queries.js';
import { useScope } from '../../features/places/use-scope.js';
import '../../features/organisations/organisation.css';

const FILTERS: PeopleFilter[] = ['all', 'party_member', 'in_service', 'instructor', 'building_leader'];

/** 人员: one record per person per community, with every role they hold; instructors' compounds (S3). */
export default function PeoplePage() {
  const { t, i18n } = useTranslation('organisation');
  const { t: tb } = useTranslation();
  const { message } = App.useApp();
  const { roots, scopeId, setScope } = useScope();
  const scope = usePlaceDetail(scopeId);
  const me = useMe().data;
  // The server decides on each change; the buttons show for staff who manage people somewhere.
  const manage = (me?.roles ?? []).some((r) => roleHas(r.role, 'people.manage'));
  const [adding, setAdding] = useState(false);
  const create = useCreatePerson();
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState<PeopleFilter>('all');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [open, setOpen] = useState<string | null>(null);
  const cursor = cursors.at(-1) ?? null;
  const list = usePeople(scopeId, q, filter, cursor);
  const reset = () => setCursors([null]);

  const body = () => {
    if (roots.isSuccess && (roots.data ?? []).length === 0)
      return <Empty description={tb('console.noScope')} />;
    if (list.isError) {
      return isNoAccess(list.error) ? (
        <NoAccessResult />
      ) : (
        <ErrorResult
          message={orgErrorMessage(list.error, t, tb, i18n.language)}
          onRetry={() => void list.refetch()}
        />
      );
    }
    return (
      <>
        <Table<PersonView>
          rowKey="id"
          size="middle"
          loading={list.isFetching || roots.isPending}
          dataSource={list.data?.items ?? []}
          pagination={false}
          onRow={(p) => ({ onDoubleClick: () => setOpen(p.id) })}
          columns={[
            {
              title: t('people.columns.name'),
              render: (_, p) => (
                <Button type="link" className="pp-name" onClick={() => setOpen(p.id)}>
                  {p.name}
                </Button>
              ),
              width: 120,
            },
            {
              title: t('people.columns.household'),
              render: (_, p) =>
                p.householdLabel ?? <span className="pp-muted">{t('people.noHousehold')}</span>,
            },
            { title: t('people.columns.phone'), dataIndex: 'phone', width: 140, className: 'cl-mono' },
            {
              title: t('people.columns.party'),
              render: (_, p) =>
                p.partyMember ? (
                  <div className="cl-cell-stack">
                    <Tag color={p.partyMember.kind === 'in_service' ? 'blue' : 'red'}>
                      {t(`memberKind.${p.partyMember.kind}`)}
                    </Tag>
                    <span className="pp-muted">
                      {p.partyMember.organisation?.name ?? p.partyMember.workUnit ?? ''}
                    </span>
                  </div>
                ) : (
                  <span className="pp-muted">{t('people.notMember')}</span>
                ),
            },
            {
              title: t('people.columns.roles'),
              render: (_, p) => (
                <div className="pp-roles">
                  {p.titles.map((x) => (
                    <Tag key={x}>{t(`position.${x}`)}</Tag>
                  ))}
                  {p.instructorOf.length > 0 && (
                    <Tag color="gold">
                      {t('people.instructorOf', {
                        names: p.instructorOf.map((c) => c.name).join(separator(i18n.language)),
                      })}
                    </Tag>
                  )}
                </div>
              ),
            },
          ]}
        />
        <div className="pp-pager">
          <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('people.prev')}
          </Button>
          <Button
            disabled={!list.data?.nextCursor}
            onClick={() => list.data?.nextCursor && setCursors((c) => [...c, list.data.nextCursor])}
          >
            {t('people.next')}
          </Button>
        </div>
      </>
    );
  };

  return (
    <div className="cl-page">
      <PageHeading title={t('people.title')} subtitle={t('people.subtitle')} />
      <Card className="cl-table-card">
        <Space wrap size="large" className="cl-toolbar">
          <label className="cl-toolbar-field">
            <span className="cl-toolbar-label">{t('people.scope')}</span>
            <PlaceTreeSelect
              roots={roots.data ?? []}
              value={scopeId}
              onChange={(id) => {
                setScope(id);
                reset();
              }}
              ariaLabel={t('people.scope')}
            />
          </label>
          <Input.Search
            allowClear
            placeholder={t('people.search')}
            aria-label={t('people.search')}
            onSearch={(v) => {
              setQ(v.trim());
              reset();
            }}
            style={{ width: 220 }}
          />
          <Segmented<PeopleFilter>
            value={filter}
            onChange={(f) => {
              setFilter(f);
              reset();
            }}
            options={FILTERS.map((f) => ({ value: f, label: t(`people.filter.${f}`) }))}
          />
          {manage && (
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              disabled={!scopeId}
              onClick={() => setAdding(true)}
            >
              {t('people.add')}
            </Button>
          )}
        </Space>
        {body()}
      </Card>
      <PersonDrawer personId={open} onClose={() => setOpen(null)} canManage={manage} />
      <PersonFormModal
        open={adding}
        person={null}
        rootId={scopeId}
        needsHousehold={scope.data ? scope.data.communityId === null : false}
        busy={create.isPending}
        onCancel={() => setAdding(false)}
        onSubmit={(fields) =>
          scopeId &&
          create.mutate(
            { ...fields, placeId: fields.householdId ?? scopeId },
            {
              onSuccess: (person) => {
                setAdding(false);
                void message.success(t('messages.personCreated', { name: person.name }));
                setOpen(person.id);
              },
              onError: (err) => void message.error(orgErrorMessage(err, t, tb, i18n.language)),
            },
          )
        }
      />
    </div>
  );
}
