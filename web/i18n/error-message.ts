import type { TFunction } from 'i18next';
import { ApiError } from '../api/client.js';
import zhCN from './zh-CN.json' with { type: 'json' };

type ErrorKey = keyof (typeof zhCN)['errors'];

function isErrorKey(code: string): code is ErrorKey {
  return Object.hasOwn(zhCN.errors, code);
}

/**
 * A failure in the reader's language. The API's messages are English, so they are shown as they are
 * only in English (they can be more specific); otherwise the stable code picks the catalogue text.
 */
export function errorMessage(err: unknown, t: TFunction, language: string): string {
  if (err instanceof ApiError) {
    if (language.startsWith('en') && err.code !== 'NETWORK' && err.code !== 'BAD_RESPONSE' && err.message) {
      return err.message;
    }
    return isErrorKey(err.code) ? t(`errors.${err.code}`) : t('errors.UNKNOWN');
  }
  return t('errors.UNKNOWN');
}
