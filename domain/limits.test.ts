import { describe, expect, it } from 'vitest';
import { isStrongPassword, LIMITS, PHONE_PATTERN, USERNAME_PATTERN } from './limits.js';

describe('isStrongPassword', () => {
  it.each([
    ['abc12345', true],
    ['linli2026', true],
    ['A1bcdefg', true],
    ['abc1234', false],
    ['abcdefgh', false],
    ['12345678', false],
    ['        ', false],
    ['密码密码密码密码1', false],
    ['', false],
  ])('%j → %s', (pw, strong) => {
    expect(isStrongPassword(pw)).toBe(strong);
  });

  it('refuses passwords longer than the limit', () => {
    expect(isStrongPassword(`a1${'x'.repeat(LIMITS.passwordMax - 2)}`)).toBe(true);
    expect(isStrongPassword(`a1${'x'.repeat(LIMITS.passwordMax - 1)}`)).toBe(false);
  });
});

describe('patterns', () => {
  it('accepts mainland mobile numbers only', () => {
    expect(PHONE_PATTERN.test('13800000017')).toBe(true);
    expect(PHONE_PATTERN.test('19912345678')).toBe(true);
    for (const bad of ['12800000017', '1380000001', '138000000170', '+8613800000017', '1380000001a']) {
      expect(PHONE_PATTERN.test(bad)).toBe(false);
    }
  });

  it('accepts lower-case usernames that start with a letter', () => {
    expect(USERNAME_PATTERN.test('staff.xinjing')).toBe(true);
    for (const bad of ['1abc', 'ab', 'Staff', 'a b c', `a${'b'.repeat(32)}`])
      expect(USERNAME_PATTERN.test(bad)).toBe(false);
  });
});
