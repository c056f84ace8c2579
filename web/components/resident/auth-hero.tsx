import { useTranslation } from 'react-i18next';
import { useElderlyToggle } from '../../features/preferences/use-elderly-toggle.js';
import { BrandMark } from '../shared/brand-mark.js';
import { QuickPrefs } from './quick-prefs.js';

/** The top of the log-in and sign-up pages: the mark, a warm title, and the two quick switches. */
export function AuthHero({ title, subtitle }: { title: string; subtitle: string }) {
  const { t } = useTranslation();
  const [elderly, setElderly] = useElderlyToggle();
  return (
    <header className="ll-auth-hero">
      <div className="ll-auth-topbar">
        <span className="ll-brand">
          <BrandMark size={28} />
          <span className="ll-brand-name">{t('app.name')}</span>
        </span>
        <QuickPrefs elderly={elderly} onElderlyChange={setElderly} />
      </div>
      <h1 className="ll-auth-title">{title}</h1>
      <p className="ll-auth-subtitle">{subtitle}</p>
    </header>
  );
}
