import { Button, Input, TextArea, Toast } from 'antd-mobile';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { NEED_LIMITS } from '../../../domain/needs.js';
import { FormError } from '../../components/resident/form-error.js';
import { PageHeader } from '../../components/resident/page-header.js';
import { CenteredLoading, EmptyCard } from '../../components/resident/states.js';
import { rolesOf, useMe } from '../../features/auth/auth.queries.js';
import { CategoryGrid } from '../../features/needs/category-grid.js';
import { NeedCard } from '../../features/needs/need-card.js';
import { categoryName, needErrorMessage } from '../../features/needs/needs-text.js';
import {
  flatPages,
  useMyNeeds,
  useNeedSettings,
  usePostNeed,
  useSimilarNeeds,
  useSupportNeed,
} from '../../features/needs/needs.queries.js';
import { PhotoPicker } from '../../features/needs/photo-picker.js';
import { usePhotoUploads } from '../../features/needs/photo-uploads.js';
import { useDebounced } from '../../features/needs/use-debounced.js';
import '../../features/needs/needs.css';
import { usePlaceDetails } from '../../features/places/places.queries.js';

type Step = 1 | 2 | 3;

interface PlaceOption {
  id: string;
  label: string;
  name: string;
}

/** The household(s) the resident is bound to, and the building and compound each is in. */
function usePlaceOptions(): { options: PlaceOption[]; pending: boolean } {
  const { t } = useTranslation('needs');
  const me = useMe().data;
  const homes = rolesOf(me, 'resident').filter((r) => r.placeId !== null);
  const details = usePlaceDetails(homes.map((h) => h.placeId!));
  const options: PlaceOption[] = [];
  const seen = new Set<string>();
  const push = (o: PlaceOption) => {
    if (seen.has(o.id)) return;
    seen.add(o.id);
    options.push(o);
  };
  homes.forEach((home, i) => {
    const d = details[i]?.data;
    const above = (d?.ancestors ?? []).filter((a) => ['compound', 'building', 'unit'].includes(a.kind));
    push({
      id: home.placeId!,
      label: t('post.placeHousehold'),
      name: [...above.map((a) => a.name), d?.name ?? home.placeName].join(' '),
    });
  });
  homes.forEach((_, i) => {
    const ancestors = details[i]?.data?.ancestors ?? [];
    const compound = ancestors.find((a) => a.kind === 'compound');
    const building = ancestors.find((a) => a.kind === 'building');
    if (building)
      push({
        id: building.id,
        label: t('post.placeBuilding'),
        name: [compound?.name, building.name].filter(Boolean).join(' '),
      });
    if (compound) push({ id: compound.id, label: t('post.placeCompound'), name: compound.name });
  });
  return { options, pending: details.some((d) => d.isPending) };
}

/** Posting a need in three steps: what, details, review and send. */
export default function NeedPostPage() {
  const { t, i18n } = useTranslation('needs');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const settings = useNeedSettings().data;
  const categories = settings?.categories ?? [];
  const { options: places, pending } = usePlaceOptions();
  const uploads = usePhotoUploads();
  const post = usePostNeed();
  const support = useSupportNeed();

  const [step, setStep] = useState<Step>(1);
  const [category, setCategory] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [placeId, setPlaceId] = useState<string | null>(null);
  const [urgent, setUrgent] = useState(false);
  const [quantity, setQuantity] = useState('');
  const [unit, setUnit] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { text: useId(), urgent: useId(), quantity: useId(), unit: useId(), place: useId() };

  const chosenPlace = placeId ?? places[0]?.id ?? null;
  const typed = useDebounced(description, 500);
  const similar = useSimilarNeeds(chosenPlace, typed, category);
  // Her own open needs may be offered too: they open, but "me too" makes no sense on them.
  const ownIds = new Set(flatPages(useMyNeeds().data).map((n) => n.id));

  const go = (next: Step) => {
    setProblem(null);
    setStep(next);
    window.scrollTo({ top: 0 });
  };
  const fail = (err: unknown) => setProblem(needErrorMessage(err, t, tc, lang));

  if (pending) return <CenteredLoading />;
  const back = () => (step === 1 ? void navigate(-1) : go((step - 1) as Step));

  if (places.length === 0) {
    return (
      <div className="ll-app ll-app-plain">
        <PageHeader title={t('post.title')} onBack={() => void navigate(-1)} />
        <main className="ll-page" id="main">
          <EmptyCard
            title={t('post.noHome')}
            action={
              <Button block color="primary" size="large" onClick={() => void navigate('/bind')}>
                {tc('resident.household.requestCta')}
              </Button>
            }
          />
        </main>
      </div>
    );
  }

  const nextFromWhat = () => {
    if (!category) return setProblem(t('post.categoryRequired'));
    if (!description.trim()) return setProblem(t('post.descriptionRequired'));
    go(2);
  };
  const nextFromDetails = () => {
    if (uploads.busy) return setProblem(t('post.waitUploads'));
    go(3);
  };
  const qty = Number.parseInt(quantity, 10);
  const quantityValue = Number.isFinite(qty) && qty > 0 ? Math.min(qty, NEED_LIMITS.quantityMax) : null;
  const send = () =>
    post.mutate(
      {
        placeId: chosenPlace!,
        category: category!,
        description: description.trim(),
        urgency: urgent ? 'urgent' : 'normal',
        quantity: quantityValue,
        quantityUnit: quantityValue ? unit.trim() || null : null,
        photoIds: uploads.ids,
      },
      {
        onSuccess: (need) => {
          Toast.show({ icon: 'success', content: t('post.sent') });
          void navigate(`/needs/${need.id}`, { replace: true });
        },
        onError: fail,
      },
    );
  const meToo = (id: string) =>
    support.mutate(id, {
      onSuccess: () => {
        Toast.show({ icon: 'success', content: t('post.joined') });
        void navigate(`/needs/${id}`, { replace: true });
      },
      onError: fail,
    });

  const stepTitles = [t('post.stepWhat'), t('post.stepDetails'), t('post.stepReview')];
  const place = places.find((p) => p.id === chosenPlace);
  const similarItems = (similar.data ?? []).slice(0, 3);

  return (
    <div className="ll-app ll-app-plain nd-post">
      <PageHeader title={t('post.title')} onBack={back} />
      <main className="ll-page" id="main">
        <ol className="nd-steps-bar" aria-label={t('post.stepOf', { n: step })}>
          {stepTitles.map((title, i) => (
            <li
              key={title}
              className={i + 1 === step ? 'is-current' : i + 1 < step ? 'is-done' : ''}
              aria-current={i + 1 === step ? 'step' : undefined}
            >
              <span className="nd-steps-n" aria-hidden>
                {i + 1}
              </span>
              {title}
            </li>
          ))}
        </ol>

        {step === 1 && (
          <section aria-label={stepTitles[0]}>
            <h2 className="ll-section-title">{t('post.categoryLabel')}</h2>
            <CategoryGrid
              categories={categories}
              value={category}
              onChange={(c) => {
                setCategory(c);
                setProblem(null);
              }}
              label={t('post.categoryLabel')}
            />
            <label className="ll-field-label" htmlFor={ids.text}>
              {t('post.descriptionLabel')}
            </label>
            <div className="ll-input-box nd-textarea">
              <TextArea
                id={ids.text}
                value={description}
                onChange={setDescription}
                placeholder={t('post.descriptionPlaceholder')}
                autoSize={{ minRows: 3, maxRows: 8 }}
                maxLength={NEED_LIMITS.description}
                showCount
              />
            </div>
            {similarItems.length > 0 && (
              <section className="nd-similar" aria-labelledby="similar-title" data-testid="similar-needs">
                <h3 id="similar-title" className="nd-similar-title">
                  {t('post.similarTitle')}
                </h3>
                <p className="ll-muted">{t('post.similarHint')}</p>
                {similarItems.map((n) => (
                  <NeedCard
                    key={n.id}
                    need={n}
                    onOpen={(id) => void navigate(`/needs/${id}`)}
                    action={
                      ownIds.has(n.id) ? undefined : (
                        <Button
                          size="small"
                          color="primary"
                          fill="outline"
                          loading={support.isPending && support.variables === n.id}
                          onClick={() => meToo(n.id)}
                        >
                          {t('post.meToo')}
                        </Button>
                      )
                    }
                  />
                ))}
              </section>
            )}
          </section>
        )}

        {step === 2 && (
          <section aria-label={stepTitles[1]}>
            <PhotoPicker uploads={uploads} label={t('post.photos')} />

            <span className="ll-field-label" id={ids.place}>
              {t('post.place')}
            </span>
            <div className="nd-choice-list" role="radiogroup" aria-labelledby={ids.place}>
              {places.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  role="radio"
                  aria-checked={p.id === chosenPlace}
                  className={p.id === chosenPlace ? 'nd-choice nd-choice-on' : 'nd-choice'}
                  onClick={() => setPlaceId(p.id)}
                >
                  <span className="nd-choice-label">{p.label}</span>
                  <span className="ll-muted">{p.name}</span>
                </button>
              ))}
            </div>

            <div className={urgent ? 'nd-urgent-box is-on' : 'nd-urgent-box'}>
              <button
                type="button"
                role="switch"
                aria-checked={urgent}
                aria-describedby={ids.urgent}
                className="nd-urgent-row"
                onClick={() => setUrgent(!urgent)}
                data-testid="urgent-switch"
              >
                <span className="nd-choice-label">{t('post.urgentLabel')}</span>
                <span className={urgent ? 'll-switch ll-switch-on' : 'll-switch'} aria-hidden />
              </button>
              <p className="ll-muted" id={ids.urgent}>
                {t('post.urgentHint')}
              </p>
            </div>

            <div className="nd-quantity">
              <div>
                <label className="ll-field-label" htmlFor={ids.quantity}>
                  {t('post.quantity')}
                </label>
                <div className="ll-input-box">
                  <Input
                    id={ids.quantity}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={NEED_LIMITS.quantityMax}
                    value={quantity}
                    onChange={setQuantity}
                    placeholder={t('post.quantityPlaceholder')}
                  />
                </div>
              </div>
              <div>
                <label className="ll-field-label" htmlFor={ids.unit}>
                  {t('post.unit')}
                </label>
                <div className="ll-input-box">
                  <Input
                    id={ids.unit}
                    value={unit}
                    onChange={setUnit}
                    maxLength={20}
                    placeholder={t('post.unitPlaceholder')}
                  />
                </div>
              </div>
            </div>
          </section>
        )}

        {step === 3 && (
          <section aria-label={stepTitles[2]} className="ll-card nd-review" data-testid="need-review">
            <p className="ll-lead">{t('post.reviewHint')}</p>
            <dl className="nd-facts">
              <dt>{t('review.category')}</dt>
              <dd>
                {category ? categoryName(category, t, lang, categories) : ''}
                {urgent && <span className="nd-urgent-inline"> · {t('urgency.urgent')}</span>}
              </dd>
              <dt>{t('review.description')}</dt>
              <dd className="nd-pre">{description.trim()}</dd>
              <dt>{t('post.place')}</dt>
              <dd>{place ? `${place.label} · ${place.name}` : ''}</dd>
              {quantityValue && (
                <>
                  <dt>{t('review.quantity')}</dt>
                  <dd>{`${quantityValue} ${unit.trim()}`.trim()}</dd>
                </>
              )}
              <dt>{t('detail.photos')}</dt>
              <dd>
                {uploads.ids.length > 0
                  ? t('post.photoCount', { count: uploads.ids.length })
                  : t('post.noPhotos')}
              </dd>
            </dl>
            {uploads.ids.length > 0 && (
              <ul className="nd-photo-grid nd-photo-grid-small">
                {uploads.items
                  .filter((it) => it.photo)
                  .map((it) => (
                    <li key={it.key} className="nd-photo">
                      <img src={it.preview} alt="" />
                    </li>
                  ))}
              </ul>
            )}
          </section>
        )}

        {problem && <FormError message={problem} />}
      </main>

      <div className="nd-bottom-bar">
        {step > 1 && (
          <Button size="large" onClick={back}>
            {t('post.prev')}
          </Button>
        )}
        {step === 1 && (
          <Button size="large" color="primary" block onClick={nextFromWhat}>
            {t('post.next')}
          </Button>
        )}
        {step === 2 && (
          <Button size="large" color="primary" block onClick={nextFromDetails}>
            {t('post.next')}
          </Button>
        )}
        {step === 3 && (
          <Button size="large" color="primary" block loading={post.isPending} onClick={send}>
            {t('post.send')}
          </Button>
        )}
      </div>
    </div>
  );
}
