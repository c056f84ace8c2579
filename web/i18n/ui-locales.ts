import type { Locale as AntdLocale } from 'antd/es/locale/index.js';
import antdEn from 'antd/es/locale/en_US.js';
import antdZh from 'antd/es/locale/zh_CN.js';
import mobileEn from 'antd-mobile/es/locales/en-US.js';
import mobileZh from 'antd-mobile/es/locales/zh-CN.js';

/**
 * The component libraries ship their locales as ES modules in packages without "type": "module",
 * so TypeScript's NodeNext resolution sees `{ default }` where the bundler hands over the value.
 */
function esDefault<T>(mod: unknown): T {
  const withDefault = mod as { default?: T };
  return withDefault.default ?? (mod as T);
}

type MobileLocale = typeof mobileZh extends { default: infer L } ? L : typeof mobileZh;

const ANTD: Record<'zh' | 'en', AntdLocale> = { zh: esDefault(antdZh), en: esDefault(antdEn) };
const MOBILE: Record<'zh' | 'en', MobileLocale> = { zh: esDefault(mobileZh), en: esDefault(mobileEn) };

const key = (language: string) => (language.startsWith('en') ? 'en' : 'zh');

/** antd's texts (pagination, empty states, pickers) in the reader's language. */
export const antdLocale = (language: string): AntdLocale => ANTD[key(language)];

/** antd-mobile's texts in the reader's language. */
export const mobileLocale = (language: string): MobileLocale => MOBILE[key(language)];
