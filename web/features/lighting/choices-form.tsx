import { Button, Input, Selector, Switch } from 'antd-mobile';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardChoicesView } from './lighting.queries.js';

const SUGGESTED = [
  'policy',
  'mutualAid',
  'mediation',
  'errands',
  'elderly',
  'health',
  'patrol',
  'repairs',
] as const;

/** What the card shows, chosen by the member: title, services, motto, name, flat. */
export function ChoicesForm({
  initial,
  submitLabel,
  submitting,
  onSubmit,
  onCancel,
}: {
  initial: CardChoicesView;
  submitLabel: string;
  submitting?: boolean;
  onSubmit: (choices: CardChoicesView) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('lighting');
  const { t: tc } = useTranslation();
  const ids = {
    title: useId(),
    services: useId(),
    extra: useId(),
    motto: useId(),
    name: useId(),
    flat: useId(),
  };
  const suggestions = SUGGESTED.map((k) => t(`services.${k}`));
  const [title, setTitle] = useState(initial.title);
  const [services, setServices] = useState<string[]>(initial.services);
  const [extra, setExtra] = useState('');
  const [motto, setMotto] = useState(initial.motto ?? '');
  const [showName, setShowName] = useState(initial.showName);
  const [showFlat, setShowFlat] = useState(initial.showFlat);
  const options = [...new Set([...suggestions, ...services])].map((s) => ({ label: s, value: s }));

  const addExtra = () => {
    const s = extra.replace(/[,，、;；\n]/g, ' ').trim();
    if (s && !services.includes(s) && services.length < 10) setServices([...services, s]);
    setExtra('');
  };

  const submit = () =>
    onSubmit({ title: title.trim(), services, motto: motto.trim() || null, showName, showFlat });

  return (
    <section className="ll-card" aria-label={t('form.title')}>
      <div className="lt-field">
        <label className="lt-field-label" htmlFor={ids.title}>
          {t('form.cardTitle')}
        </label>
        <Input
          className="lt-input"
          id={ids.title}
          value={title}
          onChange={setTitle}
          maxLength={40}
          clearable
        />
      </div>
      <div className="lt-field">
        <span className="lt-field-label" id={ids.services}>
          {t('form.services')}
        </span>
        <Selector
          aria-labelledby={ids.services}
          multiple
          columns={2}
          options={options}
          value={services}
          onChange={(v) => setServices(v.slice(0, 10))}
          style={{ '--checked-color': 'var(--ll-red-soft)', '--checked-text-color': 'var(--ll-red)' }}
        />
        <div className="lt-add-row">
          <Input
            className="lt-input"
            id={ids.extra}
            value={extra}
            onChange={setExtra}
            maxLength={40}
            placeholder={t('form.addService')}
            aria-label={t('form.addService')}
            onEnterPress={addExtra}
          />
          <Button size="small" onClick={addExtra} disabled={extra.trim() === ''} className="lt-add-button">
            {t('form.add')}
          </Button>
        </div>
      </div>
      <div className="lt-field">
        <label className="lt-field-label" htmlFor={ids.motto}>
          {t('form.motto')}
        </label>
        <Input
          className="lt-input"
          id={ids.motto}
          value={motto}
          onChange={setMotto}
          maxLength={80}
          placeholder={t('form.mottoHint')}
          clearable
        />
      </div>
      <div className="lt-switch-row">
        <span id={ids.name}>{t('form.showName')}</span>
        <Switch checked={showName} onChange={setShowName} aria-labelledby={ids.name} />
      </div>
      <div className="lt-switch-row">
        <span id={ids.flat}>{t('form.showFlat')}</span>
        <Switch checked={showFlat} onChange={setShowFlat} aria-labelledby={ids.flat} />
      </div>
      <p className="ll-muted">{t('form.privacyNote')}</p>
      <div className="lt-actions">
        <Button
          block
          color="primary"
          size="large"
          onClick={submit}
          disabled={title.trim() === ''}
          loading={submitting}
        >
          {submitLabel}
        </Button>
        {onCancel && (
          <Button block fill="none" onClick={onCancel}>
            {tc('common.cancel')}
          </Button>
        )}
      </div>
    </section>
  );
}
