import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Ask staff for the reason a request is refused, returned or queried; the person it concerns sees it.
 * `name` names the form (its fields' ids), `maxLength` is the server's limit on the reason.
 */
export function ReasonModal({
  open,
  title,
  okText,
  label,
  placeholder,
  name,
  maxLength,
  confirmLoading,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  title: string;
  okText: string;
  label: string;
  placeholder?: string;
  name: string;
  maxLength: number;
  confirmLoading: boolean;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={confirmLoading}
      onOk={() => form.submit()}
      onCancel={onCancel}
      afterClose={() => form.resetFields()}
      forceRender
    >
      <Form
        form={form}
        name={name}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => onSubmit(v.reason.trim())}
      >
        <Form.Item
          name="reason"
          label={label}
          rules={[
            { required: true, whitespace: true, message: t('validation.required', { field: label }) },
            { max: maxLength, message: t('validation.tooLong', { max: maxLength }) },
          ]}
        >
          <Input.TextArea rows={4} maxLength={maxLength} showCount placeholder={placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
