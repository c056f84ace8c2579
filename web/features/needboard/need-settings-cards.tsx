import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { type Key, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type LadderRung, NEED_URGENCIES, type NeedCategory } from '../../../domain/needs.js';
import { isDefaultCategory } from './need-words.js';

const REACHES = ['compound', 'community', 'whistle'] as const;
const CODE = /^[a-z][a-z0-9_]*$/;

/** The settings being edited, before they are saved. */
export interface Draft {
  categories: NeedCategory[];
  ladder: LadderRung[];
  autoConfirmDays: number;
}

interface CardProps {
  draft: Draft;
  onChange: (d: Draft) => void;
  /** Shown to those who may not change the settings: no reordering, adding or removing. */
  readOnly: boolean;
}

/** The columns of an editable table, without the reorder and remove columns when read-only. */
function editable<T extends { key?: Key }>(columns: T[], readOnly: boolean): T[] {
  return readOnly ? columns.filter((c) => c.key !== 'order' && c.key !== 'remove') : columns;
}

function move<T>(list: T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const next = [...list];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

/** Categories, in the order residents see them; default codes are named by the catalogue unless renamed. */
export function CategoriesCard({ draft, onChange, readOnly }: CardProps) {
  const { t } = useTranslation('needboard');
  const { t: tn } = useTranslation('needs');
  const [code, setCode] = useState('');
  const list = draft.categories;
  const set = (categories: NeedCategory[]) => onChange({ ...draft, categories });
  const patch = (i: number, p: Partial<NeedCategory>) =>
    set(list.map((c, k) => (k === i ? { ...c, ...p } : c)));
  const codeOk = CODE.test(code) && !list.some((c) => c.code === code);
  return (
    <Card title={t('settings.categories')} className="nb-settings-card" data-testid="settings-categories">
      <Typography.Paragraph type="secondary">{t('settings.categoriesHint')}</Typography.Paragraph>
      <Table<NeedCategory>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={list}
        columns={editable(
          [
            {
              title: t('settings.order'),
              key: 'order',
              width: 90,
              render: (_, _c, i) => (
                <Space size={0}>
                  <Button
                    type="text"
                    size="small"
                    icon={<ArrowUpOutlined />}
                    disabled={i === 0}
                    aria-label={t('settings.up')}
                    onClick={() => set(move(list, i, -1))}
                  />
                  <Button
                    type="text"
                    size="small"
                    icon={<ArrowDownOutlined />}
                    disabled={i === list.length - 1}
                    aria-label={t('settings.down')}
                    onClick={() => set(move(list, i, 1))}
                  />
                </Space>
              ),
            },
            {
              title: t('settings.code'),
              dataIndex: 'code',
              width: 170,
              render: (c: string) => <span className="cl-mono">{c}</span>,
            },
            {
              title: t('settings.nameZh'),
              key: 'nameZh',
              render: (_, c, i) => (
                <Input
                  size="small"
                  value={c.nameZh ?? ''}
                  maxLength={40}
                  aria-label={`${c.code} ${t('settings.nameZh')}`}
                  placeholder={isDefaultCategory(c.code) ? tn(`category.${c.code}`, { lng: 'zh-CN' }) : ''}
                  onChange={(e) => patch(i, { nameZh: e.target.value || undefined })}
                />
              ),
            },
            {
              title: t('settings.nameEn'),
              key: 'nameEn',
              render: (_, c, i) => (
                <Input
                  size="small"
                  value={c.nameEn ?? ''}
                  maxLength={60}
                  aria-label={`${c.code} ${t('settings.nameEn')}`}
                  placeholder={isDefaultCategory(c.code) ? tn(`category.${c.code}`, { lng: 'en' }) : ''}
                  onChange={(e) => patch(i, { nameEn: e.target.value || undefined })}
                />
              ),
            },
            {
              title: '',
              key: 'remove',
              width: 48,
              render: (_, c, i) => (
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={list.length <= 1}
                  aria-label={t('settings.remove', { code: c.code })}
                  onClick={() => set(list.filter((_x, k) => k !== i))}
                />
              ),
            },
          ],
          readOnly,
        )}
      />
      <Space className="nb-settings-add" wrap>
        <Input
          value={code}
          onChange={(e) => setCode(e.target.value.trim())}
          placeholder={t('settings.newCode')}
          aria-label={t('settings.newCode')}
          style={{ width: 200 }}
          status={code && !codeOk ? 'error' : undefined}
        />
        <Button
          icon={<PlusOutlined />}
          disabled={!codeOk}
          onClick={() => {
            set([...list, { code }]);
            setCode('');
          }}
        >
          {t('settings.addCategory')}
        </Button>
        {code && !codeOk && <Typography.Text type="danger">{t('settings.codeRule')}</Typography.Text>}
      </Space>
    </Card>
  );
}

/** The ladder: for each urgency, after how many minutes without a claim the need reaches further. */
export function LadderCard({ draft, onChange, readOnly }: CardProps) {
  const { t } = useTranslation('needboard');
  const { t: tn } = useTranslation('needs');
  const set = (ladder: LadderRung[]) => onChange({ ...draft, ladder });
  const patch = (i: number, p: Partial<LadderRung>) =>
    set(draft.ladder.map((r, k) => (k === i ? { ...r, ...p } : r)));
  return (
    <Card title={t('settings.ladder')} className="nb-settings-card" data-testid="settings-ladder">
      <Typography.Paragraph type="secondary">{t('settings.ladderHint')}</Typography.Paragraph>
      <Table<LadderRung>
        size="small"
        rowKey={(_r, i) => String(i)}
        pagination={false}
        dataSource={draft.ladder}
        columns={editable(
          [
            {
              title: t('field.urgency'),
              key: 'urgency',
              width: 140,
              render: (_, r, i) => (
                <Select
                  size="small"
                  value={r.urgency}
                  style={{ width: 110 }}
                  aria-label={t('field.urgency')}
                  onChange={(urgency) => patch(i, { urgency })}
                  options={NEED_URGENCIES.map((u) => ({ value: u, label: tn(`urgency.${u}`) }))}
                />
              ),
            },
            {
              title: t('settings.afterMinutes'),
              key: 'after',
              width: 220,
              render: (_, r, i) => (
                <Space size={8} className="nb-nowrap">
                  <InputNumber
                    size="small"
                    min={1}
                    max={60 * 24 * 30}
                    value={r.afterMinutes}
                    aria-label={t('settings.afterMinutes')}
                    onChange={(v) => patch(i, { afterMinutes: v ?? 1 })}
                  />
                  <Typography.Text type="secondary">{t('settings.minutes')}</Typography.Text>
                </Space>
              ),
            },
            {
              title: t('settings.reach'),
              key: 'reach',
              render: (_, r, i) => (
                <Select
                  size="small"
                  value={r.reach}
                  style={{ minWidth: 220 }}
                  aria-label={t('settings.reach')}
                  onChange={(reach) => patch(i, { reach })}
                  options={REACHES.map((x) => ({ value: x, label: t(`reach.${x}`) }))}
                />
              ),
            },
            {
              title: t('settings.readable'),
              key: 'readable',
              render: (_, r) => (
                <Typography.Text type="secondary">
                  {t('settings.rungText', {
                    urgency: tn(`urgency.${r.urgency}`),
                    time: humanMinutes(r.afterMinutes, t),
                    reach: t(`reach.${r.reach}`),
                  })}
                </Typography.Text>
              ),
            },
            {
              title: '',
              key: 'remove',
              width: 48,
              render: (_, _r, i) => (
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('settings.removeRung')}
                  onClick={() => set(draft.ladder.filter((_x, k) => k !== i))}
                />
              ),
            },
          ],
          readOnly,
        )}
      />
      <Button
        className="nb-settings-add"
        icon={<PlusOutlined />}
        disabled={draft.ladder.length >= 12}
        onClick={() => set([...draft.ladder, { urgency: 'normal', afterMinutes: 60, reach: 'compound' }])}
      >
        {t('settings.addRung')}
      </Button>
    </Card>
  );
}

function humanMinutes(
  m: number,
  t: (k: 'settings.inMinutes' | 'settings.inHours' | 'settings.inDays', o: { count: number }) => string,
) {
  if (m % 1440 === 0) return t('settings.inDays', { count: m / 1440 });
  if (m % 60 === 0) return t('settings.inHours', { count: m / 60 });
  return t('settings.inMinutes', { count: m });
}
