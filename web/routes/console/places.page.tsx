import { App, Card, Empty, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { childKindsOf } from '../../../domain/places.js';
import { roleHas } from '../../../domain/roles.js';
import { isNoAccess } from '../../api/client.js';
import type { MeView, PlaceDetailView } from '../../api/types.js';
import { ErrorResult, NoAccessResult } from '../../components/console/error-result.js';
import { PageHeading } from '../../components/console/page-heading.js';
import { PlaceDetails } from '../../components/console/place-details.js';
import { PlaceFormModal, type PlaceFormValues } from '../../components/console/place-form-modal.js';
import { useMe } from '../../features/auth/auth.queries.js';
import { PlaceCounts } from '../../features/members/place-counts.js';
import { MovePlaceModal } from '../../features/places/move-place-modal.js';
import { usePlaceTreeState } from '../../features/places/place-tree.state.js';
import {
  useCreatePlace,
  useMovePlace,
  usePlaceDetail,
  usePlaceRoots,
  useRenamePlace,
  useSetPlaceArchived,
} from '../../features/places/places.queries.js';
import { PlacesTree } from '../../features/places/places-tree.js';
import { errorMessage } from '../../i18n/error-message.js';

type Dialog = 'add' | 'rename' | 'move' | null;

/** Whether the caller may manage this place: a managing role held on it or above it. */
function canManagePlace(me: MeView | null | undefined, place: PlaceDetailView): boolean {
  const line = new Set([place.id, ...place.ancestors.map((a) => a.id)]);
  return (me?.roles ?? []).some(
    (r) => roleHas(r.role, 'places.manage') && (r.placeId === null || line.has(r.placeId)),
  );
}

export default function PlacesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const roots = usePlaceRoots();
  const tree = usePlaceTreeState();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const detail = usePlaceDetail(selectedId);
  const create = useCreatePlace();
  const rename = useRenamePlace();
  const move = useMovePlace();
  const archive = useSetPlaceArchived();

  // First visit: open the caller's scope roots and show the first one, rather than an empty page.
  const opened = useRef(false);
  const rootData = roots.data;
  const { load } = tree;
  useEffect(() => {
    if (opened.current || !rootData || rootData.length === 0) return;
    opened.current = true;
    const ids = rootData.slice(0, 5).map((r) => r.id);
    setExpanded(ids);
    setSelectedId(ids[0] ?? null);
    for (const id of ids) void load(id);
  }, [rootData, load]);

  const fail = (err: unknown) => void message.error(errorMessage(err, t, i18n.language));
  const place = detail.data;

  const refreshParents = (...ids: (string | null | undefined)[]) => tree.reload(ids);

  const submitAdd = (values: PlaceFormValues) => {
    if (!place) return;
    create.mutate(
      { parentId: place.id, kind: values.kind, name: values.name.trim() },
      {
        onSuccess: (created) => {
          setDialog(null);
          void message.success(t('console.places.created', { name: created.name }));
          void (place.id in tree.children ? tree.reload([place.id]) : tree.load(place.id));
          setExpanded((keys) => (keys.includes(place.id) ? keys : [...keys, place.id]));
          setSelectedId(created.id);
        },
        onError: fail,
      },
    );
  };

  const submitRename = (values: PlaceFormValues) => {
    if (!place) return;
    rename.mutate(
      { id: place.id, name: values.name.trim() },
      {
        onSuccess: (renamed) => {
          setDialog(null);
          void message.success(t('console.places.renamed', { name: renamed.name }));
          void refreshParents(place.parentId);
        },
        onError: fail,
      },
    );
  };

  const submitMove = (parentId: string) => {
    if (!place) return;
    const from = place.parentId;
    move.mutate(
      { id: place.id, parentId },
      {
        onSuccess: () => {
          setDialog(null);
          void message.success(t('console.places.moved'));
          void refreshParents(from);
          void (parentId in tree.children ? tree.reload([parentId]) : tree.load(parentId));
          setExpanded((keys) => (keys.includes(parentId) ? keys : [...keys, parentId]));
        },
        onError: fail,
      },
    );
  };

  const setArchived = (archived: boolean) => {
    if (!place) return;
    archive.mutate(
      { id: place.id, archived },
      {
        onSuccess: () => {
          void message.success(t(archived ? 'console.places.archivedDone' : 'console.places.restoredDone'));
          void refreshParents(place.parentId);
        },
        onError: fail,
      },
    );
  };

  if (roots.isError) {
    return isNoAccess(roots.error) ? (
      <NoAccessResult />
    ) : (
      <ErrorResult
        message={errorMessage(roots.error, t, i18n.language)}
        onRetry={() => void roots.refetch()}
      />
    );
  }

  const rootList = roots.data ?? [];
  const childKinds = place ? childKindsOf(place.kind) : [];
  const manage = place ? canManagePlace(me, place) : false;
  const isRoot = place ? rootList.some((r) => r.id === place.id) : false;

  return (
    <div className="cl-page">
      <PageHeading title={t('console.places.title')} subtitle={t('console.places.subtitle')} />
      <div className="cl-split">
        <Card title={t('console.places.treeTitle')} className="cl-tree-card" size="small">
          {roots.isPending ? (
            <Spin />
          ) : rootList.length === 0 ? (
            <Empty description={t('console.noScope')} />
          ) : (
            <PlacesTree
              roots={rootList}
              tree={tree}
              selectedId={selectedId}
              expandedKeys={expanded}
              onExpand={setExpanded}
              onSelect={setSelectedId}
            />
          )}
        </Card>
        <Card className="cl-detail-card">
          {!selectedId ? (
            <Empty description={t('console.places.selectHint')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : detail.isPending ? (
            <Spin />
          ) : detail.isError ? (
            isNoAccess(detail.error) ? (
              <NoAccessResult />
            ) : (
              <ErrorResult
                message={errorMessage(detail.error, t, i18n.language)}
                onRetry={() => void detail.refetch()}
              />
            )
          ) : place ? (
            <PlaceDetails
              place={place}
              canManage={manage}
              canAddChild={childKinds.length > 0}
              canMove={!isRoot && place.kind !== 'district'}
              busy={archive.isPending}
              actions={{
                onAddChild: () => setDialog('add'),
                onRename: () => setDialog('rename'),
                onMove: () => setDialog('move'),
                onArchive: () => setArchived(true),
                onRestore: () => setArchived(false),
              }}
            />
          ) : null}
        </Card>
      </div>
      {place && <PlaceCounts place={place} />}
      {place && (
        <>
          <PlaceFormModal
            formName="place-add"
            open={dialog === 'add'}
            title={t('console.places.addTitle', { name: place.name })}
            kinds={childKinds}
            confirmLoading={create.isPending}
            onSubmit={submitAdd}
            onCancel={() => setDialog(null)}
          />
          <PlaceFormModal
            formName="place-rename"
            open={dialog === 'rename'}
            title={t('console.places.renameTitle', { name: place.name })}
            initialName={place.name}
            confirmLoading={rename.isPending}
            onSubmit={submitRename}
            onCancel={() => setDialog(null)}
          />
          <MovePlaceModal
            open={dialog === 'move'}
            place={place}
            roots={rootList}
            confirmLoading={move.isPending}
            onSubmit={submitMove}
            onCancel={() => setDialog(null)}
          />
        </>
      )}
    </div>
  );
}
