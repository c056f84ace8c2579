/** Limits shared by the API, the web app and the database. */
export const LIMITS = {
  placeName: 100,
  displayName: 50,
  username: 32,
  passwordMin: 8,
  passwordMax: 128,
  reason: 500,
  pageSizeDefault: 20,
  pageSizeMax: 100,
  smsCodeLength: 6,
} as const;

/** At least 8 characters with at least one letter and one digit. */
export function isStrongPassword(password: string): boolean {
  return (
    password.length >= LIMITS.passwordMin &&
    password.length <= LIMITS.passwordMax &&
    /[A-Za-z]/.test(password) &&
    /\d/.test(password)
  );
}

/** Mainland mobile numbers: 11 digits starting with 1. Other formats are refused with a clear message. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/;
