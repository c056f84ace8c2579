import { Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CentralHouseholdView } from '../../../domain/contracts/organisation.js';
import { LIMITS } from '../../../domain/limits.js';
import { OWNERS_COMMITTEE_ROLES, type OwnersCommitteeRole } from '../../../domain/organisation-rules.js';
import { usePlaceDetail } from '../places/places.queries.js';
import { HouseholdSelect, type PickedHousehold } from './household-select.js';
import { PersonSelect } from './org-dialogs.js';

interface ChValues {
  household?: PickedHousehold[];
  leaderPersonId?: string;
  title: string;
  services?: string[];
  lookedAfter?: PickedHousehold[];
}

export interface ChSubmit {
  householdId: string;
  leaderPersonId: string;
  title: string;
  services: string[];
  lookedAfterIds: string[];
}

/**
 * Set up a central household (党员中心户) under a branch or group, or change one: the household, the party
 * member who leads it, its title and services, and the neighbouring households it looks after (chosen in
 * the same compound, starting from its own building).
 */
export function CentralHouseholdModal({
  open,
  communityId,
  under,
  ch,
  busy,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  communityId: string;
  /** Create: the organisation it hangs under (its place is where the household is chosen). */
  under?: { name: string; placeId: string } | undefined;
  /** Edit: the central household as it stands. */
  ch?: CentralHouseholdView | undefined;
  busy: boolean;
  onSubmit: (v: ChSubmit) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('organisation');
  const { t: tb } = useTranslation();
  const [form] = Form.useForm<ChValues>();
  const picked = Form.useWatch('household', form);
  const leader = Form.useWatch('leaderPersonId', form);
  const householdId = ch?.household.id ?? picked?.[0]?.value ?? null;
  // Where the household stands: its compound bounds the neighbours, its building is opened first.
  const where = usePlaceDetail(open ? householdId : null);
  const line = where.data?.ancestors ?? [];
  const compoundId = line.find((a) => a.kind === 'compound')?.id ?? null;
  const near = line.filter((a) => a.kind === 'building' || a.kind === 'unit').map((a) => a.id);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      ch
        ? {
            leaderPersonId: ch.leader.id,
            title: ch.title,
            services: ch.services,
            lookedAfter: ch.lookedAfter.map((h) => ({ value: h.id, label: h.label })),
          }
        : { household: [], title: '', services: [], lookedAfter: [] },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, form]);

  const submit = (v: ChValues) => {
    const id = ch?.household.id ?? v.household?.[0]?.value;
    if (!id || !v.leaderPersonId) return;
    onSubmit({
      householdId: id,
      leaderPersonId: v.leaderPersonId,
      title: v.title.trim(),
      services: (v.services ?? []).map((s) => s.trim()).filter((s) => s.length > 0),
      lookedAfterIds: (v.lookedAfter ?? []).map((h) => h.value),
    });
  };
  const required = (field: string) => ({ required: true, message: t('form.required', { field }) });

  return (
    <Modal
      open={open}
      title={
        ch ? t('form.chEditTitle', { name: ch.title }) : t('form.chCreateTitle', { name: under?.name ?? '' })
      }
      okText={tb('common.save')}
      cancelText={tb('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      width={600}
    >
      <Form<ChValues> form={form} name="ch-form" layout="vertical" requiredMark={false} onFinish={submit}>
        {ch ? (
          <Form.Item label={t('form.chHousehold')}>
            <span className="od-chip-name">{ch.householdLabel}</span>
          </Form.Item>
        ) : (
          <Form.Item
            name="household"
            label={t('form.chHousehold')}
            rules={[
              {
                validator: async (_, v: PickedHousehold[] | undefined) => {
                  if (!v?.length) throw new Error(t('form.required', { field: t('form.chHousehold') }));
                },
              },
            ]}
          >
            <HouseholdSelect
              rootId={open ? (under?.placeId ?? null) : null}
              ariaLabel={t('form.chHousehold')}
              placeholder={t('form.householdPlaceholder')}
              onChange={(v) => {
                // A household does not look after itself.
                const lookedAfter =
                  (form.getFieldValue('lookedAfter') as PickedHousehold[] | undefined) ?? [];
                form.setFieldsValue({ lookedAfter: lookedAfter.filter((h) => h.value !== v[0]?.value) });
              }}
            />
          </Form.Item>
        )}
        <Form.Item
          name="leaderPersonId"
          label={t('form.chLeader')}
          rules={[required(t('form.chLeader'))]}
          extra={ch && leader && leader !== ch.leader.id ? t('form.chLeaderHint') : undefined}
        >
          <PersonSelect
            communityId={communityId}
            partyOnly
            ariaLabel={t('form.chLeader')}
            placeholder={t('form.chLeaderPlaceholder')}
            {...(ch ? { known: { value: ch.leader.id, label: ch.leader.name } } : {})}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('form.chTitle')}
          rules={[{ ...required(t('form.chTitle')), whitespace: true }, { max: LIMITS.placeName }]}
        >
          <Input maxLength={LIMITS.placeName} placeholder={t('form.chTitlePlaceholder')} />
        </Form.Item>
        <Form.Item name="services" label={t('form.chServices')}>
          <Select
            mode="tags"
            aria-label={t('form.chServices')}
            placeholder={t('form.chServicesPlaceholder')}
            maxCount={10}
            tokenSeparators={[',', '，', '、']}
          />
        </Form.Item>
        <Form.Item name="lookedAfter" label={t('form.chLookedAfter')}>
          {compoundId && householdId ? (
            <HouseholdSelect
              key={`${compoundId}:${householdId}`}
              multiple
              rootId={compoundId}
              open={near}
              excludeIds={[householdId]}
              ariaLabel={t('form.chLookedAfter')}
              placeholder={t('form.chLookedAfterPlaceholder')}
            />
          ) : (
            <Alert type="info" showIcon title={t('form.chPickHouseholdFirst')} />
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Seat someone of the community on a compound's owners' committee, as chair or member. */
export function OwnersCommitteeModal({
  open,
  compoundName,
  communityId,
  busy,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  compoundName: string;
  communityId: string;
  busy: boolean;
  onSubmit: (v: { personId: string; role: OwnersCommitteeRole }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('organisation');
  const { t: tb } = useTranslation();
  const [form] = Form.useForm<{ personId?: string; role: OwnersCommitteeRole }>();
  const role = Form.useWatch('role', form);
  useEffect(() => {
    if (open) form.setFieldsValue({ role: 'member' });
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={t('form.ocTitle', { name: compoundName })}
      okText={tb('common.save')}
      cancelText={tb('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form
        form={form}
        name="owners-committee"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => v.personId && onSubmit({ personId: v.personId, role: v.role })}
      >
        <Form.Item
          name="role"
          label={t('form.ocRole')}
          extra={role === 'chair' ? t('form.ocChairHint') : null}
        >
          <Radio.Group
            optionType="button"
            options={OWNERS_COMMITTEE_ROLES.map((r) => ({ value: r, label: t(`ocRole.${r}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="personId"
          label={t('form.person')}
          rules={[{ required: true, message: t('form.required', { field: t('form.person') }) }]}
        >
          <PersonSelect communityId={communityId} partyOnly={false} ariaLabel={t('form.person')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
