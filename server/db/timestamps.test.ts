import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoFromTimestamptz } from './index.js';

/** How PostgreSQL prints a timestamptz in a UTC session: trailing zeros of the fraction dropped. */
function printed(d: Date, micros: number): string {
  const iso = d.toISOString();
  const fraction = (
    String(d.getUTCMilliseconds()).padStart(3, '0') + String(micros).padStart(3, '0')
  ).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''}+00`;
}

describe('timestamps from PostgreSQL', () => {
  it('gives what new Date(v).toISOString() gives, for every UTC timestamp', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 999 }),
        (d, micros) => {
          const v = printed(d, micros);
          expect(isoFromTimestamptz(v)).toBe(new Date(v).toISOString());
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads other forms through Date', () => {
    for (const v of ['2026-11-30 09:28:33.5+08', '2026-11-30 01:28:33+00', '2026-11-30 01:28:33.123456+00']) {
      expect(isoFromTimestamptz(v)).toBe(new Date(v).toISOString());
    }
    expect(isoFromTimestamptz('2026-11-30 09:28:33+08')).toBe('2026-11-30T01:28:33.000Z');
  });
});
