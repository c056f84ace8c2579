// The district's wall clock. Linli's districts are in China: China Standard Time, UTC+8, with no
// daylight saving, so a constant offset is exact. Instants are stored in UTC; a calendar day a member
// names ("I fixed it today", "from 1 November") and the times an export prints are the district's.

export const DISTRICT_UTC_OFFSET_MS = 8 * 3_600_000;

/** The district's calendar day at an instant: 2026-11-30 at 2026-11-29T20:00Z. */
export function districtDay(instant: string | Date): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + DISTRICT_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The district's wall-clock minute at an instant, for people to read: "2026-11-30 04:00". */
export function districtMinute(instant: string): string {
  const local = new Date(Date.parse(instant) + DISTRICT_UTC_OFFSET_MS).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** The instant a district calendar day (YYYY-MM-DD) begins: 2026-11-30 → 2026-11-29T16:00:00.000Z. */
export function districtDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - DISTRICT_UTC_OFFSET_MS).toISOString();
}
