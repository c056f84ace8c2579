import { useTranslation } from 'react-i18next';
import { DEFAULT_POSTS } from '../../../domain/members.js';
import type members from '../../i18n/members.zh-CN.json';

type PostCode = keyof (typeof members)['postCode'];

/** A date (no time) in the reader's language. */
export function formatDay(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    date,
  );
}

/** A short time: today's hour and minute, or the month, day, hour and minute. */
export function formatWhen(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

/**
 * The name a post goes by: a default post still under its default name is worded by the catalogue
 * (so it reads in the reader's language); a renamed or community's own post keeps its name.
 */
export function usePostName(): (post: { code: string | null; name: string }) => string {
  const { t } = useTranslation('members');
  return (post) => {
    const d = DEFAULT_POSTS.find((p) => p.code === post.code);
    return d && (post.name === d.nameZh || post.name === d.nameEn)
      ? t(`postCode.${d.code as PostCode}`)
      : post.name;
  };
}
