import { Button, Popup, TextArea } from 'antd-mobile';
import { AddOutline, MinusOutline, StarFill } from 'antd-mobile-icons';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NEED_LIMITS } from '../../../domain/needs.js';
import { FormError } from '../../components/resident/form-error.js';
import { PhotoPicker } from './photo-picker.js';
import { usePhotoUploads } from './photo-uploads.js';
import type { ConfirmInput, ServiceLogInput } from './needs.queries.js';

/** 1–5 stars as a radio group of large buttons. */
function StarInput({
  value,
  onChange,
  label,
}: {
  value: number;
  onChange: (n: number) => void;
  label: string;
}) {
  const { t } = useTranslation('needs');
  return (
    <div className="nd-star-input" role="radiogroup" aria-label={label}>
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          type="button"
          role="radio"
          aria-checked={value === n}
          aria-label={t('detail.star', { n })}
          className={n <= value ? 'is-on' : ''}
          onClick={() => onChange(n)}
        >
          <StarFill aria-hidden />
        </button>
      ))}
    </div>
  );
}

/** "Is it solved?": rate and thank, or say it is not solved. */
export function ConfirmForm({
  onConfirm,
  onReopen,
  submitting,
}: {
  onConfirm: (body: ConfirmInput) => void;
  onReopen: () => void;
  submitting: boolean;
}) {
  const { t } = useTranslation('needs');
  const [rating, setRating] = useState(5);
  const [thanks, setThanks] = useState('');
  const thanksId = useId();
  return (
    <section className="ll-card nd-confirm" aria-labelledby="confirm-title" data-testid="confirm-form">
      <h2 id="confirm-title" className="nd-h2">
        {t('detail.confirmTitle')}
      </h2>
      <p className="ll-muted">{t('detail.confirmHint')}</p>
      <StarInput value={rating} onChange={setRating} label={t('detail.rateLabel')} />
      <label className="ll-field-label" htmlFor={thanksId}>
        {t('detail.thanksLabel')}
      </label>
      <div className="ll-input-box">
        <TextArea
          id={thanksId}
          value={thanks}
          onChange={setThanks}
          placeholder={t('detail.thanksPlaceholder')}
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={NEED_LIMITS.thanks}
        />
      </div>
      <Button
        block
        color="primary"
        size="large"
        loading={submitting}
        onClick={() => onConfirm({ rating, thanks: thanks.trim() || null })}
      >
        {t('detail.confirmSubmit')}
      </Button>
      <Button block fill="none" className="nd-secondary" onClick={onReopen}>
        {t('action.reopen')}
      </Button>
    </section>
  );
}

/** A bottom sheet with a title, a form, and one big button at thumb height. */
function Sheet({
  visible,
  onClose,
  title,
  children,
}: {
  visible: boolean;
  onClose: () => void;
  title: string;
  children: React.ReactNode;
}) {
  const titleId = useId();
  return (
    <Popup
      visible={visible}
      onMaskClick={onClose}
      onClose={onClose}
      showCloseButton
      bodyClassName="nd-sheet"
      destroyOnClose
    >
      <div role="dialog" aria-labelledby={titleId}>
        <h2 id={titleId} className="nd-sheet-title">
          {title}
        </h2>
        {children}
      </div>
    </Popup>
  );
}

/** "Not solved": the reason is required, so the helpers know what to look at. */
export function ReopenSheet({
  visible,
  onClose,
  onSubmit,
  submitting,
}: {
  visible: boolean;
  onClose: () => void;
  onSubmit: (reason: string) => void;
  submitting: boolean;
}) {
  const { t } = useTranslation('needs');
  const [reason, setReason] = useState('');
  const id = useId();
  return (
    <Sheet visible={visible} onClose={onClose} title={t('detail.reopenTitle')}>
      <label className="ll-field-label" htmlFor={id}>
        {t('detail.reasonLabel')}
      </label>
      <div className="ll-input-box">
        <TextArea
          id={id}
          value={reason}
          onChange={setReason}
          placeholder={t('detail.reasonPlaceholder')}
          autoSize={{ minRows: 3, maxRows: 6 }}
          maxLength={NEED_LIMITS.note}
        />
      </div>
      <Button
        block
        color="primary"
        size="large"
        disabled={!reason.trim()}
        loading={submitting}
        onClick={() => onSubmit(reason.trim())}
      >
        {t('detail.reopenSubmit')}
      </Button>
    </Sheet>
  );
}

/** A whole number (or half hours) with big minus and plus buttons beside a typed field. */
function NumberField({
  label,
  hint,
  value,
  onChange,
  step = 1,
  max,
  testId,
}: {
  label: string;
  hint?: string;
  value: number;
  onChange: (n: number) => void;
  step?: number;
  max: number;
  testId: string;
}) {
  const { t } = useTranslation('needs');
  const id = useId();
  const clamp = (n: number) => Math.max(0, Math.min(max, Math.round(n / step) * step));
  return (
    <div className="nd-number">
      <label className="ll-field-label" htmlFor={id}>
        {label}
      </label>
      {hint && <p className="ll-muted">{hint}</p>}
      <div className="nd-number-row">
        <button
          type="button"
          aria-label={t('log.decrease', { label })}
          onClick={() => onChange(clamp(value - step))}
        >
          <MinusOutline aria-hidden />
        </button>
        <input
          id={id}
          type="number"
          inputMode={step < 1 ? 'decimal' : 'numeric'}
          min={0}
          max={max}
          step={step}
          value={value}
          onChange={(e) => onChange(clamp(Number(e.target.value) || 0))}
          data-testid={testId}
        />
        <button
          type="button"
          aria-label={t('log.increase', { label })}
          onClick={() => onChange(clamp(value + step))}
        >
          <AddOutline aria-hidden />
        </button>
      </div>
    </div>
  );
}

/** Log service: what was done, hours, helpers from outside the platform, items handled, photos. */
export function LogSheet({
  visible,
  onClose,
  onSubmit,
  submitting,
  error,
}: {
  visible: boolean;
  onClose: () => void;
  onSubmit: (body: ServiceLogInput) => void;
  submitting: boolean;
  error: string | null;
}) {
  const { t } = useTranslation('needs');
  const [note, setNote] = useState('');
  const [hours, setHours] = useState(1);
  const [outside, setOutside] = useState(0);
  const [items, setItems] = useState(0);
  const uploads = usePhotoUploads();
  const noteId = useId();
  return (
    <Sheet visible={visible} onClose={onClose} title={t('log.title')}>
      <label className="ll-field-label" htmlFor={noteId}>
        {t('log.note')}
      </label>
      <div className="ll-input-box">
        <TextArea
          id={noteId}
          value={note}
          onChange={setNote}
          placeholder={t('log.notePlaceholder')}
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={NEED_LIMITS.note}
        />
      </div>
      <NumberField
        label={t('log.hours')}
        value={hours}
        onChange={setHours}
        step={0.5}
        max={NEED_LIMITS.hoursMax}
        testId="log-hours"
      />
      <NumberField
        label={t('log.outsideHelpers')}
        hint={t('log.outsideHint')}
        value={outside}
        onChange={setOutside}
        max={NEED_LIMITS.helpersMax}
        testId="log-outside"
      />
      <NumberField
        label={t('log.items')}
        value={items}
        onChange={setItems}
        max={NEED_LIMITS.quantityMax}
        testId="log-items"
      />
      <PhotoPicker uploads={uploads} label={t('log.photos')} />
      {error && <FormError message={error} />}
      <Button
        block
        color="primary"
        size="large"
        className="nd-sheet-submit"
        disabled={uploads.busy}
        loading={submitting}
        onClick={() =>
          onSubmit({
            note: note.trim() || null,
            hours,
            outsideHelpers: outside,
            itemsHandled: items,
            photoIds: uploads.ids,
          })
        }
      >
        {t('log.submit')}
      </Button>
    </Sheet>
  );
}

/** "Followed up": what came of it, optional, so the need's timeline can say. */
export function FollowUpDoneSheet({
  visible,
  onClose,
  onSubmit,
  submitting,
  error,
}: {
  visible: boolean;
  onClose: () => void;
  onSubmit: (outcome: string | null) => void;
  submitting: boolean;
  error: string | null;
}) {
  const { t } = useTranslation('needs');
  const [outcome, setOutcome] = useState('');
  const id = useId();
  return (
    <Sheet visible={visible} onClose={onClose} title={t('followUps.doneTitle')}>
      <label className="ll-field-label" htmlFor={id}>
        {t('followUps.outcomeLabel')}
      </label>
      <div className="ll-input-box">
        <TextArea
          id={id}
          value={outcome}
          onChange={setOutcome}
          placeholder={t('followUps.outcomePlaceholder')}
          autoSize={{ minRows: 3, maxRows: 6 }}
          maxLength={NEED_LIMITS.note}
        />
      </div>
      {error && <FormError message={error} />}
      <Button
        block
        color="primary"
        size="large"
        className="nd-sheet-submit"
        loading={submitting}
        onClick={() => onSubmit(outcome.trim() || null)}
        data-testid="follow-up-submit"
      >
        {t('followUps.doneSubmit')}
      </Button>
    </Sheet>
  );
}
