import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { MEMBER_LIMITS } from '../../../domain/members.js';

/** Ask staff for the reason (returning a report, declining a claim, querying a small matter). */
export function ReasonModal({
  open,
  title,
  okText,
  label,
  placeholder,
  confirmLoading,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  title: string;
  okText: string;
  label: string;
  placeholder?: string;
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
        name="member-reason"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => onSubmit(v.reason.trim())}
      >
        <Form.Item
          name="reason"
          label={label}
          rules={[
            { required: true, whitespace: true, message: t('validation.required', { field: label }) },
            { max: MEMBER_LIMITS.reason, message: t('validation.tooLong', { max: MEMBER_LIMITS.reason }) },
          ]}
        >
          <Input.TextArea rows={4} maxLength={MEMBER_LIMITS.reason} showCount placeholder={placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
