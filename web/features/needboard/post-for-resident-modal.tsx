import { Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NEED_LIMITS, NEED_URGENCIES, type NeedCategory } from '../../../domain/needs.js';
import type { PlaceView } from '../../api/types.js';
import { type PersonView, usePeople } from '../organisations/organisations.queries.js';
import { PlaceTreeSelect } from '../places/place-tree-select.js';
import type { PostNeedInput } from './needboard.queries.js';

interface Values {
  personId: string;
  where: 'home' | 'spot';
  spotId?: string;
  category: string;
  description: string;
  urgency: 'normal' | 'urgent';
  quantity?: number | null;
  quantityUnit?: string;
}

/**
 * Post a need for a resident who cannot use a phone (she called, or came to the office): who it is
 * for, where (her home or a spot in her compound), what, how urgent and how many.
 */
export function PostForResidentModal({
  open,
  communityId,
  roots,
  categories,
  categoryName,
  confirmLoading,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  communityId: string | null;
  roots: PlaceView[];
  categories: readonly NeedCategory[];
  categoryName: (code: string) => string;
  confirmLoading: boolean;
  onSubmit: (body: PostNeedInput) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('needboard');
  const { t: tn } = useTranslation('needs');
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const people = usePeople(open ? communityId : null, q, 'all', null);
  const [picked, setPicked] = useState<PersonView | null>(null);
  const where = Form.useWatch('where', form);
  const list = people.data?.items ?? [];

  const finish = (v: Values) => {
    const placeId = v.where === 'spot' ? v.spotId : picked?.household?.id;
    if (!placeId) return;
    onSubmit({
      placeId,
      forPersonId: v.personId,
      category: v.category,
      description: v.description,
      urgency: v.urgency,
      quantity: v.quantity ?? null,
      quantityUnit: v.quantityUnit?.trim() ? v.quantityUnit.trim() : null,
    });
  };

  return (
    <Modal
      open={open}
      title={t('post.title')}
      okText={t('post.ok')}
      cancelText={tc('common.cancel')}
      confirmLoading={confirmLoading}
      onOk={() => form.submit()}
      onCancel={onCancel}
      afterClose={() => {
        setPicked(null);
        setQ('');
      }}
      destroyOnHidden
      width={600}
    >
      <p className="cl-modal-hint">{t('post.hint')}</p>
      <Form<Values>
        form={form}
        name="post-for-resident"
        layout="vertical"
        requiredMark={false}
        initialValues={{ where: 'home', urgency: 'normal', category: categories[0]?.code }}
        onFinish={finish}
      >
        <Form.Item
          name="personId"
          label={t('post.person')}
          extra={
            <span data-testid="post-person-home">
              {picked
                ? picked.householdLabel
                  ? t('post.homeIs', { place: picked.householdLabel })
                  : t('post.noHousehold')
                : t('post.personHint')}
            </span>
          }
          rules={[{ required: true, message: t('post.personRequired') }]}
        >
          <Select
            showSearch
            filterOption={false}
            onSearch={setQ}
            loading={people.isFetching}
            placeholder={t('post.personPlaceholder')}
            onChange={(id: string) => setPicked(list.find((p) => p.id === id) ?? null)}
            options={list.map((p) => ({
              value: p.id,
              label: p.householdLabel ? `${p.name} · ${p.householdLabel}` : p.name,
            }))}
            notFoundContent={t('post.noPeople')}
          />
        </Form.Item>
        <Form.Item name="where" label={t('field.place')}>
          <Radio.Group>
            <Radio value="home" disabled={picked !== null && !picked.household}>
              {t('post.home')}
            </Radio>
            <Radio value="spot">{t('post.spot')}</Radio>
          </Radio.Group>
        </Form.Item>
        {where === 'spot' && (
          <Form.Item
            name="spotId"
            label={t('post.spotLabel')}
            extra={t('post.spotHint')}
            rules={[{ required: true, message: t('post.spotRequired') }]}
          >
            <PlaceTreeSelect
              roots={roots}
              value={null}
              onChange={(id) => form.setFieldValue('spotId', id)}
              width="100%"
            />
          </Form.Item>
        )}
        {where !== 'spot' && picked !== null && !picked.household && (
          <p className="nb-warn">{t('post.noHouseholdWarn')}</p>
        )}
        <Form.Item name="category" label={t('field.category')} rules={[{ required: true }]}>
          <Select options={categories.map((c) => ({ value: c.code, label: categoryName(c.code) }))} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('field.description')}
          rules={[{ required: true, whitespace: true, max: NEED_LIMITS.description }]}
        >
          <Input.TextArea rows={3} showCount maxLength={NEED_LIMITS.description} />
        </Form.Item>
        <Form.Item name="urgency" label={t('field.urgency')}>
          <Radio.Group optionType="button">
            {NEED_URGENCIES.map((u) => (
              <Radio.Button key={u} value={u}>
                {tn(`urgency.${u}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('field.quantity')}>
          <Space.Compact>
            <Form.Item name="quantity" noStyle>
              <InputNumber
                min={1}
                max={NEED_LIMITS.quantityMax}
                style={{ width: 140 }}
                aria-label={t('field.quantity')}
              />
            </Form.Item>
            <Form.Item name="quantityUnit" noStyle>
              <Input
                style={{ width: 120 }}
                maxLength={20}
                placeholder={t('post.unitPlaceholder')}
                aria-label={t('post.unit')}
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}
