import { Button, Toast } from 'antd-mobile';
import { CalendarOutline, RightOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/resident/page-header.js';
import { CenteredLoading, EmptyCard, ErrorState } from '../../components/resident/states.js';
import { FollowUpDoneSheet } from '../../features/needs/need-forms.js';
import { CategoryIcon, StatusTag } from '../../features/needs/need-tags.js';
import { categoryName, needErrorMessage, relativeTime } from '../../features/needs/needs-text.js';
import {
  type FollowUpView,
  useFollowUpDone,
  useMyFollowUps,
  useNeedSettings,
} from '../../features/needs/needs.queries.js';
import '../../features/needs/needs.css';
import { formatDateTime } from '../../i18n/format.js';

/** One follow-up: when it is due, what to ask, the need it is about, and "done". */
function FollowUpCard({ item, onDone }: { item: FollowUpView; onDone: (item: FollowUpView) => void }) {
  const { t, i18n } = useTranslation('needs');
  const lang = i18n.language;
  const navigate = useNavigate();
  const categories = useNeedSettings().data?.categories;
  const overdue = Date.parse(item.dueAt) < Date.now();
  const need = item.need;
  return (
    <article
      className={overdue ? 'll-card nd-follow-up is-overdue' : 'll-card nd-follow-up'}
      data-testid="my-follow-up"
      data-need-id={item.needId}
      data-follow-up-id={item.id}
    >
      <p className="nd-follow-up-due">
        <CalendarOutline aria-hidden />
        <span>
          {t('followUps.due')}{' '}
          <time dateTime={item.dueAt} title={formatDateTime(item.dueAt, lang)}>
            {formatDateTime(item.dueAt, lang)}
          </time>
        </span>
        <span className={overdue ? 'nd-overdue' : 'll-muted'}>
          {overdue ? t('followUps.overdue') : relativeTime(item.dueAt, lang)}
        </span>
      </p>
      <p className="nd-follow-up-note nd-pre">{item.note}</p>
      <button
        type="button"
        className="nd-follow-up-need"
        onClick={() => void navigate(`/needs/${encodeURIComponent(need.id)}`)}
        aria-label={t('followUps.openNeed', { category: categoryName(need.category, t, lang, categories) })}
        data-testid="follow-up-need"
      >
        <span className="nd-card-head">
          <CategoryIcon code={need.category} />
          <span className="nd-card-category">{categoryName(need.category, t, lang, categories)}</span>
          <StatusTag status={need.status} />
        </span>
        <span className="nd-card-text">{need.description}</span>
        <span className="nd-card-meta">
          <span>{need.placeLabel}</span>
          <span>{relativeTime(need.createdAt, lang)}</span>
        </span>
        <RightOutline aria-hidden className="nd-card-arrow" />
      </button>
      <div className="nd-card-action">
        <Button color="primary" onClick={() => onDone(item)} data-testid="follow-up-done">
          {t('followUps.done')}
        </Button>
      </div>
    </article>
  );
}

/** The follow-ups the signed-in helper was asked to do (C1): due soonest first; each can be closed. */
export default function NeedsFollowUpsPage() {
  const { t, i18n } = useTranslation('needs');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const list = useMyFollowUps();
  const done = useFollowUpDone();
  const [closing, setClosing] = useState<FollowUpView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (outcome: string | null) => {
    if (!closing) return;
    setProblem(null);
    done.mutate(
      { id: closing.id, body: { outcome } },
      {
        onSuccess: () => {
          setClosing(null);
          Toast.show({ icon: 'success', content: t('followUps.doneToast') });
        },
        onError: (err) => setProblem(needErrorMessage(err, t, tc, lang)),
      },
    );
  };

  const items = list.data ?? [];
  return (
    <>
      <PageHeader title={t('followUps.title')} onBack={() => void navigate('/needs')} />
      <div className="ll-page">
        {list.isPending && <CenteredLoading />}
        {list.isError && (
          <ErrorState
            message={needErrorMessage(list.error, t, tc, lang)}
            onRetry={() => void list.refetch()}
          />
        )}
        {list.data && items.length === 0 && (
          <EmptyCard title={t('followUps.empty')} body={t('followUps.emptyBody')} />
        )}
        {items.length > 0 && (
          <>
            <p className="ll-muted nd-unread-line">{t('followUps.count', { count: items.length })}</p>
            <ul className="nd-inbox" aria-label={t('followUps.title')}>
              {items.map((item) => (
                <li key={item.id}>
                  <FollowUpCard
                    item={item}
                    onDone={(f) => {
                      setProblem(null);
                      setClosing(f);
                    }}
                  />
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <FollowUpDoneSheet
        key={closing?.id ?? 'none'}
        visible={closing !== null}
        onClose={() => setClosing(null)}
        onSubmit={submit}
        submitting={done.isPending}
        error={problem}
      />
    </>
  );
}
