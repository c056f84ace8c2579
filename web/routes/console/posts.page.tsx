import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEMBER_LIMITS } from '../../../domain/members.js';
import { PageHeading } from '../../components/console/page-heading.js';
import { Failure, NoScope, ScopeBar, useMembersScope } from '../../features/members/console-scope.js';
import { formatDay, usePostName } from '../../features/members/member-format.js';
import {
  type PostClaimView,
  type PostInput,
  type PostView,
  useClaimStep,
  usePlaceClaims,
  usePosts,
  useSavePost,
} from '../../features/members/members.queries.js';
import { ReasonModal } from '../../components/console/reason-modal.js';
import { errorMessage } from '../../i18n/error-message.js';

/** Add or edit a post: name, description, capacity. */
function PostModal({
  open,
  post,
  saving,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  post: PostView | null;
  saving: boolean;
  onSubmit: (values: PostInput) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('members');
  const { t: tc } = useTranslation();
  const nameOf = usePostName();
  const [form] = Form.useForm<PostInput>();
  return (
    <Modal
      open={open}
      title={post ? t('console.posts.editTitle') : t('console.posts.addTitle')}
      okText={tc('common.save')}
      cancelText={tc('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onCancel}
      afterOpenChange={(visible) => {
        if (visible)
          form.setFieldsValue({
            name: post ? nameOf(post) : '',
            description: post?.description ?? '',
            capacity: post?.capacity ?? 10,
          });
      }}
      afterClose={() => form.resetFields()}
      forceRender
    >
      <Form
        form={form}
        name="post"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          onSubmit({ name: v.name.trim(), description: v.description?.trim() || null, capacity: v.capacity })
        }
      >
        <Form.Item
          name="name"
          label={t('field.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: tc('validation.required', { field: t('field.name') }),
            },
          ]}
        >
          <Input maxLength={MEMBER_LIMITS.postName} />
        </Form.Item>
        <Form.Item name="description" label={t('field.description')}>
          <Input.TextArea rows={3} maxLength={MEMBER_LIMITS.postDescription} showCount />
        </Form.Item>
        <Form.Item
          name="capacity"
          label={t('field.capacity')}
          rules={[{ required: true, message: tc('validation.required', { field: t('field.capacity') }) }]}
        >
          <InputNumber min={1} max={MEMBER_LIMITS.capacityMax} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Claims({ communityId }: { communityId: string }) {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const nameOf = usePostName();
  const claims = usePlaceClaims(communityId, 'pending');
  const step = useClaimStep();
  const [rejecting, setRejecting] = useState<PostClaimView | null>(null);
  const lang = i18n.language;
  const fail = (err: unknown) => void message.error(errorMessage(err, tc, lang));
  const columns: ColumnsType<PostClaimView> = [
    {
      title: t('field.member'),
      key: 'member',
      render: (_, c) => <span className="cl-strong">{c.member.name}</span>,
    },
    { title: t('nav.posts'), key: 'post', render: (_, c) => nameOf(c.post) },
    { title: t('field.submittedAt'), key: 'at', width: 120, render: (_, c) => formatDay(c.claimedAt, lang) },
    { title: t('field.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
    {
      title: t('field.actions'),
      key: 'actions',
      width: 170,
      render: (_, c) => (
        <Space size={4}>
          <Button
            size="small"
            type="primary"
            loading={step.isPending && step.variables?.id === c.id}
            onClick={() =>
              step.mutate(
                { id: c.id, step: 'approve' },
                {
                  onSuccess: () =>
                    void message.success(
                      t('console.posts.approvedToast', { name: c.member.name, post: nameOf(c.post) }),
                    ),
                  onError: fail,
                },
              )
            }
          >
            {t('console.posts.approve')}
          </Button>
          <Button size="small" danger onClick={() => setRejecting(c)}>
            {t('console.posts.reject')}
          </Button>
        </Space>
      ),
    },
  ];
  if (claims.isError) return <Failure error={claims.error} onRetry={() => void claims.refetch()} />;
  return (
    <>
      <Table<PostClaimView>
        rowKey="id"
        columns={columns}
        dataSource={claims.data ?? []}
        loading={claims.isPending}
        pagination={false}
        locale={{ emptyText: t('console.posts.noClaims') }}
        data-testid="claims-table"
      />
      <ReasonModal
        name="member-reason"
        maxLength={MEMBER_LIMITS.reason}
        open={rejecting !== null}
        title={t('console.posts.reject')}
        okText={t('console.posts.reject')}
        label={t('field.reason')}
        confirmLoading={step.isPending}
        onCancel={() => setRejecting(null)}
        onSubmit={(reason) => {
          const c = rejecting;
          if (!c) return;
          step.mutate(
            { id: c.id, step: 'reject', reason },
            {
              onSuccess: () => {
                setRejecting(null);
                void message.success(t('console.posts.rejectedToast', { name: c.member.name }));
              },
              onError: fail,
            },
          );
        }}
      />
    </>
  );
}

/** The ten posts (十大岗位) of a community: the catalogue (edit, add, retire) and claims to approve. */
export default function PostsPage() {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const nameOf = usePostName();
  const scope = useMembersScope();
  const communityId = scope.isCommunity ? scope.scopeId : null;
  const [showArchived, setShowArchived] = useState(false);
  const posts = usePosts(communityId, showArchived);
  const save = useSavePost();
  const [editing, setEditing] = useState<PostView | 'new' | null>(null);
  const fail = (err: unknown) => void message.error(errorMessage(err, tc, i18n.language));

  const columns: ColumnsType<PostView> = [
    {
      title: t('field.name'),
      key: 'name',
      width: 220,
      render: (_, p) => (
        <Space size={6}>
          <span className="cl-strong">{nameOf(p)}</span>
          {p.archived && <Tag>{t('console.posts.archived')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('field.description'),
      key: 'description',
      render: (_, p) => <Typography.Text type="secondary">{p.description ?? ''}</Typography.Text>,
    },
    {
      title: t('field.capacity'),
      key: 'capacity',
      width: 220,
      render: (_, p) => (
        <div className="cl-cell-stack">
          <span>{t('console.posts.holders', { n: p.holders, capacity: p.capacity })}</span>
          {p.holderNames.length > 0 && (
            <Typography.Text type="secondary">{p.holderNames.join('、')}</Typography.Text>
          )}
          {p.pendingClaims > 0 && (
            <Tag
              color="gold"
              style={{ alignSelf: 'flex-start' }}
            >{`${t('claimStatus.pending')} ${p.pendingClaims}`}</Tag>
          )}
        </div>
      ),
    },
    {
      title: t('field.actions'),
      key: 'actions',
      width: 160,
      render: (_, p) => (
        <Space size={4}>
          <Button size="small" onClick={() => setEditing(p)}>
            {t('console.posts.edit')}
          </Button>
          <Button
            size="small"
            type="text"
            danger={!p.archived}
            onClick={() =>
              save.mutate(
                { id: p.id, communityId: p.communityId, body: { archived: !p.archived } },
                { onSuccess: () => void message.success(t('console.posts.saved')), onError: fail },
              )
            }
          >
            {p.archived ? t('console.posts.restore') : t('console.posts.archive')}
          </Button>
        </Space>
      ),
    },
  ];

  const submit = (values: PostInput) => {
    if (!communityId || editing === null) return;
    save.mutate(
      { ...(editing === 'new' ? {} : { id: editing.id }), communityId, body: values },
      {
        onSuccess: () => {
          setEditing(null);
          void message.success(t('console.posts.saved'));
        },
        onError: fail,
      },
    );
  };

  if (scope.roots.isSuccess && (scope.roots.data ?? []).length === 0) return <NoScope />;
  return (
    <div className="cl-page">
      <PageHeading title={t('console.posts.title')} subtitle={t('console.posts.subtitle')} />
      <Card className="cl-table-card">
        <ScopeBar
          scope={scope}
          communityOnly
          extra={
            communityId && (
              <>
                <label className="cl-toolbar-field">
                  <Switch size="small" checked={showArchived} onChange={setShowArchived} />
                  <span>{t('console.posts.showArchived')}</span>
                </label>
                <Button type="primary" onClick={() => setEditing('new')}>
                  {t('console.posts.add')}
                </Button>
              </>
            )
          }
        />
        {!communityId ? (
          scope.place && <Empty description={tc('console.scopePlaceholder')} />
        ) : posts.isError ? (
          <Failure error={posts.error} onRetry={() => void posts.refetch()} />
        ) : (
          <Table<PostView>
            rowKey="id"
            columns={columns}
            dataSource={posts.data ?? []}
            loading={posts.isPending}
            pagination={false}
            data-testid="posts-table"
          />
        )}
      </Card>
      {communityId && (
        <Card className="cl-table-card" title={t('console.posts.claims')} style={{ marginTop: 16 }}>
          <Claims communityId={communityId} />
        </Card>
      )}
      <PostModal
        open={editing !== null}
        post={editing === 'new' ? null : editing}
        saving={save.isPending}
        onSubmit={submit}
        onCancel={() => setEditing(null)}
      />
    </div>
  );
}
