import { Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { MEMBER_LIMITS } from '../../../domain/members.js';
import type { BlowWhistleInput, WhistleAudienceOptionsView } from './members.queries.js';
import './members.css';

interface Values {
  title: string;
  description?: string;
  placeId: string;
  where?: string;
  happensAt: Dayjs;
  arriveBy: Dayjs;
  peopleNeeded: number;
  skills: string[];
  reportedMembers: boolean;
  partnerUnitIds: string[];
  redButlerCompoundIds: string[];
}

/** Blow the whistle: the matter, where and when, how many people with which skills, arrive-by, audiences. */
export function BlowWhistleModal({
  open,
  community,
  options,
  saving,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  community: { id: string; name: string };
  options: WhistleAudienceOptionsView | undefined;
  saving: boolean;
  onSubmit: (body: BlowWhistleInput) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('members');
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<Values>();
  const required = (field: string) => ({
    required: true,
    message: tc('validation.required', { field }),
  });
  // Fresh defaults each time it opens: the community itself, in half an hour, arrive within the hour.
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      placeId: community.id,
      happensAt: dayjs().add(30, 'minute').second(0),
      arriveBy: dayjs().add(60, 'minute').second(0),
      peopleNeeded: 5,
      skills: [],
      reportedMembers: true,
      partnerUnitIds: [],
      redButlerCompoundIds: [],
    });
  }, [open, form, community.id]);
  const places = [
    { value: community.id, label: community.name },
    ...(options?.compounds ?? []).map((c) => ({ value: c.id, label: c.name })),
  ];

  const finish = (v: Values) =>
    onSubmit({
      title: v.title.trim(),
      description: v.description?.trim() || null,
      placeId: v.placeId,
      where: v.where?.trim() || null,
      happensAt: v.happensAt.toISOString(),
      arriveBy: v.arriveBy.toISOString(),
      peopleNeeded: v.peopleNeeded,
      skills: v.skills.map((s) => s.trim()).filter(Boolean),
      audience: {
        reportedMembers: v.reportedMembers,
        partnerUnitIds: v.partnerUnitIds,
        redButlerCompoundIds: v.redButlerCompoundIds,
      },
    });

  return (
    <Modal
      open={open}
      title={t('console.whistles.blowTitle')}
      okText={t('console.whistles.blow')}
      cancelText={tc('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onCancel}
      afterClose={() => form.resetFields()}
      width={640}
      forceRender
    >
      <Form form={form} name="blow-whistle" layout="vertical" requiredMark={false} onFinish={finish}>
        <Form.Item
          name="title"
          label={t('field.what')}
          rules={[required(t('field.what')), { whitespace: true }]}
        >
          <Input maxLength={MEMBER_LIMITS.whistleTitle} placeholder={t('field.whatPlaceholder')} />
        </Form.Item>
        <Form.Item name="description" label={t('field.description')}>
          <Input.TextArea rows={2} maxLength={MEMBER_LIMITS.whistleDescription} />
        </Form.Item>
        <div className="mb-form-row">
          <Form.Item name="placeId" label={t('field.compound')} rules={[required(t('field.compound'))]}>
            <Select options={places} />
          </Form.Item>
          <Form.Item name="where" label={t('field.where')}>
            <Input maxLength={MEMBER_LIMITS.where} placeholder={t('field.wherePlaceholder')} />
          </Form.Item>
        </div>
        <div className="mb-form-row">
          <Form.Item name="happensAt" label={t('field.when')} rules={[required(t('field.when'))]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="arriveBy" label={t('field.arriveBy')} rules={[required(t('field.arriveBy'))]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <div className="mb-form-row">
          <Form.Item name="peopleNeeded" label={t('field.howMany')} rules={[required(t('field.howMany'))]}>
            <InputNumber min={1} max={MEMBER_LIMITS.peopleMax} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="skills" label={t('field.skills')}>
            <Select
              mode="tags"
              tokenSeparators={[',', '，', '、']}
              maxCount={MEMBER_LIMITS.skills}
              placeholder={t('field.skillsPlaceholder')}
              open={false}
              suffixIcon={null}
            />
          </Form.Item>
        </div>
        <fieldset className="mb-fieldset">
          <legend>{t('field.audiences')}</legend>
          <Form.Item name="reportedMembers" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox data-testid="audience-members">
              {t('audience.members')} ({options?.reportedMembers ?? 0})
            </Checkbox>
          </Form.Item>
          <Form.Item name="partnerUnitIds" label={t('audience.partners')} style={{ marginBottom: 8 }}>
            <Checkbox.Group
              options={(options?.partnerUnits ?? []).map((u) => ({
                value: u.id,
                label: `${u.name} (${u.contacts})`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="redButlerCompoundIds"
            label={t('audience.red_butlers')}
            style={{ marginBottom: 0 }}
            rules={[
              ({ getFieldValue }) => ({
                validator: () =>
                  getFieldValue('reportedMembers') ||
                  (getFieldValue('partnerUnitIds') as string[]).length > 0 ||
                  (getFieldValue('redButlerCompoundIds') as string[]).length > 0
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('console.whistles.pickAudience'))),
              }),
            ]}
          >
            <Checkbox.Group
              options={(options?.compounds ?? []).map((c) => ({
                value: c.id,
                label: `${c.name} (${c.redButlers})`,
              }))}
            />
          </Form.Item>
        </fieldset>
      </Form>
    </Modal>
  );
}
