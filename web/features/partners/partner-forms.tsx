import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PARTNER_OFFER_KINDS, PARTNER_UNIT_KINDS } from '../../../domain/organisation.js';
import type { PlaceView } from '../../api/types.js';
import { PlaceTreeSelect } from '../places/place-tree-select.js';
import type { PartnerContributionCreate, PartnerOfferCreate, PartnerUnitCreate } from './partners.queries.js';

const day = (d: Dayjs | undefined | null) => (d ? d.format('YYYY-MM-DD') : undefined);

interface ModalProps<T> {
  open: boolean;
  confirmLoading: boolean;
  onSubmit: (values: T) => void;
  onCancel: () => void;
}

/** Register a unit at a place (paired with it at once, unless the place is the district). */
export function UnitFormModal({
  roots,
  defaultPlaceId,
  ...p
}: ModalProps<PartnerUnitCreate> & { roots: PlaceView[]; defaultPlaceId: string | null }) {
  const { t } = useTranslation('partners');
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<PartnerUnitCreate & { started?: Dayjs }>();
  return (
    <Modal
      open={p.open}
      title={t('unitForm.title')}
      okText={tc('common.save')}
      cancelText={tc('common.cancel')}
      confirmLoading={p.confirmLoading}
      onOk={() => form.submit()}
      onCancel={p.onCancel}
      destroyOnHidden
      width={560}
    >
      <Form
        form={form}
        name="partner-unit"
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: 'school', placeId: defaultPlaceId }}
        onFinish={({ started, ...v }) => p.onSubmit({ ...v, startedOn: day(started) })}
      >
        <Form.Item name="name" label={t('field.name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true }]}>
          <Select options={PARTNER_UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="placeId"
          label={t('unitForm.place')}
          extra={t('unitForm.placeHint')}
          rules={[{ required: true }]}
        >
          <PlaceTreeSelect
            roots={roots}
            value={null}
            onChange={(id) => form.setFieldValue('placeId', id)}
            width="100%"
          />
        </Form.Item>
        <Form.Item name="started" label={t('field.startedOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="contactName" label={t('field.contactName')} rules={[{ max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('field.contactPhone')}
          rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('unitForm.phoneInvalid') }]}
        >
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="partyOrg" label={t('field.partyOrg')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('field.description')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Pair a unit with a street, community, compound or building. */
export function PairingModal({
  roots,
  units,
  ...p
}: ModalProps<{ partnerUnitId: string; placeId: string; startedOn: string; note?: string }> & {
  roots: PlaceView[];
  units: { id: string; name: string }[];
}) {
  const { t } = useTranslation('partners');
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<{ partnerUnitId: string; placeId: string; started: Dayjs; note?: string }>();
  return (
    <Modal
      open={p.open}
      title={t('pairings.new')}
      okText={tc('common.save')}
      cancelText={tc('common.cancel')}
      confirmLoading={p.confirmLoading}
      onOk={() => form.submit()}
      onCancel={p.onCancel}
      destroyOnHidden
    >
      <Form
        form={form}
        name="pairing"
        layout="vertical"
        requiredMark={false}
        onFinish={({ started, ...v }) => p.onSubmit({ ...v, startedOn: day(started)! })}
      >
        <Form.Item name="partnerUnitId" label={t('field.unit')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="placeId" label={t('field.place')} rules={[{ required: true }]}>
          <PlaceTreeSelect
            roots={roots}
            value={null}
            onChange={(id) => form.setFieldValue('placeId', id)}
            width="100%"
          />
        </Form.Item>
        <Form.Item name="started" label={t('field.startedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('field.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function OfferModal(p: ModalProps<PartnerOfferCreate>) {
  const { t } = useTranslation('partners');
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<PartnerOfferCreate>();
  return (
    <Modal
      open={p.open}
      title={t('offers.new')}
      okText={tc('common.save')}
      cancelText={tc('common.cancel')}
      confirmLoading={p.confirmLoading}
      onOk={() => form.submit()}
      onCancel={p.onCancel}
      destroyOnHidden
    >
      <Form
        form={form}
        name="offer"
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: 'volunteers' }}
        onFinish={p.onSubmit}
      >
        <Form.Item name="kind" label={t('field.offerKind')} rules={[{ required: true }]}>
          <Select options={PARTNER_OFFER_KINDS.map((k) => ({ value: k, label: t(`offerKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('field.title')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="capacity" label={t('field.capacity')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('field.description')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ContributionModal({
  roots,
  ...p
}: ModalProps<PartnerContributionCreate> & { roots: PlaceView[] }) {
  const { t } = useTranslation('partners');
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<Omit<PartnerContributionCreate, 'occurredOn'> & { occurred: Dayjs }>();
  return (
    <Modal
      open={p.open}
      title={t('contributions.new')}
      okText={tc('common.save')}
      cancelText={tc('common.cancel')}
      confirmLoading={p.confirmLoading}
      onOk={() => form.submit()}
      onCancel={p.onCancel}
      destroyOnHidden
      width={560}
    >
      <Form
        form={form}
        name="contribution"
        layout="vertical"
        requiredMark={false}
        onFinish={({ occurred, ...v }) => p.onSubmit({ ...v, occurredOn: day(occurred)! })}
      >
        <Form.Item name="title" label={t('field.title')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="placeId" label={t('field.place')} rules={[{ required: true }]}>
          <PlaceTreeSelect
            roots={roots}
            value={null}
            onChange={(id) => form.setFieldValue('placeId', id)}
            width="100%"
          />
        </Form.Item>
        <Form.Item name="occurred" label={t('field.occurredOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="peopleCount" label={t('field.peopleCount')}>
          <InputNumber min={0} max={100000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="hours" label={t('field.hours')}>
          <InputNumber min={0} max={1000000} step={0.5} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="outcome" label={t('field.outcome')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="description" label={t('field.description')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
