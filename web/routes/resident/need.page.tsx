import { Button, Dialog, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { isNoAccess } from '../../api/client.js';
import { PageHeader } from '../../components/resident/page-header.js';
import { CenteredLoading, EmptyCard, ErrorState } from '../../components/resident/states.js';
import { useMe } from '../../features/auth/auth.queries.js';
import { formatDate } from '../../features/lighting/dates.js';
import { ConfirmForm, LogSheet, ReopenSheet } from '../../features/needs/need-forms.js';
import {
  ContactCard,
  HelpersCard,
  LogsCard,
  PhotoStrip,
  RatingView,
  StatusSteps,
  Timeline,
  TotalsCard,
} from '../../features/needs/need-sections.js';
import { CategoryIcon, StatusTag, UrgentTag } from '../../features/needs/need-tags.js';
import { categoryName, needErrorMessage, relativeTime } from '../../features/needs/needs-text.js';
import {
  type NeedContactView,
  type NeedDetailView,
  useNeed,
  useNeedSettings,
  useNeedStep,
  useRevealContact,
} from '../../features/needs/needs.queries.js';
import '../../features/needs/needs.css';
import { formatDateTime } from '../../i18n/format.js';

function NeedView({ need }: { need: NeedDetailView }) {
  const { t, i18n } = useTranslation('needs');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const me = useMe().data;
  const categories = useNeedSettings().data?.categories;
  const step = useNeedStep();
  const reveal = useRevealContact();
  const [contact, setContact] = useState<NeedContactView | null>(null);
  const [sheet, setSheet] = useState<'log' | 'reopen' | null>(null);
  const [logError, setLogError] = useState<string | null>(null);
  const isResident = me !== null && me !== undefined && need.resident?.userId === me.id;
  // Nobody claims her own need, whatever the relations allow.
  const can = (a: NeedDetailView['actions'][number]) =>
    need.actions.includes(a) && !(a === 'claim' && isResident);
  const fail = (err: unknown) => Toast.show({ content: needErrorMessage(err, t, tc, lang) });
  const ok = (message: string) => () => Toast.show({ icon: 'success', content: message });
  const busy = (kind: string) => step.isPending && step.variables?.kind === kind;

  const ask = async (content: string, confirmText: string, title?: string) =>
    Dialog.confirm({ title, content, confirmText, cancelText: tc('common.cancel') });

  const cancel = async () => {
    if (!(await ask(t('detail.cancelConfirm'), t('action.cancel')))) return;
    step.mutate({ kind: 'cancel', id: need.id }, { onSuccess: ok(t('detail.cancelled')), onError: fail });
  };
  const unclaim = async () => {
    if (!(await ask(t('detail.unclaimConfirm'), t('action.unclaim')))) return;
    step.mutate({ kind: 'unclaim', id: need.id }, { onSuccess: ok(t('detail.unclaimed')), onError: fail });
  };
  const done = async () => {
    if (!(await ask(t('detail.doneHint'), t('detail.doneSubmit'), t('detail.doneTitle')))) return;
    step.mutate({ kind: 'done', id: need.id }, { onSuccess: ok(t('detail.markedDone')), onError: fail });
  };
  const claim = () =>
    step.mutate({ kind: 'claim', id: need.id }, { onSuccess: ok(t('detail.claimed')), onError: fail });

  const quantity =
    need.quantity !== null
      ? need.quantityUnit
        ? t('detail.quantity', { quantity: need.quantity, unit: need.quantityUnit })
        : t('detail.quantityNoUnit', { quantity: need.quantity })
      : null;

  return (
    <>
      <section
        className={need.urgency === 'urgent' ? 'll-card nd-main nd-card-urgent' : 'll-card nd-main'}
        aria-labelledby="need-title"
      >
        <div className="nd-card-head">
          <CategoryIcon code={need.category} />
          <h2 id="need-title" className="nd-card-category">
            {categoryName(need.category, t, lang, categories)}
          </h2>
          {need.urgency === 'urgent' && <UrgentTag />}
          <StatusTag status={need.status} />
        </div>
        <p className="nd-description nd-pre" data-testid="need-description">
          {need.description}
        </p>
        <dl className="nd-facts nd-facts-inline">
          <dt>{t('detail.place')}</dt>
          <dd>{need.placeLabel}</dd>
        </dl>
        {quantity && <p className="ll-muted">{quantity}</p>}
        <p className="ll-muted">
          <time dateTime={need.createdAt} title={formatDateTime(need.createdAt, lang)}>
            {t('detail.postedAt', { time: relativeTime(need.createdAt, lang) })}
          </time>
          {' · '}
          {t('detail.reach', { audience: t(`audience.${need.audience}`) })}
        </p>
        {need.postedBy && need.source === 'staff' && (
          <p className="ll-muted">{t('detail.postedBy', { name: need.postedBy.name })}</p>
        )}
        <PhotoStrip photos={need.photos} />
      </section>

      <StatusSteps status={need.status} />

      {can('confirm') && need.status === 'done' && (
        <>
          <ConfirmForm
            submitting={busy('confirm')}
            onReopen={() => setSheet('reopen')}
            onConfirm={(body) =>
              step.mutate(
                { kind: 'confirm', id: need.id, body },
                { onSuccess: ok(t('detail.confirmed')), onError: fail },
              )
            }
          />
          {need.autoConfirmAt && (
            <p className="ll-muted nd-auto-confirm" data-testid="auto-confirm">
              {t('detail.autoConfirm', { date: formatDate(need.autoConfirmAt, lang) })}
            </p>
          )}
        </>
      )}
      {!can('confirm') && can('reopen') && (
        <Button block fill="outline" onClick={() => setSheet('reopen')}>
          {t('action.reopen')}
        </Button>
      )}

      {(can('claim') || can('log') || can('done')) && (
        <div className="nd-actions">
          {can('claim') && (
            <Button
              block
              color="primary"
              size="large"
              loading={busy('claim')}
              onClick={claim}
              data-testid="claim-need"
            >
              {t('action.claim')}
            </Button>
          )}
          {can('log') && (
            <Button
              block
              color="primary"
              fill="outline"
              size="large"
              onClick={() => {
                setLogError(null);
                setSheet('log');
              }}
              data-testid="log-service"
            >
              {t('action.log')}
            </Button>
          )}
          {can('done') && (
            <Button
              block
              color="success"
              size="large"
              loading={busy('done')}
              onClick={() => void done()}
              data-testid="mark-done"
            >
              {t('action.done')}
            </Button>
          )}
        </div>
      )}

      {!isResident && (
        <ContactCard
          need={need}
          revealed={contact}
          revealing={reveal.isPending}
          onReveal={() => reveal.mutate(need.id, { onSuccess: setContact, onError: fail })}
        />
      )}

      {need.rating !== null && <RatingView rating={need.rating} thanks={need.thanks} />}
      <HelpersCard need={need} />
      <TotalsCard totals={need.totals} />
      <LogsCard logs={need.logs} />

      <section className="ll-card" aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="nd-h2">
          {t('detail.timeline')}
        </h2>
        <Timeline events={need.timeline} />
      </section>

      {(can('unclaim') || can('cancel')) && (
        <div className="nd-actions nd-actions-quiet">
          {can('unclaim') && (
            <Button block fill="outline" loading={busy('unclaim')} onClick={() => void unclaim()}>
              {t('action.unclaim')}
            </Button>
          )}
          {can('cancel') && (
            <Button
              block
              fill="outline"
              color="danger"
              loading={busy('cancel')}
              onClick={() => void cancel()}
              data-testid="cancel-need"
            >
              {t('action.cancel')}
            </Button>
          )}
        </div>
      )}

      <ReopenSheet
        visible={sheet === 'reopen'}
        onClose={() => setSheet(null)}
        submitting={busy('reopen')}
        onSubmit={(reason) =>
          step.mutate(
            { kind: 'reopen', id: need.id, reason },
            {
              onSuccess: () => {
                setSheet(null);
                ok(t('detail.reopened'))();
              },
              onError: fail,
            },
          )
        }
      />
      <LogSheet
        visible={sheet === 'log'}
        onClose={() => setSheet(null)}
        submitting={busy('log')}
        error={logError}
        onSubmit={(body) =>
          step.mutate(
            { kind: 'log', id: need.id, body },
            {
              onSuccess: () => {
                setSheet(null);
                ok(t('log.saved'))();
              },
              onError: (err) => setLogError(needErrorMessage(err, t, tc, lang)),
            },
          )
        }
      />
    </>
  );
}

/** One need: where it stands, what happened, who helps, and what the reader can do now. */
export default function NeedPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('needs');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const need = useNeed(id);
  const goBack = () => (window.history.length > 1 ? void navigate(-1) : void navigate('/needs'));
  return (
    <div className="ll-app ll-app-plain">
      <PageHeader title={t('detail.title')} onBack={goBack} />
      <main className="ll-page" id="main" data-testid="need-page">
        {need.isPending && <CenteredLoading />}
        {need.isError &&
          (isNoAccess(need.error) ? (
            <EmptyCard title={t('detail.notFound')} />
          ) : (
            <ErrorState
              message={needErrorMessage(need.error, t, tc, i18n.language)}
              onRetry={() => void need.refetch()}
            />
          ))}
        {need.data && <NeedView need={need.data} />}
      </main>
    </div>
  );
}
