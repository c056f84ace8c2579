import { Alert, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationNodeView } from '../../../domain/contracts/organisation.js';
import { LIMITS, PHONE_PATTERN } from '../../../domain/limits.js';
import { PARTY_MEMBER_KINDS, type PartyMemberKind } from '../../../domain/organisation.js';
import { HouseholdSelect, type PickedHousehold } from './household-select.js';
import {
  type PartyMembershipFields,
  type PersonDetailView,
  type PersonFields,
  useOrganisationTree,
} from './organisations.queries.js';

interface PersonValues {
  name: string;
  phone?: string;
  gender?: 'female' | 'male';
  birthYear?: number | null;
  household?: PickedHousehold[];
  note?: string;
}

const THIS_YEAR = new Date().getFullYear();

/**
 * Add a person, or edit one (only what changed is sent: a phone shown masked stays as it is unless a
 * new number is typed). Her home is chosen by browsing down from `rootId`.
 */
export function PersonFormModal({
  open,
  person,
  rootId,
  needsHousehold,
  busy,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  person: PersonDetailView | null;
  rootId: string | null;
  /** The scope is above any community: the household decides where she is recorded. */
  needsHousehold: boolean;
  busy: boolean;
  onSubmit: (fields: PersonFields & { name: string }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('organisation');
  const { t: tb } = useTranslation();
  const [form] = Form.useForm<PersonValues>();
  const initial: PersonValues = {
    name: person?.name ?? '',
    phone: person?.phone ?? '',
    ...(person?.gender === 'female' || person?.gender === 'male' ? { gender: person.gender } : {}),
    birthYear: person?.birthYear ?? null,
    household: person?.household
      ? [{ value: person.household.id, label: person.householdLabel ?? person.household.name }]
      : [],
    note: person?.note ?? '',
  };

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(initial);
    }
    // The person's values are read when the dialog opens, not on every refresh behind it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, form]);

  const submit = (v: PersonValues) => {
    const phone = (v.phone ?? '').trim();
    const note = (v.note ?? '').trim();
    const householdId = v.household?.[0]?.value ?? null;
    const all: PersonFields & { name: string } = {
      name: v.name.trim(),
      phone: phone || null,
      gender: v.gender ?? null,
      birthYear: v.birthYear ?? null,
      householdId,
      note: note || null,
    };
    if (!person) {
      onSubmit(all);
      return;
    }
    // Edit: send what changed.
    const out: PersonFields & { name: string } = { name: all.name };
    if (phone !== (initial.phone ?? '')) out.phone = all.phone ?? null;
    if ((all.gender ?? null) !== (person.gender ?? null)) out.gender = all.gender ?? null;
    if (all.birthYear !== person.birthYear) out.birthYear = all.birthYear ?? null;
    if (householdId !== (person.household?.id ?? null)) out.householdId = householdId;
    if ((all.note ?? null) !== (person.note ?? null)) out.note = all.note ?? null;
    onSubmit(out);
  };

  return (
    <Modal
      open={open}
      title={person ? t('people.form.editTitle', { name: person.name }) : t('people.form.addTitle')}
      okText={tb('common.save')}
      cancelText={tb('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      width={560}
    >
      <Form<PersonValues>
        form={form}
        name="person-form"
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        className="pp-form"
      >
        <Form.Item
          name="name"
          label={t('people.form.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('form.required', { field: t('people.form.name') }),
            },
          ]}
        >
          <Input maxLength={LIMITS.displayName} autoComplete="off" />
        </Form.Item>
        <div className="pp-form-row">
          <Form.Item
            name="phone"
            label={t('people.form.phone')}
            rules={[
              {
                validator: async (_, v: string | undefined) => {
                  const s = (v ?? '').trim();
                  if (s === '' || s === (initial.phone ?? '')) return;
                  if (!PHONE_PATTERN.test(s)) throw new Error(t('people.form.phoneInvalid'));
                },
              },
            ]}
          >
            <Input maxLength={11} inputMode="numeric" autoComplete="off" className="cl-mono" />
          </Form.Item>
          <Form.Item name="birthYear" label={t('people.form.birthYear')}>
            <InputNumber min={1900} max={THIS_YEAR} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="gender" label={t('people.form.gender')}>
          <Radio.Group
            optionType="button"
            options={(['female', 'male'] as const).map((g) => ({
              value: g,
              label: t(`people.drawer.genderValue.${g}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="household"
          label={t('people.form.household')}
          rules={
            needsHousehold
              ? [
                  {
                    validator: async (_, v: PickedHousehold[] | undefined) => {
                      if (!v?.length) throw new Error(t('people.form.householdRequired'));
                    },
                  },
                ]
              : []
          }
        >
          <HouseholdSelect
            rootId={open ? rootId : null}
            ariaLabel={t('people.form.household')}
            placeholder={t('people.form.householdPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="note" label={t('people.form.note')}>
          <Input.TextArea rows={2} maxLength={LIMITS.reason} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface MembershipValues {
  kind: PartyMemberKind;
  organisationId?: string | null;
  workUnit?: string;
  joinedOn?: string;
}

/** Live organisations of a community, in tree order, for "which organisation does she belong to". */
function liveOrganisations(nodes: OrganisationNodeView[]): OrganisationNodeView[] {
  return nodes.flatMap((n) => (n.dissolvedAt ? [] : [n, ...liveOrganisations(n.children)]));
}

/** Record or change a party membership: resident or in-service, her organisation, work unit, date. */
export function PartyMembershipModal({
  open,
  person,
  busy,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  person: PersonDetailView;
  busy: boolean;
  onSubmit: (fields: PartyMembershipFields) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('organisation');
  const { t: tb } = useTranslation();
  const [form] = Form.useForm<MembershipValues>();
  const tree = useOrganisationTree(open ? person.communityId : null);
  const kind = Form.useWatch('kind', form);
  const m = person.partyMember;

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({
        kind: m?.kind ?? 'resident',
        organisationId: m?.organisation?.id ?? null,
        workUnit: m?.workUnit ?? '',
        joinedOn: m?.joinedOn ?? '',
      });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, form]);

  const orgs = liveOrganisations(tree.data?.roots ?? []);
  return (
    <Modal
      open={open}
      title={t('people.party.title', { name: person.name })}
      okText={tb('common.save')}
      cancelText={tb('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<MembershipValues>
        form={form}
        name="party-membership"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          onSubmit({
            kind: v.kind,
            organisationId: v.organisationId ?? null,
            workUnit: (v.workUnit ?? '').trim() || null,
            joinedOn: v.joinedOn || null,
          })
        }
      >
        <Form.Item name="kind" label={t('people.party.kind')}>
          <Radio.Group
            optionType="button"
            options={PARTY_MEMBER_KINDS.map((k) => ({ value: k, label: t(`memberKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="organisationId" label={t('people.party.organisation')}>
          <Select
            allowClear
            loading={tree.isPending}
            aria-label={t('people.party.organisation')}
            placeholder={t('people.party.organisationPlaceholder')}
            options={orgs.map((o) => ({ value: o.id, label: `${o.name} · ${t(`kind.${o.kind}`)}` }))}
          />
        </Form.Item>
        {kind === 'in_service' && (
          <Form.Item name="workUnit" label={t('people.party.workUnit')}>
            <Input maxLength={100} placeholder={t('people.party.workUnitPlaceholder')} />
          </Form.Item>
        )}
        <Form.Item name="joinedOn" label={t('people.party.joinedOn')}>
          <Input type="date" max={new Date().toISOString().slice(0, 10)} style={{ width: 200 }} />
        </Form.Item>
        {tree.isError && <Alert type="warning" showIcon title={tb('errors.UNKNOWN')} />}
      </Form>
    </Modal>
  );
}
