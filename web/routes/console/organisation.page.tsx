import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Space, Spin, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationNodeView } from '../../../domain/contracts/organisation.js';
import { roleHas } from '../../../domain/roles.js';
import { isNoAccess } from '../../api/client.js';
import type { MeView } from '../../api/types.js';
import { ErrorResult, NoAccessResult } from '../../components/console/error-result.js';
import { PageHeading } from '../../components/console/page-heading.js';
import { useMe } from '../../features/auth/auth.queries.js';
import { CentralHouseholdModal, OwnersCommitteeModal } from '../../features/organisations/ch-dialogs.js';
import {
  AppointModal,
  BuildingsModal,
  CreateOrganisationModal,
  MergeModal,
  TextModal,
} from '../../features/organisations/org-dialogs.js';
import {
  CentralHouseholdDetails,
  NothingSelected,
  OrganisationDetails,
} from '../../features/organisations/org-detail.js';
import { orgErrorMessage } from '../../features/organisations/org-error.js';
import { chKey, OrganisationTreeView } from '../../features/organisations/org-tree.js';
import {
  useAddOwnersCommitteeMember,
  useAddRedButler,
  useAppointPosition,
  useChangeCentralHousehold,
  useChangeOrganisation,
  useCreateCentralHousehold,
  useCreateOrganisation,
  useDissolveOrganisation,
  useEndCentralHousehold,
  useEndOwnersCommitteeMember,
  useEndPosition,
  useEndRedButler,
  useMergeOrganisation,
  useOrganisation,
  useOrganisationTree,
} from '../../features/organisations/organisations.queries.js';
import { PlaceTreeSelect } from '../../features/places/place-tree-select.js';
import { usePlaceDetail } from '../../features/places/places.queries.js';
import { useScope } from '../../features/places/use-scope.js';
import '../../features/organisations/organisation.css';

type Dialog =
  | 'create'
  | 'rename'
  | 'buildings'
  | 'merge'
  | 'dissolve'
  | 'appoint'
  | 'butler'
  | 'ch-create'
  | 'ch-edit'
  | 'owners-committee'
  | null;

/** Whether the caller may manage the organisation on a place: org.manage held there or above. */
function canManage(me: MeView | null | undefined, line: readonly string[]): boolean {
  return (me?.roles ?? []).some(
    (r) => roleHas(r.role, 'org.manage') && (r.placeId === null || line.includes(r.placeId)),
  );
}

/** 组织体系: a community's four levels as a tree, each organisation's posts, coverage and history. */
export default function OrganisationPage() {
  const { t, i18n } = useTranslation('organisation');
  const { t: tb } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const { roots, scopeId, setScope } = useScope();
  const scope = usePlaceDetail(scopeId);
  const inCommunity = scope.data ? scope.data.communityId !== null : false;
  const tree = useOrganisationTree(inCommunity ? scopeId : null);
  // What is selected belongs to the scope it was chosen in; by default, the big committee.
  const [choice, setChoice] = useState<{ scope: string | null; key: string } | null>(null);
  const [showHistory, setShowHistory] = useState(true);
  const [dialog, setDialog] = useState<Dialog>(null);
  const selected = (choice?.scope === scopeId ? choice.key : null) ?? tree.data?.roots[0]?.id ?? null;
  const setSelected = (key: string) => setChoice({ scope: scopeId, key });
  const orgId = selected && !selected.startsWith('ch:') ? selected : null;
  const detail = useOrganisation(orgId);
  const org = detail.data ?? null;

  const create = useCreateOrganisation();
  const change = useChangeOrganisation();
  const merge = useMergeOrganisation();
  const dissolve = useDissolveOrganisation();
  const appoint = useAppointPosition();
  const endPosition = useEndPosition();
  const addButler = useAddRedButler();
  const endButler = useEndRedButler();
  const createCh = useCreateCentralHousehold();
  const changeCh = useChangeCentralHousehold();
  const endCh = useEndCentralHousehold();
  const addOc = useAddOwnersCommitteeMember();
  const endOc = useEndOwnersCommitteeMember();

  const fail = (err: unknown) => void message.error(orgErrorMessage(err, t, tb, i18n.language));
  const done = (text: string) => {
    setDialog(null);
    void message.success(text);
  };
  const communityId = scope.data?.communityId ?? null;
  const line = scope.data ? [scope.data.id, ...scope.data.ancestors.map((a) => a.id)] : [];
  const manage = canManage(me, line);
  const ch = selected?.startsWith('ch:')
    ? [
        ...(tree.data?.unattachedCentralHouseholds ?? []),
        ...flatten(tree.data?.roots ?? []).flatMap((n) => n.centralHouseholds),
      ].find((c) => chKey(c.id) === selected)
    : undefined;

  const treeBody = () => {
    if (roots.isSuccess && (roots.data ?? []).length === 0)
      return <Empty description={tb('console.noScope')} />;
    if (scope.data && !inCommunity) return <Empty description={t('chooseCommunity')} />;
    if (tree.isError) {
      return isNoAccess(tree.error) ? (
        <NoAccessResult />
      ) : (
        <ErrorResult
          message={orgErrorMessage(tree.error, t, tb, i18n.language)}
          onRetry={() => void tree.refetch()}
        />
      );
    }
    if (!tree.data) return <Spin />;
    if (tree.data.roots.length === 0 && tree.data.unattachedCentralHouseholds.length === 0) {
      return (
        <Empty description={t('tree.empty')}>
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')}>
              {t('actions.createCommittee')}
            </Button>
          )}
        </Empty>
      );
    }
    return (
      <OrganisationTreeView
        tree={tree.data}
        showHistory={showHistory}
        selectedKey={selected}
        onSelect={setSelected}
      />
    );
  };

  const totals = tree.data?.totals;

  return (
    <div className="cl-page">
      <PageHeading title={t('title')} subtitle={t('subtitle')} />
      <Card className="cl-table-card od-toolbar-card">
        <Space wrap size="large" className="cl-toolbar">
          <label className="cl-toolbar-field">
            <span className="cl-toolbar-label">{t('scope')}</span>
            <PlaceTreeSelect
              roots={roots.data ?? []}
              value={scopeId}
              onChange={setScope}
              leafKinds={['compound']}
              ariaLabel={t('scope')}
            />
          </label>
          {totals && (
            <div className="od-totals" data-testid="org-totals">
              {(['members', 'buildings', 'centralHouseholds', 'vacancies'] as const).map((k) => (
                <span
                  key={k}
                  className={
                    k === 'vacancies' && totals.vacancies > 0 ? 'od-total od-total-alert' : 'od-total'
                  }
                >
                  <strong>{totals[k]}</strong> {t(`counts.${k}`)}
                </span>
              ))}
            </div>
          )}
        </Space>
      </Card>
      <div className="cl-split od-split">
        <Card
          title={
            tree.data?.community.name ? `${tree.data.community.name} · ${t('tree.title')}` : t('tree.title')
          }
          className="cl-tree-card"
          size="small"
          extra={
            <label className="od-history-switch">
              <Switch size="small" checked={showHistory} onChange={setShowHistory} /> {t('tree.showHistory')}
            </label>
          }
        >
          {treeBody()}
        </Card>
        <Card className="cl-detail-card">
          {ch ? (
            <CentralHouseholdDetails
              ch={ch}
              canManage={manage}
              onEdit={() => setDialog('ch-edit')}
              onEnd={() =>
                endCh.mutate(ch.id, {
                  onSuccess: (ended) => {
                    void message.success(t('messages.chEnded', { name: ended.title }));
                    if (ended.organisationId) setSelected(ended.organisationId);
                  },
                  onError: fail,
                })
              }
            />
          ) : !orgId ? (
            <NothingSelected />
          ) : detail.isError ? (
            isNoAccess(detail.error) ? (
              <NoAccessResult />
            ) : (
              <ErrorResult message={orgErrorMessage(detail.error, t, tb, i18n.language)} />
            )
          ) : org ? (
            <OrganisationDetails
              org={org}
              canManage={manage}
              actions={{
                onCreateChild: () => setDialog('create'),
                onRename: () => setDialog('rename'),
                onChangeBuildings: () => setDialog('buildings'),
                onMerge: () => setDialog('merge'),
                onDissolve: () => setDialog('dissolve'),
                onAppoint: () => setDialog('appoint'),
                onAddButler: () => setDialog('butler'),
                onEndPosition: (id) =>
                  endPosition.mutate(id, {
                    onSuccess: () => void message.success(t('messages.ended')),
                    onError: fail,
                  }),
                onEndButler: (id) =>
                  endButler.mutate(id, {
                    onSuccess: () => void message.success(t('messages.butlerEnded')),
                    onError: fail,
                  }),
                onCreateCentralHousehold: () => setDialog('ch-create'),
                onSelectCentralHousehold: (id) => setSelected(chKey(id)),
                onAddOwnersCommitteeMember: () => setDialog('owners-committee'),
                onEndOwnersCommitteeMember: (id) =>
                  endOc.mutate(id, {
                    onSuccess: () => void message.success(t('messages.ocEnded')),
                    onError: fail,
                  }),
              }}
            />
          ) : (
            <Spin />
          )}
        </Card>
      </div>

      {communityId && (
        <CreateOrganisationModal
          open={dialog === 'create'}
          parent={tree.data?.roots.length ? org : null}
          communityId={communityId}
          tree={tree.data}
          busy={create.isPending}
          onCancel={() => setDialog(null)}
          onSubmit={(body) =>
            create.mutate(body, {
              onSuccess: (o) => {
                done(t('messages.created', { name: o.name }));
                setSelected(o.id);
              },
              onError: fail,
            })
          }
        />
      )}
      {communityId && ch && (
        <CentralHouseholdModal
          open={dialog === 'ch-edit'}
          communityId={communityId}
          ch={ch}
          busy={changeCh.isPending}
          onCancel={() => setDialog(null)}
          onSubmit={({ householdId: _, ...b }) =>
            changeCh.mutate(
              { id: ch.id, ...b },
              { onSuccess: () => done(t('messages.chChanged')), onError: fail },
            )
          }
        />
      )}
      {org && (
        <>
          <CentralHouseholdModal
            open={dialog === 'ch-create'}
            communityId={org.community.id}
            under={{ name: org.name, placeId: org.place.id }}
            busy={createCh.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={(b) =>
              createCh.mutate(b, {
                onSuccess: (created) => {
                  done(t('messages.chCreated', { name: created.title }));
                  setSelected(chKey(created.id));
                },
                onError: fail,
              })
            }
          />
          {org.ownersCommittee && (
            <OwnersCommitteeModal
              open={dialog === 'owners-committee'}
              compoundName={org.place.name}
              communityId={org.community.id}
              busy={addOc.isPending}
              onCancel={() => setDialog(null)}
              onSubmit={(b) =>
                addOc.mutate(
                  { compoundId: org.place.id, ...b },
                  { onSuccess: () => done(t('messages.ocAdded')), onError: fail },
                )
              }
            />
          )}
          <TextModal
            open={dialog === 'rename'}
            title={t('form.renameTitle', { name: org.name })}
            label={t('form.name')}
            initial={org.name}
            busy={change.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={(name) =>
              change.mutate(
                { id: org.id, name },
                { onSuccess: (o) => done(t('messages.renamed', { name: o.name })), onError: fail },
              )
            }
          />
          <TextModal
            open={dialog === 'dissolve'}
            title={t('form.dissolveTitle', { name: org.name })}
            label={t('form.reason')}
            hint={t('form.dissolveHint')}
            multiline
            danger
            busy={dissolve.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={(reason) =>
              dissolve.mutate(
                { id: org.id, reason },
                { onSuccess: (o) => done(t('messages.dissolved', { name: o.name })), onError: fail },
              )
            }
          />
          <BuildingsModal
            open={dialog === 'buildings'}
            org={org}
            tree={tree.data}
            busy={change.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={(buildingIds) =>
              change.mutate(
                { id: org.id, buildingIds },
                { onSuccess: () => done(t('messages.buildingsChanged')), onError: fail },
              )
            }
          />
          <MergeModal
            open={dialog === 'merge'}
            org={org}
            tree={tree.data}
            busy={merge.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={(intoId) =>
              merge.mutate(
                { id: org.id, intoId },
                {
                  onSuccess: (o) => {
                    done(t('messages.merged', { name: o.name }));
                    setSelected(o.id);
                  },
                  onError: fail,
                },
              )
            }
          />
          <AppointModal
            open={dialog === 'appoint' || dialog === 'butler'}
            mode={dialog === 'butler' ? 'butler' : 'position'}
            org={org}
            busy={appoint.isPending || addButler.isPending}
            onCancel={() => setDialog(null)}
            onAppoint={(v) =>
              appoint.mutate(
                { id: org.id, ...v },
                { onSuccess: () => done(t('messages.appointed')), onError: fail },
              )
            }
            onAddButler={(v) =>
              addButler.mutate(
                { id: org.id, ...v },
                { onSuccess: () => done(t('messages.butlerAdded')), onError: fail },
              )
            }
          />
        </>
      )}
    </div>
  );
}

function flatten(nodes: OrganisationNodeView[]): OrganisationNodeView[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}
