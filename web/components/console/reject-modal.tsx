import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../domain/limits.js';

/** Ask for the reason a request is refused; the applicant sees it. */
export function RejectModal({
  open,
  applicant,
  confirmLoading,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  applicant: string;
  confirmLoading: boolean;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={t('console.bindings.rejectTitle', { name: applicant })}
      okText={t('console.bindings.reject')}
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
        name="binding-reject"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => onSubmit(v.reason.trim())}
      >
        <Form.Item
          name="reason"
          label={t('console.bindings.reasonLabel')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('validation.required', { field: t('console.bindings.reasonLabel') }),
            },
            { max: LIMITS.reason, message: t('validation.tooLong', { max: LIMITS.reason }) },
          ]}
        >
          <Input.TextArea
            rows={4}
            maxLength={LIMITS.reason}
            showCount
            placeholder={t('console.bindings.reasonPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
