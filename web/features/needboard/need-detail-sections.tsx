import { Empty, Image, List, Rate, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format.js';
import type { NeedDetailView } from './needboard.queries.js';

/** Facts an event carries that are worth a second line (a note, a reason, thanks). */
function eventDetail(params: NeedDetailView['timeline'][number]['params']): string | null {
  for (const k of ['note', 'reason', 'thanks', 'outcome']) {
    const v = params[k];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return null;
}

function NeedTimeline({ need }: { need: NeedDetailView }) {
  const { t, i18n } = useTranslation('needs');
  const { t: tb } = useTranslation('needboard');
  if (need.timeline.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      items={need.timeline.map((e) => {
        const detail = eventDetail(e.params);
        const rating = typeof e.params.rating === 'number' ? e.params.rating : null;
        const reach = e.params.reach ?? e.params.audience;
        return {
          color: e.kind === 'escalated' ? 'orange' : e.kind === 'cancelled' ? 'gray' : 'red',
          children: (
            <div data-testid="need-event" data-kind={e.kind}>
              <Typography.Text>
                {t(`event.${e.kind}`, { actor: e.actorName ?? t('event.system') })}
              </Typography.Text>
              {(e.kind === 'escalated' || e.kind === 'convened') &&
                (reach === 'compound' ||
                  reach === 'community' ||
                  reach === 'whistle' ||
                  reach === 'building') && <Tag style={{ marginInlineStart: 8 }}>{tb(`reach.${reach}`)}</Tag>}
              {typeof e.params.helpersNeeded === 'number' && (
                <Tag style={{ marginInlineStart: 8 }}>
                  {tb('detail.helpersNeededTag', { n: e.params.helpersNeeded })}
                </Tag>
              )}
              {rating !== null && (
                <Rate disabled value={rating} style={{ fontSize: 12, marginInlineStart: 8 }} />
              )}
              <div>
                <Typography.Text type="secondary">{formatDateTime(e.at, i18n.language)}</Typography.Text>
              </div>
              {detail && <Typography.Paragraph className="nb-event-note">{detail}</Typography.Paragraph>}
            </div>
          ),
        };
      })}
    />
  );
}

/** What was done for a need: who claimed it, what they logged, the follow-ups, and every step. */
export function NeedWork({ need: n }: { need: NeedDetailView }) {
  const { t, i18n } = useTranslation('needboard');
  const lang = i18n.language;
  return (
    <>
      <h2 className="nb-section">{t('detail.claims')}</h2>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={n.claims}
        locale={{ emptyText: t('detail.noClaims') }}
        columns={[
          { title: t('field.helper'), dataIndex: 'name' },
          {
            title: t('field.claimedAt'),
            dataIndex: 'claimedAt',
            render: (v: string) => formatDateTime(v, lang),
          },
          {
            title: t('field.how'),
            dataIndex: 'assigned',
            render: (v: boolean) => (v ? t('detail.assigned') : t('detail.selfClaimed')),
          },
          { title: t('totals.hours'), dataIndex: 'hours', align: 'right' },
        ]}
      />

      <h2 className="nb-section">{t('detail.logs')}</h2>
      <List
        size="small"
        dataSource={n.logs}
        locale={{ emptyText: t('detail.noLogs') }}
        renderItem={(l) => (
          <List.Item data-testid="service-log">
            <List.Item.Meta
              title={
                <Space size={8} wrap>
                  <span>{l.name}</span>
                  <Typography.Text type="secondary">{formatDateTime(l.at, lang)}</Typography.Text>
                </Space>
              }
              description={
                <>
                  <div>
                    {[
                      t('detail.logHours', { n: l.hours }),
                      l.outsideHelpers > 0 ? t('detail.logOutside', { n: l.outsideHelpers }) : null,
                      l.itemsHandled > 0 ? t('detail.logItems', { n: l.itemsHandled }) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </div>
                  {l.note && <div className="nb-event-note">{l.note}</div>}
                  {l.photos.length > 0 && (
                    <Image.PreviewGroup>
                      {l.photos.map((p) => (
                        <Image key={p.id} src={p.url} width={56} height={56} className="nb-photo" alt="" />
                      ))}
                    </Image.PreviewGroup>
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />

      {n.followUps.length > 0 && (
        <>
          <h2 className="nb-section">{t('detail.followUps')}</h2>
          <List
            size="small"
            dataSource={n.followUps}
            renderItem={(f) => (
              <List.Item data-testid="follow-up">
                <List.Item.Meta
                  title={
                    <Space size={8} wrap>
                      <span>{f.assignee.name}</span>
                      <Typography.Text type="secondary">
                        {t('detail.dueAt', { at: formatDateTime(f.dueAt, lang) })}
                      </Typography.Text>
                      {f.doneAt ? (
                        <Tag color="green">{t('detail.followUpDone')}</Tag>
                      ) : (
                        <Tag color="blue">{t('detail.followUpScheduled')}</Tag>
                      )}
                    </Space>
                  }
                  description={
                    <>
                      <div>{f.note}</div>
                      {f.outcome && <div className="nb-event-note">{f.outcome}</div>}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </>
      )}

      <h2 className="nb-section">{t('detail.timeline')}</h2>
      <NeedTimeline need={n} />
    </>
  );
}
