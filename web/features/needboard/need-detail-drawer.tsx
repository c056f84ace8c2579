import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Drawer, Image, Rate, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NeedAction } from '../../../domain/needs.js';
import { errorMessage } from '../../i18n/error-message.js';
import { needErrorMessage } from '../needs/needs-text.js';
import { formatDateTime, joinPath } from '../../i18n/format.js';
import { NeedWork } from './need-detail-sections.js';
import { STATUS_COLOR } from './need-words.js';
import { AssignModal, CancelModal, ConfirmModal, ConveneModal, FollowUpModal } from './need-step-modals.js';
import {
  type NeedContactView,
  useAssign,
  useCancelNeed,
  useConfirmNeed,
  useConvene,
  useHelperCandidates,
  useNeed,
  useRevealContact,
  useScheduleFollowUp,
} from './needboard.queries.js';

/** The actions staff take from the console, in the order their buttons show. */
const CONSOLE_ACTIONS = [
  'convene',
  'assign',
  'follow_up',
  'confirm',
  'cancel',
] as const satisfies readonly NeedAction[];
type Dialog = (typeof CONSOLE_ACTIONS)[number] | null;

/** One need for staff: where, who (masked until revealed), what was done, and the steps staff may take. */
export function NeedDetailDrawer({
  needId,
  categoryName,
  onClose,
}: {
  needId: string | null;
  categoryName: (code: string) => string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('needboard');
  const { t: tn } = useTranslation('needs');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const lang = i18n.language;
  const need = useNeed(needId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [contact, setContact] = useState<{ id: string; c: NeedContactView } | null>(null);
  const n = need.data;
  const wantsCandidates = dialog === 'assign' || dialog === 'follow_up';
  const candidates = useHelperCandidates(needId, wantsCandidates);
  const reveal = useRevealContact();
  const convene = useConvene();
  const assign = useAssign();
  const followUp = useScheduleFollowUp();
  const cancel = useCancelNeed();
  const confirm = useConfirmNeed();
  const fail = (err: unknown) => void message.error(needErrorMessage(err, tn, tc, lang));
  const done = (text: string) => () => {
    setDialog(null);
    void message.success(text);
  };
  const shown = contact && n && contact.id === n.id ? contact.c : null;

  const actions = n ? CONSOLE_ACTIONS.filter((a) => n.actions.includes(a)) : [];

  return (
    <Drawer
      open={needId !== null}
      onClose={onClose}
      width={760}
      title={
        n ? (
          <Space size={8} wrap>
            <span>{categoryName(n.category)}</span>
            <Tag color={STATUS_COLOR[n.status]}>{tn(`status.${n.status}`)}</Tag>
            {n.urgency === 'urgent' && <Tag color="red">{tn('urgency.urgent')}</Tag>}
          </Space>
        ) : (
          ' '
        )
      }
      loading={need.isPending && needId !== null}
      destroyOnHidden
    >
      {need.isError && <Typography.Text type="danger">{errorMessage(need.error, tc, lang)}</Typography.Text>}
      {n && (
        <div data-testid="need-detail" data-status={n.status}>
          {actions.length > 0 && (
            <Space wrap className="nb-actions">
              {actions.map((a) => (
                <Button
                  key={a}
                  type={a === 'convene' || a === 'confirm' ? 'primary' : 'default'}
                  danger={a === 'cancel'}
                  onClick={() => setDialog(a)}
                  data-testid={`action-${a}`}
                >
                  {a === 'confirm' ? t('detail.confirmForResident') : tn(`action.${a}`)}
                </Button>
              ))}
            </Space>
          )}

          <Typography.Paragraph className="nb-description" data-testid="need-description">
            {n.description}
          </Typography.Paragraph>

          <Descriptions column={2} size="small" bordered className="nb-facts">
            <Descriptions.Item label={t('field.place')} span={2}>
              {shown?.address ??
                (n.place.length > 0
                  ? joinPath(
                      n.place.filter((c) => c.kind !== 'district' && c.kind !== 'street').map((c) => c.name),
                      lang,
                    )
                  : n.placeLabel)}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.resident')}>
              <span data-testid="resident-name">{shown?.name ?? n.resident?.name ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('field.phone')}>
              <Space size={8}>
                <span className="cl-mono" data-testid="resident-phone">
                  {shown?.phone ?? n.phone ?? '—'}
                </span>
                {!shown && n.canReveal && n.phoneMasked && (
                  <Button
                    size="small"
                    icon={<EyeOutlined />}
                    loading={reveal.isPending}
                    data-testid="reveal-contact"
                    onClick={() =>
                      reveal.mutate(n.id, {
                        onSuccess: (c) => setContact({ id: n.id, c }),
                        onError: fail,
                      })
                    }
                  >
                    {t('detail.reveal')}
                  </Button>
                )}
              </Space>
              {!shown && n.canReveal && n.phoneMasked && (
                <div>
                  <Typography.Text type="secondary" className="nb-hint">
                    {t('detail.revealHint')}
                  </Typography.Text>
                </div>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.quantity')}>
              {n.quantity !== null ? `${n.quantity}${n.quantityUnit ? ` ${n.quantityUnit}` : ''}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.helpers')}>
              <span data-testid="helpers-slots">
                {n.helpersClaimed}/{n.helpersNeeded}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('field.reach')}>
              {t(`reach.${n.audience}`)}
              {n.escalationLevel > 0 && (
                <Tag color="orange" style={{ marginInlineStart: 8 }}>
                  {t('marker.escalated', { level: n.escalationLevel })}
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.partnerUnit')}>{n.partnerUnit?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('field.postedAt')}>
              {formatDateTime(n.createdAt, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.source')}>
              {t(`source.${n.source}`)}
              {n.postedBy && n.source === 'staff' ? ` · ${n.postedBy.name}` : ''}
            </Descriptions.Item>
            {n.supporters > 0 && (
              <Descriptions.Item label={t('field.supporters')} span={2}>
                {t('detail.supporters', { n: n.supporters })}
              </Descriptions.Item>
            )}
            {n.rating !== null && (
              <Descriptions.Item label={t('field.rating')} span={2}>
                <Rate disabled value={n.rating} />
                {n.thanks && <div className="nb-thanks">“{n.thanks}”</div>}
              </Descriptions.Item>
            )}
            {n.autoConfirmAt && n.status === 'done' && (
              <Descriptions.Item label={t('field.autoConfirmAt')} span={2}>
                {formatDateTime(n.autoConfirmAt, lang)}
              </Descriptions.Item>
            )}
          </Descriptions>

          {n.photos.length > 0 && (
            <div className="nb-photos">
              <Image.PreviewGroup>
                {n.photos.map((p) => (
                  <Image key={p.id} src={p.url} width={96} height={96} className="nb-photo" alt="" />
                ))}
              </Image.PreviewGroup>
            </div>
          )}

          <div className="nb-totals">
            <Statistic title={t('totals.hours')} value={n.totals.hours} precision={1} />
            <Statistic title={t('totals.outsideHelpers')} value={n.totals.outsideHelpers} />
            <Statistic title={t('totals.itemsHandled')} value={n.totals.itemsHandled} />
          </div>

          <NeedWork need={n} />
        </div>
      )}
      {n && (
        <>
          <ConveneModal
            open={dialog === 'convene'}
            communityId={n.communityId}
            initial={{
              helpersNeeded: Math.max(n.helpersNeeded, 1),
              partnerUnitId: n.partnerUnit?.id ?? null,
            }}
            confirmLoading={convene.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={(body) =>
              convene.mutate({ id: n.id, body }, { onSuccess: done(t('convene.done')), onError: fail })
            }
          />
          <AssignModal
            open={dialog === 'assign'}
            candidates={candidates.data}
            loading={candidates.isPending}
            confirmLoading={assign.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={({ userId }) =>
              assign.mutate({ id: n.id, userId }, { onSuccess: done(t('assign.done')), onError: fail })
            }
          />
          <FollowUpModal
            open={dialog === 'follow_up'}
            candidates={candidates.data}
            helpers={n.claims}
            loading={candidates.isPending}
            confirmLoading={followUp.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={(body) =>
              followUp.mutate({ id: n.id, body }, { onSuccess: done(t('followUp.done')), onError: fail })
            }
          />
          <CancelModal
            open={dialog === 'cancel'}
            confirmLoading={cancel.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={({ reason }) =>
              cancel.mutate({ id: n.id, reason }, { onSuccess: done(t('cancel.done')), onError: fail })
            }
          />
          <ConfirmModal
            open={dialog === 'confirm'}
            confirmLoading={confirm.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={(v) =>
              confirm.mutate({ id: n.id, ...v }, { onSuccess: done(t('confirm.done')), onError: fail })
            }
          />
        </>
      )}
    </Drawer>
  );
}
