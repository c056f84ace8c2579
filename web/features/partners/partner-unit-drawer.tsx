import { App, Button, Descriptions, Drawer, Empty, List, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceView } from '../../api/types.js';
import { errorMessage } from '../../i18n/error-message.js';
import { joinPath } from '../../i18n/format.js';
import { ContributionModal, OfferModal } from './partner-forms.js';
import {
  useArchiveOffer,
  useCreateContribution,
  useCreateOffer,
  usePartnerUnit,
  useUnitContributions,
  useUnitOffers,
} from './partners.queries.js';

/** One partner unit: registry entry, pairings, seats, what it offers and what it has done. */
export function PartnerUnitDrawer({
  unitId,
  roots,
  onClose,
}: {
  unitId: string | null;
  roots: PlaceView[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('partners');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const unit = usePartnerUnit(unitId);
  const offers = useUnitOffers(unitId);
  const contributions = useUnitContributions(unitId);
  const createOffer = useCreateOffer();
  const archiveOffer = useArchiveOffer();
  const createContribution = useCreateContribution();
  const [offerOpen, setOfferOpen] = useState(false);
  const [contributionOpen, setContributionOpen] = useState(false);
  const u = unit.data;
  const fail = (err: unknown) => void message.error(errorMessage(err, tc, i18n.language));

  return (
    <Drawer
      open={unitId !== null}
      onClose={onClose}
      width={640}
      title={u?.name ?? ' '}
      extra={u && <Tag>{t(`unitKind.${u.kind}`)}</Tag>}
      loading={unit.isPending && unitId !== null}
      destroyOnHidden
    >
      {unit.isError && (
        <Typography.Text type="danger">{errorMessage(unit.error, tc, i18n.language)}</Typography.Text>
      )}
      {u && (
        <div data-testid="partner-drawer">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('field.contactName')}>{u.contactName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('field.contactPhone')}>
              <span data-testid="contact-phone">{u.contactPhone ?? '—'}</span>
              {u.contactPhoneMasked && (
                <Typography.Text type="secondary"> {t('registry.masked')}</Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.partyOrg')}>{u.partyOrg ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('field.address')}>{u.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('field.description')}>{u.description ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('registry.pairedWith')}>
              <Space wrap size={4}>
                {u.pairings.map((p) => (
                  <Tag key={p.id} color={p.active ? 'red' : undefined}>
                    {p.place.name} · {t('registry.since', { date: p.startedOn })}
                    {p.endedOn ? ` – ${p.endedOn}` : ''}
                  </Tag>
                ))}
                {u.pairings.length === 0 && '—'}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('registry.seats')}>
              {u.seats.length === 0
                ? '—'
                : u.seats.map((s) => `${s.community.name} · ${s.organisationName}`).join('；')}
            </Descriptions.Item>
          </Descriptions>

          <div className="cl-heading" style={{ marginTop: 24 }}>
            <h2 className="cl-heading-title" style={{ fontSize: 16 }}>
              {t('offers.title')}
            </h2>
            {u.canContribute && (
              <Button size="small" onClick={() => setOfferOpen(true)}>
                {t('offers.new')}
              </Button>
            )}
          </div>
          <List
            size="small"
            dataSource={(offers.data ?? []).filter((o) => !o.archived)}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('offers.empty')} />,
            }}
            renderItem={(o) => (
              <List.Item
                actions={
                  u.canContribute
                    ? [
                        <Button
                          key="archive"
                          size="small"
                          type="text"
                          onClick={() => archiveOffer.mutate(o.id, { onError: fail })}
                        >
                          {t('offers.archive')}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <Space size={6}>
                      <Tag color="volcano">{t(`offerKind.${o.kind}`)}</Tag>
                      {o.title}
                    </Space>
                  }
                  description={[o.description, o.capacity].filter(Boolean).join(' · ')}
                />
              </List.Item>
            )}
          />

          <div className="cl-heading" style={{ marginTop: 24 }}>
            <h2 className="cl-heading-title" style={{ fontSize: 16 }}>
              {t('contributions.title')}
            </h2>
            {u.canContribute && (
              <Button size="small" type="primary" onClick={() => setContributionOpen(true)}>
                {t('contributions.new')}
              </Button>
            )}
          </div>
          {(contributions.data ?? []).length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contributions.empty')} />
          ) : (
            <Timeline
              items={(contributions.data ?? []).map((c) => ({
                color: 'red',
                children: (
                  <div data-testid="unit-contribution">
                    <Typography.Text strong>{c.title}</Typography.Text>
                    <div>
                      <Typography.Text type="secondary">
                        {c.occurredOn} ·{' '}
                        {joinPath(
                          c.placePath.map((p) => p.name),
                          i18n.language,
                        )}
                      </Typography.Text>
                    </div>
                    {c.outcome && <div className="cl-strong">{c.outcome}</div>}
                    <Typography.Text type="secondary">
                      {[
                        c.peopleCount !== null ? t('contributions.people', { n: c.peopleCount }) : null,
                        c.hours !== null ? t('contributions.hours', { n: c.hours }) : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography.Text>
                  </div>
                ),
              }))}
            />
          )}
        </div>
      )}
      {u && (
        <>
          <OfferModal
            open={offerOpen}
            confirmLoading={createOffer.isPending}
            onCancel={() => setOfferOpen(false)}
            onSubmit={(body) =>
              createOffer.mutate(
                { unitId: u.id, body },
                {
                  onSuccess: () => {
                    setOfferOpen(false);
                    void message.success(t('offers.created'));
                  },
                  onError: fail,
                },
              )
            }
          />
          <ContributionModal
            open={contributionOpen}
            roots={roots}
            confirmLoading={createContribution.isPending}
            onCancel={() => setContributionOpen(false)}
            onSubmit={(body) =>
              createContribution.mutate(
                { unitId: u.id, body },
                {
                  onSuccess: () => {
                    setContributionOpen(false);
                    void message.success(t('contributions.created'));
                  },
                  onError: fail,
                },
              )
            }
          />
        </>
      )}
    </Drawer>
  );
}
