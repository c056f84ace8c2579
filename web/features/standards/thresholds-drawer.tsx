import { App, Button, Drawer, Form, InputNumber, Space, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { STANDARD_THRESHOLD_KEYS } from '../../../domain/standards.js';
import { errorMessage } from '../../i18n/error-message.js';
import { formatDateTime } from '../../i18n/format.js';
import { type ThresholdsView, useSaveStandardsSettings, useStandardsSettings } from './standards.queries.js';

const MAX: Record<keyof ThresholdsView, number> = {
  branchMinMembers: 100,
  instructorMaxCompounds: 50,
  livingRoomMinArea: 10_000,
  buildingGroupMinMembers: 100,
  plenaryMaxDays: 366,
};

/** The district's thresholds, for district admins: changes apply to the next check at once. */
export function ThresholdsDrawer({
  districtId,
  open,
  onClose,
}: {
  districtId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('standards');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const settings = useStandardsSettings(open ? districtId : null);
  const save = useSaveStandardsSettings();
  const [form] = Form.useForm<ThresholdsView>();
  const data = settings.data;

  useEffect(() => {
    if (data && open) form.setFieldsValue(data.thresholds);
  }, [data, open, form]);

  const submit = (values: ThresholdsView) =>
    save.mutate(
      { districtId, thresholds: values },
      {
        onSuccess: () => {
          void message.success(t('settings.saved'));
          onClose();
        },
        onError: (err) => void message.error(errorMessage(err, tc, i18n.language)),
      },
    );

  return (
    <Drawer
      title={t('settings.title')}
      open={open}
      onClose={onClose}
      size={440}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={() => data && form.setFieldsValue(data.defaults)}>{t('settings.defaults')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('settings.save')}
          </Button>
        </Space>
      }
    >
      <p className="st-rule-desc">{t('settings.hint')}</p>
      {data?.updatedAt && (
        <p className="st-settings-default">
          {t('settings.updatedAt', { time: formatDateTime(data.updatedAt, i18n.language) })}
        </p>
      )}
      {!data ? (
        <Spin />
      ) : (
        <Form
          form={form}
          layout="vertical"
          name="standards-thresholds"
          onFinish={submit}
          requiredMark={false}
        >
          {STANDARD_THRESHOLD_KEYS.map((key) => (
            <Form.Item
              key={key}
              name={key}
              label={t(`settings.${key}`)}
              extra={
                <span className="st-settings-default">
                  {t('settings.default', { n: data.defaults[key] })}
                </span>
              }
              rules={[{ required: true, type: 'integer', min: 1, max: MAX[key] }]}
            >
              <InputNumber min={1} max={MAX[key]} precision={0} style={{ width: 160 }} />
            </Form.Item>
          ))}
        </Form>
      )}
    </Drawer>
  );
}
