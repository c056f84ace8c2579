import { Button, Dialog, Tag, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/resident/page-header.js';
import { CenteredLoading, EmptyCard, ErrorState } from '../../components/resident/states.js';
import { CardView } from '../../features/lighting/card-view.js';
import { ChoicesForm } from '../../features/lighting/choices-form.js';
import { ConsentStep } from '../../features/lighting/consent-step.js';
import { formatDate } from '../../features/lighting/dates.js';
import {
  type CardChoicesView,
  type CentralHouseholdView,
  cardPath,
  doorSignUrl,
  useCardMessages,
  useLightUp,
  useMarkMessagesRead,
  useMyCentralHouseholds,
  useRevokeLightUp,
  useSaveCardChoices,
} from '../../features/lighting/lighting.queries.js';
import '../../features/lighting/lighting.css';
import { errorMessage } from '../../i18n/error-message.js';

type Step = 'overview' | 'edit' | 'consent';

/** The place line a card shows for these choices (as the server will show it). */
function placeOf(ch: CentralHouseholdView, showFlat: boolean): string[] {
  const keep = showFlat
    ? ['community', 'compound', 'building', 'unit', 'household']
    : ['community', 'compound'];
  return ch.householdPath.filter((c) => keep.includes(c.kind)).map((c) => c.name);
}

function Household({ ch }: { ch: CentralHouseholdView }) {
  const { t, i18n } = useTranslation('lighting');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const [step, setStep] = useState<Step>('overview');
  const [draft, setDraft] = useState<CardChoicesView>(ch.choices);
  const lightUp = useLightUp();
  const revoke = useRevokeLightUp();
  const save = useSaveCardChoices();
  const messages = useCardMessages(ch.lit ? ch.id : null);
  const markRead = useMarkMessagesRead();
  const fail = (err: unknown) => Toast.show({ content: errorMessage(err, tc, i18n.language) });
  // Each step starts at its top, not where the last one was scrolled to.
  useEffect(() => {
    // A block body: newer browsers return a promise from scrollTo, which React would take for a cleanup.
    window.scrollTo({ top: 0 });
  }, [step, ch.lit]);

  const agree = () =>
    lightUp.mutate(
      { id: ch.id, choices: draft },
      {
        onSuccess: () => {
          setStep('overview');
          Toast.show({ icon: 'success', content: t('mine.litToast') });
        },
        onError: fail,
      },
    );

  const confirmRevoke = async () => {
    const ok = await Dialog.confirm({
      title: t('mine.revokeTitle'),
      content: t('mine.revokeBody'),
      confirmText: t('mine.revoke'),
      cancelText: tc('common.cancel'),
    });
    if (!ok) return;
    revoke.mutate(ch.id, {
      onSuccess: () => Toast.show({ content: t('mine.revokedToast') }),
      onError: fail,
    });
  };

  if (step === 'edit') {
    return (
      <ChoicesForm
        initial={draft}
        submitLabel={ch.lit ? tc('common.save') : t('form.next')}
        submitting={save.isPending}
        onCancel={() => setStep('overview')}
        onSubmit={(choices) => {
          setDraft(choices);
          if (!ch.lit) {
            setStep('consent');
            return;
          }
          save.mutate(
            { id: ch.id, choices },
            {
              onSuccess: () => {
                setStep('overview');
                Toast.show({ icon: 'success', content: t('mine.savedToast') });
              },
              onError: fail,
            },
          );
        }}
      />
    );
  }
  if (step === 'consent') {
    return (
      <ConsentStep submitting={lightUp.isPending} onAgree={agree} onDecline={() => setStep('overview')} />
    );
  }

  const shown = ch.lit ? ch.choices : draft;
  const unread = ch.unreadMessages;
  return (
    <>
      <section className="ll-card" aria-label={t('mine.status')}>
        <div className="lt-status">
          <span className={`lt-status-dot${ch.lit ? ' is-lit' : ''}`} aria-hidden />
          <strong data-testid="lit-status">{ch.lit ? t('mine.lit') : t('mine.notLit')}</strong>
          {ch.lit && ch.litAt && (
            <span className="ll-muted">{t('mine.since', { date: formatDate(ch.litAt, i18n.language) })}</span>
          )}
        </div>
        <p className="ll-muted">
          {ch.householdPath
            .filter((c) => c.kind !== 'street')
            .map((c) => c.name)
            .join(' · ')}
        </p>
        {!ch.lit && <p>{t('mine.intro')}</p>}
      </section>

      <h2 className="ll-section-title">{ch.lit ? t('mine.cardNow') : t('mine.cardPreview')}</h2>
      <CardView
        title={shown.title}
        services={shown.services}
        motto={shown.motto}
        name={shown.showName ? ch.leader.name : null}
        place={placeOf(ch, shown.showFlat)}
      />

      {ch.lit && ch.cardToken ? (
        <>
          <div className="lt-actions">
            <Button
              block
              color="primary"
              size="large"
              onClick={() => void navigate(cardPath(ch.cardToken!))}
              data-testid="open-card"
            >
              {t('mine.openCard')}
            </Button>
            <div className="lt-actions-row">
              <a
                className="lt-link-button"
                href={doorSignUrl(ch.id, 'png', i18n.language)}
                download="door-sign.png"
                data-testid="door-sign-png"
              >
                {t('mine.doorSignPng')}
              </a>
              <a
                className="lt-link-button"
                href={doorSignUrl(ch.id, 'pdf', i18n.language)}
                download="door-sign.pdf"
                data-testid="door-sign-pdf"
              >
                {t('mine.doorSignPdf')}
              </a>
            </div>
            <Button block onClick={() => setStep('edit')}>
              {t('mine.edit')}
            </Button>
          </div>

          <h2 className="ll-section-title">
            {t('mine.messages')} {unread > 0 && <Tag color="danger">{t('mine.unread', { n: unread })}</Tag>}
          </h2>
          <section className="ll-card">
            {(messages.data ?? []).length === 0 ? (
              <p className="ll-muted">{t('mine.noMessages')}</p>
            ) : (
              <>
                {(messages.data ?? []).map((m) => (
                  <div key={m.id} className="lt-message">
                    <strong>{m.from.displayName}</strong>{' '}
                    <span className="ll-muted">{formatDate(m.createdAt, i18n.language)}</span>
                    <p style={{ margin: '4px 0 0' }}>{m.body}</p>
                  </div>
                ))}
                {unread > 0 && (
                  <Button size="small" fill="none" color="primary" onClick={() => markRead.mutate(ch.id)}>
                    {t('mine.markRead')}
                  </Button>
                )}
              </>
            )}
          </section>

          <h2 className="ll-section-title">{t('mine.consentTitle')}</h2>
          <section className="ll-card">
            {ch.consent && (
              <p className="ll-muted" style={{ marginTop: 0 }}>
                {t('mine.consentGiven', {
                  date: formatDate(ch.consent.grantedAt, i18n.language),
                  version: ch.consent.textVersion,
                })}
              </p>
            )}
            <Button
              block
              color="danger"
              fill="outline"
              style={{ marginTop: 8 }}
              loading={revoke.isPending}
              onClick={() => void confirmRevoke()}
              data-testid="revoke"
            >
              {t('mine.revoke')}
            </Button>
            <p className="lt-hint">{t('mine.revokeHint')}</p>
          </section>
        </>
      ) : (
        <div className="lt-actions">
          <Button
            block
            color="primary"
            size="large"
            onClick={() => setStep('edit')}
            data-testid="start-light-up"
          >
            {t('mine.start')}
          </Button>
          {ch.consent?.withdrawnAt && (
            <p className="lt-hint">
              {t('mine.withdrawnOn', { date: formatDate(ch.consent.withdrawnAt, i18n.language) })}
            </p>
          )}
        </div>
      )}
    </>
  );
}

/** The party member's own light-up: choose what the card shows, consent separately, print the door sign. */
export default function LightUpPage() {
  const { t, i18n } = useTranslation('lighting');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const mine = useMyCentralHouseholds();
  return (
    <>
      <PageHeader title={t('mine.title')} onBack={() => void navigate('/')} />
      <div className="ll-page">
        {mine.isPending && <CenteredLoading />}
        {mine.isError && (
          <ErrorState
            message={errorMessage(mine.error, tc, i18n.language)}
            onRetry={() => void mine.refetch()}
          />
        )}
        {mine.data?.length === 0 && <EmptyCard title={t('mine.noneTitle')} body={t('mine.noneBody')} />}
        {mine.data?.map((ch) => (
          <Household key={ch.id} ch={ch} />
        ))}
      </div>
    </>
  );
}
