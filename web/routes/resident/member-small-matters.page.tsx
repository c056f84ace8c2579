import {
  Button,
  Dialog,
  ImageUploader,
  type ImageUploadItem,
  Input,
  Selector,
  Switch,
  Tag,
  TextArea,
  Toast,
} from 'antd-mobile';
import { AddOutline } from 'antd-mobile-icons';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { districtDay } from '../../../domain/district-time.js';
import { MEMBER_LIMITS } from '../../../domain/members.js';
import { PageHeader } from '../../components/resident/page-header.js';
import { CenteredLoading, EmptyCard, ErrorState } from '../../components/resident/states.js';
import { useDirectory } from '../../features/directory/directory.queries.js';
import { formatDay } from '../../features/members/member-format.js';
import {
  currentReport,
  type SmallMatterView,
  uploadPhoto,
  useMyReports,
  useMySmallMatters,
  useChangeSmallMatter,
  useRecordSmallMatter,
  useSmallMatterStep,
} from '../../features/members/members.queries.js';
import '../../features/members/members.css';
import { errorMessage } from '../../i18n/error-message.js';
import { byName } from '../../i18n/format.js';

const STATUS_COLOR = {
  pending: 'warning',
  verified: 'success',
  queried: 'danger',
  withdrawn: 'default',
} as const;

/** The day it was done: today where the community is (the server refuses a later day). */
const today = () => districtDay(new Date());

/** Before or after photos: each is uploaded at once and linked by id when the matter is sent. */
function PhotoField({
  label,
  value,
  onChange,
  onBusy,
}: {
  label: string;
  value: ImageUploadItem[];
  onChange: (items: ImageUploadItem[]) => void;
  /** +1 when an upload starts, -1 when it ends: the form waits for them before sending. */
  onBusy: (delta: 1 | -1) => void;
}) {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const id = useId();
  const upload = async (file: File): Promise<ImageUploadItem> => {
    onBusy(1);
    try {
      const photo = await uploadPhoto(file);
      return { key: photo.id, url: URL.createObjectURL(file) };
    } catch (err) {
      Toast.show({
        content: `${t('resident.matters.uploadFailed')}: ${errorMessage(err, tc, i18n.language)}`,
      });
      throw err;
    } finally {
      onBusy(-1);
    }
  };
  return (
    <div className="mb-field" role="group" aria-labelledby={id}>
      <span className="mb-label" id={id}>
        {label}{' '}
        <span className="ll-muted">({t('resident.matters.photoLimit', { n: MEMBER_LIMITS.photos })})</span>
      </span>
      <ImageUploader
        value={value}
        onChange={onChange}
        upload={upload}
        maxCount={MEMBER_LIMITS.photos}
        accept="image/*"
        multiple
        aria-label={label}
      />
    </div>
  );
}

/**
 * Record a small matter: what, where (her community or one of its compounds), when, before/after
 * photos. With `matter`, change it instead; a queried one is sent to the community again.
 */
function MatterForm({
  communityId,
  communityName,
  matter,
  onDone,
}: {
  communityId: string;
  communityName: string;
  matter?: SmallMatterView;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const ids = { title: useId(), where: useId(), place: useId(), description: useId() };
  const compounds = useDirectory(communityId);
  const places = [
    { id: communityId, name: communityName },
    ...(compounds.data?.pages.flatMap((p) => p.items) ?? [])
      .filter((e) => e.kind === 'compound')
      .sort(byName(i18n.language)),
  ];
  if (matter && !places.some((p) => p.id === matter.place.id)) places.push(matter.place);
  const photosOf = (stage: 'before' | 'after'): ImageUploadItem[] =>
    (matter?.photos ?? []).filter((p) => p.stage === stage).map((p) => ({ key: p.id, url: p.url }));
  const [placeId, setPlaceId] = useState(matter?.place.id ?? communityId);
  const [title, setTitle] = useState(matter?.title ?? '');
  const [where, setWhere] = useState(matter?.where ?? '');
  const [description, setDescription] = useState(matter?.description ?? '');
  const [before, setBefore] = useState<ImageUploadItem[]>(() => photosOf('before'));
  const [after, setAfter] = useState<ImageUploadItem[]>(() => photosOf('after'));
  const [uploading, setUploading] = useState(0);
  const busy = (delta: 1 | -1) => setUploading((n) => n + delta);
  const record = useRecordSmallMatter();
  const change = useChangeSmallMatter();
  const ready = title.trim() !== '' && uploading === 0;
  const again = matter?.status === 'queried';
  const body = {
    placeId,
    title: title.trim(),
    where: where.trim() || null,
    description: description.trim() || null,
    beforePhotoIds: before.map((p) => String(p.key)),
    afterPhotoIds: after.map((p) => String(p.key)),
  };
  const handlers = (done: string) => ({
    onSuccess: () => {
      Toast.show({ icon: 'success', content: done });
      onDone();
    },
    onError: (err: unknown) => Toast.show({ content: errorMessage(err, tc, i18n.language) }),
  });
  const submit = () =>
    matter
      ? change.mutate(
          { id: matter.id, body },
          handlers(again ? t('resident.matters.resent') : t('resident.matters.saved')),
        )
      : record.mutate({ ...body, occurredOn: today() }, handlers(t('resident.matters.submitted')));
  const label = matter ? t('resident.matters.editTitle') : t('resident.matters.newTitle');
  return (
    <section className="ll-card" aria-label={label}>
      {again && matter.reason && (
        <p className="mb-notice" role="alert" style={{ marginTop: 0, marginBottom: 16 }}>
          {t('resident.matters.queried', { reason: matter.reason })}
        </p>
      )}
      <div className="mb-field">
        <label className="mb-label" htmlFor={ids.title}>
          {t('field.what')}
        </label>
        <Input
          className="mb-input"
          id={ids.title}
          value={title}
          onChange={setTitle}
          placeholder={t('field.whatPlaceholder')}
          maxLength={MEMBER_LIMITS.smallMatterTitle}
          clearable
        />
      </div>
      <div className="mb-field">
        <span className="mb-label" id={ids.place}>
          {t('field.compound')}
        </span>
        <Selector
          aria-labelledby={ids.place}
          columns={2}
          options={places.map((p) => ({ label: p.name, value: p.id }))}
          value={[placeId]}
          onChange={(v) => v[0] && setPlaceId(v[0])}
        />
      </div>
      <div className="mb-field">
        <label className="mb-label" htmlFor={ids.where}>
          {t('field.where')}
        </label>
        <Input
          className="mb-input"
          id={ids.where}
          value={where}
          onChange={setWhere}
          placeholder={t('field.wherePlaceholder')}
          maxLength={MEMBER_LIMITS.where}
          clearable
        />
      </div>
      <div className="mb-field">
        <label className="mb-label" htmlFor={ids.description}>
          {t('field.description')}
        </label>
        <TextArea
          className="mb-input"
          id={ids.description}
          value={description}
          onChange={setDescription}
          maxLength={MEMBER_LIMITS.smallMatterDescription}
          autoSize={{ minRows: 2, maxRows: 6 }}
        />
      </div>
      <PhotoField label={t('field.before')} value={before} onChange={setBefore} onBusy={busy} />
      <PhotoField label={t('field.after')} value={after} onChange={setAfter} onBusy={busy} />
      <div className="mb-actions">
        <Button
          block
          color="primary"
          size="large"
          disabled={!ready}
          loading={record.isPending || change.isPending}
          onClick={submit}
        >
          {matter
            ? again
              ? t('resident.matters.resend')
              : t('resident.matters.save')
            : t('resident.matters.submit')}
        </Button>
        <Button block onClick={onDone}>
          {tc('common.cancel')}
        </Button>
      </div>
    </section>
  );
}

function MatterCard({ matter, onEdit }: { matter: SmallMatterView; onEdit: () => void }) {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const step = useSmallMatterStep();
  const lang = i18n.language;
  const wallable = matter.actions.includes('show_on_wall') || matter.actions.includes('hide_from_wall');
  const setWall = (show: boolean) =>
    step.mutate(
      { id: matter.id, step: 'wall', show },
      {
        onSuccess: () =>
          Toast.show({
            content: show ? t('resident.matters.wallToastOn') : t('resident.matters.wallToastOff'),
          }),
        onError: (err) => Toast.show({ content: errorMessage(err, tc, lang) }),
      },
    );
  const withdraw = async () => {
    const ok = await Dialog.confirm({
      content: t('resident.matters.withdrawConfirm'),
      confirmText: t('resident.matters.withdraw'),
      cancelText: tc('common.cancel'),
    });
    if (!ok) return;
    step.mutate(
      { id: matter.id, step: 'withdraw' },
      {
        onSuccess: () => Toast.show({ content: t('resident.matters.withdrawn') }),
        onError: (err) => Toast.show({ content: errorMessage(err, tc, lang) }),
      },
    );
  };
  const photos = (stage: 'before' | 'after') => matter.photos.filter((p) => p.stage === stage);
  return (
    <article className="ll-card" aria-label={matter.title} data-testid="matter-card">
      <div className="mb-row-head">
        <h3 className="mb-item-title">{matter.title}</h3>
        <Tag
          color={STATUS_COLOR[matter.status]}
          fill="outline"
          className="ll-tag"
          data-testid="matter-status"
        >
          {t(`matterStatus.${matter.status}`)}
        </Tag>
      </div>
      <p className="ll-muted">
        {[matter.placeLabel, matter.where, formatDay(matter.occurredOn, lang)].filter(Boolean).join(' · ')}
      </p>
      {matter.description && <p className="mb-post-desc">{matter.description}</p>}
      {matter.status === 'queried' && matter.reason && (
        <p className="mb-notice" role="alert">
          {t('resident.matters.queried', { reason: matter.reason })}
        </p>
      )}
      {matter.status === 'verified' && matter.decidedAt && (
        <p className="ll-muted">
          {t('resident.matters.verifiedOn', { date: formatDay(matter.decidedAt, lang) })}
        </p>
      )}
      <div className="mb-stages">
        {(['before', 'after'] as const).map((stage) =>
          photos(stage).length > 0 ? (
            <div key={stage}>
              <span className="mb-photo-stage">{t(`field.${stage}`)}</span>
              <div className="mb-photos">
                {photos(stage).map((p) => (
                  <img
                    key={p.id}
                    className="mb-photo"
                    src={p.url}
                    alt={t(stage === 'before' ? 'resident.matters.beforeAlt' : 'resident.matters.afterAlt', {
                      what: matter.title,
                    })}
                    loading="lazy"
                  />
                ))}
              </div>
            </div>
          ) : null,
        )}
      </div>
      {matter.actions.includes('edit') && (
        <Button
          block
          color={matter.status === 'queried' ? 'primary' : 'default'}
          onClick={onEdit}
          style={{ marginTop: 8 }}
          data-testid="edit-matter"
        >
          {matter.status === 'queried' ? t('resident.matters.editAndResend') : t('resident.matters.edit')}
        </Button>
      )}
      {matter.actions.includes('withdraw') && (
        <Button block fill="none" onClick={() => void withdraw()} style={{ marginTop: 8 }}>
          {t('resident.matters.withdraw')}
        </Button>
      )}
      {wallable && (
        <label className="mb-status" style={{ marginTop: 12, justifyContent: 'space-between' }}>
          <span>{t('field.showOnWall')}</span>
          <Switch
            checked={matter.onWall}
            loading={step.isPending}
            onChange={setWall}
            aria-label={t('field.showOnWall')}
            data-testid="wall-switch"
          />
        </label>
      )}
    </article>
  );
}

/** Small matters (身边小事) she found and fixed herself: record them, follow verification, show on the wall. */
export default function MemberSmallMattersPage() {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const reports = useMyReports();
  const report = currentReport(reports.data);
  const matters = useMySmallMatters();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<SmallMatterView | null>(null);
  const list = matters.data ?? [];
  const close = () => {
    setAdding(false);
    setEditing(null);
    window.scrollTo({ top: 0 });
  };

  const body = () => {
    if (reports.isPending || matters.isPending) return <CenteredLoading />;
    if (matters.isError)
      return (
        <ErrorState
          message={errorMessage(matters.error, tc, i18n.language)}
          onRetry={() => void matters.refetch()}
        />
      );
    if ((adding || editing) && report)
      return (
        <MatterForm
          communityId={report.community.id}
          communityName={report.community.name}
          {...(editing ? { matter: editing } : {})}
          onDone={close}
        />
      );
    return (
      <>
        <p className="ll-lead">{t('resident.matters.intro')}</p>
        {report?.status === 'approved' ? (
          <Button block color="primary" size="large" onClick={() => setAdding(true)} data-testid="new-matter">
            <AddOutline aria-hidden /> {t('resident.matters.new')}
          </Button>
        ) : (
          <p className="ll-muted">{t('resident.posts.reportFirst')}</p>
        )}
        <div style={{ height: 12 }} />
        {list.length === 0 ? (
          <EmptyCard title={t('resident.matters.empty')} />
        ) : (
          list.map((m) => (
            <MatterCard
              key={m.id}
              matter={m}
              onEdit={() => {
                setEditing(m);
                window.scrollTo({ top: 0 });
              }}
            />
          ))
        )}
      </>
    );
  };

  return (
    <>
      <PageHeader
        title={
          editing
            ? t('resident.matters.editTitle')
            : adding
              ? t('resident.matters.newTitle')
              : t('resident.matters.title')
        }
        onBack={() => (adding || editing ? close() : void navigate('/member'))}
      />
      <div className="ll-page">{body()}</div>
    </>
  );
}
