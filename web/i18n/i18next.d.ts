import 'i18next';
import type { NAMESPACES } from './namespaces.js';

/** Keys passed to t() are checked against the default catalogue at compile time. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { [N in keyof typeof NAMESPACES]: (typeof NAMESPACES)[N]['zh-CN'] };
    returnNull: false;
  }
}
