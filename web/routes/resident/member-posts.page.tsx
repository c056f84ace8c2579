import { Button, Dialog, Input, Popup, Stepper, Tag, Toast } from 'antd-mobile';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { MEMBER_LIMITS } from '../../../domain/members.js';
import { PageHeader } from '../../components/resident/page-header.js';
import { CenteredLoading, EmptyCard, ErrorState } from '../../components/resident/states.js';
import { usePostName } from '../../features/members/member-format.js';
import {
  currentReport,
  type PostView,
  useClaimPost,
  useClaimStep,
  useLogPostHours,
  useMyClaims,
  useMyReports,
  usePosts,
} from '../../features/members/members.queries.js';
import '../../features/members/members.css';
import { errorMessage } from '../../i18n/error-message.js';

/** Log hours served on a post: a number of hours (half-hour steps) and an optional note. */
function LogHours({ post, claimId, onClose }: { post: string; claimId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const [hours, setHours] = useState(1);
  const [note, setNote] = useState('');
  const log = useLogPostHours();
  const ids = { hours: useId(), note: useId() };
  const submit = () =>
    log.mutate(
      { id: claimId, hours, note: note.trim() || null },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('resident.posts.logged', { hours }) });
          onClose();
        },
        onError: (err) => Toast.show({ content: errorMessage(err, tc, i18n.language) }),
      },
    );
  return (
    <div className="ll-page" style={{ paddingTop: 16 }}>
      <h2 className="ll-section-title">{t('resident.posts.logTitle', { post })}</h2>
      <div className="mb-field" role="group" aria-labelledby={ids.hours}>
        <span className="mb-label" id={ids.hours}>
          {t('field.hours')}
        </span>
        <Stepper
          min={0.5}
          max={MEMBER_LIMITS.hoursMax}
          step={0.5}
          digits={1}
          value={hours}
          onChange={setHours}
        />
      </div>
      <div className="mb-field">
        <label className="mb-label" htmlFor={ids.note}>
          {t('field.note')}
        </label>
        <Input
          className="mb-input"
          id={ids.note}
          value={note}
          onChange={setNote}
          maxLength={MEMBER_LIMITS.note}
        />
      </div>
      <div className="mb-actions">
        <Button block color="primary" size="large" loading={log.isPending} onClick={submit}>
          {tc('common.save')}
        </Button>
        <Button block onClick={onClose}>
          {tc('common.cancel')}
        </Button>
      </div>
    </div>
  );
}

function PostCard({
  post,
  canClaim,
  hours,
  onLog,
}: {
  post: PostView;
  canClaim: boolean;
  hours: number | undefined;
  onLog: (post: PostView) => void;
}) {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const nameOf = usePostName();
  const claim = useClaimPost();
  const step = useClaimStep();
  const name = nameOf(post);
  const full = post.holders >= post.capacity;
  const mine = post.myClaim;
  const fail = (err: unknown) => Toast.show({ content: errorMessage(err, tc, i18n.language) });

  const leave = async () => {
    if (!mine) return;
    const ok = await Dialog.confirm({
      content: t('resident.posts.leaveConfirm', { post: name }),
      confirmText: t('resident.posts.leave'),
      cancelText: tc('common.cancel'),
    });
    if (!ok) return;
    step.mutate(
      { id: mine.id, step: 'leave' },
      { onSuccess: () => Toast.show({ content: t('resident.posts.left') }), onError: fail },
    );
  };

  return (
    <article className="ll-card" aria-label={name} data-testid="post-card">
      <div className="mb-post-head">
        <h3 className="mb-post-name">{name}</h3>
        {mine ? (
          <Tag color={mine.status === 'approved' ? 'success' : 'warning'} fill="outline" className="ll-tag">
            {t(`claimStatus.${mine.status}`)}
          </Tag>
        ) : (
          full && (
            <Tag color="default" fill="outline" className="ll-tag">
              {t('resident.posts.full')}
            </Tag>
          )
        )}
      </div>
      {post.description && <p className="mb-post-desc">{post.description}</p>}
      <div
        className="mb-meter"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={post.capacity}
        aria-valuenow={post.holders}
        aria-label={t('resident.posts.filled', { n: post.holders, capacity: post.capacity })}
      >
        <div
          className="mb-meter-fill"
          style={{ width: `${Math.min(100, (post.holders / post.capacity) * 100)}%` }}
        />
      </div>
      <p className="ll-muted">
        {t('resident.posts.filled', { n: post.holders, capacity: post.capacity })}
        {mine?.status === 'approved' && hours !== undefined && ` · ${t('resident.posts.myHours', { hours })}`}
      </p>
      <div className="mb-actions">
        {!mine && canClaim && !full && (
          <Button
            block
            color="primary"
            fill="outline"
            loading={claim.isPending}
            onClick={() =>
              claim.mutate(post.id, {
                onSuccess: () => Toast.show({ icon: 'success', content: t('resident.posts.claimed') }),
                onError: fail,
              })
            }
          >
            {t('resident.posts.claim')}
          </Button>
        )}
        {mine?.status === 'approved' && (
          <Button block color="primary" fill="outline" onClick={() => onLog(post)}>
            {t('resident.posts.logHours')}
          </Button>
        )}
        {mine && (
          <Button block fill="none" onClick={() => void leave()}>
            {t('resident.posts.leave')}
          </Button>
        )}
      </div>
    </article>
  );
}

/** The ten posts (十大岗位) of her community: claim one, see it approved, log hours, leave. */
export default function MemberPostsPage() {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const nameOf = usePostName();
  const reports = useMyReports();
  const report = currentReport(reports.data);
  const approved = report?.status === 'approved';
  const posts = usePosts(report?.community.id ?? null);
  const claims = useMyClaims();
  const [logging, setLogging] = useState<PostView | null>(null);
  const hoursOf = (postId: string) =>
    (claims.data ?? []).find((c) => c.post.id === postId && c.status === 'approved')?.hours;

  const body = () => {
    if (reports.isPending) return <CenteredLoading />;
    if (!report) return <EmptyCard title={t('resident.posts.reportFirst')} />;
    if (posts.isPending) return <CenteredLoading />;
    if (posts.isError)
      return (
        <ErrorState
          message={errorMessage(posts.error, tc, i18n.language)}
          onRetry={() => void posts.refetch()}
        />
      );
    const list = posts.data ?? [];
    const mine = list.filter((p) => p.myClaim);
    const others = list.filter((p) => !p.myClaim);
    const card = (p: PostView) => (
      <PostCard key={p.id} post={p} canClaim={approved} hours={hoursOf(p.id)} onLog={setLogging} />
    );
    return (
      <>
        <p className="ll-lead">{approved ? t('resident.posts.intro') : t('resident.posts.reportFirst')}</p>
        {mine.length > 0 && (
          <section aria-labelledby="mb-my-posts">
            <h2 className="ll-section-title" id="mb-my-posts">
              {t('resident.posts.mine')}
            </h2>
            {mine.map(card)}
          </section>
        )}
        <section aria-labelledby="mb-all-posts">
          <h2 className="ll-section-title" id="mb-all-posts">
            {t('resident.posts.all')}
          </h2>
          {others.map(card)}
        </section>
      </>
    );
  };

  return (
    <>
      <PageHeader title={t('resident.posts.title')} onBack={() => void navigate('/member')} />
      <div className="ll-page">{body()}</div>
      <Popup visible={logging !== null} onMaskClick={() => setLogging(null)} onClose={() => setLogging(null)}>
        {logging?.myClaim && (
          <LogHours post={nameOf(logging)} claimId={logging.myClaim.id} onClose={() => setLogging(null)} />
        )}
      </Popup>
    </>
  );
}
