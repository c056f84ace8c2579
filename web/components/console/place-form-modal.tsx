import { Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../domain/limits.js';
import type { PlaceKind } from '../../api/types.js';

export interface PlaceFormValues {
  kind: PlaceKind;
  name: string;
}

/**
 * Name a place: a new child (choose its kind among those allowed under the parent) or a rename
 * (kinds omitted). The parent closes it once the change succeeds, so a refusal keeps what was typed.
 */
export function PlaceFormModal({
  formName,
  open,
  title,
  kinds,
  initialName,
  confirmLoading,
  onSubmit,
  onCancel,
}: {
  /** Prefixes the fields' ids, so two of these dialogs never share an id. */
  formName: string;
  open: boolean;
  title: string;
  kinds?: readonly PlaceKind[];
  initialName?: string;
  confirmLoading: boolean;
  onSubmit: (values: PlaceFormValues) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PlaceFormValues>();

  useEffect(() => {
    if (open) form.setFieldsValue({ name: initialName ?? '', ...(kinds?.[0] ? { kind: kinds[0] } : {}) });
  }, [open, initialName, kinds, form]);

  return (
    <Modal
      open={open}
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={confirmLoading}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<PlaceFormValues>
        form={form}
        name={formName}
        layout="vertical"
        onFinish={onSubmit}
        requiredMark={false}
      >
        {kinds && (
          <Form.Item name="kind" label={t('console.places.childKind')} rules={[{ required: true }]}>
            <Select options={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('console.places.childName')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('validation.required', { field: t('console.places.childName') }),
            },
            { max: LIMITS.placeName, message: t('validation.tooLong', { max: LIMITS.placeName }) },
          ]}
        >
          <Input
            placeholder={t('console.places.childNamePlaceholder')}
            maxLength={LIMITS.placeName}
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
