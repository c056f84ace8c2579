import { Button, ImageViewer } from 'antd-mobile';
import { CheckOutline, PhoneFill, StarFill } from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NeedStatus } from '../../../domain/needs.js';
import { formatDateTime } from '../../i18n/format.js';
import { relativeTime } from './needs-text.js';
import type { NeedContactView, NeedDetailView, NeedPhotoView } from './needs.queries.js';

type Detail = NeedDetailView;

const STEP_OF: Record<NeedStatus, number> = {
  posted: 0,
  convened: 0,
  claimed: 1,
  in_service: 2,
  done: 3,
  // The last step is done too: nothing is left to happen.
  confirmed: 5,
  cancelled: -1,
};

/** Where the need stands, as five steps; the current one is marked for screen readers too. */
export function StatusSteps({ status }: { status: NeedStatus }) {
  const { t } = useTranslation('needs');
  const current = STEP_OF[status];
  if (current < 0) return null;
  const steps = [
    t('detail.stepPosted'),
    t('detail.stepClaimed'),
    t('detail.stepServing'),
    t('detail.stepDone'),
    t('detail.stepConfirmed'),
  ];
  return (
    <ol className="nd-progress" aria-label={t('detail.stepsLabel')} data-testid="need-steps">
      {steps.map((label, i) => (
        <li
          key={label}
          className={i < current ? 'is-done' : i === current ? 'is-current' : ''}
          aria-current={i === current ? 'step' : undefined}
        >
          <span className="nd-progress-dot" aria-hidden>
            {i < current ? <CheckOutline /> : i + 1}
          </span>
          <span className="nd-progress-label">{label}</span>
        </li>
      ))}
    </ol>
  );
}

/** The timeline's facts worth a second line: a rating, how far it reached, a reason, a note. */
function EventDetail({ params }: { params: Detail['timeline'][number]['params'] }) {
  const { t } = useTranslation('needs');
  const parts: string[] = [];
  const str = (k: string) => (typeof params[k] === 'string' && params[k] !== '' ? params[k] : null);
  const num = (k: string) => (typeof params[k] === 'number' ? params[k] : null);
  const rating = num('rating');
  if (rating !== null) parts.push(t('detail.detailRating', { rating }));
  const reach = str('reach') ?? str('audience');
  if (reach && ['building', 'compound', 'community', 'whistle'].includes(reach))
    parts.push(t('detail.detailReach', { reach: t(`audience.${reach as 'building'}`) }));
  const helpers = num('helpersNeeded');
  if (helpers !== null) parts.push(t('detail.detailHelpers', { count: helpers }));
  const hours = num('hours');
  if (hours) parts.push(t('detail.detailHours', { hours }));
  const partner = str('partnerUnit');
  if (partner) parts.push(t('detail.partner', { name: partner }));
  const reason = str('reason');
  if (reason) parts.push(t('detail.detailReason', { reason }));
  const text = str('note') ?? str('thanks');
  if (text) parts.push(text);
  if (parts.length === 0) return null;
  return <p className="nd-event-detail">{parts.join(' · ')}</p>;
}

/** Every step of the need, oldest first, in the reader's words, with relative and exact times. */
export function Timeline({ events }: { events: Detail['timeline'] }) {
  const { t, i18n } = useTranslation('needs');
  const lang = i18n.language;
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <ol className="nd-timeline" data-testid="need-timeline">
      {sorted.map((e) => (
        <li key={e.id} className={`nd-event nd-event-${e.kind}`} data-kind={e.kind}>
          <span className="nd-event-dot" aria-hidden />
          <p className="nd-event-text">
            {t(`event.${e.kind}`, { ...e.params, actor: e.actorName ?? t('event.system') })}
          </p>
          <EventDetail params={e.params} />
          <time className="nd-event-time" dateTime={e.at} title={formatDateTime(e.at, lang)}>
            {relativeTime(e.at, lang)} · {formatDateTime(e.at, lang)}
          </time>
        </li>
      ))}
    </ol>
  );
}

/** Photos as thumbnails; a tap opens them full screen. */
export function PhotoStrip({ photos }: { photos: NeedPhotoView[] }) {
  const { t } = useTranslation('needs');
  const [open, setOpen] = useState<number | null>(null);
  if (photos.length === 0) return null;
  return (
    <>
      <ul className="nd-photo-grid">
        {photos.map((p, i) => (
          <li key={p.id} className="nd-photo">
            <button
              type="button"
              className="nd-photo-open"
              onClick={() => setOpen(i)}
              aria-label={t('detail.photoAlt', { n: i + 1 })}
            >
              <img src={p.url} alt="" loading="lazy" data-testid="need-photo" />
            </button>
          </li>
        ))}
      </ul>
      <ImageViewer.Multi
        images={photos.map((p) => p.url)}
        visible={open !== null}
        defaultIndex={open ?? 0}
        onClose={() => setOpen(null)}
      />
    </>
  );
}

/** Who asked, and how to reach her: masked unless the caller serves the need (then a tap calls). */
export function ContactCard({
  need,
  revealed,
  onReveal,
  revealing,
}: {
  need: Detail;
  revealed: NeedContactView | null;
  onReveal: () => void;
  revealing: boolean;
}) {
  const { t } = useTranslation('needs');
  const phone = revealed?.phone ?? need.phone;
  const masked = revealed ? false : need.phoneMasked;
  const name = revealed?.name ?? need.resident?.name ?? null;
  if (!name && !phone) return null;
  return (
    <section className="ll-card nd-contact" aria-label={t('detail.resident')} data-testid="need-contact">
      <dl className="nd-facts">
        {name && (
          <>
            <dt>{t('detail.resident')}</dt>
            <dd>{name}</dd>
          </>
        )}
        {revealed && (
          <>
            <dt>{t('detail.address')}</dt>
            <dd>{revealed.address}</dd>
          </>
        )}
        {phone && (
          <>
            <dt>{t('detail.phone')}</dt>
            <dd data-testid="need-phone">
              {phone}
              {masked && !need.canReveal && (
                <span className="ll-muted nd-block">{t('detail.phoneHidden')}</span>
              )}
            </dd>
          </>
        )}
      </dl>
      {phone && !masked && (
        <a className="adm-button adm-button-primary adm-button-block nd-call" href={`tel:${phone}`}>
          <PhoneFill aria-hidden /> {t('detail.call', { phone })}
        </a>
      )}
      {masked && need.canReveal && (
        <>
          <Button block fill="outline" color="primary" loading={revealing} onClick={onReveal}>
            {t('detail.reveal')}
          </Button>
          <p className="ll-muted">{t('detail.revealHint')}</p>
        </>
      )}
    </section>
  );
}

/** The helpers who claimed it, with their hours. */
export function HelpersCard({ need }: { need: Detail }) {
  const { t } = useTranslation('needs');
  return (
    <section className="ll-card" aria-labelledby="helpers-title">
      <div className="nd-card-title-row">
        <h2 id="helpers-title" className="nd-h2">
          {t('detail.helpers')}
        </h2>
        <span className="nd-slots" data-testid="need-slots">
          {t('card.slots', { claimed: need.helpersClaimed, needed: need.helpersNeeded })}
        </span>
      </div>
      {need.claims.length === 0 ? (
        <p className="ll-muted">{t('detail.noHelpers')}</p>
      ) : (
        <ul className="nd-helpers">
          {need.claims.map((c) => (
            <li key={c.id}>
              <span className="ll-avatar nd-avatar" aria-hidden>
                {[...c.name][0] ?? '?'}
              </span>
              <span className="nd-helper-name">{c.name}</span>
              {c.assigned && <span className="ll-muted">{t('detail.assigned')}</span>}
              {c.hours > 0 && <span className="ll-muted">{t('detail.hoursValue', { hours: c.hours })}</span>}
            </li>
          ))}
        </ul>
      )}
      {need.partnerUnit && <p className="ll-muted">{t('detail.partner', { name: need.partnerUnit.name })}</p>}
    </section>
  );
}

/** Hours, outside helpers and items handled, summed over every log. */
export function TotalsCard({ totals }: { totals: Detail['totals'] }) {
  const { t } = useTranslation('needs');
  if (totals.hours === 0 && totals.outsideHelpers === 0 && totals.itemsHandled === 0) return null;
  return (
    <section className="ll-card" aria-labelledby="totals-title" data-testid="need-totals">
      <h2 id="totals-title" className="nd-h2">
        {t('detail.totals')}
      </h2>
      <dl className="nd-totals">
        <div>
          <dt>{t('detail.hours')}</dt>
          <dd>{t('detail.hoursValue', { hours: totals.hours })}</dd>
        </div>
        <div>
          <dt>{t('detail.outsideHelpers')}</dt>
          <dd>{t('detail.peopleValue', { count: totals.outsideHelpers })}</dd>
        </div>
        <div>
          <dt>{t('detail.itemsHandled')}</dt>
          <dd>{t('detail.itemsValue', { count: totals.itemsHandled })}</dd>
        </div>
      </dl>
    </section>
  );
}

/** The service logs, newest first. */
export function LogsCard({ logs }: { logs: Detail['logs'] }) {
  const { t, i18n } = useTranslation('needs');
  if (logs.length === 0) return null;
  const sorted = [...logs].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section className="ll-card" aria-labelledby="logs-title">
      <h2 id="logs-title" className="nd-h2">
        {t('detail.logsTitle')}
      </h2>
      {sorted.map((l) => (
        <article key={l.id} className="nd-log" data-testid="need-log">
          <p className="nd-log-head">
            <strong>{l.name}</strong> <span className="ll-muted">{formatDateTime(l.at, i18n.language)}</span>
          </p>
          {l.note && <p className="nd-pre">{l.note}</p>}
          <p className="ll-muted">
            {[
              l.hours > 0 ? t('detail.hoursValue', { hours: l.hours }) : null,
              l.outsideHelpers > 0
                ? `${t('detail.outsideHelpers')} ${t('detail.peopleValue', { count: l.outsideHelpers })}`
                : null,
              l.itemsHandled > 0
                ? `${t('detail.itemsHandled')} ${t('detail.itemsValue', { count: l.itemsHandled })}`
                : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
          <PhotoStrip photos={l.photos} />
        </article>
      ))}
    </section>
  );
}

/** The rating the resident gave, as stars and in words. */
export function RatingView({ rating, thanks }: { rating: number; thanks: string | null }) {
  const { t } = useTranslation('needs');
  return (
    <section className="ll-card" aria-labelledby="rating-title" data-testid="need-rating">
      <h2 id="rating-title" className="nd-h2">
        {t('detail.rating')}
      </h2>
      <p className="nd-stars" aria-label={t('detail.ratingValue', { rating })}>
        {[1, 2, 3, 4, 5].map((n) => (
          <StarFill key={n} aria-hidden className={n <= rating ? 'is-on' : ''} />
        ))}
      </p>
      {thanks && <p className="nd-pre">{thanks}</p>}
    </section>
  );
}
