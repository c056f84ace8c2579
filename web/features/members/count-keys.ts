/** The six whole-number headline counts (C7), in the order the district reports them. */
export const COUNT_KEYS = [
  'litHouseholds',
  'smallMattersSolved',
  'needsSolved',
  'membersReportedIn',
  'postsFilled',
  'whistlesAnswered',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];

/** Median minutes as words ("12 分钟"), or a dash when nobody has arrived yet. */
export function medianText(
  minutes: number | null | undefined,
  t: (key: 'counts.minutes' | 'counts.none', options?: { n: number }) => string,
): string {
  return minutes === null || minutes === undefined
    ? t('counts.none')
    : t('counts.minutes', { n: Math.round(minutes) });
}
