/** Personal data shown on screen is de-identified unless the viewer serves the person (GB/T 35273 §7.2). */

/**
 * 13812345678 → 138****5678; shorter values keep only their last two characters (a 3+4 mask on
 * a 7-character value would hide nothing).
 */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  if (phone.length >= 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  return `${'*'.repeat(Math.max(phone.length - 2, 0))}${phone.slice(-2)}`;
}

/** 王小明 → 王**; Alice Smith → A**** */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 4))}`;
}
