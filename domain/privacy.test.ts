import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskName, maskPhone } from './privacy.js';

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13800000017')).toBe('138****0017');
    expect(maskPhone('13912345678')).toBe('139****5678');
  });

  it('keeps only the last two characters of short values, and passes null through', () => {
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('1234567')).toBe('*****67');
    expect(maskPhone('88123456')).toBe('******56');
    expect(maskPhone('12')).toBe('12');
    expect(maskPhone('')).toBe('');
    expect(maskPhone(null)).toBeNull();
  });

  it('always hides at least four characters (or all but two of a short value)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9+-]{0,20}$/), (phone) => {
        const masked = maskPhone(phone)!;
        const shown = [...masked].filter((c) => c !== '*').length;
        expect(shown).toBeLessThanOrEqual(phone.length - Math.min(4, Math.max(phone.length - 2, 0)));
      }),
    );
  });
});

describe('maskName', () => {
  it('keeps the first character', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('欧阳')).toBe('欧*');
    expect(maskName('Alice Smith')).toBe('A****');
    expect(maskName('王')).toBe('王');
  });

  it('treats characters outside the basic plane as one character', () => {
    expect(maskName('𠮷野家')).toBe('𠮷**');
  });
});
