import { Button, Checkbox } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIGHT_UP_CONSENT_VERSION } from './lighting.queries.js';

/**
 * The separate consent to light up (PIPL Arts. 28–31): showing party membership publicly is
 * sensitive, so it is asked on its own screen, said plainly, and can be withdrawn at any time.
 */
export function ConsentStep({
  submitting,
  onAgree,
  onDecline,
}: {
  submitting: boolean;
  onAgree: () => void;
  onDecline: () => void;
}) {
  const { t } = useTranslation('lighting');
  const [checked, setChecked] = useState(false);
  return (
    <section className="ll-card lt-consent" aria-labelledby="consent-title" data-testid="consent-step">
      <h2 id="consent-title">{t('consent.title')}</h2>
      <p>{t('consent.intro')}</p>
      <h3>{t('consent.whatTitle')}</h3>
      <ul>
        <li>{t('consent.what1')}</li>
        <li>{t('consent.what2')}</li>
        <li>{t('consent.what3')}</li>
      </ul>
      <h3>{t('consent.whyTitle')}</h3>
      <p>{t('consent.why')}</p>
      <h3>{t('consent.neverTitle')}</h3>
      <p>{t('consent.never')}</p>
      <h3>{t('consent.withdrawTitle')}</h3>
      <p>{t('consent.withdraw')}</p>
      <p className="lt-consent-version">{t('consent.version', { version: LIGHT_UP_CONSENT_VERSION })}</p>
      <Checkbox checked={checked} onChange={setChecked} data-testid="consent-checkbox">
        {t('consent.checkbox')}
      </Checkbox>
      <div className="lt-actions">
        <Button block color="primary" size="large" disabled={!checked} loading={submitting} onClick={onAgree}>
          {t('consent.agree')}
        </Button>
        <Button block fill="none" onClick={onDecline}>
          {t('consent.decline')}
        </Button>
      </div>
    </section>
  );
}
