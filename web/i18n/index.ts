import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { NAMESPACES } from './namespaces.js';

/** The languages both shells offer; the first is the default. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where the chosen language is remembered across visits (shared by both shells). */
export const LANGUAGE_KEY = 'linli.lang';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(LANGUAGE_KEY);
    return isLanguage(value) ? value : LANGUAGES[0];
  } catch {
    return LANGUAGES[0];
  }
}

function applyToDocument(lang: Language) {
  document.documentElement.lang = lang;
}

/** Start i18next synchronously with both catalogues bundled: no flash of keys on first paint. */
export function initI18n(titleKey: 'app.name' | 'app.consoleName'): typeof i18n {
  const lng = storedLanguage();
  i18n.on('languageChanged', () => {
    document.title = i18n.t(titleKey);
  });
  void i18n.use(initReactI18next).init({
    resources: Object.fromEntries(
      LANGUAGES.map((lang) => [
        lang,
        Object.fromEntries(Object.entries(NAMESPACES).map(([ns, c]) => [ns, c[lang]])),
      ]),
    ),
    ns: Object.keys(NAMESPACES),
    defaultNS: 'translation',
    lng,
    fallbackLng: LANGUAGES[0],
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyToDocument(lng);
  document.title = i18n.t(titleKey);
  return i18n;
}

/** The language a one-tap switch offers: the one not in use. */
export function otherLanguage(current: string): Language {
  return LANGUAGES.find((l) => !current.startsWith(l.slice(0, 2))) ?? LANGUAGES[0];
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : LANGUAGES[0];
}

/** Switch the language now and remember it for the next visit. */
export async function setLanguage(lang: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANGUAGE_KEY, lang);
  } catch {
    // Private mode may refuse storage; the switch still applies to this visit.
  }
  applyToDocument(lang);
  await i18n.changeLanguage(lang);
}
