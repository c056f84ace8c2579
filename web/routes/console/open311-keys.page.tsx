import { KeyOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isNoAccess } from '../../api/client.js';
import { ErrorResult, NoAccessResult } from '../../components/console/error-result.js';
import { PageHeading } from '../../components/console/page-heading.js';
import {
  type IssuedOpen311Key,
  type Open311KeyView,
  useIssueOpen311Key,
  useOpen311Keys,
  useRevokeOpen311Key,
} from '../../features/needboard/open311-keys.queries.js';
import { PlaceTreeSelect } from '../../features/places/place-tree-select.js';
import { useScope } from '../../features/places/use-scope.js';
import { errorMessage } from '../../i18n/error-message.js';
import { formatDateTime } from '../../i18n/format.js';

/** Open311 keys: what partner apps use to post needs through GeoReport v2; issued, shown once, revoked. */
export default function Open311KeysPage() {
  const { t, i18n } = useTranslation('needboard');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const lang = i18n.language;
  const { roots, scopeId, setScope } = useScope();
  const list = useOpen311Keys(scopeId);
  const issue = useIssueOpen311Key(scopeId);
  const revoke = useRevokeOpen311Key(scopeId);
  const [naming, setNaming] = useState(false);
  const [issued, setIssued] = useState<IssuedOpen311Key | null>(null);
  const [form] = Form.useForm<{ name: string }>();
  const rootList = roots.data ?? [];
  const fail = (e: unknown) => void message.error(errorMessage(e, tc, lang));

  const columns: ColumnsType<Open311KeyView> = [
    {
      title: t('keys.name'),
      dataIndex: 'name',
      render: (n: string) => <span className="cl-strong">{n}</span>,
    },
    {
      title: t('keys.createdAt'),
      key: 'created',
      width: 220,
      render: (_, k) => formatDateTime(k.createdAt, lang),
    },
    {
      title: t('keys.lastUsedAt'),
      key: 'used',
      width: 180,
      render: (_, k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt, lang) : t('keys.neverUsed')),
    },
    {
      title: t('field.status'),
      key: 'status',
      width: 200,
      render: (_, k) =>
        k.revokedAt ? (
          <Tag>{t('keys.revokedAt', { at: formatDateTime(k.revokedAt, lang) })}</Tag>
        ) : (
          <Tag color="green">{t('keys.active')}</Tag>
        ),
    },
    {
      title: '',
      key: 'actions',
      width: 100,
      render: (_, k) =>
        !k.revokedAt && (
          <Popconfirm
            title={t('keys.revokeConfirm', { name: k.name })}
            okText={t('keys.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={tc('common.cancel')}
            onConfirm={() =>
              revoke.mutate(k.id, { onSuccess: () => void message.success(t('keys.revoked')), onError: fail })
            }
          >
            <Button size="small" type="text" danger>
              {t('keys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  const body = () => {
    if (roots.isSuccess && rootList.length === 0) return <Empty description={tc('console.noScope')} />;
    if (list.isError) {
      return isNoAccess(list.error) ? (
        <NoAccessResult />
      ) : (
        <ErrorResult message={errorMessage(list.error, tc, lang)} onRetry={() => void list.refetch()} />
      );
    }
    return (
      <Card className="cl-table-card">
        <Typography.Paragraph type="secondary">
          {t('keys.about')} <span className="cl-mono">/open311/v2/</span>
        </Typography.Paragraph>
        <Table<Open311KeyView>
          rowKey="id"
          columns={columns}
          dataSource={list.data ?? []}
          loading={list.isPending && scopeId !== null}
          pagination={false}
          locale={{ emptyText: t('keys.empty') }}
          data-testid="keys-table"
        />
      </Card>
    );
  };

  return (
    <div className="cl-page">
      <PageHeading
        title={t('keys.title')}
        subtitle={t('keys.subtitle')}
        extra={
          <Space wrap>
            <PlaceTreeSelect
              roots={rootList}
              value={scopeId}
              onChange={(id) => setScope(id)}
              ariaLabel={tc('console.scope')}
              width={240}
            />
            <Button type="primary" icon={<KeyOutlined />} onClick={() => setNaming(true)} disabled={!scopeId}>
              {t('keys.issue')}
            </Button>
          </Space>
        }
      />
      {body()}
      <Modal
        open={naming}
        title={t('keys.issue')}
        okText={t('keys.issueOk')}
        cancelText={tc('common.cancel')}
        confirmLoading={issue.isPending}
        onOk={() => form.submit()}
        onCancel={() => setNaming(false)}
        destroyOnHidden
      >
        <Form
          form={form}
          name="issue-key"
          layout="vertical"
          requiredMark={false}
          onFinish={({ name }) =>
            issue.mutate(name.trim(), {
              onSuccess: (k) => {
                setNaming(false);
                setIssued(k);
              },
              onError: fail,
            })
          }
        >
          <Form.Item
            name="name"
            label={t('keys.name')}
            extra={t('keys.nameHint')}
            rules={[{ required: true, whitespace: true, max: 80 }]}
          >
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={issued !== null}
        title={t('keys.issuedTitle', { name: issued?.name ?? '' })}
        onCancel={() => setIssued(null)}
        footer={
          <Button type="primary" onClick={() => setIssued(null)}>
            {t('keys.stored')}
          </Button>
        }
        maskClosable={false}
        destroyOnHidden
      >
        <Alert type="warning" showIcon message={t('keys.onceWarning')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph
          copyable={{ text: issued?.key ?? '', tooltips: [t('keys.copy'), t('keys.copied')] }}
          className="nb-key"
          data-testid="issued-key"
        >
          {issued?.key}
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}
