import { DeleteOutlined, EditOutlined, PlusOutlined, SwapOutlined, UndoOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Descriptions, Popconfirm, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlaceDetailView } from '../../api/types.js';
import { formatDateTime } from '../../i18n/format.js';

export interface PlaceActions {
  onAddChild: () => void;
  onRename: () => void;
  onMove: () => void;
  onArchive: () => void;
  onRestore: () => void;
}

/** One place: what and where it is, and what staff may do with it. */
export function PlaceDetails({
  place,
  canManage,
  canAddChild,
  canMove,
  busy,
  actions,
}: {
  place: PlaceDetailView;
  canManage: boolean;
  canAddChild: boolean;
  canMove: boolean;
  busy: boolean;
  actions: PlaceActions;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="cl-place-details" data-testid="place-details">
      <div className="cl-place-head">
        <div>
          <Breadcrumb
            className="cl-place-crumbs"
            items={place.ancestors.map((a) => ({ key: a.id, title: a.name }))}
          />
          <h2 className="cl-place-name">
            {place.name}
            <Tag className="cl-kind-tag">{t(`kind.${place.kind}`)}</Tag>
            {place.archived ? <Tag color="default">{t('console.places.archived')}</Tag> : null}
          </h2>
        </div>
        {canManage && (
          <Space wrap>
            {canAddChild && !place.archived && (
              <Button type="primary" icon={<PlusOutlined />} onClick={actions.onAddChild}>
                {t('console.places.addChild')}
              </Button>
            )}
            <Button icon={<EditOutlined />} onClick={actions.onRename} disabled={busy}>
              {t('console.places.rename')}
            </Button>
            {canMove && (
              <Button icon={<SwapOutlined />} onClick={actions.onMove} disabled={busy}>
                {t('console.places.move')}
              </Button>
            )}
            {place.archived ? (
              <Button icon={<UndoOutlined />} onClick={actions.onRestore} loading={busy}>
                {t('console.places.restore')}
              </Button>
            ) : (
              <Popconfirm
                title={t('console.places.archive')}
                description={t('console.places.archiveConfirm', { name: place.name })}
                okText={t('console.places.archive')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={actions.onArchive}
              >
                <Button danger icon={<DeleteOutlined />} loading={busy}>
                  {t('console.places.archive')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )}
      </div>
      <Descriptions
        bordered
        size="middle"
        column={1}
        className="cl-place-desc"
        items={[
          { key: 'kind', label: t('console.places.kind'), children: t(`kind.${place.kind}`) },
          { key: 'name', label: t('console.places.name'), children: place.name },
          {
            key: 'path',
            label: t('console.places.path'),
            children: place.ancestors.map((a) => a.name).join(' / ') || '—',
          },
          { key: 'children', label: t('console.places.children'), children: place.childCount },
          {
            key: 'status',
            label: t('console.places.status'),
            children: place.archived ? (
              <Tag>{t('console.places.archived')}</Tag>
            ) : (
              <Tag color="success">{t('console.places.active')}</Tag>
            ),
          },
          {
            key: 'updated',
            label: t('console.places.updatedAt'),
            children: formatDateTime(place.updatedAt, i18n.language),
          },
        ]}
      />
    </div>
  );
}
