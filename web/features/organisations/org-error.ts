import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client.js';
import { errorMessage } from '../../i18n/error-message.js';
import zhCN from '../../i18n/organisation.zh-CN.json' with { type: 'json' };

type OrgErrorCode = keyof (typeof zhCN)['errors'];

function isOrgCode(code: string): code is OrgErrorCode {
  return Object.hasOwn(zhCN.errors, code);
}

/**
 * A refusal of the organisation API in the reader's language. English readers get the API's own
 * (more specific) words; others get the catalogue's text for the code, with the S3 numbers filled in.
 */
export function orgErrorMessage(
  err: unknown,
  t: TFunction<'organisation'>,
  tBase: TFunction,
  language: string,
  context: { name?: string } = {},
): string {
  if (err instanceof ApiError && isOrgCode(err.code) && !language.startsWith('en')) {
    const detail = (path: string) => err.details.find((d) => d.path === path)?.message ?? '';
    return t(`errors.${err.code}`, {
      name: context.name ?? '',
      n: detail('count'),
      limit: detail('limit'),
    });
  }
  return errorMessage(err, tBase, language);
}
