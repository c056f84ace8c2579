import { useTranslation } from 'react-i18next';
import { otherLanguage, setLanguage } from '../../i18n/index.js';

/**
 * The two switches every screen keeps in the top corner: elderly mode (a visible 长辈版 switch on the
 * first screen, per the MIIT guideline) and the other language, named in itself.
 */
export function QuickPrefs({
  elderly,
  onElderlyChange,
}: {
  elderly: boolean;
  onElderlyChange: (on: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const next = otherLanguage(i18n.language);
  return (
    <div className="ll-quick-prefs">
      <button
        type="button"
        className="ll-pill"
        lang={next}
        aria-label={t('language.switchToNamed', { name: t(`language.${next}`) })}
        onClick={() => void setLanguage(next)}
      >
        {t(`language.${next}`)}
      </button>
      <button
        type="button"
        className={elderly ? 'll-pill ll-pill-on' : 'll-pill'}
        aria-pressed={elderly}
        onClick={() => onElderlyChange(!elderly)}
        data-testid="elderly-toggle"
      >
        {t('elderly.name')}
      </button>
    </div>
  );
}
