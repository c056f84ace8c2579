import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIVING_ROOM_FUNCTIONS, type LivingRoomFunction } from '../../../domain/organisation.js';
import { roleHas } from '../../../domain/roles.js';
import { isNoAccess } from '../../api/client.js';
import type { PlaceView } from '../../api/types.js';
import { ErrorResult, NoAccessResult } from '../../components/console/error-result.js';
import { PageHeading } from '../../components/console/page-heading.js';
import { useMe } from '../../features/auth/auth.queries.js';
import { PlaceTreeSelect } from '../../features/places/place-tree-select.js';
import { usePlaceDetail } from '../../features/places/places.queries.js';
import { useScope } from '../../features/places/use-scope.js';
import {
  type LivingRoomView,
  useCreateLivingRoom,
  useLivingRooms,
  useSetLivingRoomArchived,
  useStandards,
  useUpdateLivingRoom,
} from '../../features/standards/standards.queries.js';
import { errorMessage } from '../../i18n/error-message.js';
import '../../features/standards/standards.css';

interface RoomForm {
  placeId: string;
  name: string;
  areaM2: number;
  hasLogo: boolean;
  functions: LivingRoomFunction[];
  hours?: string;
}

const ROOM_KINDS = new Set(['community', 'compound']);

/** 党建会客厅: the living rooms of a scope, with their S4 standing, added and kept up by staff. */
export default function LivingRoomsPage() {
  const { t, i18n } = useTranslation('standards');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const { roots, scopeId, setScope } = useScope();
  const [showArchived, setShowArchived] = useState(false);
  const list = useLivingRooms(scopeId, showArchived);
  const scope = usePlaceDetail(scopeId);
  const canReadStandards = (me?.roles ?? []).some((r) => roleHas(r.role, 'standards.read'));
  const standards = useStandards(canReadStandards ? scopeId : null);
  const canManage = (me?.roles ?? []).some((r) => roleHas(r.role, 'org.manage'));
  const create = useCreateLivingRoom();
  const update = useUpdateLivingRoom();
  const archive = useSetLivingRoomArchived();
  const [editing, setEditing] = useState<LivingRoomView | 'new' | null>(null);
  const [form] = Form.useForm<RoomForm>();

  const rootList = roots.data ?? [];
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const shortRooms = new Set(
    (standards.data?.rules.find((r) => r.id === 'S4')?.violations ?? []).map((v) => String(v.params.roomId)),
  );
  const fail = (err: unknown) => void message.error(errorMessage(err, tc, i18n.language));

  const open = (room: LivingRoomView | 'new') => {
    setEditing(room);
    form.resetFields();
    if (room === 'new') {
      const here = scope.data && ROOM_KINDS.has(scope.data.kind) ? scope.data.id : undefined;
      form.setFieldsValue({ placeId: here as string, hasLogo: false, functions: [] });
    } else {
      form.setFieldsValue({ ...room, hours: room.hours ?? '' });
    }
  };

  const submit = (v: RoomForm) => {
    const body = {
      name: v.name,
      areaM2: v.areaM2,
      hasLogo: v.hasLogo,
      functions: v.functions,
      hours: v.hours?.trim() ? v.hours.trim() : null,
    };
    const done = {
      onSuccess: () => (setEditing(null), void message.success(t('rooms.saved', { name: v.name }))),
      onError: fail,
    };
    if (editing === 'new') create.mutate({ placeId: v.placeId, body }, done);
    else if (editing) update.mutate({ id: editing.id, body }, done);
  };

  const setArchived = (room: LivingRoomView, archived: boolean) =>
    archive.mutate(
      { id: room.id, archived },
      {
        onSuccess: () =>
          void message.success(
            t(archived ? 'rooms.archivedDone' : 'rooms.restoredDone', { name: room.name }),
          ),
        onError: fail,
      },
    );

  const body = () => {
    if (roots.isSuccess && rootList.length === 0) return <Empty description={tc('console.noScope')} />;
    if (list.isError) {
      return isNoAccess(list.error) ? (
        <NoAccessResult />
      ) : (
        <ErrorResult
          message={errorMessage(list.error, tc, i18n.language)}
          onRetry={() => void list.refetch()}
        />
      );
    }
    return (
      <Card>
        <Table<LivingRoomView>
          rowKey="id"
          loading={list.isPending}
          dataSource={rows}
          pagination={false}
          locale={{
            emptyText: <Empty description={t('rooms.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />,
          }}
          columns={[
            {
              key: 'name',
              title: t('rooms.name'),
              render: (_, r) => (
                <Space size={6}>
                  <strong>{r.name}</strong>
                  {r.archived && <Tag>{t('rooms.archived')}</Tag>}
                </Space>
              ),
            },
            {
              key: 'place',
              title: t('rooms.place'),
              render: (_, r) => `${r.placeName} · ${tc(`kind.${r.placeKind}`)}`,
            },
            {
              key: 'area',
              title: t('rooms.area'),
              align: 'right',
              render: (_, r) => t('rooms.areaValue', { n: r.areaM2 }),
            },
            {
              key: 'logo',
              title: t('rooms.logo'),
              render: (_, r) =>
                r.hasLogo ? t('rooms.hasLogo') : <Tag color="warning">{t('rooms.noLogo')}</Tag>,
            },
            {
              key: 'functions',
              title: t('rooms.functions'),
              render: (_, r) => (
                <Space size={[4, 4]} wrap>
                  {LIVING_ROOM_FUNCTIONS.map((f) => (
                    <Tag key={f} className={`st-fn-tag ${r.functions.includes(f) ? '' : 'is-missing'}`}>
                      {t(`fn.${f}`)}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            { key: 'hours', title: t('rooms.hours'), render: (_, r) => r.hours ?? '—' },
            ...(canReadStandards
              ? [
                  {
                    key: 's4',
                    title: t('rooms.standard'),
                    render: (_: unknown, r: LivingRoomView) =>
                      r.archived ? (
                        '—'
                      ) : shortRooms.has(r.id) ? (
                        <Tag color="error">{t('rooms.short')}</Tag>
                      ) : (
                        <Tag color="success">{t('rooms.meets')}</Tag>
                      ),
                  },
                ]
              : []),
            ...(canManage
              ? [
                  {
                    key: 'actions',
                    title: t('rooms.actions'),
                    render: (_: unknown, r: LivingRoomView) => (
                      <Space size={0}>
                        {!r.archived && (
                          <Button type="link" size="small" onClick={() => open(r)}>
                            {t('rooms.edit')}
                          </Button>
                        )}
                        <Button type="link" size="small" onClick={() => setArchived(r, !r.archived)}>
                          {r.archived ? t('rooms.restore') : t('rooms.archive')}
                        </Button>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    );
  };

  return (
    <div className="cl-page">
      <PageHeading
        title={t('rooms.title')}
        subtitle={t('rooms.subtitle')}
        extra={
          <div className="st-rooms-toolbar">
            <PlaceTreeSelect
              roots={rootList}
              value={scopeId}
              onChange={(id) => setScope(id)}
              leafKinds={['compound']}
              ariaLabel={tc('console.scopePlaceholder')}
              width={240}
            />
            <Space size={6}>
              <Switch size="small" checked={showArchived} onChange={setShowArchived} id="show-archived" />
              <label htmlFor="show-archived">{t('rooms.showArchived')}</label>
            </Space>
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
                {t('rooms.add')}
              </Button>
            )}
          </div>
        }
      />
      {body()}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('rooms.add') : t('rooms.formEdit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending || update.isPending}
        destroyOnHidden
      >
        <Form<RoomForm>
          form={form}
          layout="vertical"
          name="living-room"
          onFinish={submit}
          requiredMark={false}
        >
          {editing === 'new' && (
            <Form.Item
              name="placeId"
              label={t('rooms.place')}
              rules={[{ required: true, message: t('rooms.placePick') }]}
              extra={t('rooms.placeOnly')}
            >
              <PlaceTreeSelect
                roots={rootList}
                value={null}
                onChange={() => undefined}
                leafKinds={['compound']}
                isSelectable={(p: PlaceView) => ROOM_KINDS.has(p.kind)}
                placeholder={t('rooms.placePick')}
                width="100%"
              />
            </Form.Item>
          )}
          <Form.Item
            name="name"
            label={t('rooms.name')}
            rules={[{ required: true, whitespace: true, message: t('rooms.nameRequired') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="areaM2"
            label={t('rooms.area')}
            rules={[{ required: true, message: t('rooms.areaRequired') }]}
          >
            <InputNumber min={1} max={100000} addonAfter="m²" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="hasLogo" label={t('rooms.logo')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="functions" label={t('rooms.functions')}>
            <Checkbox.Group options={LIVING_ROOM_FUNCTIONS.map((f) => ({ value: f, label: t(`fn.${f}`) }))} />
          </Form.Item>
          <Form.Item name="hours" label={t('rooms.hours')}>
            <Input maxLength={200} placeholder={t('rooms.hoursPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
