import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES, setLanguage, type Language } from '../../i18n/index.js';

/** Both languages side by side, each named in itself; the choice is remembered. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('common.language')}
      value={currentLanguage()}
      options={LANGUAGES.map((l) => ({ value: l, label: <span lang={l}>{t(`language.${l}`)}</span> }))}
      onChange={(l) => void setLanguage(l)}
    />
  );
}
