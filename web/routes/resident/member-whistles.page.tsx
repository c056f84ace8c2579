import { Button, Dialog, Tag, TextArea, Toast } from 'antd-mobile';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/resident/page-header.js';
import { CenteredLoading, EmptyCard, ErrorState } from '../../components/resident/states.js';
import { formatWhen } from '../../features/members/member-format.js';
import {
  type WhistleSummaryView,
  useMyWhistles,
  useWhistleStep,
} from '../../features/members/members.queries.js';
import '../../features/members/members.css';
import { errorMessage } from '../../i18n/error-message.js';

/** Where her answer stands, in words. */
function callState(w: WhistleSummaryView): 'done' | 'arrived' | 'coming' | 'cannot' | 'pending' {
  const c = w.myCall;
  if (!c) return 'pending';
  if (c.doneAt) return 'done';
  if (c.arrivedAt) return 'arrived';
  return c.answer;
}

function WhistleCard({ whistle }: { whistle: WhistleSummaryView }) {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const step = useWhistleStep();
  const note = useRef('');
  const lang = i18n.language;
  const state = callState(whistle);
  const open = whistle.status === 'open';
  const fail = (err: unknown) => Toast.show({ content: errorMessage(err, tc, lang) });
  const toast = (key: 'sentToast' | 'checkedInToast' | 'doneToast') => () =>
    Toast.show({ icon: 'success', content: t(`resident.whistles.${key}`) });
  const ok = toast('sentToast');
  const answer = (a: 'coming' | 'cannot') =>
    step.mutate({ id: whistle.id, step: 'answer', answer: a }, { onSuccess: ok, onError: fail });
  const checkIn = () =>
    step.mutate({ id: whistle.id, step: 'check-in' }, { onSuccess: toast('checkedInToast'), onError: fail });
  const done = async () => {
    const confirmed = await Dialog.confirm({
      title: t('resident.whistles.reportDone'),
      content: (
        <TextArea
          aria-label={t('resident.whistles.doneNote')}
          placeholder={t('resident.whistles.doneNote')}
          onChange={(v) => (note.current = v)}
          maxLength={500}
          autoSize={{ minRows: 2, maxRows: 4 }}
        />
      ),
      confirmText: t('resident.whistles.reportDone'),
      cancelText: tc('common.cancel'),
    });
    if (!confirmed) return;
    step.mutate(
      { id: whistle.id, step: 'done', note: note.current.trim() || null },
      { onSuccess: toast('doneToast'), onError: fail },
    );
  };
  const c = whistle.myCall;
  const canAnswer = open && c !== null && c.arrivedAt === null;
  const canCheckIn = open && c?.answer === 'coming' && c.arrivedAt === null;
  const canDone = open && c?.arrivedAt !== null && c?.arrivedAt !== undefined && c.doneAt === null;

  return (
    <article className="ll-card" aria-label={whistle.title} data-testid="whistle-card">
      <div className="mb-row-head">
        <h3 className="mb-item-title">{whistle.title}</h3>
        <Tag
          color={
            state === 'done' || state === 'arrived' ? 'success' : state === 'coming' ? 'primary' : 'default'
          }
          fill="outline"
          className="ll-tag"
          data-testid="whistle-state"
        >
          {open || state !== 'pending' ? t(`answer.${state}`) : t('whistleStatus.closed')}
        </Tag>
      </div>
      <dl className="mb-facts">
        <dt>{t('field.where')}</dt>
        <dd>{[whistle.placeLabel, whistle.where].filter(Boolean).join(' · ')}</dd>
        <dt>{t('field.when')}</dt>
        <dd>{formatWhen(whistle.happensAt, lang)}</dd>
        <dt>{t('field.howMany')}</dt>
        <dd>{whistle.peopleNeeded}</dd>
        {whistle.skills.length > 0 && (
          <>
            <dt>{t('field.skills')}</dt>
            <dd>{whistle.skills.join('、')}</dd>
          </>
        )}
      </dl>
      {open && (
        <p className="mb-notice">
          {t('resident.whistles.arriveBy', { time: formatWhen(whistle.arriveBy, lang) })}
        </p>
      )}
      {c?.arrivedAt && (
        <p className="ll-muted">
          {t('resident.whistles.checkedIn', { time: formatWhen(c.arrivedAt, lang) })}
        </p>
      )}
      <div className="mb-actions">
        {canCheckIn && (
          <Button block color="primary" size="large" loading={step.isPending} onClick={checkIn}>
            {t('resident.whistles.checkIn')}
          </Button>
        )}
        {canDone && (
          <Button block color="primary" size="large" loading={step.isPending} onClick={() => void done()}>
            {t('resident.whistles.reportDone')}
          </Button>
        )}
        {canAnswer && (
          <div className="mb-actions-row">
            <Button
              color="primary"
              fill={c?.answer === 'coming' ? 'solid' : 'outline'}
              disabled={c?.answer === 'coming'}
              onClick={() => answer('coming')}
            >
              {t('resident.whistles.coming')}
            </Button>
            <Button
              fill={c?.answer === 'cannot' ? 'solid' : 'outline'}
              disabled={c?.answer === 'cannot'}
              onClick={() => answer('cannot')}
            >
              {t('resident.whistles.cannot')}
            </Button>
          </div>
        )}
      </div>
    </article>
  );
}

/** Whistles sent to her: answer coming or not, check in on arrival, report done. */
export default function MemberWhistlesPage() {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const whistles = useMyWhistles();
  const list = whistles.data ?? [];
  return (
    <>
      <PageHeader title={t('resident.whistles.title')} onBack={() => void navigate('/member')} />
      <div className="ll-page">
        <p className="ll-lead">{t('resident.whistles.intro')}</p>
        {whistles.isPending && <CenteredLoading />}
        {whistles.isError && (
          <ErrorState
            message={errorMessage(whistles.error, tc, i18n.language)}
            onRetry={() => void whistles.refetch()}
          />
        )}
        {whistles.isSuccess && list.length === 0 && <EmptyCard title={t('resident.whistles.empty')} />}
        {list.map((w) => (
          <WhistleCard key={w.id} whistle={w} />
        ))}
      </div>
    </>
  );
}
