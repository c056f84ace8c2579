import { DatePicker, Form, Input, InputNumber, Modal, Rate, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { NEED_LIMITS } from '../../../domain/needs.js';
import { usePairings } from '../partners/partners.queries.js';
import type { ConveneInput, FollowUpInput, HelperCandidate } from './needboard.queries.js';

interface ModalProps<T> {
  open: boolean;
  confirmLoading: boolean;
  onSubmit: (values: T) => void;
  onCancel: () => void;
}

function useModalTexts() {
  const { t: tc } = useTranslation();
  return { okText: tc('common.save'), cancelText: tc('common.cancel') };
}

/** Convene: how many helpers, which paired partner unit comes, and whether every volunteer hears of it. */
export function ConveneModal({
  communityId,
  initial,
  ...p
}: ModalProps<ConveneInput> & {
  communityId: string;
  initial: { helpersNeeded: number; partnerUnitId: string | null };
}) {
  const { t } = useTranslation('needboard');
  const texts = useModalTexts();
  const pairings = usePairings(p.open ? communityId : null, false);
  const units = new Map<string, string>();
  for (const pr of pairings.data ?? []) if (pr.active) units.set(pr.partnerUnit.id, pr.partnerUnit.name);
  const [form] = Form.useForm<ConveneInput>();
  return (
    <Modal
      open={p.open}
      title={t('convene.title')}
      {...texts}
      okText={t('convene.ok')}
      confirmLoading={p.confirmLoading}
      onOk={() => form.submit()}
      onCancel={p.onCancel}
      destroyOnHidden
    >
      <Form
        form={form}
        name="convene"
        layout="vertical"
        requiredMark={false}
        initialValues={{ ...initial, publish: true }}
        onFinish={(v) => p.onSubmit({ ...v, partnerUnitId: v.partnerUnitId ?? null })}
      >
        <Form.Item
          name="helpersNeeded"
          label={t('convene.helpersNeeded')}
          extra={t('convene.helpersHint')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={NEED_LIMITS.helpersMax} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="partnerUnitId" label={t('convene.partnerUnit')} extra={t('convene.partnerHint')}>
          <Select
            allowClear
            loading={pairings.isPending}
            placeholder={t('convene.noPartner')}
            options={[...units].map(([value, label]) => ({ value, label }))}
            notFoundContent={t('convene.noPairings')}
          />
        </Form.Item>
        <Form.Item
          name="publish"
          label={t('convene.publish')}
          extra={t('convene.publishHint')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        <Form.Item name="note" label={t('field.note')} rules={[{ max: NEED_LIMITS.note }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function candidateOptions(items: HelperCandidate[] | undefined, roleName: (r: string) => string) {
  return (items ?? []).map((c) => ({
    value: c.userId,
    label: c.roles.length > 0 ? `${c.name}（${c.roles.map(roleName).join('、')}）` : c.name,
  }));
}

function useRoleName() {
  const { t } = useTranslation();
  const { i18n } = useTranslation();
  return (r: string) => (i18n.exists(`role.${r}`) ? t(`role.${r}` as 'role.resident') : r);
}

/** Assign a helper from the responders the need has reached. */
export function AssignModal({
  candidates,
  loading,
  ...p
}: ModalProps<{ userId: string }> & { candidates: HelperCandidate[] | undefined; loading: boolean }) {
  const { t } = useTranslation('needboard');
  const texts = useModalTexts();
  const roleName = useRoleName();
  const [form] = Form.useForm<{ userId: string }>();
  return (
    <Modal
      open={p.open}
      title={t('assign.title')}
      {...texts}
      okText={t('assign.ok')}
      confirmLoading={p.confirmLoading}
      onOk={() => form.submit()}
      onCancel={p.onCancel}
      destroyOnHidden
    >
      <Form form={form} name="assign" layout="vertical" requiredMark={false} onFinish={p.onSubmit}>
        <Form.Item
          name="userId"
          label={t('assign.helper')}
          extra={t('assign.hint')}
          rules={[{ required: true }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={loading}
            options={candidateOptions(candidates, roleName)}
            notFoundContent={t('assign.none')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** "Ask about the baby tomorrow": who, when and what. */
export function FollowUpModal({
  candidates,
  helpers,
  loading,
  ...p
}: ModalProps<FollowUpInput> & {
  candidates: HelperCandidate[] | undefined;
  /** Those serving the need now: the likeliest to follow it up, listed first. */
  helpers: { userId: string; name: string }[];
  loading: boolean;
}) {
  const { t } = useTranslation('needboard');
  const texts = useModalTexts();
  const roleName = useRoleName();
  const helperIds = new Set(helpers.map((h) => h.userId));
  const options = [
    ...helpers.map((h) => ({ value: h.userId, label: `${h.name}（${t('followUp.helper')}）` })),
    ...candidateOptions(
      candidates?.filter((c) => !helperIds.has(c.userId)),
      roleName,
    ),
  ];
  const [form] = Form.useForm<{ assigneeId: string; due: Dayjs; note: string }>();
  return (
    <Modal
      open={p.open}
      title={t('followUp.title')}
      {...texts}
      confirmLoading={p.confirmLoading}
      onOk={() => form.submit()}
      onCancel={p.onCancel}
      destroyOnHidden
    >
      <Form
        form={form}
        name="follow-up"
        layout="vertical"
        requiredMark={false}
        initialValues={{ due: dayjs().add(1, 'day').hour(10).minute(0).second(0) }}
        onFinish={({ due, ...v }) => p.onSubmit({ ...v, dueAt: due.toISOString() })}
      >
        <Form.Item name="assigneeId" label={t('followUp.assignee')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={loading}
            options={options}
            notFoundContent={t('assign.none')}
          />
        </Form.Item>
        <Form.Item name="due" label={t('followUp.due')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('followUp.note')}
          rules={[{ required: true, whitespace: true, max: NEED_LIMITS.note }]}
        >
          <Input.TextArea rows={3} placeholder={t('followUp.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Cancel a need, with an optional reason kept on its timeline. */
export function CancelModal(p: ModalProps<{ reason: string | null }>) {
  const { t } = useTranslation('needboard');
  const texts = useModalTexts();
  const [form] = Form.useForm<{ reason?: string }>();
  return (
    <Modal
      open={p.open}
      title={t('cancel.title')}
      {...texts}
      okText={t('cancel.ok')}
      okButtonProps={{ danger: true }}
      confirmLoading={p.confirmLoading}
      onOk={() => form.submit()}
      onCancel={p.onCancel}
      destroyOnHidden
    >
      <p className="cl-modal-hint">{t('cancel.hint')}</p>
      <Form
        form={form}
        name="cancel-need"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => p.onSubmit({ reason: v.reason?.trim() ? v.reason.trim() : null })}
      >
        <Form.Item name="reason" label={t('cancel.reason')} rules={[{ max: NEED_LIMITS.note }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Confirm on behalf of a resident who told staff in person (or by phone) that it was solved. */
export function ConfirmModal(p: ModalProps<{ rating: number; thanks: string | null }>) {
  const { t } = useTranslation('needboard');
  const texts = useModalTexts();
  const [form] = Form.useForm<{ rating: number; thanks?: string }>();
  return (
    <Modal
      open={p.open}
      title={t('confirm.title')}
      {...texts}
      okText={t('confirm.ok')}
      confirmLoading={p.confirmLoading}
      onOk={() => form.submit()}
      onCancel={p.onCancel}
      destroyOnHidden
    >
      <p className="cl-modal-hint">{t('confirm.hint')}</p>
      <Form
        form={form}
        name="confirm-need"
        layout="vertical"
        requiredMark={false}
        initialValues={{ rating: 5 }}
        onFinish={(v) => p.onSubmit({ rating: v.rating, thanks: v.thanks?.trim() ? v.thanks.trim() : null })}
      >
        <Form.Item name="rating" label={t('confirm.rating')} rules={[{ required: true }]}>
          <Rate />
        </Form.Item>
        <Form.Item name="thanks" label={t('confirm.thanks')} rules={[{ max: NEED_LIMITS.thanks }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
