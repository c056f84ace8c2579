/** A day, in the reader's language: 2026/11/09 or 11/09/2026. */
export function formatDate(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    date,
  );
}

/** How each language lists names in a row: 张海、刘芳 / Zhang Hai, Liu Fang. */
export function separator(language: string): string {
  return language.startsWith('zh') ? '、' : ', ';
}
