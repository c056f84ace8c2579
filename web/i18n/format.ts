/** Dates and times in the reader's language, in the browser's time zone. */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

/** The names along a path, joined the way each language reads a place. */
export function joinPath(names: string[], language: string): string {
  return language.startsWith('zh') ? names.join(' · ') : names.join(' › ');
}

const collators = new Map<string, Intl.Collator>();

/** Order names as people read them: 2幢 before 10幢, 102室 before 1101室. */
export function byName(language: string): (a: { name: string }, b: { name: string }) => number {
  let collator = collators.get(language);
  if (!collator) {
    collator = new Intl.Collator(language, { numeric: true, sensitivity: 'base' });
    collators.set(language, collator);
  }
  const c = collator;
  return (a, b) => c.compare(a.name, b.name);
}
