import en from './en.json' with { type: 'json' };
import zhCN from './zh-CN.json' with { type: 'json' };

/**
 * Every catalogue, by i18next namespace. `translation` holds the shells and the foundation; each
 * later feature adds its own pair of files (`<feature>.zh-CN.json`, `<feature>.en.json`) and one
 * entry here, and uses `useTranslation('<feature>')`.
 */
export const NAMESPACES = {
  translation: { 'zh-CN': zhCN, en },
} as const;

export type Namespace = keyof typeof NAMESPACES;
