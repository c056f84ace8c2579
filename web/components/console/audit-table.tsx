import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '../../api/types.js';
import zhCN from '../../i18n/zh-CN.json' with { type: 'json' };
import { formatDateTime } from '../../i18n/format.js';

type AuditAction = keyof (typeof zhCN)['console']['audit']['actions'];
type AuditEntity = keyof (typeof zhCN)['console']['audit']['entities'];

const isAction = (a: string): a is AuditAction => Object.hasOwn(zhCN.console.audit.actions, a);
const MESSAGES: Record<string, Record<string, string>> = zhCN.console.audit.messages;
const isKind = (k: unknown): k is keyof typeof zhCN.kind =>
  typeof k === 'string' && Object.hasOwn(zhCN.kind, k);
const isRole = (r: unknown): r is keyof typeof zhCN.role =>
  typeof r === 'string' && Object.hasOwn(zhCN.role, r);
const isEntity = (e: string): e is AuditEntity => Object.hasOwn(zhCN.console.audit.entities, e);

const ACTION_COLOR: Partial<Record<AuditAction, string>> = {
  create: 'blue',
  update: 'geekblue',
  move: 'purple',
  archive: 'orange',
  restore: 'cyan',
  approve: 'green',
  reject: 'red',
  view: 'default',
  grant: 'gold',
  revoke: 'volcano',
  withdraw: 'default',
};

/** Who did what, where and when: newest first. */
export function AuditTable({ rows, loading }: { rows: AuditEntryView[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  /** The entry in the reader's language when its facts are known; the server's English summary otherwise. */
  const describe = (e: AuditEntryView): string => {
    if (!e.params || MESSAGES[e.entityType]?.[e.action] === undefined) return e.summary;
    const p = { ...e.params };
    if (isKind(p.kind)) p.kind = t(`kind.${p.kind}`);
    if (isRole(p.role)) p.role = t(`role.${p.role}`);
    if (p.reason === null) p.reason = '—';
    return t(`console.audit.messages.${e.entityType}.${e.action}` as 'console.audit.title', p);
  };
  const columns: ColumnsType<AuditEntryView> = [
    {
      key: 'at',
      title: t('console.audit.time'),
      width: 170,
      render: (_, e) => formatDateTime(e.at, i18n.language),
    },
    {
      key: 'actor',
      title: t('console.audit.actor'),
      width: 140,
      render: (_, e) =>
        e.actor?.displayName ?? (
          <Typography.Text type="secondary">{t('console.audit.system')}</Typography.Text>
        ),
    },
    {
      key: 'action',
      title: t('console.audit.action'),
      width: 190,
      render: (_, e) => (
        <span className="cl-audit-action">
          <Tag color={isAction(e.action) ? ACTION_COLOR[e.action] : undefined}>
            {isAction(e.action) ? t(`console.audit.actions.${e.action}`) : e.action}
          </Tag>
          <Typography.Text type="secondary">
            {isEntity(e.entityType) ? t(`console.audit.entities.${e.entityType}`) : e.entityType}
          </Typography.Text>
        </span>
      ),
    },
    {
      key: 'place',
      title: t('console.audit.place'),
      width: 260,
      render: (_, e) =>
        e.placePath.length > 0 ? (
          <Typography.Text title={e.placePath.join(' / ')}>
            {e.placePath.slice(-3).join(' / ')}
          </Typography.Text>
        ) : (
          (e.placeName ?? '—')
        ),
    },
    { key: 'summary', title: t('console.audit.summary'), render: (_, e) => describe(e) },
  ];
  return (
    <Table<AuditEntryView>
      rowKey="id"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('console.audit.empty') }}
      className="cl-table"
    />
  );
}
